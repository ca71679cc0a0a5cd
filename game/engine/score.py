"""The end-of-game scorecard: every measure of success beside the historical record."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from game.engine.state import GameState
from game.i18n import N_
from game.scenario.models import Scenario


@dataclass
class MeasureResult:
    """One measure: the game's value, history's range and a verdict."""

    name: str
    period: str
    value: int
    low: int | None = None
    high: int | None = None
    source: str = ""
    lower_is_better: bool = True
    complete: bool = True  # False while the period is still being played

    @property
    def verdict(self) -> str:
        if self.low is None or self.high is None:
            return ""
        if not self.complete:
            return N_("so far (period not over)")
        if self.value < self.low:
            return N_("better than history") if self.lower_is_better else N_("worse than history")
        if self.value > self.high:
            return N_("worse than history") if self.lower_is_better else N_("better than history")
        return N_("as history")


@dataclass
class ShareResult:
    """A share of one period's civilian deaths (a region, a zone or a perpetrator group) beside history."""

    name: str
    period: str
    value: int  # percent of the period's civilian deaths in this game
    low: int
    high: int
    source: str = ""
    kind: str = "region"  # "region" (a region or a zone) or "perpetrator"
    complete: bool = True

    @property
    def verdict(self) -> str:
        if not self.complete:
            return N_("so far (period not over)")
        if self.value < self.low:
            return N_("less than history")
        if self.value > self.high:
            return N_("more than history")
        return N_("as history")


ZONE_NAMES = {"centre": N_("central Mali"), "north": N_("the north"), "south": N_("the south")}


@dataclass
class Scorecard:
    """No single win line: a set of measures a class can argue about."""

    national_credibility_start: int
    national_credibility_end: int
    credibility_by_region: dict[str, tuple[int, int]]
    measures: list[MeasureResult] = field(default_factory=list)
    civilians_by_perpetrator: dict[str, int] = field(default_factory=dict)
    civilians_by_region: dict[str, int] = field(default_factory=dict)
    central_share_pct: int = 0
    central_share_history_pct: int = 0
    say_do_gap_mean_tenths: int = 0
    mandate_outcomes: list[str] = field(default_factory=list)
    consent: int = 0
    mandate_support: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    shares: list[ShareResult] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "national_credibility": {
                "start": self.national_credibility_start,
                "end": self.national_credibility_end,
            },
            "credibility_by_region": {
                k: {"start": a, "end": b} for k, (a, b) in self.credibility_by_region.items()
            },
            "measures": [
                {
                    "name": m.name,
                    "period": m.period,
                    "value": m.value,
                    "low": m.low,
                    "high": m.high,
                    "verdict": m.verdict,
                    "source": m.source,
                }
                for m in self.measures
            ],
            "civilians_by_perpetrator": self.civilians_by_perpetrator,
            "civilians_by_region": self.civilians_by_region,
            "central_share_pct": self.central_share_pct,
            "central_share_history_pct": self.central_share_history_pct,
            "say_do_gap_mean": self.say_do_gap_mean_tenths / 10,
            "mandate_outcomes": self.mandate_outcomes,
            "host_state_consent": self.consent,
            "mandate_support": self.mandate_support,
            "protection_outcomes": self.outcomes,
            "shares": [
                {
                    "name": r.name,
                    "kind": r.kind,
                    "period": r.period,
                    "value_pct": r.value,
                    "low_pct": r.low,
                    "high_pct": r.high,
                    "verdict": r.verdict,
                    "source": r.source,
                }
                for r in self.shares
            ],
        }


def say_do_gap(say: int, do: int) -> int:
    """The Say–Do gap (rules.md §8.3): what was said beyond what was done, never below 0."""
    return max(0, say - do)


@lru_cache(maxsize=1024)  # a game's few months and periods, asked about again and again
def in_period(month: str, period: str) -> bool:
    """Whether YYYY-MM falls in a period written YYYY, YYYY-H1 or YYYY-H2."""
    year, _, half = period.partition("-")
    if month[:4] != year:
        return False
    if half == "H1":
        return month[5:7] <= "06"
    if half == "H2":
        return month[5:7] >= "07"
    return True


def period_end(period: str) -> str:
    """The last month (YYYY-MM) of a period written YYYY, YYYY-H1 or YYYY-H2."""
    year, _, half = period.partition("-")
    return f"{year}-06" if half == "H1" else f"{year}-12"


def national(credibility: dict[str, int]) -> int:
    """National credibility: the mean over regions (each region one voice, rules.md §7)."""
    return sum(credibility.values()) // max(1, len(credibility))


def national_credibility(state: GameState) -> int:
    """National credibility now: the one formula, `national`, over the state's regions."""
    return national({region: s.credibility for region, s in state.regions.items()})


