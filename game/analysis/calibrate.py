"""Calibration: where, by whom and how hard, simulated over many seeds beside the historical record."""

from __future__ import annotations

from dataclasses import dataclass, field

from game import i18n
from game.analysis.montecarlo import GameResult, run_games
from game.analysis.numbers import fixed, period_text
from game.bots.policies import POLICIES
from game.engine import Game
from game.engine.score import in_period, national
from game.i18n import N_, _, ngettext
from game.scenario.models import NATIONAL, Scenario

SPARK = " ▁▂▃▄▅▆▇█"
# Translators: the measures of calibrate's table (rows are labelled in English and shown translated).
MEASURE_LABELS = (
    N_("civilians killed"),
    N_("peacekeepers killed"),
    N_("host forces killed"),
    N_("attacks on peacekeepers"),
    N_("attacks on host forces"),
)
# Translators: calibrate's verdict: the simulated mean is inside history's range, below it or above it.
VERDICT_WORDS = (N_("yes"), N_("LOW"), N_("HIGH"))


@dataclass
class CalibrationRow:
    """One measure: the mean and 10th-90th percentiles over seeds beside history's range."""

    measure: str
    period: str
    mean: float
    low: int | None
    high: int | None
    source: str
    p10: float = 0.0
    p90: float = 0.0
    unit: str = ""  # "%" for shares
    checked: bool = True  # False: shown beside its range (a survey's credibility), never a failure

    @property
    def within(self) -> bool:
        if self.low is None or self.high is None:
            return True
        return self.low <= round(self.mean) <= self.high

    @property
    def verdict(self) -> str:
        if self.low is None or self.high is None:
            return "-"
        if self.within:
            return "yes"
        return "LOW" if round(self.mean) < self.low else "HIGH"


@dataclass
class Calibration:
    policy: str
    seeds: int
    rows: list[CalibrationRow] = field(default_factory=list)
    monthly: dict[str, list[float]] = field(default_factory=dict)  # region -> mean deaths per month
    months: list[str] = field(default_factory=list)
    region_names: dict[str, str] = field(default_factory=dict)

    @property
    def failures(self) -> list[CalibrationRow]:
        return [row for row in self.rows if row.checked and not row.within]

    @property
    def shown(self) -> list[CalibrationRow]:
        """The rows set beside a range but never checked (credibility beside the surveys)."""
        return [row for row in self.rows if not row.checked and row.low is not None]


# The Secretary-General's reports count attacks per reporting period, and their periods straddle
# the game's: a period no report covers whole has no range (rules.md §13).
ATTACKS_UNCHECKED = N_("not checked: no UN SG count covers the whole period")


def _periods(scenario: Scenario) -> list[str]:
    return [m.period for m in scenario.history.civilians_killed]


