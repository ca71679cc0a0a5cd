"""Standing taskings of attack and ISR aircraft over a region, and the flying hours they cost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.preview import signed
from game.engine.state import Cause
from game.engine.wording import words
from game.scenario.models import AviationKind, Role


class TaskAviation(_Order):
    """A standing tasking of an attack or ISR asset to one region (None: stand down)."""

    type: Literal["task_aviation"] = "task_aviation"
    asset: str
    region: str | None


def _role(order: TaskAviation, ctx: Context) -> str:
    return Role.FORCE_COMMANDER


def _candidates(ctx: Context, role: str) -> Iterator[TaskAviation]:
    if role == Role.FORCE_COMMANDER:
        for asset_id in ctx.index.aviation:
            for region in [*ctx.index.region_order, None]:
                yield TaskAviation(asset=asset_id, region=region)


def _subject(order: TaskAviation) -> str:
    return f"air:{order.asset}"


def _why_illegal(order: TaskAviation, ctx: Context) -> str | None:
    asset_id, region, state = order.asset, order.region, ctx.state
    spec = ctx.index.aviation.get(asset_id)
    if spec is None:
        return f"no aviation asset {asset_id!r}"
    if spec.kind == AviationKind.UTILITY:
        return "utility helicopters fly lift and air responses; they take no standing task"
    if region is None:
        if state.aviation[asset_id].tasked_region is None:
            return f"{ctx.asset_name(asset_id)} has no tasking to stand down from"
        return None
    if state.aviation[asset_id].tasked_region == region:
        return f"{ctx.asset_name(asset_id)} is already tasked over {ctx.region_name(region)}"
    hours = state.aviation[asset_id].hours
    cost = T.TASK_HOURS[spec.kind]
    if not state.aviation[asset_id].paid and hours < cost:
        return f"{ctx.asset_name(asset_id)} needs {cost} flying hours for a tasking; {hours} left"
    if region not in ctx.index.regions:
        return f"no region {region!r}"
    if not ctx.index.in_range(spec, region):
        distance = ctx.index.distance_km[spec.base][region]
        return (
            f"{ctx.region_name(region)} is {distance} km from {ctx.region_name(spec.base)}, beyond "
            f"{ctx.asset_name(asset_id)}'s {spec.range_km} km reach"
        )
    return None


def _apply(order: TaskAviation, ctx: Context, why: list[Cause]) -> None:
    asset = ctx.state.aviation[order.asset]
    if order.region is None and asset.paid:
        refund_tasking(ctx, order.asset, why)
    asset.tasked_region = order.region
    ctx.retasked()
    if order.region is not None and not asset.paid:
        charge_tasking(ctx, order.asset, why)


def charge_tasking(ctx: Context, asset_id: str, why: list[Cause]) -> None:
    asset = ctx.state.aviation[asset_id]
    assert asset.tasked_region is not None, "only a tasked asset is charged or refunded"
    cost = T.TASK_HOURS[ctx.index.aviation[asset_id].kind]
    asset.hours -= cost
    asset.paid = True
    ctx.record(
        "means",
        f"{asset_id}.hours",
        -cost,
        asset.hours,
        f"{ctx.asset_name(asset_id)} flies its tasking over {ctx.region_name(asset.tasked_region)}",
        why,
    )


def refund_tasking(ctx: Context, asset_id: str, why: list[Cause]) -> None:
    """Standing an asset down gives back the hours its tasking was charged this turn: it does not fly."""
    asset = ctx.state.aviation[asset_id]
    assert asset.tasked_region is not None, "only a tasked asset is charged or refunded"
    cost = T.TASK_HOURS[ctx.index.aviation[asset_id].kind]
    asset.hours += cost
    asset.paid = False
    ctx.record(
        "means",
        f"{asset_id}.hours",
        cost,
        asset.hours,
        f"{ctx.asset_name(asset_id)} stands down from {ctx.region_name(asset.tasked_region)}: "
        f"its {cost} tasking hours are not flown",
        why,
    )


def _describe(order: TaskAviation, names: Names) -> str:
    if order.region:
        return f"Task the {names.asset(order.asset)} over {names.region(order.region)}"
    return f"Stand the {names.asset(order.asset)} down"


def _menu(order: TaskAviation, ctx: Context, region: RegionNamer) -> MenuPath:
    spec, asset = ctx.index.aviation[order.asset], ctx.state.aviation[order.asset]
    task = f"over {region(asset.tasked_region)}" if asset.tasked_region else "not tasked"
    label = f"{spec.name} — {words(spec.kind.value)}, {task}, {asset.hours} h left"
    detail = (
        f"{spec.name} ({spec.country}): {spec.aircraft} {words(spec.kind.value)} aircraft based in "
        f"{region(spec.base)}, reach {spec.range_km} km, {asset.hours} flying hours left, {task}."
    )
    group = [(f"air:{order.asset}", label, detail)]
    if order.region is None:
        return group, "stand down"
    distance = ctx.index.distance_km[spec.base][order.region]
    return group, f"task over {region(order.region)} ({distance} km)"


def _preview(order: TaskAviation, ctx: Context) -> list[str]:
    if order.region is None:
        return ["no more early warning or air cover from this asset where it was tasked"]
    spec = ctx.index.aviation[order.asset]
    if spec.kind not in T.TASK_HOURS:  # utility helicopters take no standing task: nothing to preview
        return []
    where = ctx.region_name(order.region)
    hours = T.TASK_HOURS[spec.kind]
    if spec.kind == AviationKind.ISR:
        gain = T.WARNING_ISR_LONG if spec.range_km >= T.WARNING_ISR_LONG_RANGE_KM else T.WARNING_ISR_TACTICAL
        return [
            f"early warning {signed(gain)} in {where} from the next turn's situation phase",
            f"at warning {T.WARNING_REVEALS_CARDS}+ card attacks there are known before orders",
            f"{hours} flying hours a turn",
        ]
    return [
        f"protection {signed(T.ATTACK_HELICOPTER_WARNED)} in {where} with early warning 1+, "
        f"{signed(T.ATTACK_HELICOPTER_UNWARNED)} without",
        f"peacekeepers there defend {signed(T.PK_ATTACK_HELICOPTER)}",
        f"{hours} flying hours a turn",
    ]


TASK_AVIATION = OrderKind(
    model=TaskAviation,
    role=_role,
    candidates=_candidates,
    subject=_subject,
    why_illegal=_why_illegal,
    apply=_apply,
    describe=_describe,
    menu=_menu,
    target=lambda order: ("tasking", order.asset),
    preview=_preview,
)
KINDS = (TASK_AVIATION,)
