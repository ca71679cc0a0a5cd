"""What a what-if shows: each alternative's paired differences, the ranking, text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from game import i18n
from game.analysis.compare import MeasureTable, compare
from game.analysis.numbers import fixed
from game.analysis.output import VERDICT_STYLES, _number, _p_value, _signed
from game.analysis.stats import mean_and_sd
from game.analysis.whatif import PLAYED, Alternative, Fork, continuation_text
from game.analysis.whatif_run import Batches, Progress, plan_lines, played_key, run_batches
from game.analysis.words import interval, verdict_text
from game.bots.policies import Policy
from game.i18n import _, ngettext

RANKED_BY = "civilians_killed"
HEADLINE = ("civilians_killed", "peacekeepers_killed", "national_credibility", "say_do_gap")


def measure_order(region_ids: list[str]) -> list[str]:
    """The measures a what-if reports, in reading order."""
    return [
        "civilians_killed",
        *(f"civilians_killed.{region}" for region in region_ids),
        "peacekeepers_killed",
        "national_credibility",
        *(f"credibility.{region}" for region in region_ids),
        "say_do_gap",
        "mandate.poc_first",
        "mandate.renewed",
        "mandate.reduced",
        "consent",
        "mandate_support",
    ]


@dataclass(frozen=True)
class Effect:
    """One alternative against the played line of its turn."""

    alternative: Alternative
    tables: list[MeasureTable]
    runs: int
    refused_played: float  # mean later played orders the rules refused, per run
    refused_alternative: float

    def table(self, key: str) -> MeasureTable | None:
        return next((table for table in self.tables if table.key == key), None)

    def difference(self, key: str) -> float:
        table = self.table(key)
        row = table.rows[-1] if table and len(table.rows) == 2 else None
        if row is None or row.comparison is None:
            return math.nan
        return row.comparison.mean_diff


def effects(
    batches: Batches, alternatives: list[Alternative], region_ids: list[str], region_names: dict[str, str]
) -> list[Effect]:
    found = []
    for alternative in alternatives:
        outcome = batches.outcome(alternative)
        tables = compare(outcome, PLAYED, region_names, measure_order(region_ids))
        played = [r.measures["orders_refused"] for r in batches.results.get(played_key(alternative.turn), [])]
        other = [r.measures["orders_refused"] for r in batches.results.get(alternative.id, [])]
        runs = min(len(played), len(other))
        found.append(Effect(alternative, tables, runs, mean_and_sd(played)[0], mean_and_sd(other)[0]))
    return found


def ranked(found: list[Effect]) -> list[Effect]:
    """Largest estimated effect on civilians killed first (then on national credibility)."""

    def size(effect: Effect) -> tuple[float, float]:
        civilians = effect.difference(RANKED_BY)
        credibility = effect.difference("national_credibility")
        return (
            -abs(civilians) if not math.isnan(civilians) else 0.0,
            -abs(credibility) if not math.isnan(credibility) else 0.0,
        )

    return sorted(found, key=size)


def _unchanged(table: MeasureTable) -> bool:
    """Both lines gave the same value in every run."""
    row = table.rows[-1]
    comparison = row.comparison
    return (
        comparison is not None and comparison.mean_diff == 0 and comparison.ci_low == comparison.ci_high == 0
    )


def effect_table(effect: Effect, everything: bool = False) -> tuple[Table, int]:
    """A rich table of one alternative's differences; rows other than the headline measures that
    are the same in every run are left out unless `everything` (their count is returned)."""
    out = Table(title_justify="left", expand=False)
    out.add_column(_("measure"))
    for name in (_(PLAYED), _("alternative"), _("difference"), _("95% CI of difference"), _("p")):
        out.add_column(name, justify="right", no_wrap=True)
    out.add_column("")
    hidden = 0
    for table in effect.tables:
        if len(table.rows) != 2:
            continue
        if not everything and table.key not in HEADLINE and _unchanged(table):
            hidden += 1
            continue
        base, row = table.rows
        c = row.comparison
        assert c is not None
        verdict = table.verdict(row)
        out.add_row(
            table.label,
            _number(base.summary.mean),
            _number(row.summary.mean),
            _signed(c.mean_diff),
            interval(_signed(c.ci_low), _signed(c.ci_high)) if not math.isnan(c.ci_low) else "-",
            _p_value(c.p_value),
            verdict_text(verdict),
            style=VERDICT_STYLES.get(verdict),
        )
    return out, hidden


def ranking_table(found: list[Effect]) -> Table:
    out = Table(
        title=_("Which choices mattered most (by the difference in civilians killed)"), title_justify="left"
    )
    out.add_column("#", justify="right")
    out.add_column(_("decision"))
    out.add_column(_("alternative"))
    for name in (_("civilians killed"), _("peacekeepers killed"), _("national credibility")):
        out.add_column(name, justify="right", no_wrap=True)
    for position, effect in enumerate(ranked(found), start=1):
        cells = []
        for key in ("civilians_killed", "peacekeepers_killed", "national_credibility"):
            table = effect.table(key)
            row = table.rows[-1] if table and len(table.rows) == 2 else None
            cells.append(_difference_cell(row.comparison if row else None))
        out.add_row(str(position), effect.alternative.point, effect.alternative.name, *cells)
    return out


def _difference_cell(comparison) -> str:
    if comparison is None or math.isnan(comparison.mean_diff):
        return "-"
    mark = "*" if comparison.significant else ""
    if math.isnan(comparison.ci_low):
        return f"{_signed(comparison.mean_diff)}{mark}"
    ends = interval(_signed(comparison.ci_low), _signed(comparison.ci_high))
    return f"{_signed(comparison.mean_diff)}{mark} ({ends})"


def explanation(runs: int, base_seed: int) -> list[str]:
    """How to read the numbers (the same words as the README and rules.md §17)."""
    return [
        _(
            "Held fixed: everything before the turn and the cards drawn at it; later turns get the orders "
            "played where the rules still allow them, then the stated policy."
        ),
        _(
            "What varies: the dice from the turn on. Run 1 keeps the dice the game was played with; "
            "runs 2-{runs} re-roll them (seed {seed}), the same dice for the played line and each "
            "alternative."
        ).format(runs=runs, seed=base_seed),
        _(
            "Difference: alternative minus as played, averaged over the paired runs. 95% CI: where the mean "
            "difference over endless runs of these rules lies, 19 times in 20; it measures the dice, not "
            "how true the rules are. A verdict or *: p < 0.05 in a paired t-test."
        ),
    ]


def print_text(console: Console, heading: list[str], found: list[Effect], runs: int, base_seed: int) -> None:
    for line in heading:
        console.print(line, highlight=False, markup=False)
    for line in explanation(runs, base_seed):
        console.print(f"  {line}", highlight=False, markup=False, style="dim")
    for effect in found:
        alternative = effect.alternative
        console.print()
        console.print(f"[bold]{alternative.id}[/] {alternative.point}", highlight=False)
        console.print(
            "  "
            + ngettext(
                "instead: {alternative}  ({n} paired run)",
                "instead: {alternative}  ({n} paired runs)",
                effect.runs,
            ).format(alternative=alternative.name, n=effect.runs),
            highlight=False,
            markup=False,
        )
        table, hidden = effect_table(effect)
        console.print(table)
        notes = []
        if hidden:
            notes.append(
                ngettext(
                    "{n} other measure was the same in every run and is left out",
                    "{n} other measures were the same in every run and are left out",
                    hidden,
                ).format(n=hidden)
            )
        if effect.refused_played or effect.refused_alternative:
            notes.append(
                _(
                    "later played orders refused by the rules, per run: {played} as played, "
                    "{alternative} with the alternative"
                ).format(
                    played=fixed(effect.refused_played, 1, group=False),
                    alternative=fixed(effect.refused_alternative, 1, group=False),
                )
            )
        for note in notes:
            console.print(f"  {note}", style="dim", highlight=False, markup=False)
    if len(found) > 1:
        console.print()
        console.print(ranking_table(found))


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) or math.isinf(value) else value


def json_data(header: dict, found: list[Effect]) -> dict:
    items = []
    for effect in found:
        measures = {}
        for table in effect.tables:
            if len(table.rows) != 2:
                continue
            base, row = table.rows
            c = row.comparison
            assert c is not None
            measures[table.key] = {
                "label": table.label,
                "better": table.better,
                "as_played_mean": _finite(base.summary.mean),
                "alternative_mean": _finite(row.summary.mean),
                "difference": _finite(c.mean_diff),
                "ci_low": _finite(c.ci_low),
                "ci_high": _finite(c.ci_high),
                "p_value": _finite(c.p_value),
                "significant": c.significant,
                "verdict": table.verdict(row),
            }
        items.append(
            {
                "id": effect.alternative.id,
                "turn": effect.alternative.turn,
                "decision": effect.alternative.point,
                "alternative": effect.alternative.name,
                "paired_runs": effect.runs,
                "later_orders_refused_per_run": {
                    "as_played": _finite(effect.refused_played),
                    "alternative": _finite(effect.refused_alternative),
                },
                "measures": measures,
            }
        )
    ranking = [effect.alternative.id for effect in ranked(found)]
    return {**header, "alternatives": items, "ranking_by_civilians_killed": ranking}


def json_text(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def csv_text(found: list[Effect]) -> str:
    """One row per alternative and measure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "turn",
            "decision",
            "alternative",
            "measure",
            "runs",
            "as_played_mean",
            "alternative_mean",
            "difference",
            "ci_low",
            "ci_high",
            "p_value",
            "verdict",
        ]
    )
    for effect in found:
        for table in effect.tables:
            if len(table.rows) != 2:
                continue
            base, row = table.rows
            c = row.comparison
            assert c is not None
            writer.writerow(
                [
                    effect.alternative.id,
                    effect.alternative.turn,
                    effect.alternative.point,
                    effect.alternative.name,
                    table.key,
                    c.n,
                    *(
                        _csv_number(v)
                        for v in (
                            base.summary.mean,
                            row.summary.mean,
                            c.mean_diff,
                            c.ci_low,
                            c.ci_high,
                            c.p_value,
                        )
                    ),
                    table.verdict(row),
                ]
            )
    return buffer.getvalue()


def _csv_number(value: float) -> str:
    return "" if value is None or math.isnan(value) else repr(round(value, 6))


def evaluate(
    fork: Fork,
    alternatives: list[Alternative],
    runs: int,
    base_seed: int,
    policy: Policy,
    workers: int | None = None,
    executor: str = "process",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> tuple[Batches, list[Effect]]:
    """Run the paired batches of these alternatives and compare each with the played line."""
    turns = sorted({alternative.turn for alternative in alternatives})
    source = fork.source(turns, policy)
    lines = plan_lines({turn: fork.played_line(turn) for turn in turns}, alternatives)
    batches = run_batches(source, lines, runs, base_seed, workers, executor, scheduler, progress)
    region_ids = [region.id for region in fork.scenario.regions]
    region_names = {region.id: i18n.name(region.name) for region in fork.scenario.regions}
    return batches, effects(batches, alternatives, region_ids, region_names)


def continuation_lines(fork: Fork, turns: list[int], policy: str) -> list[str]:
    total = fork.scenario.calendar.turns
    return [
        _("Continuation from turn {turn}: {continuation}.").format(
            turn=turn, continuation=continuation_text(turn, fork.turns, total, policy)
        )
        for turn in turns
    ]
