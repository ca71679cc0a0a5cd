"""WhatIfScreen: from a turn of a replay, play the chosen alternatives many times; a table and a plot."""

from __future__ import annotations

import math
import threading
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, ProgressBar, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import Worker, WorkerState
from textual_plotext import PlotextPlot

from game import i18n
from game.analysis.whatif import (
    DEFAULT_POLICY,
    DEFAULT_RUNS,
    Alternative,
    Fork,
    WhatIfError,
    continuation_policy,
)
from game.analysis.whatif_output import Effect, continuation_lines, evaluate, ranked
from game.analysis.whatif_report import difference_text
from game.i18n import N_, _
from game.record.replay import Replay
from game.tui.widgets.footer import Footer

RUNS = DEFAULT_RUNS  # continuations per line; tests set fewer
WORKERS: int | None = None  # every core

COLUMNS = (
    (N_("civilians killed"), "civilians_killed"),
    (N_("peacekeepers killed"), "peacekeepers_killed"),
    (N_("national credibility"), "national_credibility"),
    (N_("Say-Do gap"), "say_do_gap"),
)


NAME_WIDTH = 32  # the list on the left gives the whole name


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class Stopped(KeyboardInterrupt):
    """The player closed the screen: the batches stop and keep what finished."""


class WhatIfScreen(Screen[None]):
    """Choose alternatives at a turn, run them against the orders played, read the table and plot."""

    CSS_PATH = "replay.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "run", N_("Run")),
        Binding("escape,q", "close", N_("Back")),
    ]

    def __init__(self, replay: Replay, turn: int, runs: int | None = None, workers: int | None = None):
        super().__init__()
        self.replay = replay
        self.turn = turn
        self.runs = runs or RUNS
        self.cores = workers or WORKERS
        self.fork = Fork(replay)
        self.alternatives: dict[str, Alternative] = {}
        self.effects: list[Effect] = []
        self._stop = threading.Event()

    def compose(self) -> ComposeResult:
        yield Header()
        view = self.replay.turn(self.turn)
        points = self.fork.decision_points(self.turn)
        selections = []
        for point in points:
            for position, alternative in enumerate(point.alternatives):
                self.alternatives[alternative.id] = alternative
                label = _("{id}  {name}  (played: {played})").format(
                    id=alternative.id,
                    name=i18n.recorded(alternative.name),
                    played=i18n.recorded(point.played),
                )
                selections.append(Selection(label, alternative.id, position == 0))
        heading = _(
            "What if, at turn {turn} ({month})? Choose the alternatives (space), then press r: each is "
            "played {runs} times to the end beside the orders played, on the same dice."
        )
        yield Static(heading.format(turn=self.turn, month=view.month, runs=self.runs), id="whatif-heading")
        with Horizontal(id="whatif-body"):
            with Vertical(id="whatif-left"):
                choices = SelectionList[str](*selections, id="whatif-choices")
                choices.border_title = _("Alternatives")
                yield choices
                yield ProgressBar(id="whatif-progress", show_eta=True)
                none = _("No decision at this turn has an alternative the rules allow.")
                yield Static(none if not selections else "", id="whatif-status")
            with Vertical(id="whatif-right"):
                yield DataTable(id="whatif-results", cursor_type="row", zebra_stripes=True)
                yield PlotextPlot(id="whatif-plot")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("What if: {label}").format(label=self.replay.label)
        self.sub_title = _("turn {turn}").format(turn=self.turn)
        table = self.query_one("#whatif-results", DataTable)
        table.add_column("#")
        table.add_column(_("alternative"))
        for label, __ in COLUMNS:
            table.add_column(_(label))

    # --- running ------------------------------------------------------------------------------

    def chosen(self) -> list[Alternative]:
        return [self.alternatives[key] for key in self.query_one("#whatif-choices", SelectionList).selected]

    def action_run(self) -> None:
        alternatives = self.chosen()
        status = self.query_one("#whatif-status", Static)
        if not alternatives:
            status.update(_("Choose at least one alternative first (space ticks one)."))
            return
        if any(worker.is_running for worker in self.workers_running()):
            status.update(_("Already running: wait for it, or press Escape to stop."))
            return
        lines = len(alternatives) + len({a.turn for a in alternatives})
        self.query_one("#whatif-progress", ProgressBar).update(total=lines * self.runs, progress=0)
        status.update(_("Playing {count} continuations…").format(count=lines * self.runs))
        self._stop.clear()
        self.run_batches(alternatives)

    def workers_running(self) -> list[Worker]:
        return [worker for worker in self.app.workers if worker.node is self and worker.name == "what-if"]

    @work(thread=True, exclusive=True, name="what-if")
    def run_batches(self, alternatives: list[Alternative]) -> tuple[list[Effect], bool]:
        def advance(count: int) -> None:
            if self._stop.is_set():
                raise Stopped
            self.app.call_from_thread(self.query_one("#whatif-progress", ProgressBar).advance, count)

        policy = continuation_policy(DEFAULT_POLICY)
        batches, found = evaluate(self.fork, alternatives, self.runs, 1, policy, self.cores, progress=advance)
        return found, batches.interrupted

    @on(Worker.StateChanged)
    def _finished(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "what-if" or not self.is_attached:
            return
        status = self.query_one("#whatif-status", Static)
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            failed = _("The what-if failed: {error}").format(error=error)
            status.update(str(error) if isinstance(error, WhatIfError) else failed)
        elif event.state == WorkerState.SUCCESS and event.worker.result is not None:
            found, interrupted = event.worker.result
            self.show(found)
            turns = sorted({effect.alternative.turn for effect in found})
            notes = continuation_lines(self.fork, turns, DEFAULT_POLICY)
            done = _("Stopped early: the figures cover the runs that finished.") + " " if interrupted else ""
            status.update(done + " ".join(notes) + " " + _("* marks p < 0.05; the brackets, a 95% CI."))

    def show(self, found: list[Effect]) -> None:
        """The results table (ranked by the difference in civilians killed) and its plot."""
        self.effects = ranked(found)
        table = self.query_one("#whatif-results", DataTable)
        table.clear()
        for position, effect in enumerate(self.effects, start=1):
            table.add_row(
                str(position),
                f"{effect.alternative.id} {_cut(i18n.recorded(effect.alternative.name), NAME_WIDTH)}",
                *(difference_text(effect, key) for __, key in COLUMNS),
            )
        self._plot()

    def _plot(self) -> None:
        plot = self.query_one("#whatif-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(_("Difference in civilians killed (alternative - as played), with its 95% CI"))
        labels, means, lows, highs = [], [], [], []
        for effect in self.effects:
            table = effect.table("civilians_killed")
            comparison = table.rows[-1].comparison if table and len(table.rows) == 2 else None
            if comparison is None or math.isnan(comparison.mean_diff):
                continue
            labels.append(effect.alternative.id)
            means.append(comparison.mean_diff)
            lows.append(comparison.ci_low if not math.isnan(comparison.ci_low) else comparison.mean_diff)
            highs.append(comparison.ci_high if not math.isnan(comparison.ci_high) else comparison.mean_diff)
        if labels:
            positions = list(range(1, len(labels) + 1))
            plt.bar(positions, means, width=0.4, color="orange")
            plt.scatter(positions, lows, marker="_", color="white")
            plt.scatter(positions, highs, marker="_", color="white")
            plt.hline(0, "gray")
            plt.xticks([float(p) for p in positions], labels)
        plot.refresh()

    def action_close(self) -> None:
        self._stop.set()  # a running batch stops at its next progress report
        self.dismiss(None)
