"""The command line: clear one-line errors with exit code 2, and working subcommands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def test_unknown_policy_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--policy", "bold"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown policy 'bold'" in err and "historical" in err and "coa2-define-poc" in err


def test_unknown_scenario_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--scenario", "atlantis"]) == 2
    err = capsys.readouterr().err
    assert "unknown scenario" in err and "mali-2019" in err and "Traceback" not in err


def test_validate_reports_all_problems_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "mini.yaml")]) == 0
    assert (
        main(
            [
                "validate",
                str(FIXTURES / "broken" / "unknown_base.yaml"),
                str(FIXTURES / "broken" / "bad_strength.yaml"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "unknown_base.yaml:41:87" in err and "bad_strength.yaml:40:76" in err


def test_simulate_json_has_every_turn(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--scenario", str(FIXTURES / "mini.yaml"), "--seed", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [t["turn"] for t in data["turns"]] == [1, 2, 3, 4]
    first = data["turns"][0]
    assert set(first["credibility"]) == {"north", "centre", "south"}
    assert {
        "civilians_killed_by_perpetrator",
        "civilians_killed_by_region",
        "peacekeepers_killed",
        "events",
    } <= set(first)
    assert data["scorecard"]["measures"]


def test_simulate_text_prints_turns_and_scorecard(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--scenario", str(FIXTURES / "mini.yaml"), "--policy", "passive"]) == 0
    out = capsys.readouterr().out
    assert "2019-04" in out and "National credibility" in out


def test_simulate_text_names_regions_and_armed_groups(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--scenario", "tutorial", "--seed", "3", "--policy", "historical"]) == 0
    scorecard = capsys.readouterr().out.split("National credibility")[1]
    perpetrators = next(line for line in scorecard.splitlines() if line.startswith("Civilians killed by"))
    assert "Dan Na Ambassagou" in perpetrators and "dozo_militia" not in perpetrators
    assert "Credibility by region: Tombouctou" in scorecard


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Scenario"


def test_python_dash_m_game_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "game", "simulate", "--policy", "nope"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "unknown policy" in result.stderr
