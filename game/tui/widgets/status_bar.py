"""StatusBar: the date, turn, phase and seat, and the mission's remaining means."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from game.engine.sides import GREEN, RED
from game.i18n import _
from game.tui.labels import ROLE_SHORT
from game.tui.session import PlaySession, seat_view


def status_text(session: PlaySession, width: int = 200) -> Text:
    game = session.game
    state = seat_view(session)  # the seat's view: the derived numbers computed once
    means = state.means
    turns = game.scenario.calendar.turns
    phase = _("game over") if state.phase == "over" else _("orders phase")
    text = Text()
    text.append(_("Turn {turn}/{turns}").format(turn=min(state.turn, turns), turns=turns), style="bold")
    text.append(f" · {state.month} · {phase} · ")
    seat_as = _("Seat: {seat}") if session.hotseat else _("Acting as: {seat}")
    seat = seat_as.format(seat=session.seat_label())
    if text.cell_len + len(seat) > width - 2:  # one line, so the means stay on screen
        name = session.player()
        short_as = _("Seat: {seat}") if session.hotseat else _("As: {seat}")
        seat = short_as.format(seat=_(ROLE_SHORT[session.seat]))
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
    free = means.civilian_capacity - means.civilian_capacity_used
    values = {
        "budget": means.budget,  # a few points: no thousands to separate
        "free": free,
        "capacity": means.civilian_capacity,
        "messages": f"{means.message_slots - means.messages_issued}/{means.message_slots}",
        "delay": means.release_delay,
        "lift": means.lift_hours,
        "credibility": state.national_credibility,
        "consent": state.consent,
        "support": state.mandate_support,
    }
    long = _(
        "Budget {budget} · civilian capacity {free}/{capacity} free · messages {messages} left "
        "(delay {delay}) · lift {lift} h · credibility {credibility} · consent {consent} · "
        "mandate support {support}"
    ).format(**values)
    short = _(
        "Budget {budget} · civ {free}/{capacity} · msg {messages} · lift {lift}h · cred {credibility} · "
        "consent {consent} · support {support}"
    ).format(**values)
    tiny = _(
        "Budget {budget} · civ {free}/{capacity} · msg {messages} · lift {lift}h · cred {credibility} · "
        "consent {consent} · UNSC {support}"
    ).format(**values)
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
