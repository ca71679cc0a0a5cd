"""The facilitator's orders: play or hold back a card, override a result, note the turn for the debrief."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from game.engine import tables as T
from game.engine.cards import fire, played_ids
from game.engine.context import Context, cause
from game.engine.orders.base import FACILITATOR, Names, OrderKind, _Order, other_orders
from game.engine.state import Cause
from game.engine.wording import words
from game.i18n import N_
from game.scenario.loader import card_problems
from game.scenario.models import Card


class InjectCard(_Order):
    """Facilitator: play a card now, from the deck (card_id) or written on the spot (card)."""

    type: Literal["inject_card"] = "inject_card"
    card_id: str | None = None
    card: Card | None = None
    regions: list[str] = []  # noqa: RUF012 (a pydantic field: each model gets its own copy)


class HoldCard(_Order):
    """Facilitator: hold a card back for good, or delay it to a later month (YYYY-MM)."""

    type: Literal["hold_card"] = "hold_card"
    card: str
    until: str | None = Field(None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")


class OverrideResult(_Order):
    """Facilitator: change a result the dice gave, with the reason the debrief will show."""

    type: Literal["override_result"] = "override_result"
    kind: Literal["credibility", "consent", "mandate_support", "threat", "host_presence"]
    target: str = ""  # a region, or region/actor for threat; empty for consent and support
    delta: int = Field(ge=-T.OVERRIDE_MAX, le=T.OVERRIDE_MAX)
    reason: str = Field(min_length=5)


class FacilitatorNote(_Order):
    """Facilitator: a note on this turn for the debrief."""

    type: Literal["facilitator_note"] = "facilitator_note"
    text: str = Field(min_length=1, max_length=2000)


def _facilitator(order: _Order, ctx: Context) -> str:
    return FACILITATOR


def _no_candidates(ctx: Context, role: str) -> Iterator[_Order]:
    return iter(())


def _deck_subject(order: InjectCard | HoldCard) -> str:
    return f"deck:{order.card_id if isinstance(order, InjectCard) else order.card}"


def _kind_subject(order: OverrideResult | FacilitatorNote) -> str:
    return order.type


# --- playing a card ---------------------------------------------------------------------------
def _inject_candidates(ctx: Context, role: str) -> Iterator[InjectCard]:
    if role == FACILITATOR:
        for card_id in ctx.index.cards:
            yield InjectCard(card_id=card_id)


def _inject_illegal(order: InjectCard, ctx: Context) -> str | None:
    card_id, card, regions = order.card_id, order.card, order.regions
    if (card_id is None) == (card is None):
        return N_("inject either a card of the deck (card_id) or a new card (card), not both")
    if card_id is not None:
        if card_id not in ctx.index.cards:
            return N_("no card {card_id!r} in the deck").format(card_id=card_id)
        if card_id in played_ids(ctx.state) and not ctx.index.cards[card_id].repeatable:
            return N_("{card_id} has already been played").format(card_id=card_id)
    else:
        assert card is not None, "exactly one of card_id and card is given (checked above)"
        if card.id in ctx.index.cards or card.id in ctx.state.custom_cards:
            return N_("a card with id {id!r} already exists; choose another id").format(id=card.id)
        check = card.model_copy(update={"regions": regions}) if regions else card
        problems = _custom_card_problems(ctx, check)
        if problems:
            return problems[0]
    for region in regions:
        if region not in ctx.index.regions:
            return N_("no region {region!r}").format(region=region)
    return None


def _custom_card_problems(ctx: Context, card: Card) -> list[str]:
    """Cross-reference a facilitator's card against the scenario, as the loader does."""
    return [
        f"{'.'.join(map(str, loc)) or 'card'}: {message}"
        for loc, message in card_problems(ctx.index.scenario, card)
    ]


def _inject_apply(order: InjectCard, ctx: Context, why: list[Cause]) -> None:
    state, custom, regions = ctx.state, order.card, order.regions
    if custom is not None:
        state.custom_cards[custom.id] = custom.model_dump(mode="json")
    if custom is not None:
        card = custom
    else:
        assert order.card_id is not None, "why_illegal asks for a deck card or a new one"
        card = ctx.index.cards[order.card_id]
    chosen = list(regions or card.regions)
    if not regions and card.kind == "generic" and len(chosen) > 1:
        chosen = [chosen[ctx.between(0, len(chosen) - 1, f"region of {card.id}")]]
    previous, ctx.phase = ctx.phase, "facilitator"
    fire(ctx, card, chosen)
    ctx.phase = previous
    for attack in state.pending_attacks:
        if attack.card == card.id:
            attack.revealed = state.regions[attack.region].warning >= T.WARNING_REVEALS_CARDS


def _inject_describe(order: InjectCard, names: Names) -> str:
    played = names.card(order.card_id) if order.card_id else repr(order.card.title if order.card else "?")
    return N_("Facilitator plays {played}").format(played=played)


