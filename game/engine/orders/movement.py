"""Moving a unit by road or by air, and what every unit order shares: its seat and its menu group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.state import Cause
from game.engine.wording import POSTURES, words
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
        notes.append("holds a TOB")
    if unit.moved != "no":
        notes.append(f"moved by {'road' if unit.moved == 'ground' else 'air'}")
    if spec.mobile_task_force:
        notes.append("Mobile Task Force")
    caveats = ", ".join(words(c) for c in spec.caveats) or "none"
    detail = (
        f"{spec.name} ({spec.country}), {words(spec.type)}, {unit.strength} personnel in {where}, "
        f"{POSTURES[unit.posture]} posture. Caveats: {caveats}."
    )
    return [(f"unit:{unit_id}", f"{spec.name} — {', '.join(notes)}", detail)]


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
        return f"no unit {unit_id!r}"
    if to not in ctx.index.regions:
        return f"no region {to!r}"
    spec = ctx.index.units[unit_id]
    if unit.region == to:
        return f"{ctx.unit_name(unit_id)} is already in {ctx.region_name(to)}"
    if unit.moved != "no":
        return f"{ctx.unit_name(unit_id)} has already moved this turn"
    if unit.holds_tob:
        return f"{ctx.unit_name(unit_id)} holds a temporary operating base; close it first"
    if Caveat.STATIC_ONLY in spec.caveats:
        return f"{spec.country}'s caveat: {ctx.unit_name(unit_id)} is static"
    if Caveat.REGION_RESTRICTED in spec.caveats and to not in spec.allowed_regions:
        allowed = ", ".join(ctx.region_name(r) for r in spec.allowed_regions)
        return f"{spec.country}'s caveat: {ctx.unit_name(unit_id)} may only serve in {allowed}"
    if mode == "ground":
        if to not in ctx.index.links[unit.region]:
            here, there = ctx.region_name(unit.region), ctx.region_name(to)
            return f"{there} is not linked by road to {here}; go by air or step by step"
        return None
    if Caveat.NO_AIR_MOBILITY in spec.caveats:
        return f"{spec.country}'s caveat: {ctx.unit_name(unit_id)} does not move by helicopter"
    assets = lift_assets_reaching(ctx, unit.region, to)
    if not assets:
        return f"no utility helicopter reaches both {ctx.region_name(unit.region)} and {ctx.region_name(to)}"
    needed = air_hours_needed(unit.strength)
    available = lift_hours(ctx, assets)
    if available < needed:
        return f"air move needs {needed} lift hours; {available} left in reach"
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
        f"{ctx.unit_name(unit_id)} moved from {ctx.region_name(unit.region)} to {ctx.region_name(to)}",
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
                f"{spent} lift hours flown by {ctx.asset_name(asset_id)}",
                why,
            )
        if hours == 0:
            return


def _describe(order: MoveUnit, names: Names) -> str:
    by = "air" if order.mode == "air" else "road"
    return f"Move the {names.unit(order.unit)} to {names.region(order.to)} by {by}"


def _menu(order: MoveUnit, ctx: Context, region: RegionNamer) -> MenuPath:
    group = unit_group(ctx, order.unit, region)
    if order.mode == "ground":
        return group, f"move by road to {region(order.to)}"
    unit = ctx.state.units[order.unit]
    hours = air_hours_needed(unit.strength)
    reach = lift_hours(ctx, ctx.index.lift_between(unit.region, order.to))
    return group, f"move by air to {region(order.to)} ({hours} lift h; {reach} h in reach)"


def _preview(order: MoveUnit, ctx: Context) -> list[str]:
    if order.mode == "ground":
        short, long = T.GROUND_TRANSIT_SHARE[1], T.GROUND_TRANSIT_SHARE[2]
        on_long = f"{long}%" if long else "nothing"
        return [f"by road: counts {short}% in patrols this turn on a short road, {on_long} on a long one"]
    hours = air_hours_needed(ctx.state.units[order.unit].strength)
    return [f"by air: {hours} lift hours, at full strength on arrival"]


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
