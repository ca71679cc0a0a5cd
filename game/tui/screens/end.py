"""EndScreen: the scorecard on every measure, beside the historical figures for the same period."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.console import Group, JustifyMethod
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from game.engine.objectives import score_lines
from game.engine.score import Scorecard
from game.engine.sides import GREEN, RED
from game.i18n import N_, _, name, number, percent, recorded
from game.text import clean
from game.tui.labels import credibility_band, short_name, shown, target_label, words
from game.tui.session import PlaySession
from game.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from game.tui.app import MinusmaApp

VERDICT_MARKS = {
    "better than history": N_("▲ better"),
    "worse than history": N_("▼ worse"),
    "as history": N_("= as history"),
}


def scorecard_view(session: PlaySession, card: Scorecard) -> Group:
    game = session.game
    measures = Table(title=_("Against the historical record"), title_justify="left", expand=True)
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        (_("measure"), "left"),
        (_("period"), "left"),
        (_("this game"), "right"),
        (_("history"), "right"),
        (_("verdict"), "left"),
    )
    for column, justify in columns:
        measures.add_column(column, justify=justify)
    for measure in card.measures:
        history = f"{measure.low}–{measure.high}" if measure.low is not None else "—"
        verdict = VERDICT_MARKS.get(measure.verdict)
        measures.add_row(
            recorded(measure.name),
            recorded(measure.period),
            str(measure.value),
            history,
            _(verdict) if verdict else recorded(measure.verdict),
        )
    measures.add_row(
        _("share of civilian deaths in the centre"),
        _("whole game"),
        percent(card.central_share_pct / 100),
        percent(card.central_share_history_pct / 100),
        "",
    )

    regions = Table(title=_("Credibility by region"), title_justify="left", expand=True)
    for column, justify in (
        (_("region"), "left"),
        (_("start"), "right"),
        (_("end"), "right"),
        (_("band"), "left"),
    ):
        regions.add_column(column, justify=justify)
    start, end = card.national_credibility_start, card.national_credibility_end
    regions.add_row(_("National (mean)"), str(start), str(end), _band(end), style="bold")
    for region, (first, last) in card.credibility_by_region.items():
        regions.add_row(short_name(name(game.index.regions[region].name)), str(first), str(last), _band(last))

    other = Text()
    other.append(_("Civilians killed by perpetrator: "), style="bold")
    ranked = sorted(card.civilians_by_perpetrator.items(), key=lambda item: -item[1])
    other.append(", ".join(f"{target_label(game.index, p)} {number(n)}" for p, n in ranked) or _("none"))
    other.append("\n" + _("Mean Say–Do gap per turn: "), style="bold")
    other.append(number(card.say_do_gap_mean_tenths / 10, 1))
    other.append("\n" + _("Mandate renewals: "), style="bold")
    other.append(", ".join(recorded(words(o)) for o in card.mandate_outcomes) or _("none in this period"))
    other.append("\n" + _("Host-state consent: "), style="bold")
    other.append(f"{card.consent}")
    other.append("   " + _("Security Council support: "), style="bold")
    other.append(f"{card.mandate_support}")
    if card.outcomes:
        other.append("\n" + _("Protection outcomes: "), style="bold")
        other.append(", ".join(f"{recorded(words(k))} {v}" for k, v in card.outcomes.items()))
    return Group(measures, Text(""), regions, Text(""), other)


def sides_view(session: PlaySession) -> Text:
    """Every other side's objectives and score (rules.md §12.1)."""
    game = session.game
    text = Text()
    cards = sorted(game.side_scores(), key=lambda card: card.side != session.seat)  # its own first
    for card in cards:
        head, *rest = score_lines(card)
        text.append(f"\n{recorded(head)}\n", style="bold")
        for line in rest:
            text.append(f"  {recorded(line)}\n")
    return text


def _band(value: int) -> str:
    band = credibility_band(value)
    return f"{band.symbol} {band.label}"


class EndScreen(Screen[None]):
    """No single win line: a scorecard a class can argue about."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t,escape", "title", N_("Title screen")),
        Binding("r", "replay", N_("Replay this game")),
        Binding("q", "app.leave", N_("Quit")),
    ]

    def __init__(self, session: PlaySession):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        game = self.session.game
        card = game.score()
        title = _("End of the game: {scenario}").format(scenario=shown(game.scenario, "title"))
        yield Label(Text(clean(title)), classes="screen-title")
        with VerticalScroll(id="scorecard"):
            sides = Static(sides_view(self.session), id="sides-body")
            if self.session.seat in (RED, GREEN):  # a cell reads its own objectives first
                yield sides
            yield Static(scorecard_view(self.session, card), id="scorecard-body")
            if self.session.seat not in (RED, GREEN):
                yield sides
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scorecard").focus()

    def action_title(self) -> None:
        cast("MinusmaApp", self.app).leave_game()

    def action_replay(self) -> None:
        from game.tui.replay import ReplayScreen

        path = self.session.saved_to
        if path is None:
            self.notify(_("This game has no save to replay."), severity="warning")
            return
        self.app.push_screen(ReplayScreen(path))
