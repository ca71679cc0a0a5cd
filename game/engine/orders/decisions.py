"""Deciding a card that asks a seat to choose: one of its options."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine.cards import default_option
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.preview import option_consequences
from game.engine.state import Cause
from game.engine.wording import words
from game.i18n import N_
from game.scenario.models import Role


class DecideCard(_Order):
    type: Literal["decide_card"] = "decide_card"
    card: str
    option: str


def _pending(ctx: Context, card_id: str):
    return next((c for c in ctx.state.choices if c.card == card_id), None)


def _role(order: DecideCard, ctx: Context) -> str:
    choice = _pending(ctx, order.card)
    return choice.role if choice else Role.SRSG


def _candidates(ctx: Context, role: str) -> Iterator[DecideCard]:
    for choice in ctx.state.choices:
        if choice.role == role:
            card = ctx.index.cards[choice.card]
            assert card.choice is not None
            for option in card.choice.options:
                yield DecideCard(card=card.id, option=option.id)


def _subject(order: DecideCard) -> str:
    return f"card:{order.card}"


def _why_illegal(order: DecideCard, ctx: Context) -> str | None:
    card_id, option = order.card, order.option
    choice = _pending(ctx, card_id)
    if choice is None:
        return N_("no decision is pending on {card_id!r}").format(card_id=card_id)
    card = ctx.card(card_id)
    if card.choice is None:
        return N_("{card_id} offers no decision").format(card_id=card_id)
    options = [o.id for o in card.choice.options]
    if option not in options:
        return N_("{option!r} is not an option; choose one of {list}").format(
            option=option, list=", ".join(options)
        )
    if choice.decided == option:
        label = next(o.label for o in card.choice.options if o.id == option)
        return N_("'{label}' is already chosen").format(label=label)
    return None


def _apply(order: DecideCard, ctx: Context, why: list[Cause]) -> None:
    _pending(ctx, order.card).decided = order.option


def _describe(order: DecideCard, names: Names) -> str:
    label = words(order.option)
    index = names.index
    choice = index.cards[order.card].choice if index is not None and order.card in index.cards else None
    if choice is not None:
        label = next((x.label for x in choice.options if x.id == order.option), label)
    return N_("Decide {card}: {label}").format(card=names.card(order.card), label=label)


def _menu(order: DecideCard, ctx: Context, region: RegionNamer) -> MenuPath:
    card = ctx.index.cards[order.card]
    assert card.choice is not None
    pending = _pending(ctx, order.card)
    chosen = pending.decided if pending else None
    labels = {o.id: o.label for o in card.choice.options}
    label = labels[order.option]
    if order.option == default_option(ctx, card):
        label = N_("{option} (the default)").format(option=label)
    if chosen:
        group = N_("Decision: {card} (chosen: {option})").format(
            card=card.title, option=labels.get(chosen, chosen)
        )
    else:
        group = N_("Decision: {card} (undecided)").format(card=card.title)
    return [(f"card:{order.card}", group, card.choice.prompt)], label


def _preview(order: DecideCard, ctx: Context) -> list[str]:
    card = ctx.card(order.card)
    assert card.choice is not None
    option = next(o for o in card.choice.options if o.id == order.option)
    return option_consequences(ctx, card, option)


DECIDE_CARD = OrderKind(
    model=DecideCard,
    role=_role,
    candidates=_candidates,
    subject=_subject,
    why_illegal=_why_illegal,
    apply=_apply,
    describe=_describe,
    menu=_menu,
    target=lambda order: ("decision", order.card),
    preview=_preview,
)
KINDS = (DECIDE_CARD,)
