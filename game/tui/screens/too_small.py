"""TooSmallScreen: says the terminal is too small and how to fix it, instead of a broken layout."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmallScreen(ModalScreen[None]):
    """Shown over everything while the terminal is under 80×24; gone as soon as it is enlarged."""

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(id="too-small-text")

    def on_mount(self) -> None:
        self.refresh_size()

    def refresh_size(self) -> None:
        width, height = self.app.size
        self.query_one("#too-small-text", Static).update(
            f"The terminal is {width}×{height}: MINUSMA needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
            "Enlarge the window or make the font smaller; the game waits here, nothing is lost.\n"
            "Ctrl-Q saves and quits."
        )
