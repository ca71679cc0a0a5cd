"""Consequences before choices: what an order or a card option will do by the rules, in plain words."""

from __future__ import annotations

from collections.abc import Sequence

from game.engine import orders as O
from game.engine import tables as T
from game.engine.cards import card_regions
from game.engine.context import Context
from game.engine.wording import plural, words
from game.scenario.models import AviationKind, Card, Effect, Option

OUTCOME_GROUPS = {
    ("deterred", "prevented"): "if the attack is prevented or deterred",
    ("mitigated", "partly_mitigated", "unopposed"): "if the attack still kills",
}
MODIFIER_WORDS = {
    "attack_rate_pct": "armed groups' attacks",
    "civilian_capacity_pct": "civilian PoC capacity",
    "budget_pct": "budget",
    "utility_hours_pct": "utility helicopter hours",
    "attack_hours_pct": "attack helicopter hours",
    "isr_hours_pct": "ISR hours",
}


def _signed(value: int) -> str:
    return f"{value:+d}".replace("-", "−")


def _where(ctx: Context, region: str | None, regions: list[str]) -> str:
    if region == "all":
        return "everywhere"
    targets = [region] if region else regions
    return "in " + ", ".join(ctx.region_name(r) for r in targets) if targets else ""


def _toll(deaths: tuple[int, int]) -> str:
    low, high = deaths
    return str(low) if low == high else f"{low}–{high}"


def _condition(outcomes: Sequence[str]) -> str:
    key = tuple(sorted(outcomes))
    for group, text in OUTCOME_GROUPS.items():
        if key == tuple(sorted(group)):
            return text
    return "if the attack is " + " or ".join(words(o) for o in outcomes)


def effect_line(ctx: Context, effect: Effect, regions: list[str]) -> str:
    """One card effect as a player reads it: "credibility +3 in Mopti"."""
    where = _where(ctx, getattr(effect, "region", None), regions)
    match effect.type:
        case "civilian_attack":
            text = f"an attack on civilians {where} by {ctx.actor_name(effect.perpetrator)}: "
            text += f"{_toll(effect.deaths)} killed if unopposed; your protection there decides the toll"
        case "peacekeeper_attack":
            text = f"an attack on peacekeepers {where}: {_toll(effect.deaths)} killed if the defence fails"
        case "host_force_attack":
            text = f"an attack on the host state's forces {where}: {_toll(effect.deaths)} soldiers killed"
        case "credibility":
            text = f"credibility {_signed(effect.delta)} {where}"
        case "consent":
            text = f"host-state consent {_signed(effect.delta)}"
        case "mandate_support":
            text = f"Security Council support {_signed(effect.delta)}"
        case "threat":
            text = f"threat of {ctx.actor_name(effect.actor)} {_signed(effect.delta)} {where}"
        case "host_presence":
            text = f"host-state presence {_signed(effect.delta)} {where}"
        case "modifier":
            if effect.key == "international_support":
                text = f"international support {_signed(effect.value)}"
            else:
                text = f"{MODIFIER_WORDS[effect.key]} {_signed(effect.value)}%"
            text += f" for {effect.turns} turn{'s' if effect.turns > 1 else ''}"
        case "info_attack":
            text = f"a hostile narrative of strength {effect.strength} {where}"
        case "mandate_renewal":
            text = "the Security Council votes on the mandate this turn"
        case _:
            text = "sets up what comes later in the campaign"
    text = text.strip()
    if effect.if_outcome:
        text = f"{_condition(effect.if_outcome)}: {text}"
    return text


def card_consequences(ctx: Context, card: Card) -> list[str]:
    """What a drawn card does by the rules, from its effects (those waiting for an outcome too)."""
    regions = card_regions(ctx, card.id)
    return [effect_line(ctx, effect, regions) for effect in card.effects]


def option_consequences(ctx: Context, card: Card, option: Option) -> list[str]:
    """What choosing this option will do: its effects, from the scenario's card."""
    regions = card_regions(ctx, card.id)
    lines = [effect_line(ctx, effect, regions) for effect in option.effects]
    return lines or ["no effect by the rules: nothing changes"]


