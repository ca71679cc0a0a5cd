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
from textual.widgets import Footer, Label, Static

from game.engine.objectives import score_lines
from game.engine.score import Scorecard
from game.engine.sides import GREEN, RED
from game.text import clean
from game.tui.labels import credibility_band, short_name, target_label, words
from game.tui.session import PlaySession

if TYPE_CHECKING:
    from game.tui.app import MinusmaApp

VERDICT_MARKS = {
    "better than history": "▲ better",
    "worse than history": "▼ worse",
    "as history": "= as history",
}


def scorecard_view(session: PlaySession, card: Scorecard) -> Group:
    game = session.game
    measures = Table(title="Against the historical record", title_justify="left", expand=True)
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("measure", "left"),
        ("period", "left"),
        ("this game", "right"),
        ("history", "right"),
        ("verdict", "left"),
    )
    for column, justify in columns:
        measures.add_column(column, justify=justify)
    for measure in card.measures:
        history = f"{measure.low}–{measure.high}" if measure.low is not None else "—"
        measures.add_row(
            measure.name,
            measure.period,
            str(measure.value),
            history,
            VERDICT_MARKS.get(measure.verdict, measure.verdict),
        )
    measures.add_row(
        "share of civilian deaths in the centre",
        "whole game",
        f"{card.central_share_pct}%",
        f"{card.central_share_history_pct}%",
        "",
    )

    regions = Table(title="Credibility by region", title_justify="left", expand=True)
    for column in ("region", "start", "end", "band"):
        regions.add_column(column, justify="left" if column in ("region", "band") else "right")
    start, end = card.national_credibility_start, card.national_credibility_end
    regions.add_row("National (mean)", str(start), str(end), _band(end), style="bold")
    for region, (first, last) in card.credibility_by_region.items():
        regions.add_row(short_name(game.index.regions[region].name), str(first), str(last), _band(last))

    other = Text()
    other.append("Civilians killed by perpetrator: ", style="bold")
    ranked = sorted(card.civilians_by_perpetrator.items(), key=lambda item: -item[1])
    other.append(", ".join(f"{target_label(game.index, p)} {n:,}" for p, n in ranked) or "none")
    other.append("\nMean Say–Do gap per turn: ", style="bold")
    other.append(f"{card.say_do_gap_mean_tenths / 10:.1f}")
    other.append("\nMandate renewals: ", style="bold")
    other.append(", ".join(words(o) for o in card.mandate_outcomes) or "none in this period")
    other.append("\nHost-state consent: ", style="bold")
    other.append(f"{card.consent}")
    other.append("   Security Council support: ", style="bold")
    other.append(f"{card.mandate_support}")
    if card.outcomes:
        other.append("\nProtection outcomes: ", style="bold")
        other.append(", ".join(f"{words(k)} {v}" for k, v in card.outcomes.items()))
    return Group(measures, Text(""), regions, Text(""), other)


def sides_view(session: PlaySession) -> Text:
    """Every other side's objectives and score (rules.md §12.1)."""
    game = session.game
    text = Text()
    cards = sorted(game.side_scores(), key=lambda card: card.side != session.seat)  # its own first
    for card in cards:
        head, *rest = score_lines(card)
        text.append(f"\n{head}\n", style="bold")
        for line in rest:
            text.append(f"  {line}\n")
    return text


def _band(value: int) -> str:
    band = credibility_band(value)
    return f"{band.symbol} {band.word}"


class EndScreen(Screen[None]):
    """No single win line: a scorecard a class can argue about."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t,escape", "title", "Title screen"),
        Binding("r", "replay", "Replay this game"),
        Binding("q", "app.leave", "Quit"),
    ]

    def __init__(self, session: PlaySession):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        game = self.session.game
        card = game.score()
        yield Label(Text(clean(f"End of the game: {game.scenario.title}")), classes="screen-title")
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
            self.notify("This game has no save to replay.", severity="warning")
            return
        self.app.push_screen(ReplayScreen(path))
