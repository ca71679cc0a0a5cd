"""What one seat may know: immutable views of a game, with the fog of war applied (rules.md §2).

The API other layers build on (keep it stable; add fields rather than rename them):

- `Game.observe(seat, private_drafts=False) -> GameView`: `seat` is a mission role (MISSION_SEATS:
  "srsg", "force_commander", "police_commissioner", "comms_chief"), or UMPIRE ("umpire":
  facilitator, debrief, replay, report) which sees everything. Another seat (a red cell) is
  added to SEATS with its own rules in region_view/turn_view (what it sees of the mission).
- The TUI asks through `game.tui.session.seat_view(session)`, which picks private drafts for a
  syndicate seat; the record (saves, replays) uses Game.turn/month/seed/records/digest/score/
  snapshot/at, never the GameState.
- With `private_drafts=True` (a syndicate, where each seat plays at its own screen) the view
  is of the turn as if only this seat's orders (and the facilitator's) had been given: another
  seat's drafts move no unit and spend no means on this seat's map. It starts from the game's
  turn-start snapshot: kept by a game made with undo=True; a game made with undo=False (the
  syndicate store's) replays its finished turns from the seed once a turn to find it, and
  observe raises ValueError only if they do not replay.
- Views are frozen dataclasses: serialise them with dataclasses.asdict. A view never holds
  the seed, the generator's state, hidden threat values, unrevealed card attacks or (with
  private_drafts) another seat's orders.
- Views are cached per seat by the Game and rebuilt only when the state changed (the engine
  bumps a version on every order, withdrawal and turn end; `Game.changed()` tells it about a
  change made by hand). Finished turns are built once per seat: history is append-only.
- The ledger's fog is the one the seat had *when the entry was made*: a change or adversary
  line from a turn the region had early warning 2+ keeps its exact value, one from a turn it
  had less stays a band even after warning improves (and the reverse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine import fog
from game.engine import orders as O
from game.engine import tables as T
from game.engine.adjudicate import civilian_protection
from game.engine.cards import story
from game.engine.context import Context
from game.engine.score import national, say_do_gap
from game.engine.sides import GREEN, RED
from game.engine.state import Cause, Change, TurnRecord
from game.engine.turn import warning_level
from game.engine.wording import words
from game.i18n import N_
from game.scenario.models import ActorKind, Role

UMPIRE = "umpire"  # the facilitator, a debrief or a replay: sees everything
MISSION_SEATS: tuple[str, ...] = tuple(Role)
SEATS: tuple[str, ...] = (*MISSION_SEATS, UMPIRE)
PARTNER_KINDS = (ActorKind.HOST_FORCES, ActorKind.INTERNATIONAL)

_THREAT_LEVEL = re.compile(r"\b(threat|usual level) (\d)\b")
_THREAT_TERMS = re.compile(r"armed strength \d+ \(threat squared: [^)]*\)")
_SCORE = re.compile(r"scores \d+: \d+ = ")
# The shapes fog_text() gives the armed groups' reasons, for the catalog (i18n.recorded() reads them).
FOGGED_SHAPES = (
    N_("{region} scores ? = {terms}; first choice; {group} strikes (threat {level})"),
    N_("{region} scores ? = {terms}; second choice; {group} strikes (threat {level})"),
    N_(
        "armed strength unknown (early warning below 2) × people {people} × exposure {exposed}² "
        "(protection {protection:+d}) × state absence {absent} (host presence {host})"
    ),
)


@dataclass(frozen=True)
class ThreatView:
    """One armed group (or partner force) in a region as the seat sees it: "3", or a band."""

    actor: str
    name: str
    seen: str
    partner: bool


@dataclass(frozen=True)
class ExpectedAttack:
    """A card attack the mission has been warned of (revealed), or, for the umpire, any."""

    card: str
    title: str
    actor: str
    against: str  # "civilians", "peacekeepers", "host forces"


@dataclass(frozen=True)
class UnitView:
    """A mission unit where it stands (the mission knows its own forces)."""

    id: str
    name: str
    posture: str
    strength: int
    holds_tob: bool


@dataclass(frozen=True)
class RegionView:
    """A region as the seat sees it: exact threats only with early warning 2+."""

    id: str
    name: str
    zone: str
    tri_border: bool
    population: int
    credibility: int
    credibility_series: tuple[int, ...]  # at the start, after each finished turn, now
    host_presence: int
    warning: int
    exact_threats: bool
    threats: tuple[ThreatView, ...]
    expected_attacks: tuple[ExpectedAttack, ...]
    units: tuple[UnitView, ...]  # present in the region
    tob: bool
    aviation: tuple[str, ...]  # assets tasked here
    attack_helicopters: bool
    isr: bool
    tier_one: int
    tier_three: int
    warning_next: int = 0  # the early warning the mission's sources give now (next turn's level)
    warning_sources: tuple[str, ...] = ()  # each source and what it adds
    protection: int = 0  # protection of civilians against an attack now (rules.md §6.2)
    protection_items: tuple[tuple[str, int], ...] = ()  # what it is made of
    last_civilian_deaths: int = 0  # last turn's toll here, public news
    last_mission_harm: int = 0  # of which blamed on the mission or its partners
    requests: tuple[str, ...] = ()  # what the mission asks the host state here this turn (green's view)

    @property
    def trend(self) -> int:
        """Credibility now against the start of the last finished turn."""
        series = self.credibility_series
        return series[-1] - series[max(0, len(series) - 3)]

    def seen_threats(self, partners: bool = False) -> dict[str, str]:
        return {t.actor: t.seen for t in self.threats if t.partner == partners}


@dataclass(frozen=True)
class CauseView:
    kind: str
    ref: str
    detail: str = ""


@dataclass(frozen=True)
class ChangeView:
    """A ledger entry as the seat sees it; a hidden threat's change shows as a band change."""

    turn: int
    phase: str
    kind: str
    target: str
    delta: int
    after: int | None  # None when the exact value is hidden
    summary: str
    causes: tuple[CauseView, ...]
    seen_before: str | None = None  # a hidden threat's band before and after the change
    seen_after: str | None = None

    @property
    def hidden(self) -> bool:
        """The exact numbers are hidden from this seat; seen_before/seen_after say what it saw."""
        return self.after is None


