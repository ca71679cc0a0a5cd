"""StatusBar: the date, turn, phase and seat, and the mission's remaining means."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from game.engine.sides import GREEN, RED
from game.tui.labels import ROLE_SHORT
from game.tui.session import PlaySession, seat_view


def status_text(session: PlaySession, width: int = 200) -> Text:
    game = session.game
    state = seat_view(session)  # the seat's view: the derived numbers computed once
    means = state.means
    turns = game.scenario.calendar.turns
    phase = "game over" if state.phase == "over" else "orders phase"
    text = Text()
    text.append(f"Turn {min(state.turn, turns)}/{turns}", style="bold")
    text.append(f" · {state.month} · {phase} · ")
    seat = f"{'Seat' if session.hotseat else 'Acting as'}: {session.seat_label()}"
    if text.cell_len + len(seat) > width - 2:  # one line, so the means stay on screen
        name = session.player()
        seat = f"{'Seat' if session.hotseat else 'As'}: {ROLE_SHORT[session.seat]}"
        seat += f" ({name})" if name and session.hotseat else ""
    text.append(seat, style="bold")
    if session.seat == RED:  # the red cell sees none of the mission's means
        from game.tui.red import red_means_line

        text.append("\n" + red_means_line(game, width))
        return text
    if session.seat == GREEN:  # nor does the green cell
        from game.tui.green import green_means_line

        text.append("\n" + green_means_line(game, width))
        return text
    lift = means.lift_hours
    free = means.civilian_capacity - means.civilian_capacity_used
    credibility = state.national_credibility
    messages = f"{means.message_slots - means.messages_issued}/{means.message_slots}"
    long = (
        f"Budget {means.budget} · civilian capacity {free}/{means.civilian_capacity} free · "
        f"messages {messages} left (delay {means.release_delay}) · lift {lift} h · "
        f"credibility {credibility} · consent {state.consent} · mandate support {state.mandate_support}"
    )
    short = (
        f"Budget {means.budget} · civ {free}/{means.civilian_capacity} · msg {messages} · lift {lift}h"
        f" · cred {credibility} · consent {state.consent} · support {state.mandate_support}"
    )
    tiny = (
        f"Budget {means.budget} · civ {free}/{means.civilian_capacity} · msg {messages} · lift {lift}h"
        f" · cred {credibility} · consent {state.consent} · UNSC {state.mandate_support}"
    )
    text.append("\n" + next((line for line in (long, short) if len(line) <= width - 2), tiny))
    return text


class StatusBar(Widget):
    """Two lines at the top of the play screen; shorter words when the terminal is narrow."""

    session: PlaySession | None = None

    def show(self, session: PlaySession) -> None:
        self.session = session
        self.refresh()

    def render(self) -> Text:
        return status_text(self.session, self.size.width) if self.session else Text()
