"""The red cell's orders: the armed groups' strikes and narratives, in the bot's limits (rules.md §5.2)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from game.engine import tables as T
from game.engine.context import Context, cause
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.sides import RED, held_by
from game.engine.state import Cause
from game.engine.wording import counted
from game.i18n import N_

if TYPE_CHECKING:
    from game.engine.adversary import Action

# adjudicate and adversary import the orders package, so they are imported where they are used

StrikeTarget = Literal["civilians", "peacekeepers", "host_forces", "supply_route"]

# what each strike aims at, in the scenario's actor targets (an actor's `targets:` list)
ACTOR_TARGETS = {
    "civilians": "civilians",
    "peacekeepers": "peacekeepers",
    "host_forces": "host_forces",
    "supply_route": "supply_routes",
}
LIMITS = {  # at most this many a turn, as for the bot (rules.md §5)
    "peacekeepers": T.MAX_PEACEKEEPER_STRIKES,
    "host_forces": T.MAX_HOST_FORCE_STRIKES,
    "supply_route": T.MAX_ROAD_STRIKES,
    "information": T.MAX_INFO_ATTACKS,
}
STRIKE_TITLES = {
    "civilians": N_("Strike civilians"),
    "peacekeepers": N_("Attack peacekeepers"),
    "host_forces": N_("Attack the army's camps"),
    "supply_route": N_("Roadside bomb"),
}
RED_REASON = N_("the red cell's choice")


class ArmedStrike(_Order):
    """Red cell: one armed group strikes a target in a region (a unit for peacekeepers and roads)."""

    type: Literal["armed_strike"] = "armed_strike"
    target: StrikeTarget
    region: str
    actor: str
    unit: str | None = None


class HostileNarrative(_Order):
    """Red cell: exploit last turn's deaths in a region with a hostile narrative."""

    type: Literal["hostile_narrative"] = "hostile_narrative"
    region: str


RedOrder = ArmedStrike | HostileNarrative


def _red(order: RedOrder, ctx: Context) -> str:
    return RED


def red_orders(ctx: Context) -> list[RedOrder]:
    """The red cell's orders given this turn, in the order given."""
    found: list[RedOrder] = []
    for raw in ctx.state.current.orders:
        if raw.get("type") == "armed_strike":
            found.append(ArmedStrike.model_validate(raw))
        elif raw.get("type") == "hostile_narrative":
            found.append(HostileNarrative.model_validate(raw))
    return found


def red_budget(ctx: Context) -> tuple[int, int]:
    """The red cell's actions given this turn, and how many it may give (rules.md §5.2)."""
    from game.engine.adversary import action_count

    return len(red_orders(ctx)), action_count(ctx)


def _kind(order: RedOrder) -> str:
    return order.target if isinstance(order, ArmedStrike) else "information"


def _budget_problem(order: RedOrder, ctx: Context) -> str | None:
    """The action budget and each kind's limit, counted over the orders already given."""
    if held_by(ctx.state, RED) != "human":
        return N_("the armed groups are played by their bot; the facilitator can hand them to a red cell")
    from game.engine.adversary import action_count

    given = red_orders(ctx)
    budget = action_count(ctx)
    if len(given) >= budget:
        return N_("the armed groups have used all {count} of this turn").format(
            count=counted("{n} action", "{n} actions", budget)
        )
    kind = _kind(order)
    limit = LIMITS.get(kind)
    if limit is not None and sum(_kind(o) == kind for o in given) >= limit:
        what = STRIKE_TITLES.get(kind, N_("hostile narrative")).lower()
        return N_("at most {limit} a turn: {what}").format(limit=limit, what=what)
    return None


def threat_of(ctx: Context, region: str, actor: str) -> int:
    return ctx.state.regions[region].threat.get(actor, 0)


