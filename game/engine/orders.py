"""Order types (a discriminated union), who may give them, why one is illegal, and their effect."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.engine import tables as T
from game.engine.context import Context, ScenarioIndex, cause
from game.engine.wording import POLICY_TITLES, POSTURES, ROLE_NAMES, plural, words
from game.scenario.loader import card_problems
from game.scenario.models import AviationKind, Card, Caveat, Role, UnitType

Theme = Literal["protection_promise", "define_poc", "tactical_success", "counter_rumour", "mandate_explain"]
Channel = Literal["radio", "community_outreach", "key_leader_engagement", "cimic", "presence", "social_media"]
CHANNEL_IRC = {
    "radio": "public_information",
    "social_media": "public_information",
    "community_outreach": "community_outreach",
    "key_leader_engagement": "key_leader_engagement",
    "cimic": "cimic",
    "presence": "presence_posture_profile",
}
COMBAT_TYPES = {
    UnitType.INFANTRY,
    UnitType.MECHANISED,
    UnitType.SPECIAL_FORCES,
    UnitType.QUICK_REACTION,
}


class _Order(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MoveUnit(_Order):
    type: Literal["move_unit"] = "move_unit"
    unit: str
    to: str
    mode: Literal["ground", "air"] = "ground"


class SetPosture(_Order):
    type: Literal["set_posture"] = "set_posture"
    unit: str
    posture: Literal["base", "patrol", "quick_reaction"]


class OpenBase(_Order):
    """Open a temporary operating base where the unit stands: permanent presence."""

    type: Literal["open_base"] = "open_base"
    unit: str


class CloseBase(_Order):
    type: Literal["close_base"] = "close_base"
    unit: str


class TaskAviation(_Order):
    """A standing tasking of an attack or ISR asset to one region (None: stand down)."""

    type: Literal["task_aviation"] = "task_aviation"
    asset: str
    region: str | None


class SetPocActivity(_Order):
    type: Literal["set_poc_activity"] = "set_poc_activity"
    region: str
    tier: Literal["I", "III"]
    points: int = Field(ge=0, le=T.TIER_POINTS_MAX)


class IssueMessage(_Order):
    type: Literal["issue_message"] = "issue_message"
    theme: Theme
    channel: Channel
    audience: str  # a region id or "national"


class SetPolicy(_Order):
    type: Literal["set_policy"] = "set_policy"
    name: Literal["poc_definition", "orientation", "irc_under_u3", "renewal_case"]
    value: str


class DecideCard(_Order):
    type: Literal["decide_card"] = "decide_card"
    card: str
    option: str


class InjectCard(_Order):
    """Facilitator: play a card now, from the deck (card_id) or written on the spot (card)."""

    type: Literal["inject_card"] = "inject_card"
    card_id: str | None = None
    card: Card | None = None
    regions: list[str] = []


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


FACILITATOR = "facilitator"
FACILITATOR_ORDERS = ("inject_card", "hold_card", "override_result", "facilitator_note")

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
    | FacilitatorNote,
    Field(discriminator="type"),
]
ORDER_ADAPTER: TypeAdapter[Order] = TypeAdapter(Order)

POLICY_VALUES = {
    "poc_definition": ("status_quo", "define_poc", "avoid_term"),
    "orientation": ("state_centred", "people_centred"),
    "irc_under_u3": ("true", "false"),
    "renewal_case": ("status_quo", "poc_first"),
}


def order_role(order: Order, ctx: Context) -> str:
    """The seat that gives this order."""
    match order:
        case MoveUnit(unit=unit_id) | SetPosture(unit=unit_id):
            unit = ctx.index.units.get(unit_id)
            if unit is not None and unit.type == UnitType.FORMED_POLICE:
                return Role.POLICE_COMMISSIONER
            return Role.FORCE_COMMANDER
        case OpenBase() | CloseBase() | TaskAviation():
            return Role.FORCE_COMMANDER
        case SetPocActivity():
            return Role.POLICE_COMMISSIONER
        case IssueMessage():
            return Role.COMMS_CHIEF
        case SetPolicy():
            return Role.SRSG
        case DecideCard(card=card_id):
            choice = next((c for c in ctx.state.choices if c.card == card_id), None)
            return choice.role if choice else Role.SRSG
        case InjectCard() | HoldCard() | OverrideResult() | FacilitatorNote():
            return FACILITATOR
    raise TypeError(order)


def describe(order: Order, ctx: Context | ScenarioIndex | None = None) -> str:
    """A one-line English description of an order, in the scenario's names when given a context
    or a scenario index (without one, ids read as words)."""
    index = ctx.index if isinstance(ctx, Context) else ctx
    unit = index.unit_names.__getitem__ if index else words
    asset = index.asset_names.__getitem__ if index else words

    def region(region_id: str) -> str:
        if region_id == "national":
            return "the national audience"
        return index.region_names[region_id] if index else words(region_id)

    def card(card_id: str) -> str:
        if index is not None and card_id in index.cards:
            return f"'{index.cards[card_id].title}'"
        return f"'{words(card_id)}'"

    match order:
        case MoveUnit(unit=u, to=to, mode=mode):
            return f"Move the {unit(u)} to {region(to)} by {'air' if mode == 'air' else 'road'}"
        case SetPosture(unit=u, posture=p):
            return f"Put the {unit(u)} in {POSTURES[p]} posture"
        case OpenBase(unit=u):
            return f"Open a temporary operating base with the {unit(u)}"
        case CloseBase(unit=u):
            return f"Close the temporary operating base held by the {unit(u)}"
        case TaskAviation(asset=a, region=r):
            return f"Task the {asset(a)} over {region(r)}" if r else f"Stand the {asset(a)} down"
        case SetPocActivity(region=r, tier=t, points=p):
            return f"Tier {t} activities in {region(r)}: {plural(p, 'point')}"
        case IssueMessage(theme=t, channel=c, audience=a):
            return f"Message '{words(t)}' by {words(c)} to {region(a)}"
        case SetPolicy(name=n, value=v):
            return f"{POLICY_TITLES[n]}: {words(v)}"
        case DecideCard(card=c, option=o):
            label = words(o)
            choice = index.cards[c].choice if index is not None and c in index.cards else None
            if choice is not None:
                label = next((x.label for x in choice.options if x.id == o), label)
            return f"Decide {card(c)}: {label}"
        case InjectCard(card_id=c, card=custom):
            return f"Facilitator plays {card(c) if c else repr(custom.title if custom else '?')}"
        case HoldCard(card=c, until=u):
            return f"Facilitator delays {card(c)} to {u}" if u else f"Facilitator holds back {card(c)}"
        case OverrideResult(kind=k, target=t, delta=d, reason=r):
            where = (
                " / ".join(region(x) if i == 0 else words(x) for i, x in enumerate(t.split("/"))) if t else ""
            )
            return f"Facilitator overrides {words(k)}{' in ' + where if where else ''} {d:+d}: {r}"
        case FacilitatorNote(text=text):
            return f"Facilitator's note: {text}"
    return str(order)


def air_hours_needed(strength: int) -> int:
    return -(-strength // T.AIR_MOVE_PERSONNEL_STEP) * T.AIR_MOVE_HOURS_PER_100


def lift_assets_reaching(ctx: Context, origin: str, destination: str) -> list[str]:
    """Utility helicopters whose radius covers both regions."""
    return ctx.index.lift_between(origin, destination)


def lift_hours(ctx: Context, assets: list[str]) -> int:
    return sum(ctx.state.aviation[a].hours for a in assets)


def why_illegal(order: Order, ctx: Context, role: str | None = None) -> str | None:
    """Why this order cannot be given now, or None when it is legal."""
    state = ctx.state
    if state.phase != "orders":
        return "the game is over"
    if role is not None and order_role(order, ctx) != role:
        return f"this order belongs to the {ROLE_NAMES.get(order_role(order, ctx), 'facilitator')}"
    match order:
        case MoveUnit(unit=unit_id, to=to, mode=mode):
            return _why_move_illegal(ctx, unit_id, to, mode)
        case SetPosture(unit=unit_id, posture=posture):
            unit = state.units.get(unit_id)
            if unit is None:
                return f"no unit {unit_id!r}"
            spec = ctx.index.units[unit_id]
            if posture == unit.posture:
                return f"{ctx.unit_name(unit_id)} already has {words(posture)} posture"
            if unit.holds_tob and posture != "base":
                return f"{ctx.unit_name(unit_id)} holds a temporary operating base; close it first"
            if Caveat.STATIC_ONLY in spec.caveats and posture != "base":
                return f"{spec.country}'s caveat: {ctx.unit_name(unit_id)} may only hold base posture"
            if posture == "quick_reaction":
                if Caveat.SELF_DEFENCE_ONLY in spec.caveats:
                    name = ctx.unit_name(unit_id)
                    return f"{spec.country}'s caveat: {name} may use force in self-defence only"
                if spec.type not in COMBAT_TYPES:
                    return f"{ctx.unit_name(unit_id)} is not a combat unit"
            return None
        case OpenBase(unit=unit_id):
            unit = state.units.get(unit_id)
            if unit is None:
                return f"no unit {unit_id!r}"
            spec = ctx.index.units[unit_id]
            if unit.holds_tob:
                return f"{ctx.unit_name(unit_id)} already holds a temporary operating base"
            if spec.type not in COMBAT_TYPES:
                return f"{ctx.unit_name(unit_id)} is not a combat unit"
            if Caveat.SELF_DEFENCE_ONLY in spec.caveats or Caveat.STATIC_ONLY in spec.caveats:
                return f"{spec.country}'s caveat forbids {ctx.unit_name(unit_id)} to hold an exposed base"
            if ctx.has_base(unit.region):
                return f"{ctx.region_name(unit.region)} already has a temporary operating base"
            if state.means.budget < T.TOB_OPEN_COST:
                return f"opening a base costs {T.TOB_OPEN_COST} budget; {state.means.budget} left"
            return None
        case CloseBase(unit=unit_id):
            unit = state.units.get(unit_id)
            if unit is None:
                return f"no unit {unit_id!r}"
            return None if unit.holds_tob else f"{ctx.unit_name(unit_id)} holds no temporary operating base"
        case TaskAviation(asset=asset_id, region=region):
            asset_spec = ctx.index.aviation.get(asset_id)
            if asset_spec is None:
                return f"no aviation asset {asset_id!r}"
            if asset_spec.kind == AviationKind.UTILITY:
                return "utility helicopters fly lift and air responses; they take no standing task"
            if region is None:
                if state.aviation[asset_id].tasked_region is None:
                    return f"{ctx.asset_name(asset_id)} has no tasking to stand down from"
                return None
            if state.aviation[asset_id].tasked_region == region:
                return f"{ctx.asset_name(asset_id)} is already tasked over {ctx.region_name(region)}"
            hours = state.aviation[asset_id].hours
            cost = T.TASK_HOURS[asset_spec.kind]
            if not state.aviation[asset_id].paid and hours < cost:
                return f"{ctx.asset_name(asset_id)} needs {cost} flying hours for a tasking; {hours} left"
            if region not in ctx.index.regions:
                return f"no region {region!r}"
            if not ctx.index.in_range(asset_spec, region):
                distance = ctx.index.distance_km[asset_spec.base][region]
                return (
                    f"{ctx.region_name(region)} is {distance} km from "
                    f"{ctx.region_name(asset_spec.base)}, beyond "
                    f"{ctx.asset_name(asset_id)}'s {asset_spec.range_km} km reach"
                )
            return None
        case SetPocActivity(region=region, tier=tier, points=points):
            if region not in ctx.index.regions:
                return f"no region {region!r}"
            if not ctx.mission_present(region):
                return f"the mission has no unit or civilian team in {ctx.region_name(region)}"
            regional = state.regions[region]
            current = regional.tier_one if tier == "I" else regional.tier_three
            if points == current:
                return f"Tier {tier} in {ctx.region_name(region)} is already {points}"
            spare = state.means.civilian_capacity - state.means.civilian_capacity_used
            if points - current > spare:
                return f"not enough civilian capacity: {plural(spare, 'point')} free"
            return None
        case IssueMessage(theme=theme, channel=channel, audience=audience):
            means = state.means
            if means.messages_issued >= means.message_slots:
                return f"all {means.message_slots} message slots are used this turn"
            if audience != "national" and audience not in ctx.index.regions:
                return f"no audience {audience!r}"
            irc = CHANNEL_IRC[channel]
            if irc not in means.irc_available:
                return f"the {words(irc)} capability is not available"
            if channel in ("presence", "cimic") and (audience == "national" or not ctx.units_in(audience)):
                return f"{words(channel)} needs mission units in the audience's region"
            if channel == "social_media" and audience != "national":
                zone = ctx.index.regions[audience].zone
                if zone != "south":
                    return (
                        f"social media does not reach {ctx.region_name(audience)}: few people in the "
                        f"{zone} are online; use radio or key leader engagement"
                    )
            if theme == "define_poc" and state.policy.poc_definition != "define_poc":
                return "the SRSG has not defined PoC; there is no definition to explain"
            return None
        case SetPolicy(name=name, value=value):
            if value not in POLICY_VALUES[name]:
                return (
                    f"{POLICY_TITLES[name]} must be one of {', '.join(words(v) for v in POLICY_VALUES[name])}"
                )
            current = getattr(state.policy, name)
            if str(current).lower() == value:
                return f"{POLICY_TITLES[name]} is already {words(value)}"
            if name == "irc_under_u3" and value == "true" and state.means.budget < T.U3_BUDGET_COST:
                return "putting the IRCs under the U3 needs 1 budget point"
            return None
        case InjectCard() | HoldCard() | OverrideResult() | FacilitatorNote():
            return _why_facilitator_illegal(order, ctx)
        case DecideCard(card=card_id, option=option):
            choice = next((c for c in state.choices if c.card == card_id), None)
            if choice is None:
                return f"no decision is pending on {card_id!r}"
            card = ctx.card(card_id)
            if card.choice is None:
                return f"{card_id} offers no decision"
            options = [o.id for o in card.choice.options]
            if option not in options:
                return f"{option!r} is not an option; choose one of {', '.join(options)}"
            if choice.decided == option:
                label = next(o.label for o in card.choice.options if o.id == option)
                return f"'{label}' is already chosen"
            return None
    return "unknown order"


def _why_facilitator_illegal(order: Order, ctx: Context) -> str | None:
    state = ctx.state
    played = {entry.partition("@")[0] for entry in state.cards_played}
    match order:
        case InjectCard(card_id=card_id, card=card, regions=regions):
            if (card_id is None) == (card is None):
                return "inject either a card of the deck (card_id) or a new card (card), not both"
            if card_id is not None:
                if card_id not in ctx.index.cards:
                    return f"no card {card_id!r} in the deck"
                if card_id in played and not ctx.index.cards[card_id].repeatable:
                    return f"{card_id} has already been played"
            elif card is not None:
                if card.id in ctx.index.cards or card.id in state.custom_cards:
                    return f"a card with id {card.id!r} already exists; choose another id"
                check = card.model_copy(update={"regions": regions}) if regions else card
                problems = _custom_card_problems(ctx, check)
                if problems:
                    return problems[0]
            for region in regions:
                if region not in ctx.index.regions:
                    return f"no region {region!r}"
            return None
        case HoldCard(card=card_id, until=until):
            if card_id not in ctx.index.cards:
                return f"no card {card_id!r} in the deck"
            if card_id in played:
                return f"{card_id} has already been played"
            if until is not None and until <= state.month:
                return f"a card can only be delayed to a later month than {state.month}"
            return None
        case OverrideResult(kind=kind, target=target):
            if kind in ("consent", "mandate_support"):
                return None if not target else f"{words(kind)} is national; leave the target empty"
            region, _, actor = target.partition("/")
            if region not in ctx.index.regions:
                return f"no region {region!r}"
            if kind == "threat" and actor not in ctx.index.actors:
                return f"threat needs region/actor; no actor {actor!r}"
            return None
    return None


def _custom_card_problems(ctx: Context, card: Card) -> list[str]:
    """Cross-reference a facilitator's card against the scenario, as the loader does."""
    return [
        f"{'.'.join(map(str, loc)) or 'card'}: {message}"
        for loc, message in card_problems(ctx.index.scenario, card)
    ]