INJECT_CARD = OrderKind(
    model=InjectCard,
    role=_facilitator,
    candidates=_inject_candidates,
    subject=_deck_subject,
    why_illegal=_inject_illegal,
    apply=_inject_apply,
    describe=_inject_describe,
    menu=other_orders(_inject_describe),
)


# --- holding a card back ----------------------------------------------------------------------
def _hold_candidates(ctx: Context, role: str) -> Iterator[HoldCard]:
    if role == FACILITATOR:
        for card_id in ctx.index.cards:
            yield HoldCard(card=card_id)


def _hold_illegal(order: HoldCard, ctx: Context) -> str | None:
    if order.card not in ctx.index.cards:
        return N_("no card {card!r} in the deck").format(card=order.card)
    if order.card in played_ids(ctx.state):
        return N_("{card} has already been played").format(card=order.card)
    if order.until is not None and order.until <= ctx.state.month:
        return N_("a card can only be delayed to a later month than {month}").format(month=ctx.state.month)
    return None


def _hold_apply(order: HoldCard, ctx: Context, why: list[Cause]) -> None:
    ctx.state.held_cards[order.card] = order.until or "never"
    text = _hold_describe(order, Names(ctx.index))
    ctx.record("policy", order.card, 0, 0, text, [cause("facilitator", "hold_card")])


def _hold_describe(order: HoldCard, names: Names) -> str:
    if order.until:
        return N_("Facilitator delays {card} to {until}").format(
            card=names.card(order.card), until=order.until
        )
    return N_("Facilitator holds back {card}").format(card=names.card(order.card))


HOLD_CARD = OrderKind(
    model=HoldCard,
    role=_facilitator,
    candidates=_hold_candidates,
    subject=_deck_subject,
    why_illegal=_hold_illegal,
    apply=_hold_apply,
    describe=_hold_describe,
    menu=other_orders(_hold_describe),
)


# --- overriding a result ----------------------------------------------------------------------
def _override_illegal(order: OverrideResult, ctx: Context) -> str | None:
    kind, target = order.kind, order.target
    if kind in ("consent", "mandate_support"):
        return (
            None if not target else N_("{kind} is national; leave the target empty").format(kind=words(kind))
        )
    region, _, actor = target.partition("/")
    if region not in ctx.index.regions:
        return N_("no region {region!r}").format(region=region)
    if kind == "threat" and actor not in ctx.index.actors:
        return N_("threat needs region/actor; no actor {actor!r}").format(actor=actor)
    return None


def _override_apply(order: OverrideResult, ctx: Context, why: list[Cause]) -> None:
    kind, target, delta = order.kind, order.target, order.delta
    why = [cause("facilitator", "override_result", order.reason)]
    previous, ctx.phase = ctx.phase, "facilitator"
    summary = N_("facilitator's override: {reason}").format(reason=order.reason)
    if kind == "credibility":
        ctx.credibility(target, delta, summary, why)
    elif kind == "consent":
        ctx.consent(delta, summary, why)
    elif kind == "mandate_support":
        ctx.mandate_support(delta, summary, why)
    elif kind == "threat":
        region, _, actor = target.partition("/")
        ctx.threat(region, actor, delta, summary, why)
    else:
        ctx.host_presence(target, delta, summary, why)
    ctx.phase = previous


def _override_describe(order: OverrideResult, names: Names) -> str:
    parts = order.target.split("/") if order.target else []
    where = " / ".join(names.region(x) if i == 0 else words(x) for i, x in enumerate(parts))
    where = N_(" in {where}").format(where=where) if where else ""
    return N_("Facilitator overrides {kind}{where} {delta:+d}: {reason}").format(
        kind=words(order.kind), where=where, delta=order.delta, reason=order.reason
    )


OVERRIDE_RESULT = OrderKind(
    model=OverrideResult,
    role=_facilitator,
    candidates=_no_candidates,
    subject=_kind_subject,
    why_illegal=_override_illegal,
    apply=_override_apply,
    describe=_override_describe,
    menu=other_orders(_override_describe),
)


# --- a note for the debrief -------------------------------------------------------------------
def _note_illegal(order: FacilitatorNote, ctx: Context) -> str | None:
    return None


def _note_apply(order: FacilitatorNote, ctx: Context, why: list[Cause]) -> None:
    ctx.state.current.notes.append(order.text)


def _note_describe(order: FacilitatorNote, names: Names) -> str:
    return N_("Facilitator's note: {text}").format(text=order.text)


FACILITATOR_NOTE = OrderKind(
    model=FacilitatorNote,
    role=_facilitator,
    candidates=_no_candidates,
    subject=_kind_subject,
    why_illegal=_note_illegal,
    apply=_note_apply,
    describe=_note_describe,
    menu=other_orders(_note_describe),
)
KINDS = (INJECT_CARD, HOLD_CARD, OVERRIDE_RESULT, FACILITATOR_NOTE)
FACILITATOR_ORDERS = tuple(kind.type for kind in KINDS)
