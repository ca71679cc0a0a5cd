"""The civilian pillars' Protection of Civilians work in a region: Tier I and Tier III points."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.preview import signed
from game.engine.state import Cause
from game.engine.wording import counted
from game.i18n import N_
from game.scenario.models import Role


class SetPocActivity(_Order):
    type: Literal["set_poc_activity"] = "set_poc_activity"
    region: str
    tier: Literal["I", "III"]
    points: int = Field(ge=0, le=T.TIER_POINTS_MAX)


def _role(order: SetPocActivity, ctx: Context) -> str:
    return Role.POLICE_COMMISSIONER


def _candidates(ctx: Context, role: str) -> Iterator[SetPocActivity]:
    if role == Role.POLICE_COMMISSIONER:
        for region in ctx.index.region_order:
            for tier in ("I", "III"):
                for points in range(T.TIER_POINTS_MAX + 1):
                    yield SetPocActivity(region=region, tier=tier, points=points)


def _subject(order: SetPocActivity) -> str:
    return f"poc:{order.region}"


def _current(ctx: Context, order: SetPocActivity) -> int:
    regional = ctx.state.regions[order.region]
    return regional.tier_one if order.tier == "I" else regional.tier_three


def _why_illegal(order: SetPocActivity, ctx: Context) -> str | None:
    region, tier, points = order.region, order.tier, order.points
    if region not in ctx.index.regions:
        return N_("no region {region!r}").format(region=region)
    # ctx.mission_present(region), without units_in's map of every region: each order is checked
    # on a fresh context, where one pass over the units for this region is cheaper
    if region not in ctx.index.team_regions and all(u.region != region for u in ctx.state.units.values()):
        return N_("the mission has no unit or civilian team in {region}").format(
            region=ctx.region_name(region)
        )
    current = _current(ctx, order)
    if points == current:
        return N_("Tier {tier} in {region} is already {points}").format(
            tier=tier, region=ctx.region_name(region), points=points
        )
    means = ctx.state.means
    spare = means.civilian_capacity - means.civilian_capacity_used
    if points - current > spare:
        return N_("not enough civilian capacity: {count} free").format(
            count=counted("{n} point", "{n} points", spare)
        )
    return None


def _apply(order: SetPocActivity, ctx: Context, why: list[Cause]) -> None:
    regional = ctx.state.regions[order.region]
    ctx.state.means.civilian_capacity_used += order.points - _current(ctx, order)
    if order.tier == "I":
        regional.tier_one = order.points
    else:
        regional.tier_three = order.points


def _describe(order: SetPocActivity, names: Names) -> str:
    return N_("Tier {tier} activities in {region}: {count}").format(
        tier=order.tier,
        region=names.region(order.region),
        count=counted("{n} point", "{n} points", order.points),
    )


def _menu(order: SetPocActivity, ctx: Context, region: RegionNamer) -> MenuPath:
    regional = ctx.state.regions[order.region]
    label = N_("{region} — Tier I {tier_one}, Tier III {tier_three}").format(
        region=region(order.region), tier_one=regional.tier_one, tier_three=regional.tier_three
    )
    detail = N_("Tier I: dialogue and community alert networks. Tier III: a protective environment.")
    return [(f"poc:{order.region}", label, detail)], N_("Tier {tier}: {count}").format(
        tier=order.tier, count=counted("{n} point", "{n} points", order.points)
    )


def _preview(order: SetPocActivity, ctx: Context) -> list[str]:
    region, points = ctx.region_name(order.region), order.points
    if order.tier == "I":
        gain = min(points * T.TIER_ONE_CREDIBILITY_PER_POINT, T.TIER_ONE_CREDIBILITY_MAX)
        return [
            N_("credibility {signed} a turn in {region}").format(signed=signed(gain), region=region),
            N_("a community alert network: early warning {signed} next turn").format(
                signed=signed(T.WARNING_TIER_ONE)
            )
            if points
            else N_("no alert network"),
        ]
    return [
        N_(
            "each turn, on 1d6 at or under {number}, the strongest militia threat in {region} falls by 1"
        ).format(number=points + 1, region=region)
    ]


SET_POC_ACTIVITY = OrderKind(
    model=SetPocActivity,
    role=_role,
    candidates=_candidates,
    subject=_subject,
    why_illegal=_why_illegal,
    apply=_apply,
    describe=_describe,
    menu=_menu,
    target=lambda order: ("tier", order.region, order.tier),
    preview=_preview,
)
KINDS = (SET_POC_ACTIVITY,)
