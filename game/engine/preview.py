"""Consequences before choices: what an order or a card option will do by the rules, in plain words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.engine import tables as T
from game.engine.cards import card_regions
from game.engine.context import Context
from game.engine.wording import counted, words
from game.i18n import N_
from game.scenario.models import Card, Effect, Option

if TYPE_CHECKING:
    from game.engine.orders import Order

OUTCOME_GROUPS = {
    ("deterred", "prevented"): N_("if the attack is prevented or deterred"),
    ("mitigated", "partly_mitigated", "unopposed"): N_("if the attack still kills"),
}
MODIFIER_WORDS = {
    "attack_rate_pct": N_("armed groups' attacks"),
    "civilian_capacity_pct": N_("civilian PoC capacity"),
    "budget_pct": "budget",
    "utility_hours_pct": N_("utility helicopter hours"),
    "attack_hours_pct": N_("attack helicopter hours"),
    "isr_hours_pct": N_("ISR hours"),
}


def signed(value: int) -> str:
    return f"{value:+d}".replace("-", "−")


def _where(ctx: Context, region: str | None, regions: list[str]) -> str:
    if region == "all":
        return N_("everywhere")
    targets = [region] if region else regions
    return (
        N_("in {regions}").format(regions=", ".join(ctx.region_name(r) for r in targets)) if targets else ""
    )


def _toll(deaths: tuple[int, int]) -> str:
    low, high = deaths
    return str(low) if low == high else f"{low}–{high}"


def _condition(outcomes: Sequence[str]) -> str:
    key = tuple(sorted(outcomes))
    for group, text in OUTCOME_GROUPS.items():
        if key == tuple(sorted(group)):
            return text
    return N_("if the attack is {outcomes}").format(outcomes=" or ".join(words(o) for o in outcomes))


def effect_line(ctx: Context, effect: Effect, regions: list[str]) -> str:
    """One card effect as a player reads it: "credibility +3 in Mopti"."""
    where = _where(ctx, getattr(effect, "region", None), regions)
    match effect.type:
        case "civilian_attack":
            text = N_(
                "an attack on civilians {where} by {group}: {toll} killed if unopposed; "
                "your protection there decides the toll"
            ).format(where=where, group=ctx.actor_name(effect.perpetrator), toll=_toll(effect.deaths))
        case "peacekeeper_attack":
            text = N_("an attack on peacekeepers {where}: {toll} killed if the defence fails").format(
                where=where, toll=_toll(effect.deaths)
            )
        case "host_force_attack":
            text = N_("an attack on the host state's forces {where}: {toll} soldiers killed").format(
                where=where, toll=_toll(effect.deaths)
            )
        case "credibility":
            text = N_("credibility {signed} {where}").format(signed=signed(effect.delta), where=where)
        case "consent":
            text = N_("host-state consent {signed}").format(signed=signed(effect.delta))
        case "mandate_support":
            text = N_("Security Council support {signed}").format(signed=signed(effect.delta))
        case "threat":
            text = N_("threat of {group} {signed} {where}").format(
                group=ctx.actor_name(effect.actor), signed=signed(effect.delta), where=where
            )
        case "host_presence":
            text = N_("host-state presence {signed} {where}").format(signed=signed(effect.delta), where=where)
        case "modifier":
            if effect.key == "international_support":
                change = N_("international support {signed}").format(signed=signed(effect.value))
            elif effect.key == "host_operations":  # a tempo added to rolls (rules.md §5.3), not a percentage
                change = N_("the army's offensive operations {signed}").format(signed=signed(effect.value))
            else:
                change = N_("{modifier} {signed}%").format(
                    modifier=MODIFIER_WORDS[effect.key], signed=signed(effect.value)
                )
            text = counted("{change} for {n} turn", "{change} for {n} turns", effect.turns, change=change)
        case "info_attack":
            text = N_("a hostile narrative of strength {strength} {where}").format(
                strength=effect.strength, where=where
            )
        case "mandate_renewal":
            text = N_("the Security Council votes on the mandate this turn")
        case _:
            text = N_("sets up what comes later in the campaign")
    text = text.strip()
    if effect.if_outcome:
        text = N_("{condition}: {effect}").format(condition=_condition(effect.if_outcome), effect=text)
    return text


def card_consequences(ctx: Context, card: Card) -> list[str]:
    """What a drawn card does by the rules, from its effects (those waiting for an outcome too)."""
    regions = card_regions(ctx, card.id)
    return [effect_line(ctx, effect, regions) for effect in card.effects]


def option_consequences(ctx: Context, card: Card, option: Option) -> list[str]:
    """What choosing this option will do: its effects, from the scenario's card."""
    regions = card_regions(ctx, card.id)
    lines = [effect_line(ctx, effect, regions) for effect in option.effects]
    return lines or [N_("no effect by the rules: nothing changes")]


def order_consequences(ctx: Context, order: Order) -> list[str]:
    """What this order will do by the rules (tables.py), before it is given: its kind's preview."""
    from game.engine.orders import kind_of  # the order kinds preview with this module's words

    return kind_of(order).preview(order, ctx)


def reach(ctx: Context, region: str, by_air: bool = False) -> list[str]:
    """Ground protection does not reach scattered villages (rules.md §6.2, Reach)."""
    dispersion = ctx.index.regions[region].dispersion
    if not dispersion:
        return []
    air = N_("; a response by air still does, except against a militia's raid") if by_air else ""
    return [
        N_(
            "not for a village out of reach of the posts: 1d6 ≤ {dispersion} in "
            "{region}, ≤ {number} for a large attack, ≤ {number2} for a militia's "
            "raid{air}"
        ).format(
            dispersion=dispersion,
            region=ctx.region_name(region),
            number=dispersion + T.MAJOR_ATTACK_REACH,
            number2=dispersion + T.MILITIA_RAID_REACH,
            air=air,
        )
    ]