def order_consequences(ctx: Context, order: O.Order) -> list[str]:
    """What this order will do by the rules (tables.py), before it is given."""
    state = ctx.state
    match order:
        case O.SetPolicy(name="poc_definition", value=value):
            lines = _definition(value)
            if state.turn > 1 and state.policy.definition_changes >= 1:
                lines.append(
                    f"changing the PoC line again after the first turn: credibility "
                    f"{_signed(-T.POLICY_CHANGE_CREDIBILITY)} everywhere, now"
                )
            elif state.policy.definition_changes == 0:
                lines.append(
                    f"free in the first turn; any later change costs "
                    f"{_signed(-T.POLICY_CHANGE_CREDIBILITY)} credibility everywhere"
                )
            return lines
        case O.SetPolicy(name="orientation", value="people_centred"):
            return [
                f"Tier I work gives {_signed(T.PEOPLE_CENTRED_TIER_ONE_BONUS)} more credibility a turn",
                f"host-state consent {_signed(-1)} every {T.PEOPLE_CENTRED_CONSENT_EVERY} turns",
            ]
        case O.SetPolicy(name="orientation"):
            return [
                f"host-state consent {_signed(T.STATE_CENTRED_CONSENT)} a turn, "
                f"up to {T.STATE_CENTRED_CONSENT_LIMIT}",
                "Tier I gives no extra credibility",
            ]
        case O.SetPolicy(name="irc_under_u3", value="true"):
            return [
                "messages land the turn they are issued (no civilian release delay)",
                f"budget {_signed(-T.U3_BUDGET_COST)} every turn while it lasts",
            ]
        case O.SetPolicy(name="irc_under_u3"):
            return [
                f"messages wait {plural(ctx.index.scenario.means.release_delay_turns, 'turn')} for release",
                f"saves {T.U3_BUDGET_COST} budget a turn",
            ]
        case O.SetPolicy(name="renewal_case", value="poc_first"):
            return [
                f"at the next renewal: {_signed(T.RENEWAL_CASE_BONUS)} to the vote if national "
                f"credibility is {T.RENEWAL_CASE_CREDIBILITY}+ and the Say–Do gap under "
                f"{T.RENEWAL_CASE_GAP}, otherwise {_signed(-T.RENEWAL_CASE_PENALTY)}",
                f"PoC becomes the first priority at {T.RENEWAL_POC_FIRST_AT}+: budget "
                f"{_signed(T.POC_FIRST_MEANS['budget'])} a turn, aviation "
                f"{_signed(T.POC_FIRST_MEANS['aviation_pct'])}%, one more message slot",
            ]
        case O.SetPolicy(name="renewal_case"):
            return ["at the next renewal: no bonus, no risk; PoC stays a task among others"]
        case O.DecideCard(card=card_id, option=option_id):
            card = ctx.card(card_id)
            assert card.choice is not None
            option = next(o for o in card.choice.options if o.id == option_id)
            return option_consequences(ctx, card, option)
        case O.OpenBase(unit=unit_id):
            region = ctx.region_name(state.units[unit_id].region)
            return [
                f"protection of civilians {_signed(T.TOB_PROTECTION)} in {region}",
                *_reach(ctx, state.units[unit_id].region),
                f"credibility {_signed(T.TOB_CREDIBILITY_PER_TURN)} a turn in {region}; "
                f"hostile narratives there {_signed(-T.INFO_ATTACK_TOB_REDUCTION)}",
                f"budget {_signed(-T.TOB_OPEN_COST)} now, {_signed(-T.TOB_UPKEEP)} every turn",
                "the unit stays put in base posture: an exposed target for the armed groups",
            ]
        case O.SetPosture(unit=unit_id, posture="patrol"):
            return [
                f"protection {_signed(T.PATROL_PROTECTION)} in its region "
                f"(patrols add up to {_signed(T.PATROL_PROTECTION_MAX)})",
                *_reach(ctx, state.units[unit_id].region),
                "patrols are exposed: the armed groups may strike them",
            ]
        case O.SetPosture(unit=unit_id, posture="quick_reaction"):
            return [
                f"answers attacks on civilians: {_signed(T.QRF_IN_REGION)} in its region, "
                f"{_signed(T.QRF_NEIGHBOUR)} one road away, {_signed(T.QRF_BY_AIR)} by air "
                f"with early warning 1+ and {T.QRF_AIR_HOURS} lift hours",
                *_reach(ctx, state.units[unit_id].region, by_air=True),
            ]
        case O.SetPosture(posture="base"):
            return [f"protection {_signed(T.BASE_POSTURE_PROTECTION)} around the camp (once per region)"]
        case O.TaskAviation(asset=asset_id, region=None):
            return ["no more early warning or air cover from this asset where it was tasked"]
        case O.TaskAviation(asset=asset_id, region=region):
            spec = ctx.index.aviation[asset_id]
            where = ctx.region_name(region)
            hours = T.TASK_HOURS[spec.kind]
            if spec.kind == AviationKind.ISR:
                gain = (
                    T.WARNING_ISR_LONG
                    if spec.range_km >= T.WARNING_ISR_LONG_RANGE_KM
                    else T.WARNING_ISR_TACTICAL
                )
                return [
                    f"early warning {_signed(gain)} in {where} from the next turn's situation phase",
                    f"at warning {T.WARNING_REVEALS_CARDS}+ card attacks there are known before orders",
                    f"{hours} flying hours a turn",
                ]
            return [
                f"protection {_signed(T.ATTACK_HELICOPTER_WARNED)} in {where} with early warning 1+, "
                f"{_signed(T.ATTACK_HELICOPTER_UNWARNED)} without",
                f"peacekeepers there defend {_signed(T.PK_ATTACK_HELICOPTER)}",
                f"{hours} flying hours a turn",
            ]
        case O.SetPocActivity(region=region, tier="I", points=points):
            gain = min(points * T.TIER_ONE_CREDIBILITY_PER_POINT, T.TIER_ONE_CREDIBILITY_MAX)
            return [
                f"credibility {_signed(gain)} a turn in {ctx.region_name(region)}",
                f"a community alert network: early warning {_signed(T.WARNING_TIER_ONE)} next turn"
                if points
                else "no alert network",
            ]
        case O.SetPocActivity(region=region, tier="III", points=points):
            return [
                f"each turn, on 1d6 at or under {points + 1}, the strongest militia threat in "
                f"{ctx.region_name(region)} falls by 1"
            ]
        case O.IssueMessage(theme=theme):
            credibility = T.THEME_CREDIBILITY[theme]
            lines = [f"Say {_signed(T.THEME_SAY[theme])} (what the mission promises)"]
            if credibility:
                lines.append(f"credibility up to {_signed(credibility)} where it lands")
            lines.append(f"lands in {plural(state.means.release_delay, 'turn')}")
            return lines
        case O.MoveUnit(mode="ground"):
            short, long = T.GROUND_TRANSIT_SHARE[1], T.GROUND_TRANSIT_SHARE[2]
            on_long = f"{long}%" if long else "nothing"
            return [f"by road: counts {short}% in patrols this turn on a short road, {on_long} on a long one"]
        case O.MoveUnit(unit=unit_id):
            hours = O.air_hours_needed(state.units[unit_id].strength)
            return [f"by air: {hours} lift hours, at full strength on arrival"]
    return []


