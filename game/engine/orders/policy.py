"""The SRSG's standing mission policy: PoC definition, orientation, IRCs under the U3, renewal case."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.preview import signed
from game.engine.state import Cause
from game.engine.wording import POLICY_TITLES, counted, words
from game.i18n import N_
from game.scenario.models import Role

POLICY_VALUES = {
    "poc_definition": ("status_quo", "define_poc", "avoid_term"),
    "orientation": ("state_centred", "people_centred"),
    "irc_under_u3": ("true", "false"),
    "renewal_case": ("status_quo", "poc_first"),
}
RENEWAL_CASE_NOTE = N_(
    "The renewal card (each June) asks the SRSG again, and the decision "
    "taken there is the one that counts. This standing case is that card's "
    "default: it is argued if no decision is taken."
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
        return N_("{policy_titles} must be one of {list}").format(
            policy_titles=POLICY_TITLES[name], list=", ".join(words(v) for v in POLICY_VALUES[name])
        )
    current = getattr(ctx.state.policy, name)
    if str(current).lower() == value:
        return N_("{policy_titles} is already {value}").format(
            policy_titles=POLICY_TITLES[name], value=words(value)
        )
    if name == "irc_under_u3" and value == "true" and ctx.state.means.budget < T.U3_BUDGET_COST:
        return N_("putting the IRCs under the U3 needs 1 budget point")
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
            (
                N_("IRCs now report to the U3; release delay {delay}")
                if policy.irc_under_u3
                else N_("IRCs no longer report to the U3; release delay {delay}")
            ).format(delay=counted("{n} turn", "{n} turns", ctx.state.means.release_delay)),
            why,
        )
        return
    left = policy.poc_definition
    setattr(policy, name, value)
    ctx.record(
        "policy",
        name,
        0,
        0,
        N_("{policy_titles} set to {value}").format(policy_titles=POLICY_TITLES[name], value=words(value)),
        why,
    )
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
            N_("the mission went back to a PoC line it had dropped: people stop believing any of them"),
        )
    return T.POLICY_CHANGE_CREDIBILITY, N_(
        "the mission changed its PoC line: units and people must relearn it"
    )


def _describe(order: SetPolicy, names: Names) -> str:
    return N_("{policy}: {value}").format(policy=POLICY_TITLES[order.name], value=words(order.value))


def _menu(order: SetPolicy, ctx: Context, region: RegionNamer) -> MenuPath:
    name = order.name
    current = str(getattr(ctx.state.policy, name)).lower()
    note = RENEWAL_CASE_NOTE if name == "renewal_case" else ""
    return [
        (
            f"policy:{name}",
            N_("{policy} (now: {value})").format(policy=POLICY_TITLES[name], value=words(current)),
            note,
        )
    ], words(order.value)


def _preview(order: SetPolicy, ctx: Context) -> list[str]:
    name, value, state = order.name, order.value, ctx.state
    if name == "poc_definition":
        lines = _definition(value)
        if state.turn > 1:
            reversal = value in state.policy.lines_left
            loss = T.POLICY_CHANGE_CREDIBILITY + (T.POLICY_REVERSAL_CREDIBILITY if reversal else 0)
            line = N_("changing the PoC line after the first turn: credibility {signed} everywhere, now")
            if reversal:
                line = N_(
                    "changing the PoC line after the first turn: credibility {signed} everywhere, now "
                    "(back to a line the mission dropped)"
                )
            lines.append(line.format(signed=signed(-loss)))
        else:
            back = -T.POLICY_CHANGE_CREDIBILITY - T.POLICY_REVERSAL_CREDIBILITY
            lines.append(
                N_(
                    "free in the first turn; any later change costs {signed} credibility "
                    "everywhere, {signed2} back to a line it dropped"
                ).format(signed=signed(-T.POLICY_CHANGE_CREDIBILITY), signed2=signed(back))
            )
        return lines
    if name == "orientation" and value == "people_centred":
        return [
            N_("Tier I work gives {signed} more credibility a turn").format(
                signed=signed(T.PEOPLE_CENTRED_TIER_ONE_BONUS)
            ),
            N_("host-state consent {signed} every {people_centred_consent_every} turns").format(
                signed=signed(-1), people_centred_consent_every=T.PEOPLE_CENTRED_CONSENT_EVERY
            ),
        ]
    if name == "orientation":
        return [
            N_("host-state consent {signed} a turn, up to {state_centred_consent_limit}").format(
                signed=signed(T.STATE_CENTRED_CONSENT),
                state_centred_consent_limit=T.STATE_CENTRED_CONSENT_LIMIT,
            ),
            N_("Tier I gives no extra credibility"),
        ]
    if name == "irc_under_u3" and value == "true":
        return [
            N_("messages land the turn they are issued (no civilian release delay)"),
            N_("budget {signed} every turn while it lasts").format(signed=signed(-T.U3_BUDGET_COST)),
        ]
    if name == "irc_under_u3":
        return [
            N_("messages wait {count} for release").format(
                count=counted("{n} turn", "{n} turns", ctx.index.scenario.means.release_delay_turns)
            ),
            N_("saves {u3_budget_cost} budget a turn").format(u3_budget_cost=T.U3_BUDGET_COST),
        ]
    if value == "poc_first":
        return [
            N_(
                "at the next renewal: {signed} to the vote if national credibility is "
                "{renewal_case_credibility}+ and the Say–Do gap under "
                "{renewal_case_gap}, otherwise {signed2}"
            ).format(
                signed=signed(T.RENEWAL_CASE_BONUS),
                renewal_case_credibility=T.RENEWAL_CASE_CREDIBILITY,
                renewal_case_gap=T.RENEWAL_CASE_GAP,
                signed2=signed(-T.RENEWAL_CASE_PENALTY),
            ),
            N_(
                "PoC becomes the first priority at {renewal_poc_first_at}+: budget "
                "{signed} a turn, aviation {signed2}%, one more message slot"
            ).format(
                renewal_poc_first_at=T.RENEWAL_POC_FIRST_AT,
                signed=signed(T.POC_FIRST_MEANS["budget"]),
                signed2=signed(T.POC_FIRST_MEANS["aviation_pct"]),
            ),
        ]
    return [N_("at the next renewal: no bonus, no risk; PoC stays a task among others")]


def _definition(value: str) -> list[str]:
    if value == "define_poc":
        return [
            N_("protection {signed} wherever units act to protect").format(
                signed=signed(T.POC_DEFINED_BONUS)
            ),
            N_("Say {signed} a turn: the promise must be kept").format(
                signed=signed(T.POLICY_SAY["define_poc"])
            ),
            N_("the Chief of Communications can explain the definition"),
        ]
    if value == "avoid_term":
        return [
            N_("Say {signed}: nothing promised by name").format(signed=signed(T.POLICY_SAY["avoid_term"])),
            N_("messages about tactical successes earn {signed} more credibility").format(
                signed=signed(T.AVOID_TERM_SUCCESS_BONUS)
            ),
        ]
    return [
        N_("protection {signed} where caveated units are present").format(
            signed=signed(-T.POC_UNDEFINED_PENALTY)
        ),
        N_("Say {signed} a turn").format(signed=signed(T.POLICY_SAY["status_quo"])),
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