def _why_move_illegal(ctx: Context, unit_id: str, to: str, mode: str) -> str | None:
    state = ctx.state
    unit = state.units.get(unit_id)
    if unit is None:
        return f"no unit {unit_id!r}"
    if to not in ctx.index.regions:
        return f"no region {to!r}"
    spec = ctx.index.units[unit_id]
    if unit.region == to:
        return f"{ctx.unit_name(unit_id)} is already in {ctx.region_name(to)}"
    if unit.moved != "no":
        return f"{ctx.unit_name(unit_id)} has already moved this turn"
    if unit.holds_tob:
        return f"{ctx.unit_name(unit_id)} holds a temporary operating base; close it first"
    if Caveat.STATIC_ONLY in spec.caveats:
        return f"{spec.country}'s caveat: {ctx.unit_name(unit_id)} is static"
    if Caveat.REGION_RESTRICTED in spec.caveats and to not in spec.allowed_regions:
        allowed = ", ".join(ctx.region_name(r) for r in spec.allowed_regions)
        return f"{spec.country}'s caveat: {ctx.unit_name(unit_id)} may only serve in {allowed}"
    if mode == "ground":
        if to not in ctx.index.links[unit.region]:
            here, there = ctx.region_name(unit.region), ctx.region_name(to)
            return f"{there} is not linked by road to {here}; go by air or step by step"
        return None
    if Caveat.NO_AIR_MOBILITY in spec.caveats:
        return f"{spec.country}'s caveat: {ctx.unit_name(unit_id)} does not move by helicopter"
    assets = lift_assets_reaching(ctx, unit.region, to)
    if not assets:
        return f"no utility helicopter reaches both {ctx.region_name(unit.region)} and {ctx.region_name(to)}"
    needed = air_hours_needed(unit.strength)
    available = lift_hours(ctx, assets)
    if available < needed:
        return f"air move needs {needed} lift hours; {available} left in reach"
    return None


