"""Interpreter for declarative event cards: drawing, conditions and effects."""

from __future__ import annotations

from typing import Any, get_args

from game.engine import tables as T
from game.engine.context import Context, cause
from game.engine.state import (
    CardResult,
    GameState,
    Modifier,
    PendingAttack,
    PendingChoice,
    PendingInfoAttack,
    PlayedCard,
)
from game.engine.wording import ROLE_NAMES, counted, words
from game.i18n import N_
from game.scenario.models import (
    AttackOutcome,
    Card,
    CivilianAttackEffect,
    ConsentEffect,
    CredibilityEffect,
    Effect,
    FlagEffect,
    HostForceAttackEffect,
    HostPresenceEffect,
    InfoAttackEffect,
    MandateRenewalEffect,
    MandateSupportEffect,
    ModifierEffect,
    PeacekeeperAttackEffect,
    ThreatEffect,
)


def card_regions(ctx: Context, card_id: str) -> list[str]:
    """The regions where a drawn card happens (a generic card's region was drawn with it)."""
    for played in ctx.state.cards_played[::-1]:
        if played.card == card_id:
            return list(played.regions)
    return list(ctx.card(card_id).regions)


def conditions_hold(ctx: Context, card: Card, regions: list[str]) -> bool:
    for condition in card.conditions:
        # not getattr(): a miss on a condition without a region costs a pydantic exception (~3 us)
        where = condition.__dict__.get("region") or (regions[0] if regions else None)
        match condition.type:
            case "flag":
                if ctx.state.flags.get(condition.name, False) != condition.value:
                    return False
            case "credibility_below":
                if where is None or ctx.state.regions[where].credibility >= condition.value:
                    return False
            case "credibility_above":
                if where is None or ctx.state.regions[where].credibility <= condition.value:
                    return False
            case "threat_at_least":
                if where is None or ctx.state.regions[where].threat.get(condition.actor, 0) < condition.value:
                    return False
            case "mission_present":
                if where is None or not ctx.mission_present(where):
                    return False
            case "mission_absent":
                if where is None or ctx.mission_present(where):
                    return False
            case "card_outcome":
                result = ctx.state.card_results.get(condition.card)
                if (result.outcome if result else "not_played") not in condition.outcomes:
                    return False
    return True


def recently_drawn(ctx: Context) -> set[str]:
    """Cards drawn in the last GENERIC_CARD_GAP_TURNS - 1 turns: a generic card waits that long
    before it can come again (rules.md §4.9)."""
    recent = ctx.state.history[len(ctx.state.history) - (T.GENERIC_CARD_GAP_TURNS - 1) :]
    return {card_id for record in recent for card_id in record.cards}


def in_window(card: Card, month: str) -> bool:
    if card.window is None:
        return True
    return card.window[0] <= month <= card.window[1]


class _Plays:
    """The ids of the cards a state's game has played, kept from turn to turn (one state at a time).

    A game only ever appends to its plays (fire()), so the ids stay right while the list is the
    same object and still holds the last play read: the plays added since are read, not all of
    them every turn. Another state (a clone, an undo, another game) has another list and starts
    over. The list is kept to be compared, so it cannot be freed and another take its place.
    One tuple (plays, how many read, the last read, their ids), replaced whole.
    """

    kept: tuple[list[PlayedCard], int, PlayedCard | None, frozenset[str]] = ([], 0, None, frozenset())


def played_ids(state: GameState) -> frozenset[str]:
    """Every card played so far, drawn or injected: state.played_card_ids(), read incrementally."""
    plays = state.cards_played
    kept, count, last, ids = _Plays.kept
    if kept is not plays or count > len(plays) or (count and plays[count - 1] is not last):
        count, ids = 0, frozenset()
    if count < len(plays):
        ids = ids.union([played.card for played in plays[count:]])
        _Plays.kept = (plays, len(plays), plays[-1], ids)
    return ids


