"""The green cell's orders: where the host state's army deploys and where it attacks (rules.md §9.1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.sides import GREEN, held_by
from game.engine.state import Cause, Modifier
from game.engine.tables import HOST_PRESENCE_MAX
from game.i18n import N_


class RedeployArmy(_Order):
    """Green cell: the army moves a level of presence from one region to a neighbour by road."""

    type: Literal["redeploy_army"] = "redeploy_army"
    origin: str
    destination: str


class ArmyOffensive(_Order):
    """Green cell: the army attacks the strongest armed group in a region this turn."""

    type: Literal["army_offensive"] = "army_offensive"
    region: str


GreenOrder = RedeployArmy | ArmyOffensive


def _green(order: GreenOrder, ctx: Context) -> str:
    return GREEN


GREEN_TYPES = ("redeploy_army", "army_offensive", "refuse_consent")


def green_orders(ctx: Context) -> list[dict]:
    """The green cell's orders given this turn (as logged)."""
    return [raw for raw in ctx.state.current.orders if raw.get("type") in GREEN_TYPES]


def green_problem(kind: str, ctx: Context, limit: int) -> str | None:
    """Why a green order of this kind cannot be given now whatever its details, or None."""
    if held_by(ctx.state, GREEN) != "human":
        return N_("the host state is played by its rules; the facilitator can hand it to a green cell")
    if sum(raw.get("type") == kind for raw in ctx.state.current.orders) >= limit:
        return N_("at most {limit} a turn").format(limit=limit)
    return None


def _redeploy_illegal(order: RedeployArmy, ctx: Context) -> str | None:
    problem = green_problem(order.type, ctx, T.GREEN_MAX_REDEPLOYMENTS)
    if problem:
        return problem
    for region_id in (order.origin, order.destination):
        if region_id not in ctx.index.regions:
            return N_("no region {region_id!r}").format(region_id=region_id)
    if order.destination not in ctx.index.links[order.origin]:
        return N_("no road from {region} to {region2}").format(
            region=ctx.region_name(order.origin), region2=ctx.region_name(order.destination)
        )
    if ctx.state.regions[order.origin].host_presence <= 0:
        return N_("the state has no presence left in {region} to move").format(
            region=ctx.region_name(order.origin)
        )
    if ctx.state.regions[order.destination].host_presence >= HOST_PRESENCE_MAX:
        return N_("the state is already fully present in {region}").format(
            region=ctx.region_name(order.destination)
        )
    return None


def _redeploy_apply(order: RedeployArmy, ctx: Context, why: list[Cause]) -> None:
    origin, destination = ctx.region_name(order.origin), ctx.region_name(order.destination)
    ctx.host_presence(
        order.origin,
        -1,
        N_("the army leaves {origin} for {destination}").format(origin=origin, destination=destination),
        why,
    )
    ctx.host_presence(
        order.destination,
        1,
        N_("the army redeploys to {destination} from {origin}").format(
            destination=destination, origin=origin
        ),
        why,
    )


def _strongest(ctx: Context, region_id: str) -> tuple[int, str] | None:
    threat = ctx.state.regions[region_id].threat
    armed = ctx.index.armed_actors
    return max(((level, a) for a, level in threat.items() if a in armed and level > 0), default=None)


def _offensive_illegal(order: ArmyOffensive, ctx: Context) -> str | None:
    problem = green_problem(order.type, ctx, T.GREEN_MAX_OFFENSIVES)
    if problem:
        return problem
    if order.region not in ctx.index.regions:
        return N_("no region {region!r}").format(region=order.region)
    where, presence = ctx.region_name(order.region), ctx.state.regions[order.region].host_presence
    if presence < T.GREEN_OFFENSIVE_PRESENCE:
        need = T.GREEN_OFFENSIVE_PRESENCE
        return N_("the army needs host presence {need} in {where} to attack (it has {presence})").format(
            need=need, where=where, presence=presence
        )
    if _strongest(ctx, order.region) is None:
        return N_("no armed group to attack in {where}").format(where=where)
    return None


def _offensive_apply(order: ArmyOffensive, ctx: Context, why: list[Cause]) -> None:
    found = _strongest(ctx, order.region)
    assert found is not None
    _, actor = found
    where = ctx.region_name(order.region)
    ctx.threat(
        order.region,
        actor,
        -T.GREEN_OFFENSIVE_THREAT,
        N_("the army's offensive in {where}").format(where=where),
        why,
    )
    ctx.state.modifiers.append(
        Modifier(
            key="host_operations",
            value=T.GREEN_OFFENSIVE_OPERATIONS,
            last_turn=ctx.state.turn,
            source=N_("the army's offensive in {where}").format(where=where),
        )
    )


def _redeploy_candidates(ctx: Context, role: str) -> Iterator[RedeployArmy]:
    if role == GREEN:
        for origin in ctx.index.region_order:
            for destination in ctx.index.links[origin]:
                yield RedeployArmy(origin=origin, destination=destination)


def _offensive_candidates(ctx: Context, role: str) -> Iterator[ArmyOffensive]:
    if role == GREEN:
        for region_id in ctx.index.region_order:
            yield ArmyOffensive(region=region_id)


def _redeploy_describe(order: RedeployArmy, names: Names) -> str:
    return N_("The army redeploys from {region} to {region2}").format(
        region=names.region(order.origin), region2=names.region(order.destination)
    )


def _offensive_describe(order: ArmyOffensive, names: Names) -> str:
    return N_("The army's offensive in {region}").format(region=names.region(order.region))


def _redeploy_menu(order: RedeployArmy, ctx: Context, region: RegionNamer) -> MenuPath:
    return [
        ("green:deploy", N_("Redeploy the army"), ""),
        (f"green:deploy:{order.origin}", region(order.origin), ""),
    ], (N_("to {region}").format(region=region(order.destination)))


def _offensive_menu(order: ArmyOffensive, ctx: Context, region: RegionNamer) -> MenuPath:
    return [("green:offensive", N_("Army offensive"), "")], region(order.region)


def _offensive_preview(order: ArmyOffensive, ctx: Context) -> list[str]:
    return [
        N_("the strongest armed group there loses {green_offensive_threat} threat").format(
            green_offensive_threat=T.GREEN_OFFENSIVE_THREAT
        ),
        N_(
            "the army's conduct roll (§6.4) +{green_offensive_operations} this turn: sweeps harm civilians"
        ).format(green_offensive_operations=T.GREEN_OFFENSIVE_OPERATIONS),
    ]


REDEPLOY_ARMY = OrderKind(
    model=RedeployArmy,
    role=_green,
    candidates=_redeploy_candidates,
    subject=lambda order: f"green:deploy:{order.origin}",
    why_illegal=_redeploy_illegal,
    apply=_redeploy_apply,
    describe=_redeploy_describe,
    menu=_redeploy_menu,
    preview=lambda order, ctx: [N_("host presence −1 where it leaves, +1 where it arrives")],
)
ARMY_OFFENSIVE = OrderKind(
    model=ArmyOffensive,
    role=_green,
    candidates=_offensive_candidates,
    subject=lambda order: "green:offensive",
    why_illegal=_offensive_illegal,
    apply=_offensive_apply,
    describe=_offensive_describe,
    menu=_offensive_menu,
    preview=_offensive_preview,
)
KINDS = (REDEPLOY_ARMY, ARMY_OFFENSIVE)
