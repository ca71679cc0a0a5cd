"""Moving a unit by road or by air, and what every unit order shares: its seat and its menu group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.state import Cause
from game.engine.wording import POSTURES, words
from game.i18n import N_
from game.scenario.models import Caveat, Role, UnitType


class MoveUnit(_Order):
    type: Literal["move_unit"] = "move_unit"
    unit: str
    to: str
    mode: Literal["ground", "air"] = "ground"


def unit_role(order: MoveUnit, ctx: Context) -> str:
    """Formed police units answer to the Police Commissioner, every other unit to the Force Commander."""
    unit = ctx.index.units.get(order.unit)
    if unit is not None and unit.type == UnitType.FORMED_POLICE:
        return Role.POLICE_COMMISSIONER
    return Role.FORCE_COMMANDER


def seat_units(ctx: Context, role: str) -> Iterator[str]:
    """A seat's units: formed police for the Police Commissioner, the rest for the Force Commander."""
    if role not in (Role.FORCE_COMMANDER, Role.POLICE_COMMISSIONER):
        return
    police = role == Role.POLICE_COMMISSIONER
    for unit_id, spec in ctx.index.units.items():
        if (spec.type == "formed_police") == police:
            yield unit_id


def unit_subject(order: MoveUnit) -> str:
    return f"unit:{order.unit}"


def unit_group(ctx: Context, unit_id: str, region: RegionNamer) -> list[tuple[str, str, str]]:
    """The menu group of one unit: where it is, its posture, strength, base, move and caveats."""
    unit, spec = ctx.state.units[unit_id], ctx.index.units[unit_id]
    where = region(unit.region)
    notes = [where, POSTURES[unit.posture], str(unit.strength)]
    if unit.holds_tob:
        notes.append(N_("holds a TOB"))
    if unit.moved != "no":
        notes.append(N_("moved by road") if unit.moved == "ground" else N_("moved by air"))
    if spec.mobile_task_force:
        notes.append(N_("Mobile Task Force"))
    caveats = ", ".join(words(c) for c in spec.caveats) or N_("none")
    detail = N_(
        "{name} ({country}), {type}, {strength} personnel in {where}, {postures} posture. Caveats: {caveats}."
    ).format(
        name=spec.name,
        country=spec.country,
        type=words(spec.type),
        strength=unit.strength,
        where=where,
        postures=POSTURES[unit.posture],
        caveats=caveats,
    )
    label = N_("{name} — {notes}").format(name=spec.name, notes=", ".join(notes))
    return [(f"unit:{unit_id}", label, detail)]


