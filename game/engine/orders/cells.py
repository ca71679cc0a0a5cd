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
from game.i18n import N_


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
        return N_("no side {side!r} to hand over in this scenario: one of {list}").format(
            side=order.side, list=", ".join(others)
        )
    if held_by(ctx.state, order.side) == order.to:
        holder = N_("a human cell") if order.to == "human" else N_("the bot")
        return N_("{side_titles} are already played by {holder}").format(
            side_titles=SIDE_TITLES[order.side], holder=holder
        )
    given = red_orders(ctx) if order.side == RED else []
    if given:
        return N_("the red cell has given {count} this turn: withdraw them first").format(
            count=plural(len(given), "order")
        )
    if order.side == GREEN and green_orders(ctx):
        count = len(green_orders(ctx))
        return N_("the green cell has given {count} this turn: withdraw them first").format(
            count=plural(count, "order")
        )
    return None


def _apply(order: HandSide, ctx: Context, why: list[Cause]) -> None:
    if order.to == "human":
        ctx.state.sides[order.side] = "human"
    else:
        ctx.state.sides.pop(order.side, None)
    ctx.state.current.notes.append(_describe(order, Names(ctx.index)))


def _describe(order: HandSide, names: Names) -> str:
    title = SIDE_TITLES.get(order.side, order.side)
    return N_("{title}: played by {word} from now on").format(
        title=title, word=N_("a human cell") if order.to == "human" else N_("the bot")
    )


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
