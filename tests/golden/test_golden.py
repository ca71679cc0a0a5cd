"""Whole games must replay exactly as the committed golden files say."""

from __future__ import annotations

import difflib

import pytest

from tests.golden.playthroughs import CASES, golden_path, playthrough


@pytest.mark.parametrize(("scenario", "seed", "policy"), CASES)
def test_golden_playthrough(scenario: str, seed: int, policy: str) -> None:
    expected = golden_path(scenario, seed, policy).read_text(encoding="utf-8")
    actual = playthrough(scenario, seed, policy)
    if actual != expected:
        diff = "".join(
            list(
                difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "now", n=2)
            )[:60]
        )
        pytest.fail(
            "the rules changed this playthrough; if intended, regenerate with "
            "`uv run python tests/golden/playthroughs.py`\n" + diff
        )
