"""SeatApp: `minusma join` — one officer's seat of a hosted game, in a terminal or a browser tab."""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

from textual.events import Mount

from game.engine.wording import seat_name
from game.syndicate.store import Session as Store
from game.syndicate.store import SessionError
from game.tui.app import MinusmaApp, run_app
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.syndicate.seat import RolePickerScreen, SeatPlayScreen
from game.tui.syndicate.seat_session import SeatSession
from game.tui.syndicate.widgets import SyndicateBar

POLL_SECONDS = 1.0
HEARTBEAT_SECONDS = 5.0  # how often a seat renews its hold (well inside CLAIM_STALE_SECONDS)


class SeatApp(MinusmaApp):
    """Polls the session store once a second (a cheap fingerprint first, a rebuild only when
    someone changed something) and tells the screens."""

    KEPT_AFTER_CRASH = "Every order and action given is in the session file: nothing was lost."

    def __init__(self, store: Store, role: str | None = None, name: str = "", poll: float = POLL_SECONDS):
        super().__init__()
        self.store = store
        self.role = role
        self.officer = name
        self.poll_seconds = poll
        self.session: SeatSession | None = None
        self.holder = uuid.uuid4().hex  # this window's token for its hold on the seat
        self._since_heartbeat = 0.0

    def on_mount(self, event: Mount) -> None:
        event.prevent_default()  # not MinusmaApp's title screen
        self.title = f"MINUSMA syndicate: {self.store.scenario.title}"
        if self.role:
            self.take_seat(self.role)
        else:
            self.pick_seat()
        self.set_interval(self.poll_seconds, self.poll)
        self.call_after_refresh(self._check_size)

    def pick_seat(self) -> None:
        names = self.store.names()
        seats = [(s.role, names.get(s.role, ""), s.committed) for s in self.store.status()]
        picker = RolePickerScreen(self.store.scenario.title, seats, self.officer)

        def picked(role: str | None) -> None:
            if role:
                self.officer = picker.officer
                self.take_seat(role)

        self.push_screen(picker, picked)

    def take_seat(self, role: str) -> None:
        try:
            self.store.claim_seat(role, self.holder)
            self.session = SeatSession(self.store, role, self.officer)
        except SessionError as error:
            self.notify(str(error), title="Cannot take the seat", severity="error", timeout=10)
            self.pick_seat()
            return
        self.sub_title = self.session.seat_label()
        self.push_screen(SeatPlayScreen(self.session))

    def poll(self) -> None:
        session = self.session
        if session is None or not self.screen_stack:  # not started, or closing: nothing to show
            return
        self._since_heartbeat += self.poll_seconds
        try:
            if self._since_heartbeat >= HEARTBEAT_SECONDS:
                self._since_heartbeat = 0.0
                self.store.claim_seat(session.seat, self.holder)
            changed = session.refresh()
        except SessionError as error:
            self.notify(str(error), title="Session", severity="error", timeout=5)
            return
        if changed:
            for screen in reversed(self.screen_stack):
                if hasattr(screen, "session_changed") and screen.query(SyndicateBar):  # composed
                    screen.session_changed()
        if self.screen_stack and hasattr(self.screen, "show_picture"):
            self.screen.show_picture()  # the clock ticks even when nothing else changed

    def release_seat(self) -> None:
        """Free the seat this window holds, so that it can be joined again at once."""
        if self.session is not None:
            with contextlib.suppress(SessionError):  # a hold left behind goes stale on its own
                self.store.release_seat(self.session.seat, self.holder)

    def on_unmount(self) -> None:
        self.release_seat()

    # --- leaving: nothing to save, the orders are in the store ----------------------------------
    def autosave_now(self) -> Path | None:
        return None

    def keep_after_crash(self) -> str:
        return self.KEPT_AFTER_CRASH  # a seat saves nothing itself: every order is already stored

    def leave_game(self) -> None:
        self.exit(0)

    def action_leave(self) -> None:
        if isinstance(self.screen, ConfirmDialog) and self.screen.purpose == "quit":
            self.exit(0)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(0)

        self.push_screen(
            ConfirmDialog(
                "Leave this seat?",
                "Your orders stay in the session: join again to carry on.",
                yes="Leave",
                no="Stay",
                purpose="quit",
            ),
            answered,
        )


def run_seat(path: str | Path, role: str | None = None, name: str = "") -> int:
    """Open the session (SessionError for a wrong file) and play one seat in this terminal."""
    store = Store(path)
    if role is not None and role not in store.seats:
        raise SessionError(
            f"this game has no {seat_name(role)} seat; its seats are "
            + ", ".join(seat_name(s) for s in store.seats)
        )
    app = SeatApp(store, role, name)
    if role is not None:
        store.claim_seat(role, app.holder)  # a seat open elsewhere is refused before the screen changes

    try:  # a browser tab reloaded or a terminal closed (SIGHUP): the seat is free again at once
        result = run_app(app, on_signal=app.release_seat)
    finally:
        app.release_seat()
        store.close()
    return result if result is not None else (app.return_code or 0)  # EXIT_CRASH after a crash
