"""What `minusma analyse` shows and writes: rich tables, plotext distributions, CSV and JSON exports."""

from __future__ import annotations

import csv
import io
import json
import math

from rich.console import Console
from rich.table import Table
from rich.text import Text

from game.analysis.compare import MeasureTable, describe_measure
from game.analysis.montecarlo import RunOutcome
from game.analysis.numbers import fixed, share
from game.analysis.words import interval, outcome_text, verdict_text
from game.i18n import _

PLOTTED = ("national_credibility", "civilians_killed", "peacekeepers_killed", "say_do_gap")
MARKERS = ("•", "x", "+", "o", "*", "#", "@", "%")
COLOURS = ("cyan", "orange", "green", "magenta", "blue", "red", "yellow", "white")
VERDICT_STYLES = {"better": "bold green", "worse": "bold red", "different": "bold yellow"}


def _decimals(value: float) -> int:
    """Fewer decimals for bigger numbers: 2,108 civilians, 35.2 credibility, 1.63 Say-Do gap."""
    size = abs(value)
    return 0 if size >= 100 else 1 if size >= 10 else 2


def _number(value: float) -> str:
    if value is None or math.isnan(value):
        return "-"
    return fixed(value, _decimals(value))


def _signed(value: float) -> str:
    if math.isnan(value):
        return "-"
    return fixed(value, _decimals(value), sign=True)


def _percent(diff: float, base: float) -> str:
    """The difference as a share of the baseline's mean: -23% is 23% fewer than the baseline."""
    if math.isnan(diff) or math.isnan(base) or base == 0:
        return "-"
    return share(diff / base, sign=True)


def _p_value(p: float) -> str:
    if math.isnan(p):
        return "-"
    return "<" + fixed(0.001, 3) if p < 0.001 else fixed(p, 3)


def measure_table(table: MeasureTable, baseline: str) -> Table:
    """A rich table of one measure: a row per policy, its difference from the baseline and test."""
    title = {
        "higher": _("{measure} (higher is better)"),
        "lower": _("{measure} (lower is better)"),
    }.get(table.better or "", "{measure}")
    out = Table(
        title=title.format(measure=table.label), title_justify="left", title_style="bold", expand=False
    )
    out.add_column(_("policy"))
    out.add_column(_("games"), justify="right")
    for name in (
        _("mean"),
        _("median"),
        _("p5"),
        _("p95"),
        _("95% CI of mean"),
        _("diff vs {baseline}").format(baseline=baseline),
        _("diff %"),
        _("95% CI of diff"),
        _("p"),
    ):
        out.add_column(name, justify="right", no_wrap=True)
    out.add_column("")
    base_mean = next((row.summary.mean for row in table.rows if row.comparison is None), math.nan)
    for row in table.rows:
        s, c = row.summary, row.comparison
        if c is None:
            diff, pct, diff_ci, p = _("baseline"), "", "", ""
        else:
            diff, pct, diff_ci, p = (
                _signed(c.mean_diff),
                _percent(c.mean_diff, base_mean),
                interval(_signed(c.ci_low), _signed(c.ci_high)),
                _p_value(c.p_value),
            )
        verdict = table.verdict(row)
        out.add_row(
            row.policy,
            str(s.n),
            _number(s.mean),
            _number(s.median),
            _number(s.p5),
            _number(s.p95),
            interval(_number(s.ci_low), _number(s.ci_high)),
            diff,
            pct,
            diff_ci,
            p,
            Text(verdict_text(verdict), style=VERDICT_STYLES.get(verdict, "")),
        )
    return out


def shares_table(shares: dict[str, dict[str, dict[str, float]]]) -> Table | None:
    """Share of games with each outcome of each mandate renewal, by policy."""
    resolutions = sorted({r for by_resolution in shares.values() for r in by_resolution})
    if not resolutions:
        return None
    outcomes = sorted({o for by in shares.values() for tally in by.values() for o in tally})
    out = Table(
        title=_("Mandate renewals: share of games by outcome"),
        title_justify="left",
        title_style="bold",
        min_width=60,
    )
    out.add_column(_("policy"))
    for resolution in resolutions:
        out.add_column(_("UNSCR {resolution}").format(resolution=resolution), justify="right")
    for policy, by_resolution in shares.items():
        cells = []
        for resolution in resolutions:
            tally = by_resolution.get(resolution, {})
            cells.append(
                "  ".join(f"{outcome_text(o)} {_share(tally[o])}" for o in outcomes if tally.get(o)) or "-"
            )
        out.add_row(policy, *cells)
    return out


