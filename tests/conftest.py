"""Shared fixtures: the test scenario, bundled scenarios and a throwaway data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import load_scenario
from game.scenario.models import Scenario

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def mini() -> Scenario:
    return load_scenario(FIXTURES / "mini.yaml")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never let a test write saves into the real user data folder."""
    monkeypatch.setenv("MINUSMA_DATA_DIR", str(tmp_path_factory.mktemp("minusma-data")))
