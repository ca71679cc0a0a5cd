"""The facilitator hands a side (armed groups, host state) from its bot to a human cell and back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine.context import Context
from game.engine.orders.armed import red_orders
from game.engine.orders.base import FACILITATOR, Names, OrderKind, _Order, other_orders
from game.engine.orders.host import green_orders
from game.engine.sides import GREEN, MISSION, RED, SIDE_TITLES, held_by, sides
from game.engine.state import Cause
from game.engine.wording import plural


class HandSide(_Order):
    """Facilitator: from now on a human cell (or the side's bot) plays this side."""

    type: Literal["hand_side"] = "hand_side"
    side: str
    to: Literal["human", "bot"]


def _role(order: HandSide, ctx: Context) -> str:
    return FACILITATOR


def _candidates(ctx: Context, role: str) -> Iterator[HandSide]:
    if role == FACILITATOR:
        for side in sides(ctx.index.scenario):
            if side != MISSION:
                yield HandSide(side=side, to="bot" if held_by(ctx.state, side) == "human" else "human")


def _why_illegal(order: HandSide, ctx: Context) -> str | None:
    if order.side not in sides(ctx.index.scenario) or order.side == MISSION:
        others = [s for s in sides(ctx.index.scenario) if s != MISSION]
        return f"no side {order.side!r} to hand over in this scenario: one of {', '.join(others)}"
    if held_by(ctx.state, order.side) == order.to:
        holder = "a human cell" if order.to == "human" else "the bot"
        return f"{SIDE_TITLES[order.side]} are already played by {holder}"
    given = red_orders(ctx) if order.side == RED else []
    if given:
        return f"the red cell has given {plural(len(given), 'order')} this turn: withdraw them first"
    if order.side == GREEN and green_orders(ctx):
        count = len(green_orders(ctx))
        return f"the green cell has given {plural(count, 'order')} this turn: withdraw them first"
    return None


def _apply(order: HandSide, ctx: Context, why: list[Cause]) -> None:
    if order.to == "human":
        ctx.state.sides[order.side] = "human"
    else:
        ctx.state.sides.pop(order.side, None)
    ctx.state.current.notes.append(_describe(order, Names(ctx.index)))


def _describe(order: HandSide, names: Names) -> str:
    title = SIDE_TITLES.get(order.side, order.side)
    return f"{title}: played by {'a human cell' if order.to == 'human' else 'the bot'} from now on"


HAND_SIDE = OrderKind(
    model=HandSide,
    role=_role,
    candidates=_candidates,
    subject=lambda order: f"side:{order.side}",
    why_illegal=_why_illegal,
    apply=_apply,
    describe=_describe,
    menu=other_orders(_describe),
)
KINDS = (HAND_SIDE,)