def draw(ctx: Context) -> list[str]:
    """The event phase: fire dated historical cards and draw one generic card."""
    state = ctx.state
    played = played_ids(state)
    drawn: list[tuple[Card, list[str]]] = []
    # Without held cards only this month's historical cards can be due: skip the whole deck.
    dated = ctx.index.scenario.cards
    if not state.held_cards:
        dated = ctx.index.historical_by_month.get(state.month, [])
    for card in dated:
        held = state.held_cards.get(card.id)
        if held is not None:  # the facilitator held it back, or delayed it to a month
            due = held == state.month and card.id not in played
        else:
            due = card.kind == "historical" and card.date == state.month and card.id not in played
        if due and conditions_hold(ctx, card, card.regions):
            drawn.append((card, list(card.regions)))
    recent = recently_drawn(ctx)
    month, held_cards = state.month, state.held_cards
    candidates = [
        card
        for card in ctx.index.generic_cards
        # in_window(card, month), inlined: this runs for every generic card every turn
        if (card.window is None or card.window[0] <= month <= card.window[1])
        and (card.repeatable or card.id not in played)
        and card.id not in recent
        and card.id not in held_cards
    ]
    total = sum(card.weight for card in candidates)
    if total:
        pick = ctx.between(1, total, "generic event card")
        card = candidates[-1]
        for candidate in candidates:
            pick -= candidate.weight
            if pick <= 0:
                card = candidate
                break
        regions = list(card.regions)
        if len(regions) > 1:
            regions = [regions[ctx.between(0, len(regions) - 1, f"region of {card.id}")]]
        if conditions_hold(ctx, card, regions):
            drawn.append((card, regions))
    for card, regions in drawn:
        fire(ctx, card, regions)
    return [card.id for card, _ in drawn]


def fire(ctx: Context, card: Card, regions: list[str]) -> None:
    """Play a card: record it, apply its effects, queue its attacks and its decision."""
    state = ctx.state
    state.cards_played.append(PlayedCard(card=card.id, regions=tuple(regions)))
    state.current.cards.append(card.id)
    for effect in card.effects:
        if not effect.if_outcome:  # the others wait for the attack's outcome (after_attacks)
            apply_effect(ctx, card, effect, regions)
    if card.choice is not None:
        state.choices.append(PendingChoice(card=card.id, role=card.choice.role))


def default_option(ctx: Context, card: Card) -> str:
    """The option that holds without a decision. On a renewal card it is the SRSG's standing case."""
    assert card.choice is not None
    if any(isinstance(effect, MandateRenewalEffect) for effect in card.effects):
        case = ctx.state.policy.renewal_case
        if any(option.id == case for option in card.choice.options):
            return case
    return card.choice.default


def resolve_choices(ctx: Context) -> None:
    """Apply the chosen (or default) option of every pending card decision."""
    for choice in ctx.state.choices:
        card = ctx.card(choice.card)
        assert card.choice is not None
        option_id = choice.decided or default_option(ctx, card)
        option = next(o for o in card.choice.options if o.id == option_id)
        ctx.state.current.decisions[card.id] = option_id
        why = ""  # explains the effects' changes: written only with the ledger on
        if ctx.ledger:
            chose = (
                N_("{seat} chose '{option}'")
                if choice.decided
                else N_("{seat} chose '{option}' (no decision taken: the default applies)")
            )
            why = chose.format(
                seat=ROLE_NAMES.get(card.choice.role, words(card.choice.role)), option=option.label
            )
        regions = card_regions(ctx, card.id)
        for effect in option.effects:
            if not effect.if_outcome:
                apply_effect(ctx, card, effect, regions, extra=why)
    ctx.state.choices = []


_KILLED_PERCENT = {name: share for _, name, share in T.OUTCOME_TABLE}  # of the unopposed toll
_SEVERITY = get_args(AttackOutcome)  # best to worst


def note_result(ctx: Context, card_id: str, outcome: str, unopposed: int) -> None:
    """Keep how a card's attack ended; of several attacks, the worst outcome and all the deaths."""
    deaths = unopposed * _KILLED_PERCENT.get(outcome, 100) // 100
    earlier = ctx.state.card_results.get(card_id)
    if earlier is not None and earlier.turn == ctx.state.turn:
        if _SEVERITY.index(earlier.outcome) > _SEVERITY.index(outcome):
            outcome = earlier.outcome
        deaths, unopposed = deaths + earlier.deaths, unopposed + earlier.unopposed
    ctx.state.card_results[card_id] = CardResult(
        turn=ctx.state.turn, outcome=outcome, deaths=deaths, unopposed=unopposed
    )


