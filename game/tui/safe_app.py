"""SafeApp: what every MINUSMA app shares against crashes, hostile text and awkward key timing."""

from __future__ import annotations

import re
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.worker import WorkerFailed

from game.crash import EXIT_CRASH, crash_line, write_crash_report
from game.i18n import N_, _
from game.text import clean
from game.tui.key_hints import key_display, watch_key_hints
from game.tui.screens.too_small import TooSmallScreen

ReturnType = TypeVar("ReturnType")

# Every C0 and C1 control code but newline and tab, and DEL.
_CONTROL_CODES = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]


def never_draw_control_codes() -> None:
    """Rich's Text and Textual's Content drop a few control codes (bell, backspace, carriage return)
    from any text they hold; extend their tables to all of them, so that text from a file or another
    player can never carry an escape sequence to the terminal, whichever widget draws it. The screens
    also show such text with game.text.clean (visibly escaped); this is the net under them."""
    import rich.control
    import textual.content

    for module in (rich.control, textual.content):
        table = getattr(module, "_CONTROL_STRIP_TRANSLATE", None)  # private: tests/hostile checks it works
        if isinstance(table, dict):
            table.update(dict.fromkeys(_CONTROL_CODES))


never_draw_control_codes()

NO_BREAK_SPACES = "\u00a0\u202f"  # French puts one before ":", ";", "?", "!", "%" and inside « »


def keep_no_break_spaces() -> None:
    """Rich and Textual wrap lines at any whitespace, no-break spaces included ("\\s" matches them),
    so French text could start a line with its colon; make them wrap at the other spaces only."""
    import rich._wrap
    import textual._wrap

    space, word = f"[^\\S{NO_BREAK_SPACES}]", f"[\\S{NO_BREAK_SPACES}]"
    for module, name, pattern in (
        (rich._wrap, "re_word", f"{space}*{word}+{space}*"),  # private: tests/tui checks it works
        (textual._wrap, "re_chunk", f"{word}+{space}*|{space}+"),
    ):
        if isinstance(getattr(module, name, None), re.Pattern):
            setattr(module, name, re.compile(pattern))


keep_no_break_spaces()


class SafeApp(App[ReturnType]):
    """The last line of defence against an unexpected error, plain-text notifications, one palette."""

    # What survives a crash, said after it; subclasses with a game to save override keep_after_crash.
    KEPT_AFTER_CRASH: ClassVar[str] = N_("No game was open: nothing was lost.")

    def __init__(self) -> None:
        super().__init__()
        self.crash_message: str | None = None
        # Textual set the English TITLE; the window title (and a screenshot's) reads the player's.
        self.title = _(self.TITLE) if self.TITLE else self.title

    def get_key_display(self, binding: Binding) -> str:
        """The footer's and the key panel's name of a key, in the player's language."""
        return key_display(binding, super().get_key_display(binding))

    @on(events.Mount)
    def _show_key_hints_in_language(self) -> None:
        """Every screen's key hints in the player's language (game/tui/key_hints.py); Textual calls
        this as well as a subclass's own on_mount."""
        watch_key_hints(self)

    def _handle_exception(self, error: Exception) -> None:
        """An error nothing else caught: save the game, put the traceback in a crash file, and leave
        with one line (printed once the terminal is restored) instead of a screenful of traceback."""
        if self.crash_message is None:
            cause = error.error if isinstance(error, WorkerFailed) else error
            try:
                where = f"the {type(self.screen).__name__}"
            except Exception:
                where = "the terminal interface"
            try:
                kept = self.keep_after_crash()
            except Exception:
                kept = _("What was saved before the error is kept.")
            self.crash_message = crash_line(cause, write_crash_report(cause, where), kept)
            self.panic(Text(self.crash_message, style="bold"))
        self._return_code = EXIT_CRASH
        if self._exception is None:  # Pilot re-raises it at the end of a test, so that tests fail loudly
            self._exception = error
            self._exception_event.set()

    def keep_after_crash(self) -> str:
        """Save what can be saved after a crash, and say what was kept."""
        return _(self.KEPT_AFTER_CRASH)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications often quote a name or a file's problem: never read as markup, controls escaped."""
        super().notify(
            clean(message, lines=True), title=clean(title), severity=severity, timeout=timeout, markup=markup
        )

    def action_command_palette(self) -> None:
        """Textual only looks at the top screen to see whether the palette is open: with the
        too-small notice over an open palette, a second one would clash with it (same id)."""
        if isinstance(self.screen, TooSmallScreen):
            return
        if any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            return
        if self.use_command_palette:  # Textual's own, with its search hint in the player's language
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"), id="--command-palette"))
