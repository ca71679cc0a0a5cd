"""Standing taskings of attack and ISR aircraft over a region, and the flying hours they cost."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Literal

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.preview import signed
from game.engine.state import Cause
from game.engine.wording import words
from game.i18n import N_
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
        return N_("no aviation asset {asset_id!r}").format(asset_id=asset_id)
    if spec.kind == AviationKind.UTILITY:
        return N_("utility helicopters fly lift and air responses; they take no standing task")
    if region is None:
        if state.aviation[asset_id].tasked_region is None:
            return N_("{aircraft} has no tasking to stand down from").format(
                aircraft=ctx.asset_name(asset_id)
            )
        return None
    if state.aviation[asset_id].tasked_region == region:
        return N_("{aircraft} is already tasked over {region}").format(
            aircraft=ctx.asset_name(asset_id), region=ctx.region_name(region)
        )
    hours = state.aviation[asset_id].hours
    cost = T.TASK_HOURS[spec.kind]
    if not state.aviation[asset_id].paid and hours < cost:
        return N_("{aircraft} needs {cost} flying hours for a tasking; {hours} left").format(
            aircraft=ctx.asset_name(asset_id), cost=cost, hours=hours
        )
    if region not in ctx.index.regions:
        return N_("no region {region!r}").format(region=region)
    if not ctx.index.in_range(spec, region):
        distance = ctx.index.distance_km[spec.base][region]
        return N_("{region} is {distance} km from {region2}, beyond {aircraft}'s {range_km} km reach").format(
            region=ctx.region_name(region),
            distance=distance,
            region2=ctx.region_name(spec.base),
            aircraft=ctx.asset_name(asset_id),
            range_km=spec.range_km,
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
    if ctx.keeps("means"):  # every tasked aircraft, every turn: the words only when kept
        ctx.record(
            "means",
            f"{asset_id}.hours",
            -cost,
            asset.hours,
            _tasking_line(ctx.asset_name(asset_id), ctx.region_name(asset.tasked_region)),
            why,
        )


@lru_cache(maxsize=256)  # the same aircraft over the same regions, turn after turn
def _tasking_line(aircraft: str, region: str) -> str:
    return N_("{aircraft} flies its tasking over {region}").format(aircraft=aircraft, region=region)


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
        N_("{aircraft} stands down from {region}: its {cost} tasking hours are not flown").format(
            aircraft=ctx.asset_name(asset_id), region=ctx.region_name(asset.tasked_region), cost=cost
        ),
        why,
    )


def _describe(order: TaskAviation, names: Names) -> str:
    if order.region:
        return N_("Task the {aircraft} over {region}").format(
            aircraft=names.asset(order.asset), region=names.region(order.region)
        )
    return N_("Stand the {aircraft} down").format(aircraft=names.asset(order.asset))


def _menu(order: TaskAviation, ctx: Context, region: RegionNamer) -> MenuPath:
    spec, asset = ctx.index.aviation[order.asset], ctx.state.aviation[order.asset]
    task = (
        N_("over {region}").format(region=region(asset.tasked_region))
        if asset.tasked_region
        else N_("not tasked")
    )
    label = N_("{name} — {value}, {task}, {hours} h left").format(
        name=spec.name, value=words(spec.kind.value), task=task, hours=asset.hours
    )
    detail = N_(
        "{name} ({country}): {aircraft} {value} aircraft based in {region}, "
        "reach {range_km} km, {hours} flying hours left, {task}."
    ).format(
        name=spec.name,
        country=spec.country,
        aircraft=spec.aircraft,
        value=words(spec.kind.value),
        region=region(spec.base),
        range_km=spec.range_km,
        hours=asset.hours,
        task=task,
    )
    group = [(f"air:{order.asset}", label, detail)]
    if order.region is None:
        return group, N_("stand down")
    distance = ctx.index.distance_km[spec.base][order.region]
    return group, N_("task over {region} ({distance} km)").format(
        region=region(order.region), distance=distance
    )


def _preview(order: TaskAviation, ctx: Context) -> list[str]:
    if order.region is None:
        return [N_("no more early warning or air cover from this asset where it was tasked")]
    spec = ctx.index.aviation[order.asset]
    if spec.kind not in T.TASK_HOURS:  # utility helicopters take no standing task: nothing to preview
        return []
    where = ctx.region_name(order.region)
    hours = T.TASK_HOURS[spec.kind]
    if spec.kind == AviationKind.ISR:
        gain = T.WARNING_ISR_LONG if spec.range_km >= T.WARNING_ISR_LONG_RANGE_KM else T.WARNING_ISR_TACTICAL
        return [
            N_("early warning {signed} in {where} from the next turn's situation phase").format(
                signed=signed(gain), where=where
            ),
            N_("at warning {warning_reveals_cards}+ card attacks there are known before orders").format(
                warning_reveals_cards=T.WARNING_REVEALS_CARDS
            ),
            N_("{hours} flying hours a turn").format(hours=hours),
        ]
    return [
        N_("protection {signed} in {where} with early warning 1+, {signed2} without").format(
            signed=signed(T.ATTACK_HELICOPTER_WARNED),
            where=where,
            signed2=signed(T.ATTACK_HELICOPTER_UNWARNED),
        ),
        N_("peacekeepers there defend {signed}").format(signed=signed(T.PK_ATTACK_HELICOPTER)),
        N_("{hours} flying hours a turn").format(hours=hours),
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
