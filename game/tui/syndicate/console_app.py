"""ConsoleApp: `minusma facilitate` — the PIN, then the facilitator's console of a hosted game."""

from __future__ import annotations

from pathlib import Path

from textual.events import Mount

from game.syndicate.store import Session as Store
from game.tui.app import MinusmaApp
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.syndicate.console import ConsoleScreen
from game.tui.syndicate.forms import PinScreen

POLL_SECONDS = 1.0


class ConsoleApp(MinusmaApp):
    """Without a PIN (from --pin or $MINUSMA_PIN) it asks for one first."""

    KEPT_AFTER_CRASH = "Every order and action given is in the session file: nothing was lost."

    def __init__(self, store: Store, pin: str | None = None, poll: float = POLL_SECONDS):
        super().__init__()
        self.store = store
        self.pin = pin
        self.poll_seconds = poll

    def on_mount(self, event: Mount) -> None:
        event.prevent_default()  # not MinusmaApp's title screen
        self.title = f"MINUSMA facilitator: {self.store.scenario.title}"
        if self.pin is not None and self.store.check_pin(self.pin):
            self.open_console(self.pin)
        else:
            self.push_screen(PinScreen(self.store.scenario.title, self.store.check_pin), self.open_console)
        self.set_interval(self.poll_seconds, self.poll)
        self.call_after_refresh(self._check_size)

    def open_console(self, pin: str | None) -> None:
        if pin:
            self.pin = pin
            self.push_screen(ConsoleScreen(self.store, pin))

    def poll(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ConsoleScreen):
                screen.poll()

    def autosave_now(self) -> Path | None:
        return None

    def action_leave(self) -> None:
        if isinstance(self.screen, ConfirmDialog) and self.screen.purpose == "quit":
            self.exit(0)
            return
        self.push_screen(
            ConfirmDialog(
                "Leave the console?",
                "Everything is in the session file; the seats play on. Come back with minusma facilitate.",
                yes="Leave",
                no="Stay",
                purpose="quit",
            ),
            lambda leave: self.exit(0) if leave else None,
        )


def run_console(path: str | Path, pin: str | None = None) -> int:
    store = Store(path)
    try:
        app = ConsoleApp(store, pin)
        result = app.run()
    except KeyboardInterrupt:
        result = 130
    finally:
        store.close()
    return result if result is not None else (app.return_code or 0)  # EXIT_CRASH after a crash