@dataclass(frozen=True)
class TurnView:
    """One turn's record with the fog applied to its adversary lines and its ledger."""

    turn: int
    month: str
    cards: tuple[str, ...]
    decisions: tuple[tuple[str, str], ...]
    adversary: tuple[str, ...]
    changes: tuple[ChangeView, ...]
    say: int
    do: int
    civilians_killed: int
    civilians_by_region: tuple[tuple[str, int], ...]
    peacekeepers_killed: int
    credibility: tuple[tuple[str, int], ...]
    national_credibility: int | None
    mandate_outcome: str | None
    stories: tuple[tuple[str, str], ...]  # (card, what its attack came to in this game)

    @property
    def say_do_gap(self) -> int:
        return say_do_gap(self.say, self.do)


@dataclass(frozen=True)
class OrderView:
    role: str
    text: str


@dataclass(frozen=True)
class MeansView:
    budget: int
    budget_per_turn: int
    civilian_capacity: int
    civilian_capacity_used: int
    message_slots: int
    messages_issued: int
    release_delay: int
    lift_hours: int  # utility helicopters' hours left


@dataclass(frozen=True)
class ChoiceView:
    """A card's decision put to a role this turn; `decided` is the option chosen so far, or None."""

    card: str
    role: str
    decided: str | None


@dataclass(frozen=True)
class PlayView:
    """One card play of the game: the card and the regions it struck (public: cards are read out)."""

    card: str
    regions: tuple[str, ...]


