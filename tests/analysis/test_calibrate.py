"""`minusma calibrate`: where, by whom and how hard, beside history; --check fails a row out of range."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.analysis.calibrate import calibrate, sparkline
from game.cli import main
from game.scenario.loader import load_scenario

ROOT = Path(__file__).parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"


def test_historical_policy_passes_the_check_over_50_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["calibrate", "--seeds", "50", "--check", "--workers", "2"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "Every row with a historical range is inside it." in out
    rows = ("share in Mopti", "share in Ménaka", "share by Community militias", "host forces killed")
    for row in (*rows, "attacks on peacekeepers", "attacks on host forces", "S/2021/519"):
        assert row in out
    assert "Civilian deaths per month" in out
    assert "credibility in Gao" in out and "Mali-Metre" in out and "credibility rows inside" in out


def _mini_with(tmp_path: Path, **history: object) -> Path:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["history"].update(history)
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_check_exits_1_and_names_the_rows_outside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _mini_with(
        tmp_path,
        regional_shares=[{"period": "2019", "of": "south", "low": 90, "high": 100, "source": "impossible"}],
    )
    code = main(["calibrate", "--scenario", str(path), "--seeds", "4", "--check", "--workers", "1"])
    out, _ = capsys.readouterr()
    assert code == 1
    assert "share in South 2019:" in out and "against 90-100%" in out
    # without --check the same table is only shown
    assert main(["calibrate", "--scenario", str(path), "--seeds", "4", "--workers", "1"]) == 0


def test_shares_are_of_each_games_period_total(tmp_path: Path) -> None:
    path = _mini_with(
        tmp_path,
        regional_shares=[
            {"period": "2019", "of": region, "low": 0, "high": 100, "source": "test"}
            for region in ("north", "centre", "south")
        ],
        perpetrator_groups=[
            {"id": "armed", "name": "Armed groups", "actors": ["jnim", "militia", "crossfire"]},
            {"id": "state", "name": "The state", "actors": ["fama"]},
        ],
        perpetrator_shares=[
            {"period": "2019", "of": group, "low": 0, "high": 100, "source": "test"}
            for group in ("armed", "state")
        ],
    )
    result = calibrate(load_scenario(path), seeds=6, workers=1)
    regions = [row for row in result.rows if row.measure.startswith("share in")]
    groups = [row for row in result.rows if row.measure.startswith("share by")]
    assert sum(row.mean for row in regions) == pytest.approx(100, abs=0.5)
    assert sum(row.mean for row in groups) == pytest.approx(100, abs=0.5)
    for row in regions + groups:
        assert row.p10 <= row.mean <= row.p90 or row.p10 == row.p90
    assert set(result.monthly) == {"north", "centre", "south"}


def test_unknown_perpetrator_group_is_refused(tmp_path: Path) -> None:
    path = _mini_with(
        tmp_path, perpetrator_shares=[{"period": "2019", "of": "ghosts", "low": 0, "high": 5, "source": "x"}]
    )
    with pytest.raises(Exception, match="unknown group 'ghosts'"):
        load_scenario(path)


def test_sparkline_scales_to_the_top_value() -> None:
    assert sparkline([0, 4, 8], 8) == " ▄█"
    assert sparkline([0, 0], 0) == "  "


def test_attack_counts_are_checked_where_the_record_counts_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unchecked = calibrate(load_scenario(MINI), seeds=2, workers=1)
    rows = [row for row in unchecked.rows if row.measure.startswith("attacks on")]
    assert {row.measure for row in rows} == {"attacks on peacekeepers", "attacks on host forces"}
    assert all(row.low is None and row.verdict == "-" and "no UN SG count" in row.source for row in rows)
    path = _mini_with(
        tmp_path,
        attacks_on_peacekeepers=[{"period": "2019", "low": 900, "high": 999, "source": "impossible"}],
        attacks_on_host_forces=[{"period": "2019", "low": 0, "high": 900, "source": "anything"}],
    )
    checked = {row.measure: row for row in calibrate(load_scenario(path), seeds=2, workers=1).rows}
    assert checked["attacks on peacekeepers"].verdict == "LOW"
    assert checked["attacks on host forces"].verdict == "yes"
    code = main(["calibrate", "--scenario", str(path), "--seeds", "2", "--check", "--workers", "1"])
    out, _ = capsys.readouterr()
    assert code == 1
    assert "attacks on peacekeepers 2019:" in out and "against 900-999" in out


def _opinion(period: str, of: str, low: int, high: int) -> dict[str, object]:
    return {"period": period, "of": of, "low": low, "high": high, "source": f"survey of {of}"}


def test_credibility_rows_are_the_end_of_period_value_shown_never_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.analysis.simulate import simulate
    from game.engine.score import in_period, national

    path = _mini_with(
        tmp_path,
        credibility=[
            _opinion("2019", "north", 0, 100),
            _opinion("2019", "centre", 100, 100),  # out of reach: shown LOW, never a failure
            _opinion("2019", "national", 0, 100),
        ],
    )
    scenario = load_scenario(path)
    rows = {row.measure: row for row in calibrate(scenario, seeds=1, workers=1).rows if not row.checked}
    assert set(rows) == {"credibility in North", "credibility in Centre", "national credibility"}
    last = [r for r in simulate(scenario, 1, "historical").state.history if in_period(r.month, "2019")][-1]
    assert rows["credibility in North"].mean == last.credibility["north"]
    assert rows["credibility in Centre"].mean == last.credibility["centre"]
    assert rows["national credibility"].mean == national(last.credibility)
    assert rows["credibility in Centre"].verdict == "LOW" and rows["credibility in North"].verdict == "yes"
    code = main(["calibrate", "--scenario", str(path), "--seeds", "1", "--check", "--workers", "1"])
    out, _ = capsys.readouterr()
    assert code == 0, out
    assert "(LOW)" in out and "(yes)" in out and "survey of centre" in out
    assert "Shown, not checked (verdicts in brackets): 2 of 3 credibility rows inside" in out
    assert "Every row with a historical range is inside it." in out


def test_a_survey_of_an_unknown_region_is_refused(tmp_path: Path) -> None:
    path = _mini_with(tmp_path, credibility=[_opinion("2019", "atlantis", 0, 50)])
    with pytest.raises(Exception, match="unknown region 'atlantis'"):
        load_scenario(path)
    with pytest.raises(Exception, match="lower bound 60 is above the upper bound 50"):
        load_scenario(_mini_with(tmp_path, credibility=[_opinion("2019", "north", 60, 50)]))


def test_the_surveys_of_mali_2019_cover_every_region_and_period() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "mali-2019.yaml")
    opinions = scenario.history.credibility
    periods = [m.period for m in scenario.history.civilians_killed]
    regions = {r.id for r in scenario.regions}
    for period in periods:
        assert {o.of for o in opinions if o.period == period} >= regions, period
    for opinion in opinions:
        assert "Mali-Metre" in opinion.source and opinion.high - opinion.low >= 20, opinion


ARMED = [{"id": "armed", "name": "Armed groups", "actors": ["jnim", "militia"]}]


def test_where_a_group_killed_is_its_share_of_its_own_victims_shown_never_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.analysis.simulate import simulate
    from game.engine.score import in_period

    place = {"period": "2019", "group": "armed", "of": "centre", "low": 100, "high": 100, "source": "a note"}
    path = _mini_with(tmp_path, perpetrator_groups=ARMED, perpetrator_places=[place])
    scenario = load_scenario(path)
    rows = [row for row in calibrate(scenario, seeds=1, workers=1).rows if row.measure.startswith("victims")]
    assert [row.measure for row in rows] == ["victims in Centre, of Armed groups"]
    killed = {"centre": 0, "all": 0}
    for record in simulate(scenario, 1, "historical").state.history:
        if in_period(record.month, "2019"):
            for region, by in record.civilians_killed.items():
                armed = by.get("jnim", 0) + by.get("militia", 0)
                killed["all"] += armed
                killed["centre"] += armed if region == "centre" else 0
    assert killed["all"] > killed["centre"] > 0  # the measure below can tell a share from a count
    assert rows[0].mean == pytest.approx(100 * killed["centre"] / killed["all"])
    assert not rows[0].checked and rows[0].verdict == "LOW"
    code = main(["calibrate", "--scenario", str(path), "--seeds", "1", "--check", "--workers", "1"])
    out, _ = capsys.readouterr()
    assert code == 0, out
    assert "(LOW)" in out and "a note" in out and "credibility rows" not in out


def test_where_an_unknown_group_killed_is_refused(tmp_path: Path) -> None:
    place = {"period": "2019", "group": "ghosts", "of": "centre", "low": 0, "high": 100, "source": "x"}
    with pytest.raises(Exception, match="unknown group 'ghosts'"):
        load_scenario(_mini_with(tmp_path, perpetrator_groups=ARMED, perpetrator_places=[place]))