def apply(order: Order, ctx: Context) -> None:
    """Carry out a legal order (the caller has checked why_illegal)."""
    state = ctx.state
    why = [cause("order", order.type, describe(order, ctx))]
    match order:
        case MoveUnit(unit=unit_id, to=to, mode=mode):
            unit = state.units[unit_id]
            if mode == "air":
                _spend_lift(ctx, unit.region, to, air_hours_needed(unit.strength), why)
                unit.transit_share = 100
            else:
                cost = ctx.index.links[unit.region][to]
                unit.transit_share = T.GROUND_TRANSIT_SHARE.get(cost, 0)
            ctx.record(
                "unit",
                unit_id,
                0,
                0,
                f"{ctx.unit_name(unit_id)} moved from {ctx.region_name(unit.region)} "
                f"to {ctx.region_name(to)}",
                why,
            )
            unit.region = to
            unit.moved = mode
            ctx.units_moved()
        case SetPosture(unit=unit_id, posture=posture):
            state.units[unit_id].posture = posture
            ctx.units_moved()
        case OpenBase(unit=unit_id):
            unit = state.units[unit_id]
            unit.holds_tob = True
            unit.posture = "base"
            ctx.units_moved()
            ctx.means(
                "budget", -T.TOB_OPEN_COST, f"temporary operating base in {ctx.region_name(unit.region)}", why
            )
        case CloseBase(unit=unit_id):
            state.units[unit_id].holds_tob = False
            ctx.units_moved()
        case TaskAviation(asset=asset_id, region=region):
            asset = state.aviation[asset_id]
            if region is None and asset.paid:
                refund_tasking(ctx, asset_id, why)
            asset.tasked_region = region
            ctx.retasked()
            if region is not None and not asset.paid:
                charge_tasking(ctx, asset_id, why)
        case SetPocActivity(region=region, tier=tier, points=points):
            regional = state.regions[region]
            current = regional.tier_one if tier == "I" else regional.tier_three
            state.means.civilian_capacity_used += points - current
            if tier == "I":
                regional.tier_one = points
            else:
                regional.tier_three = points
        case IssueMessage(theme=theme, channel=channel, audience=audience):
            from game.engine.state import Message

            state.messages.append(
                Message(
                    theme=theme,
                    channel=channel,
                    audience=audience,
                    issued_turn=state.turn,
                    lands_turn=state.turn + state.means.release_delay,
                )
            )
            state.means.messages_issued += 1
        case SetPolicy(name=name, value=value):
            _apply_policy(ctx, name, value, why)
        case DecideCard(card=card_id, option=option):
            choice = next(c for c in state.choices if c.card == card_id)
            choice.decided = option
        case InjectCard(card_id=card_id, card=custom, regions=regions):
            from game.engine.cards import fire

            if custom is not None:
                state.custom_cards[custom.id] = custom.model_dump(mode="json")
                card = custom
            else:
                assert card_id is not None, "why_illegal asks for a deck card or a new one"
                card = ctx.index.cards[card_id]
            chosen = list(regions or card.regions)
            if not regions and card.kind == "generic" and len(chosen) > 1:
                chosen = [chosen[ctx.between(0, len(chosen) - 1, f"region of {card.id}")]]
            previous, ctx.phase = ctx.phase, "facilitator"
            fire(ctx, card, chosen)
            ctx.phase = previous
            warning = T.WARNING_REVEALS_CARDS
            for attack in state.pending_attacks:
                if attack.card == card.id:
                    attack.revealed = state.regions[attack.region].warning >= warning
        case HoldCard(card=card_id, until=until):
            state.held_cards[card_id] = until or "never"
            ctx.record("policy", card_id, 0, 0, describe(order, ctx), [cause("facilitator", "hold_card")])
        case OverrideResult(kind=kind, target=target, delta=delta, reason=reason):
            _override(ctx, kind, target, delta, reason)
        case FacilitatorNote(text=text):
            state.current.notes.append(text)
    state.current.orders.append(order.model_dump(mode="json"))