def _strikers(ctx: Context, target: str) -> list[str]:
    """The groups the red cell plays that strike this target (militias raid by their own cycle)."""
    if target == "civilians":
        return [a for a in ctx.index.actors_striking("civilians") if a in ctx.index.raiders]
    return ctx.index.actors_striking(ACTOR_TARGETS[target])


def strike_problem(order: ArmedStrike, ctx: Context) -> str | None:
    """Why this strike cannot be made where it stands now (group presence, threat, target), or None."""
    from game.engine.adjudicate import attack_helicopters_over

    region_id, actor_id = order.region, order.actor
    if region_id not in ctx.index.regions:
        return N_("no region {region_id!r}").format(region_id=region_id)
    if actor_id not in ctx.index.actors:
        return N_("no armed group {actor_id!r}").format(actor_id=actor_id)
    where, who = ctx.region_name(region_id), ctx.actor_name(actor_id)
    if actor_id not in _strikers(ctx, order.target):
        return N_("{who} does not make this kind of strike").format(who=who)
    level = threat_of(ctx, region_id, actor_id)
    if level <= 0:
        return N_("{who} is not present in {where}").format(who=who, where=where)
    if order.target in ("civilians", "host_forces") and order.unit is not None:
        return N_("this strike names no mission unit")
    if order.target == "host_forces":
        spec, state = ctx.index.regions[region_id], ctx.state.regions[region_id]
        if not spec.tri_border:
            return N_("the army's exposed camps are in the tri-border area, not in {where}").format(
                where=where
            )
        if state.host_presence < T.HOST_CAMPS_PRESENCE:
            return N_("the army holds no camps in {where} (host presence {host_presence})").format(
                where=where, host_presence=state.host_presence
            )
    if order.target in ("peacekeepers", "host_forces") and level < T.EXPOSED_THREAT:
        return N_("{who} needs threat {exposed_threat} in {where} for this attack (it has {level})").format(
            who=who, exposed_threat=T.EXPOSED_THREAT, where=where, level=level
        )
    if order.target in ("peacekeepers", "supply_route"):
        unit = ctx.state.units.get(order.unit or "")
        if unit is None:
            return N_("name the mission unit to strike")
        if unit.region != region_id:
            return N_("{unit} is not in {where}").format(unit=ctx.unit_name(unit.id), where=where)
        if order.target == "peacekeepers":
            if unit.posture != "patrol" and not unit.holds_tob:
                name = ctx.unit_name(unit.id)
                return N_("{name} is in its camp: only units on patrol or on a base are exposed").format(
                    name=name
                )
            if attack_helicopters_over(ctx, region_id):
                return N_("attack helicopters fly over {where}").format(where=where)
        elif unit.posture != "patrol" and unit.moved == "no":
            return N_("{unit} is neither patrolling nor moving on the roads").format(
                unit=ctx.unit_name(unit.id)
            )
    return None


def narrative_problem(order: HostileNarrative, ctx: Context) -> str | None:
    """A hostile narrative needs something to exploit where the mission is expected to protect."""
    if order.region not in ctx.index.regions:
        return N_("no region {region!r}").format(region=order.region)
    region, where = ctx.state.regions[order.region], ctx.region_name(order.region)
    if not ctx.mission_present(order.region):
        return N_("the mission is not in {where}: nobody expected it to protect there").format(where=where)
    if region.last_civilian_deaths < T.INFO_ATTACK_EXPLOIT_DEATHS and not region.last_mission_harm:
        return N_(
            "nothing to exploit in {where}: {count} died there last turn (it takes "
            "{info_attack_exploit_deaths}, or harm by the mission's side)"
        ).format(
            where=where,
            count=counted("{n} civilian", "{n} civilians", region.last_civilian_deaths),
            info_attack_exploit_deaths=T.INFO_ATTACK_EXPLOIT_DEATHS,
        )
    return None


def target_problem(order: RedOrder, ctx: Context) -> str | None:
    if isinstance(order, ArmedStrike):
        return strike_problem(order, ctx)
    return narrative_problem(order, ctx)


