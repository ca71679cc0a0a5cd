"""Crash reports: an unexpected error's traceback goes to a file in the user data folder, not the screen."""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from game import __version__
from game.i18n import _

CRASH_FOLDER = "crashes"
EXIT_CRASH = 70  # EX_SOFTWARE: an internal error, not the user's


class CrashReported(Exception):
    """A crash already reported (its file written, its line shown): the command ends with EXIT_CRASH."""


def crash_dir() -> Path:
    """Beside the saves: the user data folder's "crashes", or $MINUSMA_DATA_DIR/crashes."""
    from game.record.saves import save_dir

    return save_dir().parent / CRASH_FOLDER


def write_crash_report(error: BaseException, where: str) -> Path | None:
    """Write the traceback and what was running; the file's path, or None if it could not be written."""
    stamp = datetime.now()
    lines = [
        f"minusma {__version__} crashed in {where} at {stamp.isoformat(timespec='seconds')}",
        f"python {platform.python_version()} on {platform.platform()}",
        f"command: {' '.join(sys.argv)}",
        "",
        *traceback.format_exception(type(error), error, error.__traceback__),
    ]
    try:
        folder = crash_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
        path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    except Exception:  # a full or read-only disk: the one line still says what happened
        return None
    return path


def crash_line(error: BaseException, report: Path | None, kept: str) -> str:
    """The one line shown after a crash: what, where the details are, and what was kept."""
    kind = type(error).__name__
    if report:
        line = _("minusma: an unexpected error ({kind}) stopped the program; the details are in {report}.")
    else:
        line = _(
            "minusma: an unexpected error ({kind}) stopped the program; "
            "the details could not be written to a file."
        )
    return line.format(kind=kind, report=report) + " " + kept