def charge_tasking(ctx: Context, asset_id: str, why: list) -> None:
    asset = ctx.state.aviation[asset_id]
    cost = T.TASK_HOURS[ctx.index.aviation[asset_id].kind]
    asset.hours -= cost
    asset.paid = True
    assert asset.tasked_region is not None, "only a tasked asset is charged or refunded"
    ctx.record(
        "means",
        f"{asset_id}.hours",
        -cost,
        asset.hours,
        f"{ctx.asset_name(asset_id)} flies its tasking over {ctx.region_name(asset.tasked_region)}",
        why,
    )


def refund_tasking(ctx: Context, asset_id: str, why: list) -> None:
    """Standing an asset down gives back the hours its tasking was charged this turn: it does not fly."""
    asset = ctx.state.aviation[asset_id]
    cost = T.TASK_HOURS[ctx.index.aviation[asset_id].kind]
    asset.hours += cost
    asset.paid = False
    assert asset.tasked_region is not None, "only a tasked asset is charged or refunded"
    ctx.record(
        "means",
        f"{asset_id}.hours",
        cost,
        asset.hours,
        f"{ctx.asset_name(asset_id)} stands down from {ctx.region_name(asset.tasked_region)}: "
        f"its {cost} tasking hours are not flown",
        why,
    )


