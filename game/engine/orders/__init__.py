"""Orders: one unit per kind (orders/<family>.py), one registry, and the calls that dispatch on it.

Each kind's OrderKind (base.py) holds its model, seat, candidates, legality, effect, description,
preview and menu place; KINDS maps an order's `type` to it. Everything else here only looks it up.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, TypeAdapter

from game.engine.context import Context, ScenarioIndex, cause
from game.engine.orders.armed import (
    ArmedStrike,
    HostileNarrative,
    choose_actions,
    red_actions,
    red_budget,
    red_orders,
)
from game.engine.orders.aviation import TaskAviation, charge_tasking, refund_tasking
from game.engine.orders.base import FACILITATOR, MenuPath, Names, OrderKind, RegionNamer
from game.engine.orders.cells import HandSide
from game.engine.orders.consent import RefuseConsent, record_answers
from game.engine.orders.decisions import DecideCard
from game.engine.orders.facilitator import (
    FACILITATOR_ORDERS,
    FacilitatorNote,
    HoldCard,
    InjectCard,
    OverrideResult,
)
from game.engine.orders.host import ArmyOffensive, RedeployArmy, green_orders
from game.engine.orders.messages import CHANNEL_IRC, Channel, IssueMessage, Theme
from game.engine.orders.movement import MoveUnit, air_hours_needed, lift_assets_reaching, lift_hours
from game.engine.orders.poc import SetPocActivity
from game.engine.orders.policy import POLICY_VALUES, SetPolicy
from game.engine.orders.postures import COMBAT_TYPES, CloseBase, OpenBase, SetPosture
from game.engine.sides import GREEN, RED
from game.engine.wording import ROLE_NAMES
from game.i18n import N_

from . import (
    armed,
    aviation,
    cells,
    consent,
    decisions,
    facilitator,
    host,
    messages,
    movement,
    poc,
    policy,
    postures,
)

Order = Annotated[
    MoveUnit
    | SetPosture
    | OpenBase
    | CloseBase
    | TaskAviation
    | SetPocActivity
    | IssueMessage
    | SetPolicy
    | DecideCard
    | InjectCard
    | HoldCard
    | OverrideResult
    | FacilitatorNote
    | HandSide
    | ArmedStrike
    | HostileNarrative
    | RedeployArmy
    | ArmyOffensive
    | RefuseConsent,
    Field(discriminator="type"),
]
ORDER_ADAPTER: TypeAdapter[Order] = TypeAdapter(Order)

# The registry, in the order a seat's candidates are listed (orders about one subject stay together).
KINDS: dict[str, OrderKind] = {
    kind.type: kind
    for family in (
        movement,
        postures,
        aviation,
        poc,
        messages,
        policy,
        facilitator,
        decisions,
        cells,
        host,
        consent,
        armed,
    )
    for kind in family.KINDS
}


def kind_of(order: Order) -> OrderKind:
    return KINDS[order.type]


def order_role(order: Order, ctx: Context) -> str:
    """The seat that gives this order."""
    return kind_of(order).role(order, ctx)


def describe(order: Order, ctx: Context | ScenarioIndex | None = None) -> str:
    """A one-line English description of an order, in the scenario's names when given a context
    or a scenario index (without one, ids read as words)."""
    index = ctx.index if isinstance(ctx, Context) else ctx
    return kind_of(order).describe(order, Names(index))


# The types of the cells' orders, whose presence this turn closes the mission's orders (what
# red_orders and green_orders find, looked up by type alone: why_illegal runs for every order).
RED_TYPES = frozenset(kind.type for kind in armed.KINDS)
GREEN_TYPES = frozenset(host.GREEN_TYPES)


def why_illegal(order: Order, ctx: Context, role: str | None = None) -> str | None:
    """Why this order cannot be given now, or None when it is legal."""
    state = ctx.state
    if state.phase != "orders":
        return N_("the game is over")
    kind = KINDS[order.type]
    given_by = kind.role(order, ctx)
    if role is not None and given_by != role:
        return N_("this order belongs to the {get}").format(get=ROLE_NAMES.get(given_by, "facilitator"))
    if given_by not in (RED, FACILITATOR) and state.current.orders:
        given = {raw.get("type") for raw in state.current.orders}
        if not given.isdisjoint(RED_TYPES):
            return N_(
                "the mission's orders are closed this turn: the armed groups are choosing their actions"
            )
        if given_by != GREEN and not given.isdisjoint(GREEN_TYPES):
            return N_("the mission's orders are closed this turn: the host state is answering its requests")
    return kind.why_illegal(order, ctx)


def apply(order: Order, ctx: Context) -> None:
    """Carry out a legal order (the caller has checked why_illegal) and keep it in this turn's record."""
    # The order's description is a cause of the changes it makes, kept only with the ledger (no
    # order's effect is a kind of change read back without it: context.READ_BACK).
    why = [cause("order", order.type, describe(order, ctx))] if ctx.ledger else []
    KINDS[order.type].apply(order, ctx, why)
    ctx.state.current.orders.append(order.model_dump(mode="json"))


def candidate_orders(ctx: Context, role: str) -> list[Order]:
    """Orders a seat could think of giving now, legal or not: each subject (a unit, an asset, a
    card...) in the order it first comes, its orders in the registry's order of kinds."""
    by_subject: dict[str, list[Order]] = {}
    for kind in KINDS.values():
        for order in kind.candidates(ctx, role):
            by_subject.setdefault(kind.subject(order), []).append(order)
    return [order for orders in by_subject.values() for order in orders]


def menu_path(order: Order, ctx: Context, region: RegionNamer) -> MenuPath:
    """Where an order sits in a seat's menu (groups of key, label, detail) and its label there."""
    return kind_of(order).menu(order, ctx, region)


__all__ = [
    "CHANNEL_IRC",
    "COMBAT_TYPES",
    "FACILITATOR",
    "FACILITATOR_ORDERS",
    "KINDS",
    "ORDER_ADAPTER",
    "POLICY_VALUES",
    "ArmedStrike",
    "ArmyOffensive",
    "Channel",
    "CloseBase",
    "DecideCard",
    "FacilitatorNote",
    "HandSide",
    "HoldCard",
    "HostileNarrative",
    "InjectCard",
    "IssueMessage",
    "MoveUnit",
    "OpenBase",
    "Order",
    "OrderKind",
    "OverrideResult",
    "RedeployArmy",
    "RefuseConsent",
    "SetPocActivity",
    "SetPolicy",
    "SetPosture",
    "TaskAviation",
    "Theme",
    "air_hours_needed",
    "apply",
    "candidate_orders",
    "charge_tasking",
    "choose_actions",
    "describe",
    "green_orders",
    "kind_of",
    "lift_assets_reaching",
    "lift_hours",
    "menu_path",
    "order_role",
    "record_answers",
    "red_actions",
    "red_budget",
    "red_orders",
    "refund_tasking",
    "why_illegal",
]
