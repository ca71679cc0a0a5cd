"""What the red and green cells may know: their forces and what they see of the mission (§5.2, §9.1)."""

from __future__ import annotations

from game.engine import fog
from game.engine import orders as O
from game.engine.context import Context
from game.engine.orders.consent import bases_opened, flights_over
from game.engine.score import national
from game.engine.sides import GREEN, RED
from game.engine.state import Cause, Change, TurnRecord
from game.engine.view import (
    PARTNER_KINDS,
    CauseView,
    ChangeView,
    GameView,
    MeansView,
    OrderView,
    RegionView,
    ThreatView,
    TurnView,
    UnitView,
    fog_text,
)
from game.scenario.models import AviationKind

# The causes red may read: its own actions and the cards (the news). Orders, policies, rolls and
# rules are the mission's reasoning (protection, early warning and its sources) and stay hidden.
SEEN_CAUSES = ("adversary", "card")
# Numbers red watches whatever caused them: its groups' strength and the state's presence.
SEEN_KINDS = ("threat", "host_presence")
NO_MEANS = MeansView(0, 0, 0, 0, 0, 0, 0, 0)


# Green reads what its own orders did (its army's moves, its refusals of consent), not the mission's means.
GREEN_ORDERS = ("redeploy_army", "army_offensive", "refuse_consent")


def _seen_cause(cause: Cause, change: Change, fogged: bool) -> bool:
    if cause.kind in SEEN_CAUSES:
        return True
    own = (cause.kind == "order" and cause.ref in GREEN_ORDERS) or (cause.kind, cause.ref) == (
        "rule",
        "consent",
    )
    return fogged and own and change.kind != "means"


def _change(change: Change, fogged: bool) -> ChangeView | None:
    """A ledger entry a cell may read; green reads the armed groups' strength only as bands."""
    if fogged and change.kind == "threat":
        return None
    seen = fog_text if fogged else str
    causes = tuple(
        CauseView(c.kind, c.ref, seen(c.detail.removesuffix(" (no warning)")))
        for c in change.causes
        if _seen_cause(c, change, fogged)
    )
    if change.kind not in SEEN_KINDS and not causes:
        return None
    turn, phase, kind, target = change.turn, change.phase, change.kind, change.target
    return ChangeView(turn, phase, kind, target, change.delta, change.after, seen(change.summary), causes)


def red_turn_view(record: TurnRecord, finished: bool, fogged: bool = False) -> TurnView:
    """A turn as red saw it: its actions and their results; the cards once the turn is over."""
    changes = (_change(c, fogged) for c in record.changes)
    return TurnView(
        turn=record.turn,
        month=record.month,
        cards=tuple(record.cards) if finished else (),
        decisions=(),
        adversary=tuple(fog_text(line) for line in record.adversary) if fogged else tuple(record.adversary),
        changes=tuple(c for c in changes if c is not None),
        say=0,
        do=0,
        civilians_killed=sum(sum(by.values()) for by in record.civilians_killed.values()),
        civilians_by_region=tuple((r, sum(by.values())) for r, by in record.civilians_killed.items()),
        peacekeepers_killed=record.peacekeepers_killed,
        credibility=tuple(record.credibility.items()),
        national_credibility=national(record.credibility) if record.credibility else None,
        mandate_outcome=record.mandate_outcome,
        stories=(),
    )


def red_region_view(ctx: Context, region_id: str, side: str = RED) -> RegionView:
    """A region as red sees it: every group's exact strength, the mission's units, bases and
    attack helicopters in sight; no early warning, no Tier I networks, no expected attacks."""
    state, index = ctx.state, ctx.index
    region, spec = state.regions[region_id], index.regions[region_id]
    threats = []
    for actor, level in sorted(region.threat.items()):
        if level > 0:
            partner = index.actors[actor].kind in PARTNER_KINDS
            threats.append(ThreatView(actor, index.actors[actor].name, _seen(side, level, partner), partner))
    units = tuple(
        UnitView(u.id, index.units[u.id].name, u.posture, u.strength, u.holds_tob)
        for u in state.units.values()
        if u.region == region_id
    )
    helicopters = tuple(
        a for a in ctx.tasked_over(region_id) if index.aviation[a].kind == AviationKind.ATTACK
    )
    after_turns = [record.credibility.get(region_id, spec.credibility) for record in state.history]
    return RegionView(
        id=region_id,
        name=spec.name,
        zone=spec.zone.value,
        tri_border=spec.tri_border,
        population=spec.population,
        credibility=region.credibility,
        credibility_series=(spec.credibility, *after_turns, region.credibility),
        host_presence=region.host_presence,
        warning=0,
        exact_threats=side == RED,
        threats=tuple(threats),
        expected_attacks=(),
        units=units,
        tob=any(u.holds_tob for u in units),
        aviation=helicopters,
        attack_helicopters=bool(helicopters),
        isr=False,
        tier_one=0,
        tier_three=0,
        last_civilian_deaths=region.last_civilian_deaths,
        last_mission_harm=region.last_mission_harm,
        requests=_requests(ctx, region_id) if side == GREEN else (),
    )


def _requests(ctx: Context, region_id: str) -> tuple[str, ...]:
    """The clearances the mission asks of the host state in a region this turn (rules.md §9.1)."""
    flights = [f"flight clearance for the {ctx.asset_name(a)}" for a in flights_over(ctx, region_id)]
    bases = [f"a temporary operating base for the {ctx.unit_name(u)}" for u in bases_opened(ctx, region_id)]
    return (*flights, *bases)


def _seen(side: str, level: int, partner: bool) -> str:
    """Red knows its groups' strength; green knows its army's, and the armed groups only by band."""
    return str(level) if side == RED or partner else fog.threat_band(level)


def observe_red(ctx: Context, side: str = RED) -> GameView:
    """The red (or green) cell's view: the same shape as a mission seat's, with what the cell may
    not know left empty (means, warnings, decisions, the mission's orders)."""
    state = ctx.state
    orders = tuple(
        OrderView(side, O.describe(order, ctx))
        for order in (O.ORDER_ADAPTER.validate_python(raw) for raw in state.current.orders)
        if O.order_role(order, ctx) == side
    )
    fogged = side == GREEN
    return GameView(
        seat=side,
        scenario_id=state.scenario_id,
        turn=state.turn,
        month=state.month,
        phase=state.phase,
        regions=tuple(red_region_view(ctx, r, side) for r in ctx.index.region_order),
        orders=orders,
        choices=(),
        national_credibility=national({r: s.credibility for r, s in state.regions.items()}),
        consent=state.consent,
        mandate_support=state.mandate_support,
        means=NO_MEANS,
        current=red_turn_view(state.current, finished=False, fogged=fogged),
        history=tuple(red_turn_view(record, finished=True, fogged=fogged) for record in state.history),
    )