@dataclass(frozen=True)
class GameView:
    """Everything one seat may know this phase. Never holds the seed, the dice or hidden values."""

    seat: str
    scenario_id: str
    turn: int
    month: str
    phase: str
    regions: tuple[RegionView, ...]
    orders: tuple[OrderView, ...]
    choices: tuple[tuple[str, str], ...]  # (card, role) decisions still open
    national_credibility: int
    consent: int
    mandate_support: int
    means: MeansView
    current: TurnView
    history: tuple[TurnView, ...]
    decisions: tuple[ChoiceView, ...] = ()  # every decision put to a role this turn
    plays: tuple[PlayView, ...] = ()  # every card play of the game, oldest first

    @property
    def over(self) -> bool:
        return self.phase == "over"

    def decision(self, card: str) -> ChoiceView | None:
        """The decision this turn's card puts to a role, if any."""
        return next((d for d in self.decisions if d.card == card), None)

    def undecided(self, role: str | None = None) -> list[str]:
        """Cards still waiting for a decision, of one role or of all."""
        return [d.card for d in self.decisions if d.decided is None and (role is None or d.role == role)]

    def places(self, card: str) -> tuple[str, ...]:
        """Where the card struck the last time it was played (region ids), or ()."""
        return next((p.regions for p in reversed(self.plays) if p.card == card), ())

    def region(self, region_id: str) -> RegionView:
        return next(r for r in self.regions if r.id == region_id)

    @property
    def last(self) -> TurnView | None:
        return self.history[-1] if self.history else None

    def turn_view(self, number: int) -> TurnView:
        """Turn `number`: its finished record when there is one, else the turn in progress."""
        found = next((t for t in reversed(self.history) if t.turn == number), None)
        if found is None and number == self.current.turn:
            return self.current
        if found is None:
            raise KeyError(f"turn {number} is not in this view")
        return found


def _hidden_at(warnings: dict[str, int], seat: str) -> set[str]:
    if seat == UMPIRE:
        return set()
    return {r for r, level in warnings.items() if level < T.WARNING_REVEALS_CARDS}


def fog_text(text: str) -> str:
    """A line with exact threat levels (and the P5 scores made of them) turned into bands."""
    text = _SCORE.sub("scores ? = ", text)
    text = _THREAT_TERMS.sub(N_("armed strength unknown (early warning below 2)"), text)
    return _THREAT_LEVEL.sub(lambda m: f"{m.group(1)} {fog.threat_band(int(m.group(2)))}", text)


def _mentions(text: str, names: list[str]) -> bool:
    return any(name in text for name in names)


def _change_region(ctx: Context, change: Change) -> str | None:
    region = change.target.partition("/")[0]
    if region in ctx.state.regions:
        return region
    unit = ctx.state.units.get(change.target)
    return unit.region if unit is not None else None


def _cause_view(cause: Cause, hide: bool) -> CauseView:
    return CauseView(cause.kind, cause.ref, fog_text(cause.detail) if hide else cause.detail)


def fog_change(ctx: Context, change: Change, hidden: set[str], hidden_names: list[str]) -> ChangeView | None:
    """The change as a seat sees it, or None when the fog hides it altogether.

    `hidden` are the regions whose threats the seat could not see exactly when the change was
    made. A threat change there is shown from its numbers (delta, after), never its exact text:
    as a change of band, or not at all within one band.
    """
    region = _change_region(ctx, change)
    hide = region in hidden or _mentions(change.summary, hidden_names)
    hide = hide or any(_mentions(c.detail, hidden_names) for c in change.causes)
    causes = tuple(_cause_view(c, hide) for c in change.causes)
    if change.kind == "threat" and region in hidden:
        before, after = fog.threat_band(change.after - change.delta), fog.threat_band(change.after)
        if before == after:
            return None
        return ChangeView(
            change.turn,
            change.phase,
            change.kind,
            change.target,
            0,
            None,
            N_("{fog_text} (seen: {before} to {after})").format(
                fog_text=fog_text(change.summary), before=before, after=after
            ),
            causes,
            seen_before=before,
            seen_after=after,
        )
    summary = fog_text(change.summary) if hide else change.summary
    return ChangeView(
        change.turn, change.phase, change.kind, change.target, change.delta, change.after, summary, causes
    )


def record_warnings(ctx: Context) -> list[dict[str, int]]:
    """Each region's early warning at the start of every record (history, then the turn in
    progress), from the ledger's warning changes: forward from a new game's (none) when the
    history starts at turn 1, else back from the warnings now (a history cut short)."""
    records = [*ctx.state.history, ctx.state.current]
    starts: list[dict[str, int]] = []
    if records[0].turn == 1:
        warnings = dict.fromkeys(ctx.state.regions, 0)
        for record in records:
            starts.append(dict(warnings))
            for change in record.changes:
                if change.kind == "warning" and change.target in warnings:
                    warnings[change.target] = change.after
        return starts
    warnings = {r: s.warning for r, s in ctx.state.regions.items()}
    for record in reversed(records):
        for change in reversed(record.changes):
            if change.kind == "warning" and change.target in warnings:
                warnings[change.target] = change.after - change.delta
        starts.append(dict(warnings))
    return starts[::-1]


