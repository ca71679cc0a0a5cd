"""ReplayScreen: a saved game's timeline, each turn's story, changes, map and charts, and forks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from game import i18n
from game.engine import Game
from game.i18n import N_, _
from game.record.charts import PALETTE, TICKS, nice_top
from game.record.replay import Replay
from game.record.saves import SaveError, SaveMeta, save_as, save_to
from game.tui.dialogs.once import DismissOnce
from game.tui.replay import views
from game.tui.replay.dialogs import ForkDialog, JumpDialog, NoteDialog
from game.tui.widgets.footer import Footer

WHERE_WIDTH = 28  # the change detail below the table gives the whole name


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


CHART_COLOURS = [(int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16)) for hex_ in PALETTE]


@dataclass(frozen=True)
class ForkedGame:
    """A game forked from a replay, already saved: continue it with `game` and `meta`."""

    path: Path
    game: Game
    meta: SaveMeta


class ReplayScreen(DismissOnce, Screen[ForkedGame | None]):
    """Step through a saved game; dismissed with the forked game if the player takes command."""

    CSS_PATH = "replay.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Short words, so that the footer fits 80 columns.
        Binding("left,p", "step(-1)", N_("Prev"), priority=True),
        Binding("right,n", "step(1)", N_("Next"), priority=True),
        Binding("home", "first", N_("First"), show=False, priority=True),
        Binding("end", "last", N_("Last"), show=False, priority=True),
        Binding("g", "jump", N_("Go to")),
        Binding("f", "fork", N_("Command")),  # take command of the game from this turn
        Binding("a", "note", N_("Note")),
        Binding("w", "what_if", N_("What if")),  # play alternatives to this turn's orders many times
        Binding("1", "tab('turn')", N_("Tabs"), key_display="1-4"),
        Binding("2", "tab('changes')", N_("Changes"), show=False),
        Binding("3", "tab('map')", N_("Map"), show=False),
        Binding("4", "tab('charts')", N_("Charts"), show=False),
        Binding("t", "next_tab", N_("Next tab"), show=False),
        Binding("f1", "rules", N_("Rules"), show=False),  # as on every screen; the footer has no room at 80
        Binding("escape,q", "close", N_("Close")),
    ]

    class Forked(Message):
        """The player took command from a turn; the fork is saved at `forked.path`."""

        def __init__(self, forked: ForkedGame):
            super().__init__()
            self.forked = forked

    def __init__(self, save_path: str | Path | Replay, turn: int = 1):
        super().__init__()
        self.problem: str | None = None
        self.replay: Replay | None = None
        if isinstance(save_path, Replay):
            self.replay = save_path
        else:
            try:
                self.replay = Replay.open(save_path)
            except SaveError as error:
                self.problem = str(error)
        count = len(self.replay.turns) if self.replay else 0
        if self.replay is not None and count == 0:
            self.problem = _("{path}: no turn has been played yet, so there is nothing to replay").format(
                path=self.replay.path
            )
        self.turn = max(1, min(turn, count))
        self._shown: set[str] = set()  # the tabs already filled for the current turn

    # --- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        if self.problem or self.replay is None:
            problem = _("This save cannot be replayed.\n\n{problem}\n\nPress Escape to go back.")
            yield Static(problem.format(problem=self.problem), id="problem")
            yield Footer()
            return
        replay = self.replay
        with Horizontal(id="body"):
            timeline = OptionList(
                *[
                    Option(views.timeline_label(replay, n), id=str(n))
                    for n in range(1, len(replay.turns) + 1)
                ],
                id="timeline",
            )
            timeline.border_title = _("Turns")
            timeline.highlighted = self.turn - 1
            yield timeline
            with Vertical(id="main"):
                yield Static(id="turn-heading")
                with TabbedContent(id="tabs"):
                    with TabPane(_("Turn"), id="turn"), VerticalScroll(id="story-scroll"):
                        yield Static(id="story")
                    with TabPane(_("Changes"), id="changes-tab"):
                        yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)
                        hint = _("Move through the changes to see each one's causes.")
                        yield Static(hint, id="change-detail")
                    with TabPane(_("Map"), id="map"), VerticalScroll(id="map-scroll"):
                        yield Static(id="map-canvas")
                        yield Static(id="regions")
                    with TabPane(_("Charts"), id="charts"):
                        yield PlotextPlot(id="credibility-plot")
                        yield PlotextPlot(id="casualty-plot")
        yield Footer()

    def on_mount(self) -> None:
        if self.replay is None or self.problem:
            return
        self.title = _("Replay: {label}").format(label=self.replay.label)
        self.sub_title = i18n.name(self.replay.scenario.title)
        table = self.query_one("#changes", DataTable)
        # The change comes second: long names in "where" must not push it off screen.
        table.add_column(_("phase"), key="phase")
        table.add_column(_("change"), key="change")
        table.add_column(_("what"), key="what")
        table.add_column(_("where"), width=WHERE_WIDTH, key="where")
        table.add_column(_("summary"), key="summary")
        self.show_turn(self.turn)

    # --- showing a turn -------------------------------------------------------------------------

    def show_turn(self, number: int) -> None:
        """Show turn `number`: the heading, the timeline and the open tab (the others when opened)."""
        replay = self.replay
        if replay is None:
            return
        self.turn = number = max(1, min(number, len(replay.turns)))
        view = replay.turn(number)
        national = replay.national_credibility
        heading = _(
            "Turn {turn}/{turns} · {month} · national credibility {before} → {after} · civilians killed "
            "{civilians} · peacekeepers killed {peacekeepers}"
        )
        self.query_one("#turn-heading", Static).update(
            heading.format(
                turn=number,
                turns=len(replay.turns),
                month=view.month,
                before=national[number - 1],
                after=national[number],
                civilians=i18n.number(replay.civilians_per_turn[number - 1]),
                peacekeepers=i18n.number(replay.peacekeepers_per_turn[number - 1]),
            )
        )
        timeline = self.query_one("#timeline", OptionList)
        if timeline.highlighted != number - 1:
            with timeline.prevent(OptionList.OptionHighlighted):  # no echo back into show_turn
                timeline.highlighted = number - 1
        self._shown.clear()
        self._fill_tab(self.query_one("#tabs", TabbedContent).active)

    def _fill_tab(self, tab: str) -> None:
        """Fill one tab for the current turn, once per turn."""
        replay, number = self.replay, self.turn
        if replay is None or tab in self._shown:
            return
        self._shown.add(tab)
        if tab == "turn":
            self.query_one("#story", Static).update(views.turn_story(replay, number))
        elif tab == "changes-tab":
            table = self.query_one("#changes", DataTable)
            table.clear()
            rows = views.change_rows(replay, number)
            table.add_rows(
                (phase, change, what, _cut(where, WHERE_WIDTH), summary)
                for phase, what, where, change, summary, __ in rows
            )
            self._show_change(0)
        elif tab == "map":
            self.query_one("#map-canvas", Static).update(views.map_text(replay, number))
            self.query_one("#regions", Static).update(views.region_table(replay, number))
        elif tab == "charts":
            self._draw_charts()

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_opened(self, event: TabbedContent.TabActivated) -> None:
        self._fill_tab(event.pane.id or "")

    def _draw_charts(self) -> None:
        replay = self.replay
        assert replay is not None
        turns = list(range(0, len(replay.turns) + 1))
        plot = self.query_one("#credibility-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(_("Credibility by region (thick: national)"))
        for index, region in enumerate(replay.scenario.regions):
            colour = CHART_COLOURS[index % len(CHART_COLOURS)]
            label = views.short_name(i18n.name(region.name))
            plt.plot(turns, replay.credibility[region.id], label=label, marker="braille", color=colour)
        plt.plot(turns, replay.national_credibility, label=_("national"), marker="hd", color="white")
        plt.vline(self.turn, "red")
        plt.ylim(0, 100)
        plt.yticks([0, 20, 40, 60, 80, 100])
        plt.xticks(list(range(0, len(turns), 5)))
        plt.xlabel(_("turn"))
        plot.refresh()

        plot = self.query_one("#casualty-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(_("Civilians killed per turn, with history's monthly range"))
        numbers = turns[1:]
        plt.bar(numbers, replay.civilians_per_turn, label=_("this game"), color=CHART_COLOURS[1], width=0.5)
        history = replay.historical_civilians()
        top = nice_top(
            max([*replay.civilians_per_turn, *(high for pair in history if pair for __, high in [pair])])
        )
        plt.ylim(0, top)
        plt.yticks([top * i / TICKS for i in range(TICKS + 1)])
        known = [(n, pair) for n, pair in zip(numbers, history, strict=True) if pair]
        if known:
            plt.plot(
                [n for n, _ in known], [low for _, (low, _) in known], label=_("history low"), color="gray"
            )
            plt.plot(
                [n for n, _ in known], [high for _, (_, high) in known], label=_("history high"), color="gray"
            )
        plt.vline(self.turn, "blue")
        plt.xlabel(_("turn"))
        plot.refresh()

    # --- actions --------------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        self.show_turn(self.turn + delta)

    def action_first(self) -> None:
        self.show_turn(1)

    def action_last(self) -> None:
        if self.replay is not None:
            self.show_turn(len(self.replay.turns))

    def action_tab(self, tab: str) -> None:
        if self.replay is not None:
            self.query_one("#tabs", TabbedContent).active = {"changes": "changes-tab"}.get(tab, tab)

    def action_next_tab(self) -> None:
        if self.replay is not None:
            tabs = self.query_one("#tabs", TabbedContent)
            order = ["turn", "changes-tab", "map", "charts"]
            tabs.active = order[(order.index(tabs.active) + 1) % len(order)]

    def action_rules(self) -> None:
        """The rulebook and keys, here too when the viewer runs on its own (`minusma replay FILE`)."""
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.app.screen, HelpScreen):
            self.app.push_screen(HelpScreen())

    def action_jump(self) -> None:
        if self.replay is None:
            return

        def chosen(number: int | None) -> None:
            if number is not None:
                self.show_turn(number)

        self.app.push_screen(JumpDialog(len(self.replay.turns), self.turn), chosen)

    def action_fork(self) -> None:
        replay = self.replay
        if replay is None:
            return
        number = self.turn
        game, meta = replay.fork(number)

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                path = save_as(game, meta, meta.name)
            except SaveError as error:
                self.notify(str(error), title=_("The fork was not saved"), severity="error")
                return
            forked = ForkedGame(path, game, meta)
            self.post_message(self.Forked(forked))
            self.dismiss(forked)

        self.app.push_screen(ForkDialog(number, replay.turn(number).month, meta.name), confirmed)

    def action_what_if(self) -> None:
        """What if here? The what-if screen for this turn (game/tui/replay/whatif.py)."""
        from game.tui.replay.whatif import WhatIfScreen

        if self.replay is not None:
            self.app.push_screen(WhatIfScreen(self.replay, self.turn))

    def action_note(self) -> None:
        """Write a debrief note on this turn into the save (its log and digests are unchanged)."""
        replay = self.replay
        if replay is None:
            return
        number = self.turn

        def written(text: str | None) -> None:
            if text is None or replay.meta.notes.get(number, "") == text:
                return
            notes = {turn: note for turn, note in replay.meta.notes.items() if turn != number}
            if text:
                notes[number] = text
            meta = replay.with_meta(notes=dict(sorted(notes.items())))
            try:
                save_to(replay.path, replay.game, meta)
            except SaveError as error:
                self.notify(str(error), title=_("The note was not saved"), severity="error")
                return
            replay.save.meta = meta
            self._shown.discard("turn")
            self._fill_tab(self.query_one("#tabs", TabbedContent).active)
            self.notify(_("Note on turn {turn} saved in {file}.").format(turn=number, file=replay.path.name))

        current = replay.meta.notes.get(number, "")
        self.app.push_screen(NoteDialog(number, replay.turn(number).month, current), written)

    def action_close(self) -> None:
        self.dismiss(None)

    def _show_change(self, row: int) -> None:
        if self.replay is None:
            return
        count = len(self.replay.turn(self.turn).record.changes)
        detail = self.query_one("#change-detail", Static)
        if not count:
            detail.update(_("Nothing changed this turn."))
            return
        detail.update(views.change_detail(self.replay, self.turn, max(0, min(row, count - 1))))

    @on(DataTable.RowHighlighted, "#changes")
    def _change_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_change(event.cursor_row)

    @on(OptionList.OptionSelected, "#timeline")
    @on(OptionList.OptionHighlighted, "#timeline")
    def _timeline_moved(self, event: OptionList.OptionHighlighted | OptionList.OptionSelected) -> None:
        if event.option_index != event.option_list.highlighted:
            return  # a stale event: the highlight has moved on since it was posted
        if event.option.id is not None and int(event.option.id) != self.turn:
            self.show_turn(int(event.option.id))