def _override(ctx: Context, kind: str, target: str, delta: int, reason: str) -> None:
    why = [cause("facilitator", "override_result", reason)]
    previous, ctx.phase = ctx.phase, "facilitator"
    summary = f"facilitator's override: {reason}"
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


def _spend_lift(ctx: Context, origin: str, to: str, hours: int, why: list) -> None:
    for asset_id in lift_assets_reaching(ctx, origin, to):
        asset = ctx.state.aviation[asset_id]
        spent = min(asset.hours, hours)
        if spent:
            asset.hours -= spent
            hours -= spent
            ctx.record(
                "means",
                f"{asset_id}.hours",
                -spent,
                asset.hours,
                f"{spent} lift hours flown by {ctx.asset_name(asset_id)}",
                why,
            )
        if hours == 0:
            return


def _apply_policy(ctx: Context, name: str, value: str, why: list) -> None:
    policy = ctx.state.policy
    if name == "irc_under_u3":
        policy.irc_under_u3 = value == "true"
        ctx.state.means.release_delay = (
            0 if policy.irc_under_u3 else ctx.index.scenario.means.release_delay_turns
        )
        ctx.record(
            "policy",
            name,
            0,
            0,
            f"IRCs {'now' if policy.irc_under_u3 else 'no longer'} report to the U3; "
            f"release delay {plural(ctx.state.means.release_delay, 'turn')}",
            why,
        )
        return
    setattr(policy, name, value)
    ctx.record("policy", name, 0, 0, f"{POLICY_TITLES[name]} set to {words(value)}", why)
    if name == "poc_definition":
        policy.definition_changes += 1
        if ctx.state.turn > 1 and policy.definition_changes > 1:
            for region in ctx.index.region_order:
                ctx.credibility(
                    region,
                    -T.POLICY_CHANGE_CREDIBILITY,
                    "the mission changed its PoC line again",
                    why,
                )
