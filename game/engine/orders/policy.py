"""The SRSG's standing mission policy: PoC definition, orientation, IRCs under the U3, renewal case."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.preview import signed
from game.engine.state import Cause
from game.engine.wording import POLICY_TITLES, plural, words
from game.scenario.models import Role

POLICY_VALUES = {
    "poc_definition": ("status_quo", "define_poc", "avoid_term"),
    "orientation": ("state_centred", "people_centred"),
    "irc_under_u3": ("true", "false"),
    "renewal_case": ("status_quo", "poc_first"),
}
RENEWAL_CASE_NOTE = (
    "The renewal card (each June) asks the SRSG again, and the decision taken there is the one that "
    "counts. This standing case is that card's default: it is argued if no decision is taken."
)


class SetPolicy(_Order):
    type: Literal["set_policy"] = "set_policy"
    name: Literal["poc_definition", "orientation", "irc_under_u3", "renewal_case"]
    value: str


def _role(order: SetPolicy, ctx: Context) -> str:
    return Role.SRSG


def _candidates(ctx: Context, role: str) -> Iterator[SetPolicy]:
    if role == Role.SRSG:
        for name, values in POLICY_VALUES.items():
            for value in values:
                yield SetPolicy(name=name, value=value)


def _subject(order: SetPolicy) -> str:
    return f"policy:{order.name}"


def _why_illegal(order: SetPolicy, ctx: Context) -> str | None:
    name, value = order.name, order.value
    if value not in POLICY_VALUES[name]:
        return f"{POLICY_TITLES[name]} must be one of {', '.join(words(v) for v in POLICY_VALUES[name])}"
    current = getattr(ctx.state.policy, name)
    if str(current).lower() == value:
        return f"{POLICY_TITLES[name]} is already {words(value)}"
    if name == "irc_under_u3" and value == "true" and ctx.state.means.budget < T.U3_BUDGET_COST:
        return "putting the IRCs under the U3 needs 1 budget point"
    return None


def _apply(order: SetPolicy, ctx: Context, why: list[Cause]) -> None:
    name, value = order.name, order.value
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
    left = policy.poc_definition
    setattr(policy, name, value)
    ctx.record("policy", name, 0, 0, f"{POLICY_TITLES[name]} set to {words(value)}", why)
    if name == "poc_definition":
        policy.definition_changes += 1
        reversal = value in policy.lines_left
        if left not in policy.lines_left:
            policy.lines_left = [*policy.lines_left, left]
        if ctx.state.turn > 1:
            loss, summary = _line_change_cost(reversal)
            for region in ctx.index.region_order:
                ctx.credibility(region, -loss, summary, why)


def _line_change_cost(reversal: bool) -> tuple[int, str]:
    """Credibility lost everywhere for changing the PoC line after the first turn (rules.md §7)."""
    if reversal:
        return (
            T.POLICY_CHANGE_CREDIBILITY + T.POLICY_REVERSAL_CREDIBILITY,
            "the mission went back to a PoC line it had dropped: people stop believing any of them",
        )
    return T.POLICY_CHANGE_CREDIBILITY, "the mission changed its PoC line: units and people must relearn it"


def _describe(order: SetPolicy, names: Names) -> str:
    return f"{POLICY_TITLES[order.name]}: {words(order.value)}"


def _menu(order: SetPolicy, ctx: Context, region: RegionNamer) -> MenuPath:
    name = order.name
    current = str(getattr(ctx.state.policy, name)).lower()
    note = RENEWAL_CASE_NOTE if name == "renewal_case" else ""
    return [(f"policy:{name}", f"{POLICY_TITLES[name]} (now: {words(current)})", note)], words(order.value)


def _preview(order: SetPolicy, ctx: Context) -> list[str]:
    name, value, state = order.name, order.value, ctx.state
    if name == "poc_definition":
        lines = _definition(value)
        if state.turn > 1:
            reversal = value in state.policy.lines_left
            loss = T.POLICY_CHANGE_CREDIBILITY + (T.POLICY_REVERSAL_CREDIBILITY if reversal else 0)
            lines.append(
                f"changing the PoC line after the first turn: credibility {signed(-loss)} everywhere, now"
                + (" (back to a line the mission dropped)" if reversal else "")
            )
        else:
            back = -T.POLICY_CHANGE_CREDIBILITY - T.POLICY_REVERSAL_CREDIBILITY
            lines.append(
                f"free in the first turn; any later change costs {signed(-T.POLICY_CHANGE_CREDIBILITY)} "
                f"credibility everywhere, {signed(back)} back to a line it dropped"
            )
        return lines
    if name == "orientation" and value == "people_centred":
        return [
            f"Tier I work gives {signed(T.PEOPLE_CENTRED_TIER_ONE_BONUS)} more credibility a turn",
            f"host-state consent {signed(-1)} every {T.PEOPLE_CENTRED_CONSENT_EVERY} turns",
        ]
    if name == "orientation":
        return [
            f"host-state consent {signed(T.STATE_CENTRED_CONSENT)} a turn, "
            f"up to {T.STATE_CENTRED_CONSENT_LIMIT}",
            "Tier I gives no extra credibility",
        ]
    if name == "irc_under_u3" and value == "true":
        return [
            "messages land the turn they are issued (no civilian release delay)",
            f"budget {signed(-T.U3_BUDGET_COST)} every turn while it lasts",
        ]
    if name == "irc_under_u3":
        return [
            f"messages wait {plural(ctx.index.scenario.means.release_delay_turns, 'turn')} for release",
            f"saves {T.U3_BUDGET_COST} budget a turn",
        ]
    if value == "poc_first":
        return [
            f"at the next renewal: {signed(T.RENEWAL_CASE_BONUS)} to the vote if national "
            f"credibility is {T.RENEWAL_CASE_CREDIBILITY}+ and the Say–Do gap under "
            f"{T.RENEWAL_CASE_GAP}, otherwise {signed(-T.RENEWAL_CASE_PENALTY)}",
            f"PoC becomes the first priority at {T.RENEWAL_POC_FIRST_AT}+: budget "
            f"{signed(T.POC_FIRST_MEANS['budget'])} a turn, aviation "
            f"{signed(T.POC_FIRST_MEANS['aviation_pct'])}%, one more message slot",
        ]
    return ["at the next renewal: no bonus, no risk; PoC stays a task among others"]


def _definition(value: str) -> list[str]:
    if value == "define_poc":
        return [
            f"protection {signed(T.POC_DEFINED_BONUS)} wherever units act to protect",
            f"Say {signed(T.POLICY_SAY['define_poc'])} a turn: the promise must be kept",
            "the Chief of Communications can explain the definition",
        ]
    if value == "avoid_term":
        return [
            f"Say {signed(T.POLICY_SAY['avoid_term'])}: nothing promised by name",
            f"messages about tactical successes earn {signed(T.AVOID_TERM_SUCCESS_BONUS)} more credibility",
        ]
    return [
        f"protection {signed(-T.POC_UNDEFINED_PENALTY)} where caveated units are present",
        f"Say {signed(T.POLICY_SAY['status_quo'])} a turn",
    ]


SET_POLICY = OrderKind(
    model=SetPolicy,
    role=_role,
    candidates=_candidates,
    subject=_subject,
    why_illegal=_why_illegal,
    apply=_apply,
    describe=_describe,
    menu=_menu,
    target=lambda order: ("policy", order.name),
    preview=_preview,
)
KINDS = (SET_POLICY,)
