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
from game.i18n import N_
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
        return N_("no unit {unit_id!r}").format(unit_id=unit_id)
    spec = ctx.index.units[unit_id]
    if posture == unit.posture:
        return N_("{unit} already has {posture} posture").format(
            unit=ctx.unit_name(unit_id), posture=words(posture)
        )
    if unit.holds_tob and posture != "base":
        return N_("{unit} holds a temporary operating base; close it first").format(
            unit=ctx.unit_name(unit_id)
        )
    if Caveat.STATIC_ONLY in spec.caveats and posture != "base":
        return N_("{country}'s caveat: {unit} may only hold base posture").format(
            country=spec.country, unit=ctx.unit_name(unit_id)
        )
    if posture == "quick_reaction":
        if Caveat.SELF_DEFENCE_ONLY in spec.caveats:
            return N_("{country}'s caveat: {unit} may use force in self-defence only").format(
                country=spec.country, unit=ctx.unit_name(unit_id)
            )
        if spec.type not in COMBAT_TYPES:
            return N_("{unit} is not a combat unit").format(unit=ctx.unit_name(unit_id))
    return None


def _posture_apply(order: SetPosture, ctx: Context, why: list[Cause]) -> None:
    ctx.state.units[order.unit].posture = order.posture
    ctx.units_moved()


def _posture_describe(order: SetPosture, names: Names) -> str:
    return N_("Put the {unit} in {postures} posture").format(
        unit=names.unit(order.unit), postures=POSTURES[order.posture]
    )


def _posture_menu(order: SetPosture, ctx: Context, region: RegionNamer) -> MenuPath:
    return unit_group(ctx, order.unit, region), N_("posture: {posture}").format(
        posture=POSTURES[order.posture]
    )


def _posture_preview(order: SetPosture, ctx: Context) -> list[str]:
    region = ctx.state.units[order.unit].region
    if order.posture == "patrol":
        return [
            N_("protection {signed} in its region (patrols add up to {signed2})").format(
                signed=signed(T.PATROL_PROTECTION), signed2=signed(T.PATROL_PROTECTION_MAX)
            ),
            *reach(ctx, region),
            N_("patrols are exposed: the armed groups may strike them"),
        ]
    if order.posture == "quick_reaction":
        return [
            N_(
                "answers attacks on civilians: {signed} in its region, {signed2} one "
                "road away, {signed3} by air with early warning 1+ and {qrf_air_hours} "
                "lift hours"
            ).format(
                signed=signed(T.QRF_IN_REGION),
                signed2=signed(T.QRF_NEIGHBOUR),
                signed3=signed(T.QRF_BY_AIR),
                qrf_air_hours=T.QRF_AIR_HOURS,
            ),
            *reach(ctx, region, by_air=True),
        ]
    return [
        N_("protection {signed} around the camp (once per region)").format(
            signed=signed(T.BASE_POSTURE_PROTECTION)
        )
    ]


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
        return N_("no unit {unit_id!r}").format(unit_id=unit_id)
    spec = ctx.index.units[unit_id]
    if unit.holds_tob:
        return N_("{unit} already holds a temporary operating base").format(unit=ctx.unit_name(unit_id))
    if spec.type not in COMBAT_TYPES:
        return N_("{unit} is not a combat unit").format(unit=ctx.unit_name(unit_id))
    if Caveat.SELF_DEFENCE_ONLY in spec.caveats or Caveat.STATIC_ONLY in spec.caveats:
        return N_("{country}'s caveat forbids {unit} to hold an exposed base").format(
            country=spec.country, unit=ctx.unit_name(unit_id)
        )
    if not ctx.index.garrisons.get(unit.region):
        # a base is projected from the mission's main camps (rules.md §4.4, S/2021/657)
        return N_(
            "a temporary operating base is projected from the mission's camps; it has none in {region}"
        ).format(region=ctx.region_name(unit.region))
    if ctx.has_base(unit.region):
        return N_("{region} already has a temporary operating base").format(
            region=ctx.region_name(unit.region)
        )
    budget = ctx.state.means.budget
    if budget < T.TOB_OPEN_COST:
        return N_("opening a base costs {tob_open_cost} budget; {budget} left").format(
            tob_open_cost=T.TOB_OPEN_COST, budget=budget
        )
    return None


def _open_apply(order: OpenBase, ctx: Context, why: list[Cause]) -> None:
    unit = ctx.state.units[order.unit]
    unit.holds_tob = True
    unit.posture = "base"
    ctx.units_moved()
    ctx.means(
        "budget",
        -T.TOB_OPEN_COST,
        N_("temporary operating base in {region}").format(region=ctx.region_name(unit.region)),
        why,
    )


def _open_describe(order: OpenBase, names: Names) -> str:
    return N_("Open a temporary operating base with the {unit}").format(unit=names.unit(order.unit))


def _open_menu(order: OpenBase, ctx: Context, region: RegionNamer) -> MenuPath:
    where = region(ctx.state.units[order.unit].region)
    label = N_("open a temporary operating base in {where} ({tob_open_cost} budget)").format(
        where=where, tob_open_cost=T.TOB_OPEN_COST
    )
    return unit_group(ctx, order.unit, region), label


def _open_preview(order: OpenBase, ctx: Context) -> list[str]:
    region_id = ctx.state.units[order.unit].region
    region = ctx.region_name(region_id)
    return [
        N_("protection of civilians {signed} in {region}").format(
            signed=signed(T.TOB_PROTECTION), region=region
        ),
        *reach(ctx, region_id),
        N_("credibility {signed} a turn in {region}; hostile narratives there {signed2}").format(
            signed=signed(T.TOB_CREDIBILITY_PER_TURN),
            region=region,
            signed2=signed(-T.INFO_ATTACK_TOB_REDUCTION),
        ),
        N_("budget {signed} now, {signed2} every turn").format(
            signed=signed(-T.TOB_OPEN_COST), signed2=signed(-T.TOB_UPKEEP)
        ),
        N_("the unit stays put in base posture: an exposed target for the armed groups"),
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
        return N_("no unit {unit!r}").format(unit=order.unit)
    return (
        None
        if unit.holds_tob
        else N_("{unit} holds no temporary operating base").format(unit=ctx.unit_name(order.unit))
    )


def _close_apply(order: CloseBase, ctx: Context, why: list[Cause]) -> None:
    ctx.state.units[order.unit].holds_tob = False
    ctx.units_moved()


def _close_describe(order: CloseBase, names: Names) -> str:
    return N_("Close the temporary operating base held by the {unit}").format(unit=names.unit(order.unit))


def _close_menu(order: CloseBase, ctx: Context, region: RegionNamer) -> MenuPath:
    return unit_group(ctx, order.unit, region), N_("close its temporary operating base")


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
