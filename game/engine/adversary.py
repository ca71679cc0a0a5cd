"""The armed groups' bot: a published priority flowchart, like the solo bots of GMT's COIN series."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Literal, NamedTuple

from game.engine import tables as T
from game.engine.adjudicate import attack_helicopters_over, civilian_protection
from game.engine.context import Context, ScenarioIndex
from game.engine.state import UnitState
from game.engine.wording import counted
from game.i18n import N_
from game.scenario.models import Scenario


class Action(NamedTuple):
    """One armed-group action chosen for this turn, with the priority that chose it.

    A named tuple, not a frozen dataclass: it is built several times a turn, at a third of the cost.
    """

    kind: Literal["information", "peacekeepers", "host_forces", "supply_route", "civilians"]
    region: str
    actor: str
    reason: str
    unit: str | None = None
    strength: int = 0


def action_count(ctx: Context) -> int:
    """Actions this turn: the scenario's base, raised by attack-rate modifiers (e.g. COVID-19)."""
    base = ctx.index.scenario.adversary_actions
    return max(0, base * (100 + ctx.modifier_total("attack_rate_pct")) // 100)


def _top_actor(ctx: Context, region: str, target: str) -> tuple[str, int] | None:
    """The strongest armed group in a region that strikes this kind of target (the first listed of equals)."""
    threat = ctx.state.regions[region].threat
    best, top = "", 0
    for actor_id in ctx.index.actors_striking(target):
        level = threat.get(actor_id, 0)
        if level > top:
            best, top = actor_id, level
    return (best, top) if top else None


def plan(ctx: Context) -> list[Action]:
    """Choose this turn's actions, one at a time, each by the first priority that applies.

    The state does not change while the bot plans, so each priority's candidates are listed
    once, best first, and a priority that runs out (no candidate left, or its limit a turn
    reached) stays out: the plan is P1's best candidates up to its limit, then P2's, P3's and
    P4's, then P5 strikes on civilians for the actions left. A priority is listed only when an
    action is left for it, and lists only as many candidates as it can take: its limit, or the
    actions left if fewer (its best candidates are the same, fewer of them are worded).
    """
    count = action_count(ctx)
    actions: list[Action] = []
    for candidates, limit in _PRIORITIES:
        left = count - len(actions)
        if left <= 0:
            return actions
        actions += candidates(ctx, min(limit, left))
    if len(actions) >= count:
        return actions
    raids = _Raids(ctx)
    while len(actions) < count:
        action = raids.strike(ctx)
        if action is None:
            break
        actions.append(action)
    return actions


def _exploit_deaths(ctx: Context, limit: int) -> list[Action]:
    """P1: exploit last turn's civilian deaths in the information domain (the `limit` best regions)."""
    found: list[tuple[int, int, str]] = []
    regions = ctx.state.regions
    for order, region_id in enumerate(ctx.index.region_order):
        region = regions[region_id]
        if region.last_civilian_deaths < T.INFO_ATTACK_EXPLOIT_DEATHS and not region.last_mission_harm:
            continue
        if not ctx.mission_present(region_id):
            continue  # nobody expected the mission to protect there
        found.append(
            (
                -(region.last_civilian_deaths + T.EXPLOIT_HARM_WEIGHT * region.last_mission_harm),
                order,
                region_id,
            )
        )
    found.sort()
    actions = []
    reasons = _tables(ctx.index).reasons
    for _, _, region_id in found[:limit]:
        region = regions[region_id]
        strength = T.INFO_ATTACK_BASE + T.INFO_ATTACK_EXPLOIT_BONUS
        if region.last_mission_harm:
            strength += T.INFO_ATTACK_MISSION_HARM_BONUS
        actor = _top_actor(ctx, region_id, "information")
        key = ("P1", region_id, region.last_civilian_deaths, region.last_mission_harm)
        reason = reasons.get(key) or _keep(
            reasons,
            key,
            N_("P1 exploit: {reason}").format(
                reason=N_(
                    "{count} died in {region} last turn ({last_mission_harm} "
                    "blamed on the mission or its partners)"
                ).format(
                    count=counted("{n} civilian", "{n} civilians", region.last_civilian_deaths),
                    region=ctx.region_name(region_id),
                    last_mission_harm=region.last_mission_harm,
                )
            ),
        )
        actions.append(
            Action("information", region_id, actor[0] if actor else "armed_groups", reason, strength=strength)
        )
    return actions


def _exposed_units(ctx: Context, limit: int) -> list[Action]:
    """P2: strike a peacekeeping unit exposed on a base or patrol without air cover (the `limit` best)."""
    # (threat, -strength, unit, actor): unit ids are unique, so the order never compares further
    found: list[tuple[int, int, str, str]] = []
    covered: dict[str, bool] = {}  # region -> attack helicopters over it
    tops: dict[str, tuple[str, int] | None] = {}  # region -> the group that would strike there
    for unit in ctx.state.units.values():
        if unit.posture != "patrol" and not unit.holds_tob:
            continue
        region_id = unit.region
        if region_id not in covered:
            covered[region_id] = bool(attack_helicopters_over(ctx, region_id))
            tops[region_id] = _top_actor(ctx, region_id, "peacekeepers")
        if covered[region_id]:
            continue
        actor = tops[region_id]
        if actor is None or actor[1] < T.EXPOSED_THREAT:
            continue
        found.append((actor[1], -unit.strength, unit.id, actor[0]))
    found.sort(reverse=True)
    actions = []
    reasons = _tables(ctx.index).reasons
    for level, _, unit_id, actor_id in found[:limit]:
        unit = ctx.state.units[unit_id]
        region_id = unit.region
        key = ("P2", unit_id, unit.holds_tob, region_id, actor_id, level)
        reason = reasons.get(key) or _keep(
            reasons,
            key,
            N_("P2 exposed: {reason}").format(
                reason=(
                    N_("{unit} is on a base in {region}, {group} threat {level}, no attack helicopters")
                    if unit.holds_tob
                    else N_("{unit} is on patrol in {region}, {group} threat {level}, no attack helicopters")
                ).format(
                    unit=ctx.unit_name(unit_id),
                    region=ctx.region_name(region_id),
                    group=ctx.actor_name(actor_id),
                    level=level,
                )
            ),
        )
        actions.append(Action("peacekeepers", region_id, actor_id, reason, unit=unit_id))
    return actions


def _host_forces(ctx: Context, limit: int) -> list[Action]:
    """P3: strike host-nation camps in the tri-border area where the state is present (the first `limit`)."""
    actions: list[Action] = []
    for region_id in _tables(ctx.index).tri_border:
        if len(actions) >= limit:
            break
        if ctx.state.regions[region_id].host_presence < T.HOST_CAMPS_PRESENCE:
            continue
        actor = _top_actor(ctx, region_id, "host_forces")
        if actor and actor[1] >= T.EXPOSED_THREAT:
            reasons = _tables(ctx.index).reasons
            key = ("P3", region_id, *actor)
            reason = reasons.get(key) or _keep(
                reasons,
                key,
                N_("P3 host forces: {reason}").format(
                    reason=N_("army camps in {region} (tri-border), {group} threat {level}").format(
                        region=ctx.region_name(region_id), group=ctx.actor_name(actor[0]), level=actor[1]
                    )
                ),
            )
            actions.append(Action("host_forces", region_id, actor[0], reason))
    return actions


def _supply_route(ctx: Context, limit: int) -> list[Action]:
    """P4: one roadside bomb a turn on the most threatened road used by the mission."""
    if limit < 1:
        return []
    # the most threatened region (ties in map order) with a unit on its roads is struck; the
    # units on the roads are found first: most turns there is none, and no threat is read
    on_roads: dict[str, list[UnitState]] = {}
    for unit in ctx.state.units.values():
        if unit.posture == "patrol" or unit.moved != "no":
            on_roads.setdefault(unit.region, []).append(unit)
    if not on_roads:
        return []
    threatened: list[tuple[int, int, str, str]] = []
    for order, region_id in enumerate(ctx.index.region_order):
        if region_id not in on_roads:
            continue
        actor = _top_actor(ctx, region_id, "supply_routes")
        if actor is not None:
            threatened.append((-actor[1], order, region_id, actor[0]))
    if not threatened:
        return []
    negative_level, _, region_id, actor_id = min(threatened)  # the most threatened, first on the map
    unit_id = max(on_roads[region_id], key=lambda u: (u.strength, u.id)).id
    reasons = _tables(ctx.index).reasons
    key = ("P4", unit_id, region_id, actor_id, -negative_level)
    reason = reasons.get(key) or _keep(
        reasons,
        key,
        N_("P4 roads: {reason}").format(
            reason=N_("{unit} moves on the roads of {region}, {group} threat {level}").format(
                unit=ctx.unit_name(unit_id),
                region=ctx.region_name(region_id),
                group=ctx.actor_name(actor_id),
                level=-negative_level,
            )
        ),
    )
    return [Action("supply_route", region_id, actor_id, reason, unit=unit_id)]


# P1 to P4, in priority order, each with its limit a turn (rules.md §5)
_PRIORITIES = (
    (_exploit_deaths, T.MAX_INFO_ATTACKS),
    (_exposed_units, T.MAX_PEACEKEEPER_STRIKES),
    (_host_forces, T.MAX_HOST_FORCE_STRIKES),
    (_supply_route, T.MAX_ROAD_STRIKES),
)


def short_name(name: str) -> str:
    """The acronym in brackets when a name has one ("... (JNIM)" -> "JNIM"), else the name."""
    if name.endswith(")") and "(" in name:
        return name[name.rindex("(") + 1 : -1]
    return name


class Target(NamedTuple):
    """A region's P5 target score before repeat strikes, with the terms it is made of (a named
    tuple: one for every region every turn, built at a third of a frozen dataclass's cost)."""

    score: int
    groups: tuple[tuple[int, str], ...]  # (threat, actor), strongest first: the first strikes
    strength: int
    people: int
    protection: int
    exposed: int
    host: int
    absent: int

    @property
    def actor(self) -> str:
        return self.groups[0][1]

    @property
    def level(self) -> int:
        return self.groups[0][0]

    def terms(self, ctx: Context) -> str:
        """The score's terms, named, as the record shows them (built only for a chosen target)."""
        named = ", ".join(f"{short_name(ctx.actor_name(a))} {level}" for level, a in self.groups)
        return N_(
            "armed strength {strength} (threat squared: {named}) × people {people} "
            "× exposure {exposed}² (protection {protection:+d}) × state absence "
            "{absent} (host presence {host})"
        ).format(
            strength=self.strength,
            named=named,
            people=self.people,
            exposed=self.exposed,
            protection=self.protection,
            absent=self.absent,
            host=self.host,
        )


def exposure(protection: int) -> int:
    """How exposed civilians are to a raid: 8 - protection, 1 to 6; squared in the score (rules.md §5)."""
    return max(T.EXPOSURE_MIN, min(T.EXPOSURE_MAX, T.EXPOSURE_BASE - protection))


def people_weight(population: int) -> int:
    """1 + one per 375,000 inhabitants, at most 8: more villages to strike (rules.md §5)."""
    return min(T.PEOPLE_WEIGHT_MAX, 1 + population // T.POPULATION_SCORE_STEP)


def state_absence(host_presence: int) -> int:
    """6 - host presence, at least 1: armed groups rule where the state has left (rules.md §5)."""
    return max(1, T.STATE_ABSENCE_BASE - host_presence)


class Prospect(NamedTuple):
    """A region's P5 target before the mission's protection there is counted (rules.md §5)."""

    groups: tuple[tuple[int, str], ...]  # (threat, actor), strongest first: the first strikes
    strength: int
    people: int
    host: int
    absent: int

    def bound(self) -> int:
        """The most the region's score can be: its score with civilians at their most exposed."""
        return self.strength * self.people * T.EXPOSURE_MAX**T.EXPOSURE_POWER * self.absent

    def target(self, protection: int) -> Target:
        """The region's target, given the protection of its civilians."""
        exposed = exposure(protection)
        score = self.strength * self.people * exposed**T.EXPOSURE_POWER * self.absent
        return Target(
            score, self.groups, self.strength, self.people, protection, exposed, self.host, self.absent
        )


_threat_of = itemgetter(0)  # a region's group (threat, actor): its threat

# The bot's reasons worded so far, by priority and what the wording reads (for P5: region, first
# or second choice, strikes there before, target): they repeat from turn to turn and from game to
# game (P5's targets: a few hundred in 200 games), so each is worded once. The reasons are kept
# in every game's record, ledger or not. Emptied when full: only the wording's cost depends on it.
_REASONS_KEPT = 4096


def _keep(reasons: dict[tuple[object, ...], str], key: tuple[object, ...], reason: str) -> str:
    """Keep a newly worded reason, and return it."""
    if len(reasons) >= _REASONS_KEPT:
        reasons.clear()
    reasons[key] = reason
    return reason


# Reasons read the scenario's names alone, so they are kept by scenario (by its identity: a game,
# or each of many games on one scenario, builds its own index). The scenario is kept with its
# reasons, so its id is not reused while they are; the last few scenarios only.
_SCENARIO_REASONS: dict[int, tuple[Scenario, dict[tuple[object, ...], str]]] = {}


def _scenario_reasons(scenario: Scenario) -> dict[tuple[object, ...], str]:
    kept = _SCENARIO_REASONS.get(id(scenario))
    if kept is None or kept[0] is not scenario:
        if len(_SCENARIO_REASONS) >= 8:
            _SCENARIO_REASONS.clear()
        kept = _SCENARIO_REASONS[id(scenario)] = (scenario, {})
    return kept[1]


@dataclass(frozen=True, slots=True)
class _Tables:
    """What the bot looks up every turn and that only the scenario decides."""

    raiders: tuple[str, ...]  # the groups the bot plans for, by id
    tri_border: tuple[str, ...]  # the regions of the tri-border area, in map order
    people: tuple[tuple[str, int], ...]  # (region, its people weight), in map order
    reasons: dict[tuple[object, ...], str]  # the bot's reasons worded so far (see above)


# Looked up a few times a turn: lru_cache's lookup (by the index's identity) is the fastest there
# is. It keeps the last few indexes alive: a game's, or an analysis worker's one.
@lru_cache(maxsize=8)
def _tables(index: ScenarioIndex) -> _Tables:
    return _Tables(
        raiders=tuple(sorted(index.raiders)),
        tri_border=tuple(region.id for region in index.scenario.regions if region.tri_border),
        people=tuple((region.id, people_weight(region.population)) for region in index.scenario.regions),
        reasons=_scenario_reasons(index.scenario),
    )


def _prospects(ctx: Context) -> dict[str, Prospect]:
    """Each region where a group the bot plans for is present, in map order, with its prospect."""
    prospects: dict[str, Prospect] = {}
    tables = _tables(ctx.index)
    raiders = tables.raiders
    regions = ctx.state.regions
    for region_id, people in tables.people:
        regional = regions[region_id]
        threats = regional.threat
        groups = []
        strength = 0
        for actor in raiders:  # a plain loop: this runs for every region every turn
            level = threats.get(actor, 0)
            if level > 0:
                groups.append((level, actor))
                strength += level * level
        if not groups:
            continue
        if len(groups) > 1:
            # strongest first: the raiders are in id order and the sort is stable (reverse=True
            # keeps it stable), so equals stay in id order
            groups.sort(key=_threat_of, reverse=True)
        host = regional.host_presence
        prospects[region_id] = Prospect(tuple(groups), strength, people, host, state_absence(host))
    return prospects


def _civilian_targets(ctx: Context) -> dict[str, Target]:
    """Each region's P5 target score (rules.md §5), with each term named for the record."""
    return {
        region_id: prospect.target(civilian_protection(ctx, region_id).total)
        for region_id, prospect in _prospects(ctx).items()
    }


class _Raids:
    """P5 for one turn's plan: the regions' target scores, and the strikes made so far.

    The mission's protection in a region is counted only when the region may be the bot's
    choice: until then its score is bounded by its score with civilians at their most exposed
    (exposure 6), and a region whose bound ranks below the choice cannot be it. This spares
    the protection of most regions (the costliest part of a plan); the choice is the same.
    """

    def __init__(self, ctx: Context) -> None:
        self.prospects = _prospects(ctx)
        self.targets: dict[str, Target] = {}  # the regions whose protection is counted
        self.struck: dict[str, int] = {}
        # each region's score (its bound until counted) divided by its strikes so far, in map order
        self.scores = {region_id: prospect.bound() for region_id, prospect in self.prospects.items()}
        self.reasons = _tables(ctx.index).reasons

    def _best(self, ctx: Context, count: int) -> list[str]:
        """The `count` regions of the highest scores, best first (ties in map order).

        Ranked by score, or bound where the protection is not counted yet: once the first
        `count` are all counted, no bound below them can hide a better score, since a score
        is never more than its bound.
        """
        scores, targets = self.scores, self.targets
        while True:
            if count == 1:  # the first of the highest in map order (max() keeps the first it meets)
                best = [max(scores, key=scores.__getitem__)]
            else:
                # the scores are in map order and the sort is stable (reverse=True keeps it
                # stable), so ties stay in map order
                best = sorted(scores, key=scores.__getitem__, reverse=True)[:count]
            counted_all = True
            for region_id in best:
                if region_id not in targets:
                    counted_all = False
                    target = targets[region_id] = self.prospects[region_id].target(
                        civilian_protection(ctx, region_id).total
                    )
                    scores[region_id] = target.score // (1 + self.struck.get(region_id, 0))
            if counted_all:
                return best

    def strike(self, ctx: Context) -> Action | None:
        """P5: strike civilians where armed groups are strong, people many and protection weak.

        Each strike already made in a region this turn divides its score (score / (1 + strikes)),
        so strikes spread over the regions in proportion to their scores.
        """
        scores = self.scores
        if not scores:
            return None
        picked = "first"
        if len(scores) > 1 and ctx.die(6, "adversary target choice") >= T.SECOND_CHOICE_ROLL:
            picked = "second"
        region_id = self._best(ctx, 2 if picked == "second" else 1)[-1]
        score = scores[region_id]
        target = self.targets[region_id]
        times = self.struck.get(region_id, 0)
        self.struck[region_id] = times + 1
        scores[region_id] = target.score // (times + 2)
        key = ("P5", region_id, picked, times, target)  # the score is target.score // (1 + times)
        reason = self.reasons.get(key) or _keep(
            self.reasons, key, _reason(ctx, region_id, picked, times, target, score)
        )
        level, actor = target.groups[0]  # the strongest group strikes
        return Action("civilians", region_id, actor, reason, strength=level)


def _reason(ctx: Context, region_id: str, picked: str, times: int, target: Target, score: int) -> str:
    """A P5 strike's reason: the region's score and its terms, the choice and the group that strikes."""
    terms = N_("{score} = {terms}").format(score=target.score, terms=target.terms(ctx))
    if times:
        already = {1: N_("once"), 2: N_("twice")}.get(times) or N_("{times} times").format(times=times)
        terms = N_("{terms}; struck {already} already this turn: ÷{divisor}").format(
            terms=terms, already=already, divisor=1 + times
        )
    level, actor = target.groups[0]
    return N_("P5 civilians: {reason}").format(
        reason=(
            N_("{region} scores {score}: {terms}; first choice; {group} strikes (threat {level})")
            if picked == "first"
            else N_("{region} scores {score}: {terms}; second choice; {group} strikes (threat {level})")
        ).format(
            region=ctx.region_name(region_id),
            score=score,
            terms=terms,
            group=short_name(ctx.actor_name(actor)),
            level=level,
        )
    )
