"""The green cell's consent: the host state refuses one of the mission's requests (rules.md §9.1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine import tables as T
from game.engine.context import Context, cause
from game.engine.orders.aviation import refund_tasking
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.orders.host import green_problem
from game.engine.sides import GREEN, held_by
from game.engine.state import Cause
from game.i18n import N_
from game.scenario.models import AviationKind

Matter = Literal["flights", "base"]
GREEN_REASON = N_("the green cell's choice")
MATTERS: dict[str, str] = {
    "flights": N_("flight clearances for the mission's attack and ISR aircraft"),
    "base": N_("a temporary operating base"),
}


MENU_LABELS: dict[str, str] = {
    "flights": N_("Flight clearances"),
    "base": N_("A new temporary operating base"),
}


class RefuseConsent(_Order):
    """Green cell: the host state refuses the mission's request (flights over a region, a new base there)."""

    type: Literal["refuse_consent"] = "refuse_consent"
    matter: Matter
    region: str


def _green(order: RefuseConsent, ctx: Context) -> str:
    return GREEN


def flights_over(ctx: Context, region_id: str) -> list[str]:
    """The mission's attack and ISR aircraft tasked over a region this turn: each flight needs a clearance."""
    return [
        asset_id
        for asset_id, asset in ctx.state.aviation.items()
        if asset.tasked_region == region_id and ctx.index.aviation[asset_id].kind != AviationKind.UTILITY
    ]


def bases_opened(ctx: Context, region_id: str) -> list[str]:
    """The units that opened a temporary operating base in a region this turn (and hold it still)."""
    units = ctx.state.units
    opened = [raw["unit"] for raw in ctx.state.current.orders if raw.get("type") == "open_base"]
    return [u for u in dict.fromkeys(opened) if units[u].holds_tob and units[u].region == region_id]


def requests(ctx: Context, matter: str, region_id: str) -> list[str]:
    """What the mission asks of the host state in a region this turn, for one matter."""
    return flights_over(ctx, region_id) if matter == "flights" else bases_opened(ctx, region_id)


def _why_illegal(order: RefuseConsent, ctx: Context) -> str | None:
    problem = green_problem(order.type, ctx, T.GREEN_MAX_REFUSALS)
    if problem:
        return problem
    if order.region not in ctx.index.regions:
        return N_("no region {region!r}").format(region=order.region)
    if not requests(ctx, order.matter, order.region):
        asked = N_("no flight over") if order.matter == "flights" else N_("no new base in")
        return N_("the mission asks for {asked} {region} this turn").format(
            asked=asked, region=ctx.region_name(order.region)
        )
    return None


def _apply(order: RefuseConsent, ctx: Context, why: list[Cause]) -> None:
    where = ctx.region_name(order.region)
    matter = MATTERS[order.matter]
    because = [
        *why,
        cause(
            "rule",
            "consent",
            N_("{green_reason}: the host state refuses {matter}").format(
                green_reason=GREEN_REASON, matter=matter
            ),
        ),
    ]
    if order.matter == "flights":
        for asset_id in flights_over(ctx, order.region):
            asset = ctx.state.aviation[asset_id]
            if asset.paid:
                refund_tasking(ctx, asset_id, because)
            asset.tasked_region = None
        ctx.retasked()
    else:
        for unit_id in bases_opened(ctx, order.region):
            ctx.state.units[unit_id].holds_tob = False
            summary = N_("no temporary operating base in {where}: consent refused").format(where=where)
            ctx.means("budget", T.TOB_OPEN_COST, summary, because)
        ctx.units_moved()
    ctx.consent(
        -T.GREEN_REFUSAL_CONSENT,
        N_("the host state refuses {matter} in {where}").format(matter=matter, where=where),
        because,
    )
    ctx.mandate_support(
        -T.GREEN_REFUSAL_SUPPORT,
        N_("the Council hears the host state restricts the mission in {where}").format(where=where),
        because,
    )


def record_answers(ctx: Context) -> None:
    """At resolution, a green cell's answer to each request it did not refuse: granted, in the log.

    The host state's rules (its bot) grant every request without a word (rules.md §9.1), so a
    game without a green cell is recorded as it always was.
    """
    if held_by(ctx.state, GREEN) != "human":
        return
    for region_id in ctx.index.region_order:
        for matter in MATTERS:
            if requests(ctx, matter, region_id):
                where = ctx.region_name(region_id)
                note = N_("The host state grants {matters} in {where}: {green_reason}").format(
                    matters=MATTERS[matter], where=where, green_reason=GREEN_REASON
                )
                ctx.state.current.notes.append(note)


def _candidates(ctx: Context, role: str) -> Iterator[RefuseConsent]:
    if role == GREEN:
        for matter in MATTERS:
            for region_id in ctx.index.region_order:
                yield RefuseConsent(matter=matter, region=region_id)


def _describe(order: RefuseConsent, names: Names) -> str:
    return N_("The host state refuses {matters} in {region}").format(
        matters=MATTERS[order.matter], region=names.region(order.region)
    )


def _menu(order: RefuseConsent, ctx: Context, region: RegionNamer) -> MenuPath:
    asked = len(requests(ctx, order.matter, order.region)) if order.region in ctx.index.regions else 0
    label = (
        N_("{region} ({asked} asked)").format(region=region(order.region), asked=asked)
        if asked
        else region(order.region)
    )
    return [
        ("green:consent", N_("Refuse consent"), ""),
        (f"green:consent:{order.matter}", MENU_LABELS[order.matter], MATTERS[order.matter]),
    ], label


def _preview(order: RefuseConsent, ctx: Context) -> list[str]:
    effect = (
        N_("the mission's attack and ISR aircraft over the region stand down; their hours are not flown")
        if order.matter == "flights"
        else N_("the base opened there this turn is not opened; its budget goes back to the mission")
    )
    return [
        effect,
        N_("host-state consent −{green_refusal_consent}").format(
            green_refusal_consent=T.GREEN_REFUSAL_CONSENT
        ),
        N_("the Security Council's support −{green_refusal_support}").format(
            green_refusal_support=T.GREEN_REFUSAL_SUPPORT
        ),
    ]


REFUSE_CONSENT = OrderKind(
    model=RefuseConsent,
    role=_green,
    candidates=_candidates,
    subject=lambda order: f"green:consent:{order.matter}",
    why_illegal=_why_illegal,
    apply=_apply,
    describe=_describe,
    menu=_menu,
    preview=_preview,
)
KINDS = (REFUSE_CONSENT,)
