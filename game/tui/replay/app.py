"""A small App around ReplayScreen, for `minusma replay FILE`."""

from __future__ import annotations

from pathlib import Path

from game.crash import CrashReported
from game.i18n import N_, _
from game.record.replay import Replay
from game.tui.replay.screen import ForkedGame, ReplayScreen
from game.tui.safe_app import SafeApp


class ReplayApp(SafeApp[Path | None]):
    """Shows one replay; returns the path of the fork if the player took command."""

    TITLE = N_("MINUSMA replay")
    KEPT_AFTER_CRASH = N_("Saves are written whole or not at all: the save replayed is as it was.")

    def __init__(self, replay: Replay | str | Path, turn: int = 1):
        super().__init__()
        self.replay = replay
        self.start_turn = turn

    def on_mount(self) -> None:
        self.title = _(self.TITLE)
        self.push_screen(ReplayScreen(self.replay, self.start_turn), self._replay_closed)

    def keep_after_crash(self) -> str:
        return _(self.KEPT_AFTER_CRASH)

    def _replay_closed(self, forked: ForkedGame | None) -> None:
        self.exit(forked.path if forked else None)


def run_replay(replay: Replay | str | Path, turn: int = 1) -> Path | None:
    """Run the viewer in the terminal; the saved fork's path, or None. CrashReported after a crash."""
    app = ReplayApp(replay, turn)
    forked = app.run()
    if app.crash_message is not None:
        raise CrashReported(app.crash_message)
    return forked
