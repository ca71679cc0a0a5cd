"""SyndicateBar: one line that every seat and the facilitator see: commits, the clock, a pause."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.syndicate.store import SeatStatus
from game.tui.labels import ROLE_SHORT


def clock_text(seconds: int | None, paused: bool) -> Text:
    text = Text()
    if paused:
        text.append(" PAUSED by the facilitator ", style="bold reverse")
        text.append(" ")
    if seconds is not None:
        minutes, secs = divmod(seconds, 60)
        style = "bold red" if seconds == 0 else ("bold yellow" if seconds < 60 else "bold")
        text.append(
            f"Clock {minutes:02d}:{secs:02d}" + (" (time is up)" if seconds == 0 else ""), style=style
        )
    else:
        text.append("No clock", style="dim")
    return text


def seats_text(seats: list[SeatStatus], me: str | None = None) -> Text:
    text = Text("Committed: ")
    for number, seat in enumerate(seats):
        if number:
            text.append(" · ")
        mark = "✓" if seat.committed else "…"
        label = f"{ROLE_SHORT.get(seat.role, seat.role)} {mark}"
        style = "bold green" if seat.committed else ""
        if seat.role == me:
            style += " underline"
        text.append(label, style=style.strip())
    return text


class SyndicateBar(Static):
    """Above the status bar: who has committed (✓) or not yet (…), the phase clock, a pause."""

    DEFAULT_CSS = """
    SyndicateBar {
        height: 1;
        padding: 0 1;
        background: $primary-background;
    }
    """

    def show(self, seats: list[SeatStatus], seconds: int | None, paused: bool, me: str | None) -> None:
        text = seats_text(seats, me)
        text.append("   ")
        text.append_text(clock_text(seconds, paused))
        self.update(text)
