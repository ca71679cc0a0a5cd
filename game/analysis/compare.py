"""Comparison tables of a Monte Carlo run: each measure summarised per policy and set against a baseline."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from game.analysis.montecarlo import GameResult, RunOutcome
from game.analysis.stats import Comparison, Summary, paired_comparison, summarise
from game.engine.wording import words

Better = Literal["higher", "lower"] | None


@dataclass(frozen=True)
class MeasureRow:
    policy: str
    summary: Summary
    comparison: Comparison | None  # None for the baseline itself


@dataclass(frozen=True)
class MeasureTable:
    key: str
    label: str
    better: Better
    rows: list[MeasureRow]

    def verdict(self, row: MeasureRow) -> str:
        """'better', 'worse' or 'different' for a significant difference, '' otherwise."""
        comparison = row.comparison
        if comparison is None or not comparison.significant:
            return ""
        if self.better is None:
            return "different"
        higher = comparison.mean_diff > 0
        return "better" if higher == (self.better == "higher") else "worse"


_FIXED_LABELS: dict[str, tuple[str, Better]] = {
    "national_credibility": ("National credibility at the end (0-100)", "higher"),
    "civilians_killed": ("Civilians killed, whole game", "lower"),
    "peacekeepers_killed": ("Peacekeepers killed, whole game", "lower"),
    "say_do_gap": ("Say-Do gap, mean per turn", "lower"),
    "central_share_pct": ("Share of civilian deaths in the central zone (%)", None),
    "consent": ("Host-state consent at the end (0-100)", "higher"),
    "mandate_support": ("Security Council support at the end (0-100)", "higher"),
    "mandate.poc_first": ("Mandate renewals making PoC the first priority", "higher"),
    "mandate.renewed": ("Mandate renewals as before", None),
    "mandate.reduced": ("Mandate renewals with the mission reduced", "lower"),
}


def describe_measure(key: str, region_names: dict[str, str] | None = None) -> tuple[str, Better]:
    """A readable label for a measure key, and which direction is better."""
    if key in _FIXED_LABELS:
        return _FIXED_LABELS[key]
    head, _, tail = key.partition(".")
    if head == "credibility":
        return f"Credibility in {(region_names or {}).get(tail, tail)} at the end", "higher"
    if head in ("civilians_killed", "peacekeepers_killed"):
        return f"{words(head).capitalize()} in {(region_names or {}).get(tail, tail)}", "lower"
    return words(key), None


def measure_keys(results: list[GameResult]) -> list[str]:
    """Every measure, in the order games report them."""
    keys: dict[str, None] = {}
    for result in results:
        keys.update(dict.fromkeys(result.measures))
    return list(keys)


def compare(
    outcome: RunOutcome,
    baseline: str,
    region_names: dict[str, str] | None = None,
    keys: list[str] | None = None,
) -> list[MeasureTable]:
    """One table per measure: every policy's summary, and its paired difference from the baseline.

    Differences use the seeds both policies finished (all of them unless the run was interrupted).
    """
    if baseline not in outcome.policies:
        raise ValueError(f"the baseline {baseline!r} is not one of the policies run")
    by_policy: dict[str, dict[int, GameResult]] = {name: {} for name in outcome.policies}
    for result in outcome.results:
        by_policy[result.policy][result.seed] = result
    base_games = by_policy[baseline]
    tables = []
    for key in keys if keys is not None else measure_keys(outcome.results):
        rows = []
        for policy in outcome.policies:
            games = by_policy[policy]
            values = [game.measures[key] for game in games.values() if key in game.measures]
            if not values:
                continue
            comparison = None
            if policy != baseline:
                seeds = sorted(s for s in games if s in base_games and key in base_games[s].measures)
                comparison = paired_comparison(
                    [games[s].measures[key] for s in seeds], [base_games[s].measures[key] for s in seeds]
                )
            rows.append(MeasureRow(policy, summarise(values), comparison))
        label, better = describe_measure(key, region_names)
        tables.append(MeasureTable(key, label, better, rows))
    return tables


def mandate_shares(outcome: RunOutcome) -> dict[str, dict[str, dict[str, float]]]:
    """Share of games with each outcome of each mandate renewal: {policy: {resolution: {outcome: share}}}."""
    shares: dict[str, dict[str, dict[str, float]]] = {}
    for policy in outcome.policies:
        games = [r for r in outcome.results if r.policy == policy]
        counts: dict[str, Counter] = {}
        for game in games:
            for entry in game.mandate_outcomes:
                resolution, _, result = entry.rpartition(":")
                counts.setdefault(resolution, Counter())[result] += 1
        shares[policy] = {
            resolution: {result: n / len(games) for result, n in sorted(tally.items())}
            for resolution, tally in counts.items()
        }
    return shares