def fidelity_measures(game: Game, policy: str) -> GameResult:
    """Civilian deaths by period, region, zone and perpetrator group; attacks and deaths of soldiers."""
    scenario, state = game.scenario, game.state
    zone = {r.id: r.zone for r in scenario.regions}
    group_of = {actor: g.id for g in scenario.history.perpetrator_groups for actor in g.actors}
    out: dict[str, float] = {}

    def add(key: str, value: float) -> None:
        out[key] = out.get(key, 0) + value

    periods = _periods(scenario)
    opinion_periods = sorted({o.period for o in scenario.history.credibility})
    for record in state.history:
        # credibility at the end of a period: the last turn inside it overwrites the earlier ones
        for period in (p for p in opinion_periods if in_period(record.month, p) and record.credibility):
            for region, value in record.credibility.items():
                out[f"credibility.{period}.{region}"] = value
            out[f"credibility.{period}.{NATIONAL}"] = national(record.credibility)
        inside = [p for p in periods if in_period(record.month, p)]
        host = sum(c.delta for c in record.changes if c.kind == "host_forces_killed")
        for period in inside:
            add(f"peacekeepers.{period}", record.peacekeepers_killed)
            add(f"peacekeeper_attacks.{period}", record.attacks.get("peacekeepers", 0))
            add(f"host_forces.{period}", host)
            add(f"host_force_attacks.{period}", record.attacks.get("host_forces", 0))
        for region, by in record.civilians_killed.items():
            deaths = sum(by.values())
            add(f"month.{record.month}.{region}", deaths)
            for period in inside:
                add(f"civilians.{period}", deaths)
                add(f"share.{period}.r.{region}", deaths)
                add(f"share.{period}.z.{zone[region]}", deaths)
                for perpetrator, n in by.items():
                    group = group_of.get(perpetrator, "other")
                    add(f"share.{period}.g.{group}", n)
                    add(f"place.{period}.{group}.r.{region}", n)
                    add(f"place.{period}.{group}.z.{zone[region]}", n)
    for key in [k for k in out if k.startswith("share.")]:
        period = key.split(".")[1]
        total = out.get(f"civilians.{period}", 0)
        out[key] = 100 * out[key] / total if total else 0.0
    for share in scenario.history.perpetrator_places:  # where one group killed, of all it killed
        period, group = share.period, share.group
        kind = "r" if share.of in zone else "z"
        victims = sum(v for k, v in out.items() if k.startswith(f"place.{period}.{group}.r."))
        placed = out.get(f"place.{period}.{group}.{kind}.{share.of}", 0.0)
        if victims:  # a game where the group killed no one in the period says nothing of where
            out[f"placeshare.{period}.{group}.{share.of}"] = 100 * placed / victims
    return GameResult(policy, state.seed, out)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = q * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def calibrate(
    scenario: Scenario, seeds: int = 50, policy: str = "historical", workers: int | None = None
) -> Calibration:
    """Play `seeds` games (seeds 1..N) on the analysis workers and set each measure beside history."""
    outcome = run_games(
        scenario, [POLICIES[policy]], seeds, base_seed=1, workers=workers, measure=fidelity_measures
    )
    results = [r.measures for r in outcome.results]
    n = len(results)

    def stats(key: str) -> tuple[float, float, float]:
        values = [r.get(key, 0.0) for r in results]
        return sum(values) / n, _percentile(values, 0.1), _percentile(values, 0.9)

    history = scenario.history
    zones = {"centre": _("central Mali"), "north": _("the north"), "south": _("the south")}
    regions = {r.id: i18n.name(r.name) for r in scenario.regions}
    groups = {g.id: i18n.name(g.name) for g in history.perpetrator_groups}
    cal = Calibration(policy, n, region_names={r.id: r.name for r in scenario.regions})
    for label, key, measures in (
        ("civilians killed", "civilians", history.civilians_killed),
        ("peacekeepers killed", "peacekeepers", history.peacekeepers_killed),
        ("host forces killed", "host_forces", history.host_forces_killed),
    ):
        for m in measures:
            mean, p10, p90 = stats(f"{key}.{m.period}")
            cal.rows.append(CalibrationRow(label, m.period, mean, m.low, m.high, m.source, p10, p90))
    for period in _periods(scenario):
        for label, key, counted in (
            ("attacks on peacekeepers", "peacekeeper_attacks", history.attacks_on_peacekeepers),
            ("attacks on host forces", "host_force_attacks", history.attacks_on_host_forces),
        ):
            mean, p10, p90 = stats(f"{key}.{period}")
            count = next((m for m in counted if m.period == period), None)
            if count is None:
                row = CalibrationRow(label, period, mean, None, None, _(ATTACKS_UNCHECKED), p10, p90)
            else:
                row = CalibrationRow(label, period, mean, count.low, count.high, count.source, p10, p90)
            cal.rows.append(row)
    for share in history.regional_shares:
        kind, name = ("r", regions[share.of]) if share.of in regions else ("z", zones.get(share.of, share.of))
        mean, p10, p90 = stats(f"share.{share.period}.{kind}.{share.of}")
        cal.rows.append(
            CalibrationRow(
                _("share in {place}").format(place=name),
                share.period,
                mean,
                share.low,
                share.high,
                share.source,
                p10,
                p90,
                "%",
            )
        )
    for share in history.perpetrator_shares:
        mean, p10, p90 = stats(f"share.{share.period}.g.{share.of}")
        label = _("share by {group}").format(group=groups[share.of])
        cal.rows.append(
            CalibrationRow(label, share.period, mean, share.low, share.high, share.source, p10, p90, "%")
        )
    for place in history.perpetrator_places:
        key = f"placeshare.{place.period}.{place.group}.{place.of}"
        values = [r[key] for r in results if key in r]
        mean = sum(values) / len(values) if values else 0.0
        p10, p90 = _percentile(values, 0.1), _percentile(values, 0.9)
        where = regions[place.of] if place.of in regions else zones.get(place.of, place.of)
        label = _("victims in {place}, of {group}").format(place=where, group=groups[place.group])
        cal.rows.append(
            CalibrationRow(
                label, place.period, mean, place.low, place.high, place.source, p10, p90, "%", False
            )
        )
    for opinion in history.credibility:
        mean, p10, p90 = stats(f"credibility.{opinion.period}.{opinion.of}")
        label = (
            _("national credibility")
            if opinion.of == NATIONAL
            else _("credibility in {place}").format(place=regions[opinion.of])
        )
        cal.rows.append(
            CalibrationRow(
                label, opinion.period, mean, opinion.low, opinion.high, opinion.source, p10, p90, "", False
            )
        )
    months = sorted({k.split(".")[1] for r in results for k in r if k.startswith("month.")})
    cal.months = months
    for region in cal.region_names:
        cal.monthly[region] = [sum(r.get(f"month.{m}.{region}", 0.0) for r in results) / n for m in months]
    return cal


