"""Comparison tables of a Monte Carlo run: each measure summarised per policy and set against a baseline."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from game import i18n
from game.analysis.montecarlo import GameResult, RunOutcome
from game.analysis.numbers import period_text
from game.analysis.stats import Comparison, Summary, paired_comparison, summarise
from game.engine.wording import words
from game.i18n import N_, _

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
    "national_credibility": (N_("National credibility at the end (0-100)"), "higher"),
    "civilians_killed": (N_("Civilians killed, whole game"), "lower"),
    "peacekeepers_killed": (N_("Peacekeepers killed, whole game"), "lower"),
    "say_do_gap": (N_("Say-Do gap, mean per turn"), "lower"),
    "central_share_pct": (N_("Share of civilian deaths in the central zone (%)"), None),
    "consent": (N_("Host-state consent at the end (0-100)"), "higher"),
    "mandate_support": (N_("Security Council support at the end (0-100)"), "higher"),
    "mandate.poc_first": (N_("Mandate renewals making PoC the first priority"), "higher"),
    "mandate.renewed": (N_("Mandate renewals as before"), None),
    "mandate.reduced": (N_("Mandate renewals with the mission reduced"), "lower"),
}


def describe_measure(key: str, region_names: dict[str, str] | None = None) -> tuple[str, Better]:
    """A readable label for a measure key in the reader's language, and which direction is better."""
    if key in _FIXED_LABELS:
        label, better = _FIXED_LABELS[key]
        return _(label), better
    head, _sep, tail = key.partition(".")
    names = region_names or {}
    where = i18n.name(names.get(tail, tail))
    if head == "credibility":
        return _("Credibility in {region} at the end").format(region=where), "higher"
    if head in ("civilians_killed", "peacekeepers_killed") and tail not in names:  # a period: "2019"
        label = (
            _("Civilians killed in {period}")
            if head == "civilians_killed"
            else _("Peacekeepers killed in {period}")
        )
        return label.format(period=period_text(tail)), "lower"
    if head == "civilians_killed":
        return _("Civilians killed in {region}").format(region=where), "lower"
    if head == "peacekeepers_killed":
        return _("Peacekeepers killed in {region}").format(region=where), "lower"
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
                resolution, _sep, result = entry.rpartition(":")
                counts.setdefault(resolution, Counter())[result] += 1
        shares[policy] = {
            resolution: {result: n / len(games) for result, n in sorted(tally.items())}
            for resolution, tally in counts.items()
        }
    return shares