def print_report(
    console: Console,
    heading: str,
    tables: list[MeasureTable],
    baseline: str,
    shares: dict[str, dict[str, dict[str, float]]],
) -> None:
    console.print(Text(heading, style="bold"))
    console.print(
        _(
            "Intervals: 95% by Student's t. Differences: paired by seed (game i of every policy shares "
            "its seed); p from a paired t-test; better/worse marks p < 0.05, one test per measure, "
            "not corrected for the many measures."
        ),
        style="dim",
    )
    for table in tables:
        console.print()
        console.print(measure_table(table, baseline))
    mandate = shares_table(shares)
    if mandate is not None:
        console.print()
        console.print(mandate)


def distribution_plot(outcome: RunOutcome, key: str, width: int, colour: bool, bins: int = 24) -> str:
    """Frequency polygons of one measure, a line per policy on shared bins (plotext)."""
    import plotext as plt

    series = {
        policy: [r.measures[key] for r in outcome.results if r.policy == policy and key in r.measures]
        for policy in outcome.policies
    }
    values = [v for vs in series.values() for v in vs]
    if not values:
        return ""
    low, high = min(values), max(values)
    step = (high - low) / bins or 1.0
    centres = [low + step * (i + 0.5) for i in range(bins)]
    plt.clear_figure()
    plt.plotsize(width, 16)
    plt.theme("pro" if colour else "clear")
    for number, (policy, vs) in enumerate(series.items()):
        if not vs:
            continue
        counts = [0] * bins
        for v in vs:
            counts[min(bins - 1, int((v - low) / step))] += 1
        used = [i for i, n in enumerate(counts) if n]  # no line along zero outside its own range
        span = range(used[0], used[-1] + 1)
        plt.plot(
            [centres[i] for i in span],
            [100 * counts[i] / len(vs) for i in span],
            label=policy,
            marker=MARKERS[number % len(MARKERS)],
            color=COLOURS[number % len(COLOURS)] if colour else "default",
        )
    label, _better = describe_measure(key)
    plt.title(label)
    plt.ylabel(_("% of games"))
    return plt.build()


def print_plots(console: Console, outcome: RunOutcome, keys: list[str]) -> None:
    width = max(60, min(console.width, 120))
    for key in keys:
        chart = distribution_plot(outcome, key, width, colour=console.is_terminal)
        if chart:
            console.print()
            console.print(Text.from_ansi(chart))


# --- exports ------------------------------------------------------------------------------------


def csv_text(outcome: RunOutcome, keys: list[str]) -> str:
    """One row per game: policy, seed, every measure, the mandate outcomes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["policy", "seed", *keys, "mandate_outcomes"])
    for result in outcome.results:
        writer.writerow(
            [
                result.policy,
                result.seed,
                *(result.measures.get(key, "") for key in keys),
                ";".join(result.mandate_outcomes),
            ]
        )
    return buffer.getvalue()


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) or math.isinf(value) else value


def json_data(
    outcome: RunOutcome,
    scenario_id: str,
    baseline: str,
    tables: list[MeasureTable],
    shares: dict[str, dict[str, dict[str, float]]],
) -> dict:
    """Per-game results and the summary; everything but `run` is identical for the same arguments."""
    summary: dict[str, dict] = {}
    for table in tables:
        rows = {}
        for row in table.rows:
            s, c = row.summary, row.comparison
            entry: dict[str, object] = {
                "n": s.n,
                "mean": _finite(s.mean),
                "sd": _finite(s.sd),
                "median": _finite(s.median),
                "p5": _finite(s.p5),
                "p95": _finite(s.p95),
                "ci95": [_finite(s.ci_low), _finite(s.ci_high)],
            }
            if c is not None:
                entry["vs_baseline"] = {
                    "pairs": c.n,
                    "mean_diff": _finite(c.mean_diff),
                    "ci95": [_finite(c.ci_low), _finite(c.ci_high)],
                    "t": _finite(c.t),
                    "p": _finite(c.p_value),
                    "verdict": table.verdict(row),
                }
            rows[row.policy] = entry
        summary[table.key] = {"label": table.label, "better": table.better, "policies": rows}
    return {
        "scenario": scenario_id,
        "runs": outcome.runs,
        "base_seed": outcome.base_seed,
        "policies": outcome.policies,
        "baseline": baseline,
        "interrupted": outcome.interrupted,
        "games_finished": len(outcome.results),
        "run": {"workers": outcome.workers, "elapsed_s": round(outcome.elapsed_s, 3)},
        "summary": summary,
        "mandate_shares": shares,
        "games": [
            {
                "policy": r.policy,
                "seed": r.seed,
                "measures": r.measures,
                "mandate_outcomes": list(r.mandate_outcomes),
            }
            for r in outcome.results
        ],
    }


def json_text(data: dict) -> str:
    return json.dumps(data, indent=1, sort_keys=False, allow_nan=False) + "\n"


def _share(fraction: float) -> str:
    """A share of games as a percentage; a rare outcome shows as "<1%", never as "0%"."""
    return "<" + share(0.01) if 0 < fraction < 0.005 else share(fraction)