def sparkline(values: list[float], top: float) -> str:
    if top <= 0:
        return SPARK[0] * len(values)
    return "".join(SPARK[min(len(SPARK) - 1, round(v / top * (len(SPARK) - 1)))] for v in values)


def format_calibration(cal: Calibration, sources: bool = True) -> list[str]:
    lines = [
        ngettext(
            "Simulated ({policy}, {n} seed: mean and 10th-90th percentile) against history",
            "Simulated ({policy}, {n} seeds: mean and 10th-90th percentile) against history",
            cal.seeds,
        ).format(policy=cal.policy, n=cal.seeds),
        "",
    ]
    mean_width, history_width = max(6, len(_("mean"))), max(9, len(_("history")))
    measure, when, mean, spread, history, ok = (
        _("measure"),
        _("period"),
        _("mean"),
        _("p10-p90"),
        _("history"),
        _("ok"),
    )
    header = f"{measure:<44} {when:<8} {mean:>{mean_width}} {spread:>11}  {history:<{history_width}} {ok}"
    lines.append(header + ("   " + _("source") if sources else ""))
    for row in cal.rows:
        unit = row.unit
        history = f"{row.low}-{row.high}{unit}" if row.low is not None else "-"
        spread = f"{fixed(row.p10, group=False)}-{fixed(row.p90, group=False)}{unit}"
        mean = fixed(row.mean, group=False)
        verdict = _(row.verdict) if row.verdict in VERDICT_WORDS else row.verdict
        if not row.checked and row.low is not None:
            verdict = f"({verdict})"
        label, when = _(row.measure), period_text(row.period)
        line = (
            f"{label[:44]:<44} {when:<8} {mean:>{mean_width - 1}}{unit or ' '} {spread:>11}  "
            f"{history:<{history_width}} {verdict:<4}"
        )
        lines.append(line + (f" {row.source}" if sources else ""))
    lines.append("")
    if cal.months:
        lines.append(
            _(
                "Civilian deaths per month, mean over seeds ({first} to {last}); "
                "each row scaled to its own worst month"
            ).format(first=cal.months[0], last=cal.months[-1])
        )
        for region, series in cal.monthly.items():
            top = max(series, default=0.0)
            total, worst = fixed(sum(series), group=False), fixed(top, group=False)
            lines.append(
                f"  {i18n.name(cal.region_names[region])[:24]:<24} {sparkline(series, top)} "
                + _("total {total}, worst month {worst}").format(total=f"{total:>5}", worst=f"{worst:>4}")
            )
    failures = cal.failures
    lines.append("")
    if failures:
        lines.append(
            ngettext(
                "{n} row outside history's range:", "{n} rows outside history's range:", len(failures)
            ).format(n=len(failures))
        )
        lines.extend(
            "  "
            + _("{measure} {period}: {mean}{unit} against {low}-{high}{unit}").format(
                measure=_(row.measure),
                period=period_text(row.period),
                mean=fixed(row.mean, group=False),
                unit=row.unit,
                low=row.low,
                high=row.high,
            )
            for row in failures
        )
    else:
        lines.append(_("Every row with a historical range is inside it."))
    shown = [row for row in cal.shown if row.unit != "%"]  # the surveys; a group's places say so
    if shown:
        inside = sum(row.within for row in shown)
        lines.append(
            ngettext(
                "Shown, not checked (verdict in brackets): {inside} of {n} credibility row inside "
                "the range the opinion surveys allow (rules.md §13).",
                "Shown, not checked (verdicts in brackets): {inside} of {n} credibility rows inside "
                "the range the opinion surveys allow (rules.md §13).",
                len(shown),
            ).format(inside=inside, n=len(shown))
        )
    return lines