def after_attacks(ctx: Context, card_ids: list[str]) -> None:
    """Apply the effects that waited for these cards' attacks (`if_outcome`), card then decision."""
    for card_id in dict.fromkeys(card_ids):
        result = ctx.state.card_results.get(card_id)
        if result is None or result.turn != ctx.state.turn:
            continue
        card = ctx.card(card_id)
        regions = card_regions(ctx, card_id)
        # the notes explain the effects' changes: written only with the ledger on
        outcome_note = ""
        if ctx.ledger:
            outcome_note = N_("the attack was {outcome}").format(outcome=words(result.outcome))
        waiting = [(effect, outcome_note) for effect in card.effects]
        decided = ctx.state.current.decisions.get(card_id)
        if card.choice is not None and decided is not None:
            option = next(o for o in card.choice.options if o.id == decided)
            chose_note = ""
            if ctx.ledger:
                chose_note = N_("{outcome_note}; chose '{label}'").format(
                    outcome_note=outcome_note, label=option.label
                )
            waiting += [(effect, chose_note) for effect in option.effects]
        for effect, note in waiting:
            if result.outcome in effect.if_outcome:
                apply_effect(ctx, card, effect, regions, extra=note)


def story(ctx: Context, card_id: str) -> str | None:
    """What a card's attack came to in this game, in plain words, once it is resolved."""
    result = ctx.state.card_results.get(card_id)
    if result is None:
        return None
    killed = N_("{deaths} killed").format(deaths=result.deaths) if result.deaths else N_("no one killed")
    return N_(
        "In this game: the attack was {outcome}: {killed}, of {unopposed} the "
        "attackers could have killed unopposed."
    ).format(outcome=words(result.outcome), killed=killed, unopposed=result.unopposed)


def _field(effect: Effect, name: str, default: object) -> Any:
    """A field only some kinds of effect have. Not getattr(): a pydantic model's miss costs ~40 us."""
    return effect.__dict__.get(name, default)


def _targets(effect: Effect, regions: list[str], ctx: Context) -> list[str]:
    region = _field(effect, "region", None)
    if region == "all":
        return list(ctx.index.region_order)
    if region is not None:
        return [region]
    return regions


_ATTACKED = {  # what a card's attack strikes, by the effect's type
    "civilian_attack": "civilians",
    "peacekeeper_attack": "peacekeepers",
    "host_force_attack": "host_forces",
}


def apply_effect(ctx: Context, card: Card, effect: Effect, regions: list[str], extra: str = "") -> None:
    # The changes below are explained only with the ledger on: none of their kinds is read back.
    why = []
    if ctx.ledger:
        detail = effect.note or extra
        why.append(
            cause(
                "card",
                card.id,
                N_("{title}: {detail}").format(title=card.title, detail=detail) if detail else card.title,
            )
        )
    state = ctx.state
    match effect:
        case CivilianAttackEffect() | PeacekeeperAttackEffect() | HostForceAttackEffect():
            kind = _ATTACKED[effect.type]
            actor = effect.perpetrator if isinstance(effect, CivilianAttackEffect) else effect.attacker
            for region in _targets(effect, regions, ctx):
                state.pending_attacks.append(
                    PendingAttack(
                        card=card.id,
                        kind=kind,
                        region=region,
                        actor=actor,
                        deaths=effect.deaths,
                        wounded=_field(effect, "wounded", (0, 0)),
                        civilian_deaths=_field(effect, "civilian_deaths", (0, 0)),
                    )
                )
        case CredibilityEffect():
            for region in _targets(effect, regions, ctx):
                ctx.credibility(region, effect.delta, card.title, why)
        case ConsentEffect():
            ctx.consent(effect.delta, card.title, why)
        case MandateSupportEffect():
            ctx.mandate_support(effect.delta, card.title, why)
        case ThreatEffect():
            for region in _targets(effect, regions, ctx):
                ctx.threat(region, effect.actor, effect.delta, card.title, why)
        case HostPresenceEffect():
            for region in _targets(effect, regions, ctx):
                ctx.host_presence(region, effect.delta, card.title, why)
        case ModifierEffect():
            state.modifiers.append(
                Modifier(
                    key=effect.key,
                    value=effect.value,
                    last_turn=state.turn + effect.turns - 1,
                    source=card.id,
                )
            )
            if ctx.keeps("means"):
                ctx.record(
                    "means",
                    effect.key,
                    effect.value,
                    effect.value,
                    N_("{title}: {key} {value:+d} for {count}").format(
                        title=card.title,
                        key=words(effect.key),
                        value=effect.value,
                        count=counted("{n} turn", "{n} turns", effect.turns),
                    ),
                    why,
                )
        case InfoAttackEffect():
            for region in _targets(effect, regions, ctx):
                state.pending_info.append(
                    PendingInfoAttack(region=region, strength=effect.strength, source=card.title)
                )
        case MandateRenewalEffect():
            state.pending_renewal = effect.resolution
        case FlagEffect():
            state.flags[effect.name] = effect.value
