"""`minusma analyse`: tables, exports, clear errors for bad input, and Ctrl-C from the terminal."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).parents[2]
MINI = str(ROOT / "tests" / "fixtures" / "mini.yaml")
EXAMPLE = str(ROOT / "scenarios" / "policies" / "example.yaml")


def analyse(*args: str) -> int:
    return main(["analyse", "--scenario", MINI, "--workers", "1", *args])


def test_tables_plots_and_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    games_csv, summary_json = tmp_path / "games.csv", tmp_path / "out" / "games.json"
    code = analyse(
        "--runs", "6", "--policy", "passive", "--policy", "historical",
        "--csv", str(games_csv), "--json", str(summary_json),
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "National credibility at the end (0-100) (higher is better)" in out
    assert "Civilians killed in 2019" in out and "Credibility in Centre at the end" in out
    assert "diff vs passive" in out and "% of games" in out  # baseline: the first policy; a plot
    rows = list(csv.DictReader(games_csv.open()))
    assert [(r["policy"], r["seed"]) for r in rows][:2] == [("passive", "1"), ("passive", "2")]
    assert len(rows) == 12 and "mandate_outcomes" in rows[0]
    data = json.loads(summary_json.read_text())
    assert data["policies"] == ["passive", "historical"] and data["games_finished"] == 12
    by_policy = data["summary"]["civilians_killed"]["policies"]
    passive_deaths = [g["measures"]["civilians_killed"] for g in data["games"] if g["policy"] == "passive"]
    assert by_policy["passive"]["mean"] == pytest.approx(sum(passive_deaths) / 6)
    assert "vs_baseline" in by_policy["historical"] and "vs_baseline" not in by_policy["passive"]


def test_measure_filter_and_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    code = analyse(
        "--runs", "3", "--policy", "passive", "--policy", "historical", "--baseline", "historical",
        "--measure", "peacekeepers", "--no-plots",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Peacekeepers killed, whole game" in out and "diff vs historical" in out
    assert "Civilians killed" not in out and "% of games" not in out


def test_list_policies_shows_built_ins_and_bundled_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "--list-policies"]) == 0
    out = capsys.readouterr().out
    assert "coa2-define-poc" in out and "poc-first-mtf-air" in out
    assert "example.yaml" in out and "centre-surge" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--policy", "bold"], "unknown policy 'bold'; built-in policies: historical, passive"),
        (["--policy", "historical", "--policy", "historical"], "policy historical is given twice"),
        (["--policy", "passive", "--baseline", "historical"], "the baseline 'historical' is not among"),
        (["--runs", "0"], "--runs must be at least 1"),
        (["--workers", "0"], "--workers must be at least 1"),
        (["--executor", "dask"], "--executor dask needs --scheduler ADDRESS"),
        (["--scheduler", "tcp://x:1"], "--scheduler is for --executor dask"),
        (["--executor", "dask", "--scheduler", "tcp://x:1"], "--workers is for the process executor"),
        (["--measure", "happiness", "--runs", "1", "--policy", "passive"], "no measure matches happiness"),
        (["--policy", "missing.yaml"], "missing.yaml:1:1: file not found"),
        (["--policy", EXAMPLE], "written for scenario 'mali-2019', not 'mini'"),
    ],
)
def test_user_errors_are_one_clear_message(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert analyse(*args) == 2
    err = capsys.readouterr().err
    assert err.startswith("minusma: ") and message in err and "Traceback" not in err


def test_a_bad_policy_file_lists_its_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: mine\nrules:\n  - orders:\n      - posture: {posture: sleep}\n      - fly: {}\n")
    assert analyse("--policy-file", str(bad)) == 2
    err = capsys.readouterr().err
    assert f"{bad}:4:28: rules.0.orders.0.posture.posture: Input should be 'base'" in err
    assert f"{bad}:5:9: rules.0.orders.1.fly: unknown field (check its spelling)" in err


def test_the_dask_executor_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    distributed = pytest.importorskip("distributed")
    exports = {name: tmp_path / f"{name}.json" for name in ("dask", "local")}
    common = [
        "--scenario",
        MINI,
        "--runs",
        "4",
        "--policy",
        "historical",
        "--policy",
        "passive",
        "--no-plots",
    ]
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert (
            main(
                [
                    "analyse",
                    *common,
                    "--executor",
                    "dask",
                    "--scheduler",
                    address,
                    "--json",
                    str(exports["dask"]),
                ]
            )
            == 0
        )
    assert main(["analyse", *common, "--workers", "1", "--json", str(exports["local"])]) == 0
    assert "diff vs historical" in capsys.readouterr().out
    dask, local = (json.loads(exports[name].read_text()) for name in ("dask", "local"))
    del dask["run"], local["run"]
    assert dask == local


def test_an_export_into_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert analyse("--runs", "1", "--csv", str(tmp_path)) == 2
    assert "is a folder; give a file name" in capsys.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="watches worker processes in /proc")
def test_ctrl_c_in_a_terminal_stops_cleanly_and_reports_what_finished() -> None:
    command = [
        sys.executable, "-m", "game", "analyse", "--scenario", "mali-2019", "--runs", "5000",
        "--policy", "historical", "--policy", "passive", "--workers", "2", "--no-plots",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 30
    while process.poll() is None and not children.read_text().strip() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(2)  # let a few chunks of games finish
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "interrupted" in err and "of 10000 games finished" in err
    finished = int(err.split("interrupted")[1].split(":")[1].split(" of ")[0])
    if finished:
        assert f"{finished} games" in out and "National credibility" in out