def _why_illegal(order: RedOrder, ctx: Context) -> str | None:
    return _budget_problem(order, ctx) or target_problem(order, ctx)


def _apply(order: RedOrder, ctx: Context, why: list[Cause]) -> None:
    """Nothing moves now: the strike is made in the adversary phase (red_actions)."""


def _narrative_actor(ctx: Context, region_id: str) -> str:
    """The strongest group there that spreads narratives, as the bot names it."""
    threat = ctx.state.regions[region_id].threat
    best = max(
        ((threat.get(a, 0), a) for a in ctx.index.actors_striking("information") if threat.get(a, 0) > 0),
        default=None,
        key=lambda item: item[0],
    )
    return best[1] if best else "armed_groups"


def to_action(order: RedOrder, ctx: Context) -> Action:
    """The red cell's order as the action the bot would have taken: the same adjudication follows."""
    from game.engine.adversary import Action

    where = ctx.region_name(order.region)
    if isinstance(order, HostileNarrative):
        region = ctx.state.regions[order.region]
        strength = T.INFO_ATTACK_BASE + T.INFO_ATTACK_EXPLOIT_BONUS
        if region.last_mission_harm:
            strength += T.INFO_ATTACK_MISSION_HARM_BONUS
        reason = N_(
            "{red_reason}: {count} died in {where} last turn ({last_mission_harm} "
            "blamed on the mission or its partners)"
        ).format(
            red_reason=RED_REASON,
            count=counted("{n} civilian", "{n} civilians", region.last_civilian_deaths),
            where=where,
            last_mission_harm=region.last_mission_harm,
        )
        actor = _narrative_actor(ctx, order.region)
        return Action("information", order.region, actor, reason, strength=strength)
    level = threat_of(ctx, order.region, order.actor)
    aim = N_("{unit} in {where}").format(unit=ctx.unit_name(order.unit), where=where) if order.unit else where
    reason = N_("{red_reason}: {aim}, {group} threat {level}").format(
        red_reason=RED_REASON, aim=aim, group=ctx.actor_name(order.actor), level=level
    )
    return Action(order.target, order.region, order.actor, reason, unit=order.unit, strength=level)


def red_actions(ctx: Context) -> tuple[list[Action], list[str]]:
    """The red cell's orders that still stand when the adversary phase comes, as actions, and why
    any other was called off (a card decision may have moved its target since it was given)."""
    actions, called_off = [], []
    for order in red_orders(ctx):
        problem = target_problem(order, ctx)
        if problem is None:
            actions.append(to_action(order, ctx))
        else:
            called_off.append(
                N_("{order} called off: {problem}").format(
                    order=describe(order, Names(ctx.index)), problem=problem
                )
            )
    return actions, called_off


def choose_actions(ctx: Context) -> list[Action]:
    """The adversary phase's actions: the red cell's orders when a human holds the armed groups,
    else the bot's plan (rules.md §5). Either way the same adjudication follows (turn.py)."""
    from game.engine.adversary import plan

    if held_by(ctx.state, RED) != "human":
        return plan(ctx)
    actions, called_off = red_actions(ctx)
    for line in called_off:
        ctx.record("attack", RED, 0, 0, line, [cause("adversary", N_("called off"), RED_REASON)])
    return actions


def describe(order: RedOrder, names: Names) -> str:
    if isinstance(order, HostileNarrative):
        return N_("Hostile narrative in {region}").format(region=names.region(order.region))
    known = names.index is not None and order.actor in names.index.actors
    actor = names.index.actors[order.actor].name if known and names.index else order.actor
    where = names.region(order.region)
    aim = N_("{unit} in {where}").format(unit=names.unit(order.unit), where=where) if order.unit else where
    return N_("{strike_titles}: {aim}, by {actor}").format(
        strike_titles=STRIKE_TITLES[order.target], aim=aim, actor=actor
    )


