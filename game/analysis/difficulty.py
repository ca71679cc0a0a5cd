"""Difficulty: how much better than history good play does, against the band of rules.md §13.2."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from game.analysis.montecarlo import GameResult, run_games
from game.analysis.numbers import fixed, period_text
from game.analysis.stats import Comparison, paired_comparison
from game.bots.policies import POLICIES
from game.i18n import _
from game.scenario.models import Scenario

BASELINE = "historical"
SEARCHED = "searched"
NAIVE = "worst-hit"
STATUS_QUO = "coa1-status-quo"
# The source study's courses of action, best first as it argues them: its recommendations
# together, then defining PoC, then avoiding the term, then carrying on as now.
STUDY_ORDER = ("poc-first-mtf-air", "coa2-define-poc", "coa3-avoid-term", STATUS_QUO)
SCRIPTED = (BASELINE, NAIVE, *STUDY_ORDER)
DEFAULT_SEARCH_SEEDS = 10  # calibrate's --search-seeds default (game/cli.py)


@dataclass(frozen=True)
class Band:
    """How much fewer civilian deaths than `historical` play may reach (percent, rules.md §13.2)."""

    best_gain_pct: float = 35  # excellent play: never more than this in any period
    least_gain_pct: float = 5  # ... and at least this over the whole game
    naive_gain_pct: float = 15  # naive play (worst-hit): never more than this in any period


BAND = Band()


@dataclass(frozen=True)
class PolicyRow:
    """One policy's mean civilian deaths per period, and its gain over historical on the same seeds."""

    policy: str
    games: int
    deaths: dict[str, float]  # period -> mean; "whole" for the game
    gain_pct: dict[str, float]  # period -> % fewer deaths than historical (negative: more)
    credibility: float
    credibility_vs_baseline: float  # national credibility at the end, minus historical's
    whole_by_seed: dict[int, float]  # civilian deaths over the game, by seed, for paired tests


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class DifficultyReport:
    periods: list[str]
    rows: list[PolicyRow]
    checks: list[Check]
    band: Band

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def row(self, policy: str) -> PolicyRow:
        return next(row for row in self.rows if row.policy == policy)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def policy_row(
    policy: str, games: list[GameResult], baseline: dict[int, GameResult], periods: list[str]
) -> PolicyRow:
    """Means over the policy's games; gains against historical's games with the same seeds."""
    paired = [game for game in games if game.seed in baseline]
    deaths, gain = {}, {}
    for period in [*periods, "whole"]:
        key = "civilians_killed" if period == "whole" else f"civilians_killed.{period}"
        deaths[period] = _mean([game.measures[key] for game in games])
        ours = _mean([game.measures[key] for game in paired])
        theirs = _mean([baseline[game.seed].measures[key] for game in paired])
        gain[period] = 100 * (theirs - ours) / theirs if theirs else math.nan
    credibility = _mean([game.measures["national_credibility"] for game in games])
    theirs = _mean([baseline[game.seed].measures["national_credibility"] for game in paired])
    ours = _mean([game.measures["national_credibility"] for game in paired])
    whole = {game.seed: game.measures["civilians_killed"] for game in games}
    return PolicyRow(policy, len(games), deaths, gain, credibility, ours - theirs, whole)


def fewer_deaths(row: PolicyRow, other: PolicyRow) -> Comparison:
    """Paired comparison of whole-game civilian deaths, row minus other, on their common seeds."""
    seeds = sorted(set(row.whole_by_seed) & set(other.whole_by_seed))
    return paired_comparison([row.whole_by_seed[s] for s in seeds], [other.whole_by_seed[s] for s in seeds])


