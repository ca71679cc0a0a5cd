"""TooSmallScreen: says the terminal is too small and how to fix it, instead of a broken layout."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from game.i18n import _

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmallScreen(ModalScreen[None]):
    """Shown over everything while the terminal is under 80×24; gone as soon as it is enlarged."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; }
    #too-small-text { width: 100%; height: auto; padding: 0 2; text-align: center; }
    """

    def compose(self) -> ComposeResult:
        yield Static(self.message(), id="too-small-text")

    def message(self) -> str:
        width, height = self.app.size
        return _(
            "The terminal is {width}×{height}: MINUSMA needs at least {min_width}×{min_height}.\n"
            "Enlarge the window or make the font smaller; the game waits here, nothing is lost.\n"
            "Ctrl-Q saves and quits."
        ).format(width=width, height=height, min_width=MIN_WIDTH, min_height=MIN_HEIGHT)

    def refresh_size(self) -> None:
        for text in self.query("#too-small-text").results(Static):
            text.update(self.message())