# --- candidates and menus ---------------------------------------------------------------------
def _strike_candidates(ctx: Context, role: str) -> Iterator[ArmedStrike]:
    if role != RED:
        return
    for target in ("civilians", "peacekeepers", "host_forces", "supply_route"):
        strikers = _strikers(ctx, target)
        for region_id in ctx.index.region_order:
            present = [a for a in strikers if threat_of(ctx, region_id, a) > 0]
            if target in ("peacekeepers", "supply_route"):
                for unit in ctx.units_in(region_id):
                    for actor in present:
                        yield ArmedStrike(target=target, region=region_id, actor=actor, unit=unit.id)
            elif target == "civilians" or ctx.index.regions[region_id].tri_border:
                for actor in present:
                    yield ArmedStrike(target=target, region=region_id, actor=actor)


def _narrative_candidates(ctx: Context, role: str) -> Iterator[HostileNarrative]:
    if role == RED:
        for region_id in ctx.index.region_order:
            yield HostileNarrative(region=region_id)


def _strike_menu(order: ArmedStrike, ctx: Context, region: RegionNamer) -> MenuPath:
    group = (f"red:{order.target}", STRIKE_TITLES[order.target], "")
    place = (f"red:{order.target}:{order.region}", region(order.region), "")
    from game.engine.adversary import short_name

    who = short_name(ctx.index.actors[order.actor].name)
    label = N_("by {who} (threat {threat_of})").format(
        who=who, threat_of=threat_of(ctx, order.region, order.actor)
    )
    if order.unit:
        label = f"{ctx.unit_name(order.unit)}, {label}"
    return [group, place], label


def _narrative_menu(order: HostileNarrative, ctx: Context, region: RegionNamer) -> MenuPath:
    dead = ctx.state.regions[order.region].last_civilian_deaths
    label = N_("{region} ({count} last turn)").format(
        region=region(order.region), count=counted("{n} death", "{n} deaths", dead)
    )
    return [("red:information", N_("Hostile narrative"), "")], label


def _strike_preview(order: ArmedStrike, ctx: Context) -> list[str]:
    level = threat_of(ctx, order.region, order.actor)
    tolls = {
        "civilians": N_(
            "unopposed toll 2d6 + {civilian_strike_per_threat} × threat {level}, "
            "before the mission's protection there (§6.2)"
        ).format(civilian_strike_per_threat=T.CIVILIAN_STRIKE_PER_THREAT, level=level),
        "peacekeepers": N_("1d6 − {pk_strike_dice} peacekeepers killed, before their defence (§6.3)").format(
            pk_strike_dice=T.PK_STRIKE_DICE[1]
        ),
        "supply_route": N_("1d6 − {ied_dice} peacekeepers killed, before their defence (§6.3)").format(
            ied_dice=T.IED_DICE[1]
        ),
        "host_forces": N_("2d6 + {level} soldiers killed; 20 or more and the state loses presence").format(
            level=level
        ),
    }
    return [tolls[order.target]]


def _narrative_preview(order: HostileNarrative, ctx: Context) -> list[str]:
    return [
        N_("strength {strength}: that much credibility lost, less any counter (§8.2)").format(
            strength=to_action(order, ctx).strength
        )
    ]


ARMED_STRIKE = OrderKind(
    model=ArmedStrike,
    role=_red,
    candidates=_strike_candidates,
    subject=lambda order: f"red:{order.target}:{order.region}",
    why_illegal=_why_illegal,
    apply=_apply,
    describe=describe,
    menu=_strike_menu,
    preview=_strike_preview,
)
HOSTILE_NARRATIVE = OrderKind(
    model=HostileNarrative,
    role=_red,
    candidates=_narrative_candidates,
    subject=lambda order: "red:information",
    why_illegal=_why_illegal,
    apply=_apply,
    describe=describe,
    menu=_narrative_menu,
    preview=_narrative_preview,
)
KINDS = (ARMED_STRIKE, HOSTILE_NARRATIVE)
