"""The messaging plan: a theme, by a channel, to an audience, within the turn's message slots."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, get_args

from game.engine import tables as T
from game.engine.context import Context
from game.engine.orders.base import MenuPath, Names, OrderKind, RegionNamer, _Order
from game.engine.preview import signed
from game.engine.state import Cause, Message
from game.engine.wording import counted, words
from game.i18n import N_
from game.scenario.models import Role

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


class IssueMessage(_Order):
    type: Literal["issue_message"] = "issue_message"
    theme: Theme
    channel: Channel
    audience: str  # a region id or "national"


def _role(order: IssueMessage, ctx: Context) -> str:
    return Role.COMMS_CHIEF


def _candidates(ctx: Context, role: str) -> Iterator[IssueMessage]:
    if role == Role.COMMS_CHIEF:
        for theme in get_args(Theme):
            for channel in get_args(Channel):
                for audience in ["national", *ctx.index.region_order]:
                    yield IssueMessage(theme=theme, channel=channel, audience=audience)


def _subject(order: IssueMessage) -> str:
    return f"msg:{order.theme}"


def _why_illegal(order: IssueMessage, ctx: Context) -> str | None:
    theme, channel, audience = order.theme, order.channel, order.audience
    state = ctx.state
    means = state.means
    if means.messages_issued >= means.message_slots:
        return N_("all {message_slots} message slots are used this turn").format(
            message_slots=means.message_slots
        )
    if audience != "national" and audience not in ctx.index.regions:
        return N_("no audience {audience!r}").format(audience=audience)
    irc = CHANNEL_IRC[channel]
    if irc not in means.irc_available:
        return N_("the {irc} capability is not available").format(irc=words(irc))
    if channel in ("presence", "cimic") and (audience == "national" or not ctx.units_in(audience)):
        return N_("{channel} needs mission units in the audience's region").format(channel=words(channel))
    if channel == "social_media" and audience != "national":
        zone = ctx.index.regions[audience].zone
        if zone != "south":
            return N_(
                "social media does not reach {region}: few people in the {zone} are "
                "online; use radio or key leader engagement"
            ).format(region=ctx.region_name(audience), zone=zone)
    if theme == "define_poc" and state.policy.poc_definition != "define_poc":
        return N_("the SRSG has not defined PoC; there is no definition to explain")
    return None


def _apply(order: IssueMessage, ctx: Context, why: list[Cause]) -> None:
    state = ctx.state
    state.messages.append(
        Message(
            theme=order.theme,
            channel=order.channel,
            audience=order.audience,
            issued_turn=state.turn,
            lands_turn=state.turn + state.means.release_delay,
        )
    )
    state.means.messages_issued += 1


def _describe(order: IssueMessage, names: Names) -> str:
    return N_("Message '{theme}' by {channel} to {region}").format(
        theme=words(order.theme), channel=words(order.channel), region=names.region(order.audience)
    )


def landing(delay: int) -> str:
    """When a message given now reaches its audience, and why."""
    if delay == 0:
        return N_("Lands this turn: the IRCs are under the U3, no civilian release to wait for.")
    return N_(
        "Lands in {count}: the civilian release authority clears it first (the "
        "SRSG can put the IRCs under the U3 to release at once)."
    ).format(count=counted("{n} turn", "{n} turns", delay))


def _menu(order: IssueMessage, ctx: Context, region: RegionNamer) -> MenuPath:
    theme, channel = order.theme, order.channel
    path = [
        (
            f"msg:{theme}",
            N_("Theme: {theme}").format(theme=words(theme)),
            landing(ctx.state.means.release_delay),
        ),
        (f"msg:{theme}:{channel}", N_("by {channel}").format(channel=words(channel)), ""),
    ]
    return path, N_("to {region}").format(region=region(order.audience))


def _preview(order: IssueMessage, ctx: Context) -> list[str]:
    credibility = T.THEME_CREDIBILITY[order.theme]
    lines = [N_("Say {signed} (what the mission promises)").format(signed=signed(T.THEME_SAY[order.theme]))]
    if credibility:
        lines.append(N_("credibility up to {signed} where it lands").format(signed=signed(credibility)))
    lines.append(
        N_("lands in {count}").format(count=counted("{n} turn", "{n} turns", ctx.state.means.release_delay))
    )
    return lines


ISSUE_MESSAGE = OrderKind(
    model=IssueMessage,
    role=_role,
    candidates=_candidates,
    subject=_subject,
    why_illegal=_why_illegal,
    apply=_apply,
    describe=_describe,
    menu=_menu,
    preview=_preview,
)
KINDS = (ISSUE_MESSAGE,)