def air_hours_needed(strength: int) -> int:
    return -(-strength // T.AIR_MOVE_PERSONNEL_STEP) * T.AIR_MOVE_HOURS_PER_100


def lift_assets_reaching(ctx: Context, origin: str, destination: str) -> list[str]:
    """Utility helicopters whose radius covers both regions."""
    return ctx.index.lift_between(origin, destination)


def lift_hours(ctx: Context, assets: list[str]) -> int:
    return sum(ctx.state.aviation[a].hours for a in assets)


def _candidates(ctx: Context, role: str) -> Iterator[MoveUnit]:
    for unit_id in seat_units(ctx, role):
        for to in ctx.index.region_order:
            yield MoveUnit(unit=unit_id, to=to, mode="ground")
            yield MoveUnit(unit=unit_id, to=to, mode="air")


def _why_illegal(order: MoveUnit, ctx: Context) -> str | None:
    unit_id, to, mode = order.unit, order.to, order.mode
    unit = ctx.state.units.get(unit_id)
    if unit is None:
        return N_("no unit {unit_id!r}").format(unit_id=unit_id)
    if to not in ctx.index.regions:
        return N_("no region {to!r}").format(to=to)
    spec = ctx.index.units[unit_id]
    if unit.region == to:
        return N_("{unit} is already in {region}").format(
            unit=ctx.unit_name(unit_id), region=ctx.region_name(to)
        )
    if unit.moved != "no":
        return N_("{unit} has already moved this turn").format(unit=ctx.unit_name(unit_id))
    if unit.holds_tob:
        return N_("{unit} holds a temporary operating base; close it first").format(
            unit=ctx.unit_name(unit_id)
        )
    if Caveat.STATIC_ONLY in spec.caveats:
        return N_("{country}'s caveat: {unit} is static").format(
            country=spec.country, unit=ctx.unit_name(unit_id)
        )
    if Caveat.REGION_RESTRICTED in spec.caveats and to not in spec.allowed_regions:
        allowed = ", ".join(ctx.region_name(r) for r in spec.allowed_regions)
        return N_("{country}'s caveat: {unit} may only serve in {allowed}").format(
            country=spec.country, unit=ctx.unit_name(unit_id), allowed=allowed
        )
    if mode == "ground":
        if to not in ctx.index.links[unit.region]:
            here, there = ctx.region_name(unit.region), ctx.region_name(to)
            return N_("{there} is not linked by road to {here}; go by air or step by step").format(
                there=there, here=here
            )
        return None
    if Caveat.NO_AIR_MOBILITY in spec.caveats:
        return N_("{country}'s caveat: {unit} does not move by helicopter").format(
            country=spec.country, unit=ctx.unit_name(unit_id)
        )
    assets = lift_assets_reaching(ctx, unit.region, to)
    if not assets:
        return N_("no utility helicopter reaches both {region} and {region2}").format(
            region=ctx.region_name(unit.region), region2=ctx.region_name(to)
        )
    needed = air_hours_needed(unit.strength)
    available = lift_hours(ctx, assets)
    if available < needed:
        return N_("air move needs {needed} lift hours; {available} left in reach").format(
            needed=needed, available=available
        )
    return None


def _apply(order: MoveUnit, ctx: Context, why: list[Cause]) -> None:
    unit_id, to, mode = order.unit, order.to, order.mode
    unit = ctx.state.units[unit_id]
    if mode == "air":
        _spend_lift(ctx, unit.region, to, air_hours_needed(unit.strength), why)
        unit.transit_share = 100
    else:
        cost = ctx.index.links[unit.region][to]
        unit.transit_share = T.GROUND_TRANSIT_SHARE.get(cost, 0)
    ctx.record(
        "unit",
        unit_id,
        0,
        0,
        N_("{unit} moved from {region} to {region2}").format(
            unit=ctx.unit_name(unit_id), region=ctx.region_name(unit.region), region2=ctx.region_name(to)
        ),
        why,
    )
    unit.region = to
    unit.moved = mode
    ctx.units_moved()


def _spend_lift(ctx: Context, origin: str, to: str, hours: int, why: list[Cause]) -> None:
    for asset_id in lift_assets_reaching(ctx, origin, to):
        asset = ctx.state.aviation[asset_id]
        spent = min(asset.hours, hours)
        if spent:
            asset.hours -= spent
            hours -= spent
            ctx.record(
                "means",
                f"{asset_id}.hours",
                -spent,
                asset.hours,
                N_("{spent} lift hours flown by {aircraft}").format(
                    spent=spent, aircraft=ctx.asset_name(asset_id)
                ),
                why,
            )
        if hours == 0:
            return


def _describe(order: MoveUnit, names: Names) -> str:
    move = (
        N_("Move the {unit} to {region} by air")
        if order.mode == "air"
        else N_("Move the {unit} to {region} by road")
    )
    return move.format(unit=names.unit(order.unit), region=names.region(order.to))


def _menu(order: MoveUnit, ctx: Context, region: RegionNamer) -> MenuPath:
    group = unit_group(ctx, order.unit, region)
    if order.mode == "ground":
        return group, N_("move by road to {region}").format(region=region(order.to))
    unit = ctx.state.units[order.unit]
    hours = air_hours_needed(unit.strength)
    reach = lift_hours(ctx, ctx.index.lift_between(unit.region, order.to))
    return group, N_("move by air to {region} ({hours} lift h; {reach} h in reach)").format(
        region=region(order.to), hours=hours, reach=reach
    )


def _preview(order: MoveUnit, ctx: Context) -> list[str]:
    if order.mode == "ground":
        short, long = T.GROUND_TRANSIT_SHARE[1], T.GROUND_TRANSIT_SHARE[2]
        on_long = f"{long}%" if long else N_("nothing")
        return [
            N_(
                "by road: counts {short}% in patrols this turn on a short road, {on_long} on a long one"
            ).format(short=short, on_long=on_long)
        ]
    hours = air_hours_needed(ctx.state.units[order.unit].strength)
    return [N_("by air: {hours} lift hours, at full strength on arrival").format(hours=hours)]


MOVE_UNIT = OrderKind(
    model=MoveUnit,
    role=unit_role,
    candidates=_candidates,
    subject=unit_subject,
    why_illegal=_why_illegal,
    apply=_apply,
    describe=_describe,
    menu=_menu,
    preview=_preview,
)
KINDS = (MOVE_UNIT,)