def checks(rows: dict[str, PolicyRow], periods: list[str], band: Band = BAND) -> list[Check]:
    """The band's verdicts: searched inside it, worst-hit well inside, the study's order kept."""
    found = []

    def worst_period(row: PolicyRow) -> str:
        return max(periods, key=lambda p: row.gain_pct[p])

    if SEARCHED in rows:
        row = rows[SEARCHED]
        top = worst_period(row)
        whole = row.gain_pct["whole"]
        found.append(
            Check(
                _("excellent play (searched) inside the band"),
                row.gain_pct[top] <= band.best_gain_pct and whole >= band.least_gain_pct,
                _(
                    "{whole}% fewer deaths over the game (at least {least}%), at most "
                    "{most}% fewer in a period ({period}; limit {limit}%)"
                ).format(
                    whole=f"{whole:.0f}",
                    least=f"{band.least_gain_pct:.0f}",
                    most=f"{row.gain_pct[top]:.0f}",
                    period=period_text(top),
                    limit=f"{band.best_gain_pct:.0f}",
                ),
            )
        )
    if NAIVE in rows:
        row = rows[NAIVE]
        top = worst_period(row)
        found.append(
            Check(
                _("naive play (worst-hit) well inside the band"),
                row.gain_pct[top] <= band.naive_gain_pct,
                _("at most {most}% fewer deaths in a period ({period}; limit {limit}%)").format(
                    most=f"{row.gain_pct[top]:.0f}",
                    period=period_text(top),
                    limit=f"{band.naive_gain_pct:.0f}",
                ),
            )
        )
    studied = [rows[name] for name in STUDY_ORDER if name in rows]
    if len(studied) == len(STUDY_ORDER):
        beyond = [row for row in studied if row.gain_pct[worst_period(row)] > band.best_gain_pct]
        found.append(
            Check(
                _("the study's courses of action inside the band"),
                not beyond,
                ", ".join(
                    _("{policy} {gain}% fewer in {period}").format(
                        policy=row.policy,
                        gain=f"{row.gain_pct[worst_period(row)]:.0f}",
                        period=period_text(worst_period(row)),
                    )
                    for row in beyond
                )
                or _("none more than {limit}% fewer deaths in a period").format(
                    limit=f"{band.best_gain_pct:.0f}"
                ),
            )
        )
        found.append(_study_order(studied))
        found.append(_beats_status_quo(studied[:-1], rows[STATUS_QUO]))
    return found


def _study_order(studied: list[PolicyRow]) -> Check:
    """Each course has fewer deaths than the next; two the dice cannot tell apart pass as equal."""
    reversed_pairs, text = [], studied[0].policy
    for better, worse in pairwise(studied):
        comparison = fewer_deaths(better, worse)
        if comparison.mean_diff > 0 and comparison.significant:
            reversed_pairs.append(better.policy)
        sign = "<" if comparison.mean_diff < 0 else ">"
        told = comparison.significant
        text += f" {sign if told else '≈'} {worse.policy}"
        if not told:
            text += " " + _("(not told apart, p {p})").format(p=f"{comparison.p_value:.2f}")
    means = ", ".join(f"{row.policy} {row.deaths['whole']:.0f}" for row in studied)
    return Check(
        _("the study's courses in its order of civilian deaths"),
        not reversed_pairs,
        _("{order}; means {means}").format(order=text, means=means),
    )


def _beats_status_quo(courses: list[PolicyRow], status_quo: PolicyRow) -> Check:
    """Each recommended course: significantly fewer deaths, and more credibility, than course 1."""
    failing = []
    for row in courses:
        comparison = fewer_deaths(row, status_quo)
        if (
            not (comparison.mean_diff < 0 and comparison.significant)
            or row.credibility <= status_quo.credibility
        ):
            failing.append(row.policy)
    detail = ", ".join(
        _("{policy} {deaths} deaths, credibility {credibility}").format(
            policy=row.policy, deaths=f"{row.deaths['whole']:.0f}", credibility=f"{row.credibility:.0f}"
        )
        for row in [*courses, status_quo]
    )
    return Check(_("the study's courses beat the status quo (deaths and credibility)"), not failing, detail)


