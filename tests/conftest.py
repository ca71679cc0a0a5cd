"""Shared fixtures: the test scenario, bundled scenarios and a throwaway data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import i18n
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


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> object:
    """Tests run in English whatever the machine's locale; a test that switches language switches back."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