def _reach(ctx: Context, region: str, by_air: bool = False) -> list[str]:
    """Ground protection does not reach scattered villages (rules.md §6.2, Reach)."""
    dispersion = ctx.index.regions[region].dispersion
    if not dispersion:
        return []
    air = "; a response by air still does, except against a militia's raid" if by_air else ""
    return [
        f"not for a village out of reach of the posts: 1d6 ≤ {dispersion} in "
        f"{ctx.region_name(region)}, ≤ {dispersion + T.MAJOR_ATTACK_REACH} for a large attack, "
        f"≤ {dispersion + T.MILITIA_RAID_REACH} for a militia's raid{air}"
    ]


def _definition(value: str) -> list[str]:
    if value == "define_poc":
        return [
            f"protection {_signed(T.POC_DEFINED_BONUS)} wherever units act to protect",
            f"Say {_signed(T.POLICY_SAY['define_poc'])} a turn: the promise must be kept",
            "the Chief of Communications can explain the definition",
        ]
    if value == "avoid_term":
        return [
            f"Say {_signed(T.POLICY_SAY['avoid_term'])}: nothing promised by name",
            f"messages about tactical successes earn {_signed(T.AVOID_TERM_SUCCESS_BONUS)} more credibility",
        ]
    return [
        f"protection {_signed(-T.POC_UNDEFINED_PENALTY)} where caveated units are present",
        f"Say {_signed(T.POLICY_SAY['status_quo'])} a turn",
    ]