def measure_difficulty(
    scenario: Scenario,
    seeds: int,
    search_seeds: int = DEFAULT_SEARCH_SEEDS,
    base_seed: int = 1,
    workers: int | None = None,
    band: Band = BAND,
    progress: Callable[[int], None] | None = None,
) -> DifficultyReport:
    """Play the scripted policies on `seeds` games and the searched one on the first `search_seeds`."""
    periods = [measure.period for measure in scenario.history.civilians_killed]
    scripted = run_games(
        scenario, [POLICIES[name] for name in SCRIPTED], seeds, base_seed, workers, progress=progress
    )
    if scripted.interrupted:
        raise KeyboardInterrupt
    results = list(scripted.results)
    if search_seeds:
        searched = run_games(
            scenario, [POLICIES[SEARCHED]], min(search_seeds, seeds), base_seed, workers, progress=progress
        )
        if searched.interrupted:
            raise KeyboardInterrupt
        results += searched.results
    by_policy: dict[str, list[GameResult]] = {}
    for result in results:
        by_policy.setdefault(result.policy, []).append(result)
    baseline = {game.seed: game for game in by_policy[BASELINE]}
    order = [*SCRIPTED[:2], SEARCHED, *SCRIPTED[2:]]
    rows = {name: policy_row(name, by_policy[name], baseline, periods) for name in order if name in by_policy}
    return DifficultyReport(periods, list(rows.values()), checks(rows, periods, band), band)


def _cell(mean: float, gain: float, baseline: bool) -> str:
    if baseline or math.isnan(gain):
        return fixed(mean)
    return f"{fixed(mean)} ({round(-gain) + 0:+d}%)"  # + 0 turns -0 into 0


def format_difficulty(report: DifficultyReport) -> list[str]:
    band = report.band
    lines = [
        _(
            "Difficulty: mean civilian deaths per period, and the change from historical on the same seeds "
            "(rules.md §13.2)"
        ),
        "",
    ]
    heads = [*(period_text(p) for p in report.periods), _("whole game")]
    columns = "  ".join(f"{head:>13}" for head in heads)
    policy, games, credibility = _("policy"), _("games"), _("credibility at the end")
    lines.append(f"{policy:<19} {games:>5}  {columns}  {credibility}")
    for row in report.rows:
        baseline = row.policy == BASELINE
        cells = [_cell(row.deaths[p], row.gain_pct[p], baseline) for p in [*report.periods, "whole"]]
        credibility = f"{row.credibility:.0f}"
        if not baseline:
            credibility += f" ({row.credibility_vs_baseline:+.0f})"
        deaths = "  ".join(f"{cell:>13}" for cell in cells)
        lines.append(f"{row.policy:<19} {row.games:>5}  {deaths}  {credibility}")
    lines += [
        "",
        _(
            "Band: excellent play at least {least}% fewer civilian deaths than historical over the game and "
            "never more than {best}% fewer in a period; naive play never more than {naive}% fewer."
        ).format(
            least=f"{band.least_gain_pct:.0f}",
            best=f"{band.best_gain_pct:.0f}",
            naive=f"{band.naive_gain_pct:.0f}",
        ),
    ]
    for check in report.checks:
        verdict = _("yes") if check.passed else _("NO")
        lines.append(f"  {verdict:<4} {check.name}: {check.detail}")
    return lines


# --- `minusma calibrate --difficulty` ---------------------------------------------------------


def run_from_command(args, scenario) -> tuple[list[str], bool]:
    """Measure with a progress bar on standard error: the report's lines, and whether the band holds."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from game.analysis.montecarlo import GameFailed
    from game.errors import UserError

    if args.search_seeds < 0:
        raise UserError(_("--search-seeds must be 0 or more"))
    search_seeds = min(args.search_seeds, args.seeds)
    total = args.seeds * len(SCRIPTED) + search_seeds
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(_("difficulty"), total=total)
        try:
            report = measure_difficulty(
                scenario,
                args.seeds,
                search_seeds,
                workers=args.workers,
                progress=lambda n: bar.advance(task, n),
            )
        except GameFailed as error:
            raise UserError(str(error)) from None
    return format_difficulty(report), report.passed
