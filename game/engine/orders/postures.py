"""A unit's posture and its temporary operating base (TOB)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.orders.movement import seat_units, unit_group, unit_role, unit_subject
from game.engine.preview import reach, signed
from game.engine.state import Cause
from game.engine.wording import POSTURES, words
from game.scenario.models import Caveat, Role, UnitType

COMBAT_TYPES = {
    UnitType.INFANTRY,
    UnitType.MECHANISED,
    UnitType.SPECIAL_FORCES,
    UnitType.QUICK_REACTION,
}


class SetPosture(_Order):
    type: Literal["set_posture"] = "set_posture"
    unit: str
    posture: Literal["base", "patrol", "quick_reaction"]


class OpenBase(_Order):
    """Open a temporary operating base where the unit stands: permanent presence."""

    type: Literal["open_base"] = "open_base"
    unit: str


class CloseBase(_Order):
    type: Literal["close_base"] = "close_base"
    unit: str


def _force_commander(order: _Order, ctx: Context) -> str:
    return Role.FORCE_COMMANDER


# --- posture ----------------------------------------------------------------------------------
def _posture_candidates(ctx: Context, role: str) -> Iterator[SetPosture]:
    for unit_id in seat_units(ctx, role):
        for posture in ("base", "patrol", "quick_reaction"):
            yield SetPosture(unit=unit_id, posture=posture)


def _posture_illegal(order: SetPosture, ctx: Context) -> str | None:
    unit_id, posture = order.unit, order.posture
    unit = ctx.state.units.get(unit_id)
    if unit is None:
        return f"no unit {unit_id!r}"
    spec = ctx.index.units[unit_id]
    if posture == unit.posture:
        return f"{ctx.unit_name(unit_id)} already has {words(posture)} posture"
    if unit.holds_tob and posture != "base":
        return f"{ctx.unit_name(unit_id)} holds a temporary operating base; close it first"
    if Caveat.STATIC_ONLY in spec.caveats and posture != "base":
        return f"{spec.country}'s caveat: {ctx.unit_name(unit_id)} may only hold base posture"
    if posture == "quick_reaction":
        if Caveat.SELF_DEFENCE_ONLY in spec.caveats:
            return f"{spec.country}'s caveat: {ctx.unit_name(unit_id)} may use force in self-defence only"
        if spec.type not in COMBAT_TYPES:
            return f"{ctx.unit_name(unit_id)} is not a combat unit"
    return None


def _posture_apply(order: SetPosture, ctx: Context, why: list[Cause]) -> None:
    ctx.state.units[order.unit].posture = order.posture
    ctx.units_moved()


def _posture_describe(order: SetPosture, names: Names) -> str:
    return f"Put the {names.unit(order.unit)} in {POSTURES[order.posture]} posture"


def _posture_menu(order: SetPosture, ctx: Context, region: RegionNamer) -> MenuPath:
    return unit_group(ctx, order.unit, region), f"posture: {POSTURES[order.posture]}"


def _posture_preview(order: SetPosture, ctx: Context) -> list[str]:
    region = ctx.state.units[order.unit].region
    if order.posture == "patrol":
        return [
            f"protection {signed(T.PATROL_PROTECTION)} in its region "
            f"(patrols add up to {signed(T.PATROL_PROTECTION_MAX)})",
            *reach(ctx, region),
            "patrols are exposed: the armed groups may strike them",
        ]
    if order.posture == "quick_reaction":
        return [
            f"answers attacks on civilians: {signed(T.QRF_IN_REGION)} in its region, "
            f"{signed(T.QRF_NEIGHBOUR)} one road away, {signed(T.QRF_BY_AIR)} by air "
            f"with early warning 1+ and {T.QRF_AIR_HOURS} lift hours",
            *reach(ctx, region, by_air=True),
        ]
    return [f"protection {signed(T.BASE_POSTURE_PROTECTION)} around the camp (once per region)"]


SET_POSTURE = OrderKind(
    model=SetPosture,
    role=unit_role,
    candidates=_posture_candidates,
    subject=unit_subject,
    why_illegal=_posture_illegal,
    apply=_posture_apply,
    describe=_posture_describe,
    menu=_posture_menu,
    target=lambda order: ("posture", order.unit),
    preview=_posture_preview,
)


# --- opening a base ---------------------------------------------------------------------------
def _open_candidates(ctx: Context, role: str) -> Iterator[OpenBase]:
    if role == Role.FORCE_COMMANDER:
        for unit_id in seat_units(ctx, role):
            yield OpenBase(unit=unit_id)


def _open_illegal(order: OpenBase, ctx: Context) -> str | None:
    unit_id = order.unit
    unit = ctx.state.units.get(unit_id)
    if unit is None:
        return f"no unit {unit_id!r}"
    spec = ctx.index.units[unit_id]
    if unit.holds_tob:
        return f"{ctx.unit_name(unit_id)} already holds a temporary operating base"
    if spec.type not in COMBAT_TYPES:
        return f"{ctx.unit_name(unit_id)} is not a combat unit"
    if Caveat.SELF_DEFENCE_ONLY in spec.caveats or Caveat.STATIC_ONLY in spec.caveats:
        return f"{spec.country}'s caveat forbids {ctx.unit_name(unit_id)} to hold an exposed base"
    if ctx.has_base(unit.region):
        return f"{ctx.region_name(unit.region)} already has a temporary operating base"
    budget = ctx.state.means.budget
    if budget < T.TOB_OPEN_COST:
        return f"opening a base costs {T.TOB_OPEN_COST} budget; {budget} left"
    return None


def _open_apply(order: OpenBase, ctx: Context, why: list[Cause]) -> None:
    unit = ctx.state.units[order.unit]
    unit.holds_tob = True
    unit.posture = "base"
    ctx.units_moved()
    ctx.means("budget", -T.TOB_OPEN_COST, f"temporary operating base in {ctx.region_name(unit.region)}", why)


def _open_describe(order: OpenBase, names: Names) -> str:
    return f"Open a temporary operating base with the {names.unit(order.unit)}"


def _open_menu(order: OpenBase, ctx: Context, region: RegionNamer) -> MenuPath:
    where = region(ctx.state.units[order.unit].region)
    label = f"open a temporary operating base in {where} ({T.TOB_OPEN_COST} budget)"
    return unit_group(ctx, order.unit, region), label


def _open_preview(order: OpenBase, ctx: Context) -> list[str]:
    region_id = ctx.state.units[order.unit].region
    region = ctx.region_name(region_id)
    return [
        f"protection of civilians {signed(T.TOB_PROTECTION)} in {region}",
        *reach(ctx, region_id),
        f"credibility {signed(T.TOB_CREDIBILITY_PER_TURN)} a turn in {region}; "
        f"hostile narratives there {signed(-T.INFO_ATTACK_TOB_REDUCTION)}",
        f"budget {signed(-T.TOB_OPEN_COST)} now, {signed(-T.TOB_UPKEEP)} every turn",
        "the unit stays put in base posture: an exposed target for the armed groups",
    ]


OPEN_BASE = OrderKind(
    model=OpenBase,
    role=_force_commander,
    candidates=_open_candidates,
    subject=unit_subject,
    why_illegal=_open_illegal,
    apply=_open_apply,
    describe=_open_describe,
    menu=_open_menu,
    preview=_open_preview,
)


# --- closing a base ---------------------------------------------------------------------------
def _close_candidates(ctx: Context, role: str) -> Iterator[CloseBase]:
    if role == Role.FORCE_COMMANDER:
        for unit_id in seat_units(ctx, role):
            yield CloseBase(unit=unit_id)


def _close_illegal(order: CloseBase, ctx: Context) -> str | None:
    unit = ctx.state.units.get(order.unit)
    if unit is None:
        return f"no unit {order.unit!r}"
    return None if unit.holds_tob else f"{ctx.unit_name(order.unit)} holds no temporary operating base"


def _close_apply(order: CloseBase, ctx: Context, why: list[Cause]) -> None:
    ctx.state.units[order.unit].holds_tob = False
    ctx.units_moved()


def _close_describe(order: CloseBase, names: Names) -> str:
    return f"Close the temporary operating base held by the {names.unit(order.unit)}"


def _close_menu(order: CloseBase, ctx: Context, region: RegionNamer) -> MenuPath:
    return unit_group(ctx, order.unit, region), "close its temporary operating base"


CLOSE_BASE = OrderKind(
    model=CloseBase,
    role=_force_commander,
    candidates=_close_candidates,
    subject=unit_subject,
    why_illegal=_close_illegal,
    apply=_close_apply,
    describe=_close_describe,
    menu=_close_menu,
)
KINDS = (SET_POSTURE, OPEN_BASE, CLOSE_BASE)