def score(scenario: Scenario, state: GameState, shares: bool = True) -> Scorecard:
    """Score a game at any point (the end-of-game scorecard when it is over).

    With shares=False the card's `shares` stay empty: for analysis, which does not read them."""
    start = {r.id: r.credibility for r in scenario.regions}
    end = {r: s.credibility for r, s in state.regions.items()}
    card = Scorecard(
        national_credibility_start=national(start),
        national_credibility_end=national(end),
        credibility_by_region={r: (start[r], end[r]) for r in start},
        consent=state.consent,
        mandate_support=state.mandate_support,
        mandate_outcomes=list(state.mandate_outcomes),
        outcomes=dict(sorted(state.tallies.outcomes.items())),
    )
    history = scenario.history
    # Each finished turn's deaths, counted once for every period it falls in.
    months = [r.month for r in state.history]
    turn_deaths = {
        "civilians": [sum(sum(by.values()) for by in r.civilians_killed.values()) for r in state.history],
        "peacekeepers": [r.peacekeepers_killed for r in state.history],
    }
    turns_in: dict[str, list[int]] = {}  # period -> the turns in it (both measures share periods)
    for name, measures, key in (
        (N_("civilians killed"), history.civilians_killed, "civilians"),
        (N_("peacekeepers killed"), history.peacekeepers_killed, "peacekeepers"),
    ):
        for measure in measures:
            inside = turns_in.get(measure.period)
            if inside is None:
                inside = turns_in[measure.period] = [
                    i for i, month in enumerate(months) if in_period(month, measure.period)
                ]
            if not inside:
                continue
            value = sum(turn_deaths[key][i] for i in inside)
            complete = state.phase == "over" or months[inside[-1]] >= period_end(measure.period)
            card.measures.append(
                MeasureResult(
                    name, measure.period, value, measure.low, measure.high, measure.source, complete=complete
                )
            )
    by_perpetrator: dict[str, int] = {}
    by_region: dict[str, int] = {}
    for region, tally in state.tallies.civilians_killed.items():
        for perpetrator, deaths in tally.items():
            by_perpetrator[perpetrator] = by_perpetrator.get(perpetrator, 0) + deaths
            by_region[region] = by_region.get(region, 0) + deaths
    card.civilians_by_perpetrator = dict(sorted(by_perpetrator.items()))
    card.civilians_by_region = dict(sorted(by_region.items()))
    total = sum(by_region.values())
    central = sum(
        v for r, v in by_region.items() if next(x for x in scenario.regions if x.id == r).zone == "centre"
    )
    card.central_share_pct = central * 100 // total if total else 0
    card.central_share_history_pct = history.central_share_pct
    if state.history:
        gaps = [say_do_gap(r.say, r.do) for r in state.history]
        card.say_do_gap_mean_tenths = sum(gaps) * 10 // len(gaps)
    if shares:
        card.shares = share_results(scenario, state)
    return card


def share_results(scenario: Scenario, state: GameState) -> list[ShareResult]:
    """Where and by whom civilians died in each period, as shares, beside the record's ranges."""
    history = scenario.history
    if not history.regional_shares and not history.perpetrator_shares:
        return []
    zone = {r.id: r.zone for r in scenario.regions}
    names = {r.id: r.name for r in scenario.regions}
    group_of = {actor: g.id for g in history.perpetrator_groups for actor in g.actors}
    group_names = {g.id: g.name for g in history.perpetrator_groups}
    tallies: dict[str, dict[str, int]] = {}  # period -> "r:id" / "z:zone" / "g:group" / "total" -> deaths
    last_month: dict[str, str] = {}
    periods = {s.period for s in history.regional_shares} | {s.period for s in history.perpetrator_shares}
    for record in state.history:
        inside = [period for period in periods if in_period(record.month, period)]
        if not inside:
            continue
        deaths_by_key: dict[str, int] = {}  # this turn's deaths, counted once for all its periods
        for region, by in record.civilians_killed.items():
            region_key, zone_key = f"r:{region}", f"z:{zone[region]}"
            for perpetrator, deaths in by.items():
                for key in ("total", region_key, zone_key, f"g:{group_of.get(perpetrator)}"):
                    deaths_by_key[key] = deaths_by_key.get(key, 0) + deaths
        for period in inside:
            last_month[period] = record.month
            tally = tallies.setdefault(period, {})
            for key, deaths in deaths_by_key.items():
                tally[key] = tally.get(key, 0) + deaths
    results = []
    for kind, shares in (("region", history.regional_shares), ("perpetrator", history.perpetrator_shares)):
        for share in shares:
            period_tally = tallies.get(share.period)
            if period_tally is None:
                continue  # the period has not begun
            if kind == "perpetrator":
                key, name = f"g:{share.of}", group_names[share.of]
            elif share.of in names:
                key, name = f"r:{share.of}", names[share.of]
            else:
                key, name = f"z:{share.of}", ZONE_NAMES.get(share.of, share.of)
            total = period_tally.get("total", 0)
            value = period_tally.get(key, 0) * 100 // total if total else 0
            complete = state.phase == "over" or last_month[share.period] >= period_end(share.period)
            results.append(
                ShareResult(name, share.period, value, share.low, share.high, share.source, kind, complete)
            )
    return results