def turn_view(
    ctx: Context, record: TurnRecord, seat: str, warnings: dict[str, int] | None = None
) -> TurnView:
    """The record as `seat` saw it, given each region's early warning at the record's start
    (by default the warning now, for a record of the turn in progress with no warning change)."""
    warnings = dict(
        warnings if warnings is not None else {r: s.warning for r, s in ctx.state.regions.items()}
    )
    index = ctx.index

    def hidden_now() -> tuple[set[str], list[str]]:
        hidden = _hidden_at(warnings, seat)
        return hidden, [index.regions[r].name for r in hidden]

    hidden, names = hidden_now()
    changes = []
    for change in record.changes:
        seen = fog_change(ctx, change, hidden, names)
        if seen is not None:
            changes.append(seen)
        if change.kind == "warning" and change.target in warnings:
            warnings[change.target] = change.after
            hidden, names = hidden_now()
    # the adversary moves after the turn's warning picture is built: the warnings at its end
    adversary = (fog_text(line) if _mentions(line, names) else line for line in record.adversary)
    return TurnView(
        turn=record.turn,
        month=record.month,
        cards=tuple(record.cards),
        decisions=tuple(record.decisions.items()),
        adversary=tuple(adversary),
        changes=tuple(changes),
        say=record.say,
        do=record.do,
        civilians_killed=sum(sum(by.values()) for by in record.civilians_killed.values()),
        civilians_by_region=tuple((r, sum(by.values())) for r, by in record.civilians_killed.items()),
        peacekeepers_killed=record.peacekeepers_killed,
        credibility=tuple(record.credibility.items()),
        national_credibility=national(record.credibility) if record.credibility else None,
        mandate_outcome=record.mandate_outcome,
        stories=tuple(
            (card_id, told)
            for card_id in dict.fromkeys(record.cards)
            if (result := ctx.state.card_results.get(card_id)) is not None
            and result.turn == record.turn
            and (told := story(ctx, card_id))
        ),
    )


def region_view(ctx: Context, region_id: str, seat: str) -> RegionView:
    state, index = ctx.state, ctx.index
    region, spec = state.regions[region_id], index.regions[region_id]
    seen = (
        fog.visible_threat(state, region_id)
        if seat != UMPIRE
        else {actor: str(level) for actor, level in sorted(region.threat.items())}
    )
    threats = tuple(
        ThreatView(actor, index.actors[actor].name, level, index.actors[actor].kind in PARTNER_KINDS)
        for actor, level in seen.items()
    )
    expected = tuple(
        ExpectedAttack(
            a.card,
            card.title if (card := index.cards.get(a.card)) else a.card,
            index.actors[a.actor].name,
            words(a.kind),
        )
        for a in state.pending_attacks
        if a.region == region_id and (a.revealed or seat == UMPIRE)
    )
    units = tuple(  # in the scenario's order, whatever order the state's dict is in
        UnitView(u.id, spec_.name, u.posture, u.strength, u.holds_tob)
        for unit_id, spec_ in index.units.items()
        if (u := state.units.get(unit_id)) is not None and u.region == region_id
    )
    aviation = tuple(a for a, s in state.aviation.items() if s.tasked_region == region_id)
    tasked = [index.aviation[a].kind for a in aviation]
    after_turns = [record.credibility.get(region_id, spec.credibility) for record in state.history]
    warning_next, sources = warning_level(ctx, region_id)
    protection = civilian_protection(ctx, region_id)
    return RegionView(
        id=region_id,
        name=spec.name,
        zone=spec.zone.value,
        tri_border=spec.tri_border,
        population=spec.population,
        credibility=region.credibility,
        credibility_series=(spec.credibility, *after_turns, region.credibility),
        host_presence=region.host_presence,
        warning=region.warning,
        exact_threats=seat == UMPIRE or region.warning >= T.WARNING_REVEALS_CARDS,
        threats=threats,
        expected_attacks=expected,
        units=units,
        tob=any(u.holds_tob for u in units),
        aviation=aviation,
        attack_helicopters="attack" in tasked,
        isr="isr" in tasked,
        tier_one=region.tier_one,
        tier_three=region.tier_three,
        warning_next=warning_next,
        warning_sources=tuple(sources),
        protection=protection.total,
        protection_items=tuple(protection.items),
        last_civilian_deaths=region.last_civilian_deaths,
        last_mission_harm=region.last_mission_harm,
    )


