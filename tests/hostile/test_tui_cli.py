"""Every command's last line of defence, and the writers on a full disk or an unwritable folder."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

import game.scenario.catalog
import game.syndicate.store
from game.cli import EXIT_USER_ERROR, main
from game.crash import EXIT_CRASH, crash_dir


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_an_unexpected_error_in_a_command_is_one_line_and_a_crash_file(monkeypatch, capsys) -> None:
    def broken() -> str:
        raise KeyError("injected")

    monkeypatch.setattr(game.scenario.catalog, "schema_text", broken)
    assert main(["schema"]) == EXIT_CRASH
    line = _one_line(capsys.readouterr().err)
    [report] = crash_dir().glob("crash-*.txt")
    assert line.startswith("minusma: an unexpected error (KeyError)") and str(report) in line
    text = report.read_text(encoding="utf-8")
    assert "`minusma schema`" in text and "KeyError: 'injected'" in text and "in broken" in text


def test_schema_on_a_full_disk_says_so_and_keeps_the_old_file(tmp_path, monkeypatch, capsys) -> None:
    target = tmp_path / "schema.json"
    target.write_text("the old schema", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _disk_full)
    assert main(["schema", "-o", str(target)]) == EXIT_USER_ERROR
    line = _one_line(capsys.readouterr().err)
    assert "No space left on device" in line and "nothing was written" in line
    assert target.read_text(encoding="utf-8") == "the old schema"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema.json"]  # no temporary file left


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_schema_into_a_device_writes_into_it_and_never_replaces_it(capsys) -> None:
    assert main(["schema", "-o", "/dev/full"]) == EXIT_USER_ERROR
    assert "No space left on device" in _one_line(capsys.readouterr().err)
    assert Path("/dev/full").is_char_device()


def test_schema_into_a_folder_that_cannot_be_made(tmp_path, capsys) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert main(["schema", "-o", str(tmp_path / "a-file" / "schema.json")]) == EXIT_USER_ERROR
    assert "a-file" in _one_line(capsys.readouterr().err)
    assert main(["schema", "-o", str(tmp_path)]) == EXIT_USER_ERROR
    assert "is a folder" in _one_line(capsys.readouterr().err)


def test_host_into_a_folder_that_cannot_be_written(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("MINUSMA_PIN", "2468")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    out = tmp_path / "a-file" / "exercise.db"
    assert main(["host", "--scenario", "tutorial", "--out", str(out), "--seed", "3"]) == EXIT_USER_ERROR
    assert "could not create the session file" in _one_line(capsys.readouterr().err)


def test_host_on_a_full_disk_leaves_nothing_behind(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("MINUSMA_PIN", "2468")
    connect = sqlite3.connect

    class FullDisk:
        """A real connection to the new file, whose writes fail as on a full disk."""

        def __init__(self, *args, **kwargs):
            self.db = connect(*args, **kwargs)

        def execute(self, sql, *args):
            return self.db.execute(sql, *args)

        def executescript(self, script):
            self.db.executescript(script)
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            self.db.close()

    monkeypatch.setattr(game.syndicate.store.sqlite3, "connect", FullDisk)
    out = tmp_path / "exercise.db"
    assert main(["host", "--scenario", "tutorial", "--out", str(out), "--seed", "3"]) == EXIT_USER_ERROR
    assert "database or disk is full" in _one_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


def test_an_atomic_write_never_replaces_a_pipe(tmp_path) -> None:
    from game.record.saves import SaveError, write_atomic

    pipe = tmp_path / "results.csv"
    os.mkfifo(pipe)
    with pytest.raises(SaveError, match="not a regular file"):
        write_atomic(pipe, "text")
    assert pipe.is_fifo()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_analyse_output_writes_into_a_device_and_never_replaces_it(capsys) -> None:
    runs = ["analyse", "--scenario", "tutorial", "--runs", "2", "--workers", "1", "--policy", "passive"]
    assert main([*runs, "--csv", "/dev/full"]) == EXIT_USER_ERROR
    error = capsys.readouterr().err  # a progress bar, then the one line
    assert "Traceback" not in error
    assert (
        error.strip().splitlines()[-1]
        == "minusma: could not write the results to /dev/full: No space left on device"
    )
    assert Path("/dev/full").is_char_device()