class ViewCache:
    """Views already built for one game: whole views by (seat, private_drafts) and the state's
    version, finished turns by (seat, turn) while the record is the same object (history is
    append-only, so a finished turn's view never changes)."""

    def __init__(self) -> None:
        self.views: dict[tuple[str, bool], tuple[tuple, GameView]] = {}
        self.turns: dict[tuple[str, int], tuple[TurnRecord, TurnView]] = {}

    def clear(self) -> None:
        self.views.clear()
        self.turns.clear()

    def turn(self, ctx: Context, record: TurnRecord, seat: str, warnings: dict[str, int]) -> TurnView:
        found = self.turns.get((seat, record.turn))
        if found is not None and found[0] is record:
            return found[1]
        view = turn_view(ctx, record, seat, warnings)
        self.turns[(seat, record.turn)] = (record, view)
        return view


def observe_red(ctx: Context, side: str = RED) -> GameView:
    """The red (or green) cell's view: red_view.py (it builds on the types above)."""
    from game.engine.red_view import observe_red as red

    return red(ctx, side)


def observe(
    ctx: Context, seat: str, private_drafts: bool = False, cache: ViewCache | None = None
) -> GameView:
    """The view of `seat` (a mission role, or UMPIRE for everything).

    Mission seats share the mission's pending orders (solo, hotseat); with private_drafts
    (a syndicate) a seat sees only its own, and the caller passes the state rebuilt with only
    those (Game.observe does). Facilitator orders reach only the umpire.
    """
    if seat in (RED, GREEN):
        return observe_red(ctx, seat)
    if seat not in SEATS:
        raise ValueError(
            N_("unknown seat {seat!r}: one of {list}, {red}, {green}").format(
                seat=seat, list=", ".join(SEATS), red=RED, green=GREEN
            )
        )
    cache = cache or ViewCache()
    state, index = ctx.state, ctx.index
    orders = []
    for raw in state.current.orders:
        order = O.ORDER_ADAPTER.validate_python(raw)
        role = O.order_role(order, ctx)
        mission = role not in (O.FACILITATOR, RED, GREEN)  # the cells' orders reach only the umpire
        visible = seat == UMPIRE or (mission and (not private_drafts or role == seat))
        if visible:
            orders.append(OrderView(str(role), O.describe(order, ctx)))
    means = state.means
    starts = record_warnings(ctx)
    history = tuple(
        cache.turn(ctx, record, seat, warnings)
        for record, warnings in zip(state.history, starts, strict=False)
    )
    return GameView(
        seat=seat,
        scenario_id=state.scenario_id,
        turn=state.turn,
        month=state.month,
        phase=state.phase,
        regions=tuple(region_view(ctx, r, seat) for r in index.region_order),
        orders=tuple(orders),
        choices=tuple((c.card, c.role) for c in state.choices if c.decided is None),
        national_credibility=national({r: s.credibility for r, s in state.regions.items()}),
        consent=state.consent,
        mandate_support=state.mandate_support,
        means=MeansView(
            budget=means.budget,
            budget_per_turn=means.budget_per_turn,
            civilian_capacity=means.civilian_capacity,
            civilian_capacity_used=means.civilian_capacity_used,
            message_slots=means.message_slots,
            messages_issued=means.messages_issued,
            release_delay=means.release_delay,
            lift_hours=sum(
                a.hours for a_id, a in state.aviation.items() if index.aviation[a_id].kind == "utility"
            ),
        ),
        current=turn_view(ctx, state.current, seat, starts[-1]),
        history=history,
        decisions=tuple(ChoiceView(c.card, str(c.role), c.decided) for c in state.choices),
        plays=tuple(PlayView(p.card, tuple(p.regions)) for p in state.cards_played),
    )
