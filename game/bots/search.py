"""The `searched` policy: the historical plan, improved by trying legal orders on imagined games (§11).

Each turn the planner starts from the better of two plans, the orders the `historical` policy
would give and no new orders at all (standing orders hold), then goes through the seats' order
groups in turn. For each group it tries a short list of legal candidates from the engine's own
`legal_orders`, plays the turn and one more turn of standing orders on imagined copies of the
game, and keeps the candidate with the lowest cost if it beats the plan so far.

The copies are honest: they use the mission's own dice (seeds made from the turn number and a
sample number, never from the game's seed or its generator), leave out card attacks the
mission has no warning of, draw each group's threat within the band the mission can see where
it cannot see the exact level, and hold back dated historical events (massacres and raids)
that have not happened yet. Every candidate is judged on the same imagined dice (common
random numbers), so the comparison measures the orders, not luck.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import get_args

from game.bots.policies import historical
from game.engine import Game, IllegalOrder
from game.engine import orders as O
from game.engine import tables as T
from game.engine.cards import played_ids
from game.engine.fog import threat_band
from game.engine.rng import MASK64, below, seed_state
from game.engine.state import GameState
from game.scenario.models import (
    AviationKind,
    Caveat,
    CivilianAttackEffect,
    HostForceAttackEffect,
    PeacekeeperAttackEffect,
    Role,
)

Candidate = tuple[O.Order, ...]
SEARCH_SALT = 0x5EA2C4  # keeps the planner's imagined dice apart from any game seed
RECENT_TURNS = 12  # history the rules read (the last 11 turns), with one to spare
ATTACK_EFFECTS = (CivilianAttackEffect, PeacekeeperAttackEffect, HostForceAttackEffect)
POSTURES = ("base", "patrol", "quick_reaction")
THREAT_LEVELS = range(6)  # 0-5 (rules.md §10)


@dataclass(frozen=True)
class Settings:
    """How hard the planner looks: imagined futures per candidate and turns played in each."""

    samples: int = 2
    horizon: int = 2
    finalists: int = 2  # candidates screened on the first future that are costed on all
    civilian_weight: float = 1.0
    peacekeeper_weight: float = 5.0
    credibility_weight: float = 5.0  # per point of national credibility (0-100) lost


SETTINGS = Settings()


def private_seed(turn: int, sample: int) -> int:
    """The planner's seed for one imagined future: from the turn and sample number only."""
    return ((turn * 0x9E3779B1) ^ (sample * 0x85EBCA77) ^ SEARCH_SALT) & MASK64


def _unforeseeable(game: Game) -> dict[str, str]:
    """Dated historical cards with attacks that have not fired: the mission cannot know them."""
    played = played_ids(game.state)
    return {
        card.id: "never"
        for card in game.scenario.cards
        if card.kind == "historical"
        and card.id not in played
        and card.id not in game.state.held_cards
        and any(isinstance(effect, ATTACK_EFFECTS) for effect in card.effects)
    }


def copy_game(game: Game) -> Game:
    """A fast copy for planning: the state without its old history (the rules read only recent turns)."""
    state = GameState.model_validate_json(game.state.model_dump_json(exclude={"history"}))
    state.history = game.state.history[-RECENT_TURNS:]
    return Game(game.scenario, state, game.index, undo=False)


def imagined_copy(game: Game, sample: int) -> Game:
    """A copy of the game as the mission may imagine it, with its own dice and only what it knows."""
    copy = copy_game(game)
    state = copy.state
    state.seed = private_seed(state.turn, sample)
    dice = seed_state(state.seed)
    state.pending_attacks = [attack for attack in state.pending_attacks if attack.revealed]
    for region_id in game.index.region_order:  # map order: a loaded state's dicts are sorted
        region = state.regions[region_id]
        if region.warning >= T.WARNING_REVEALS_CARDS:
            continue
        for actor, level in sorted(region.threat.items()):
            band = [other for other in THREAT_LEVELS if threat_band(other) == threat_band(level)]
            if len(band) > 1:  # seen only as a band (medium, high): any level in it may be true
                dice, pick = below(dice, len(band))
                region.threat[actor] = band[pick]
    state.held_cards = {**state.held_cards, **_unforeseeable(game)}
    state.rng = dice
    return copy


def _national_credibility(game: Game) -> float:
    regions = game.state.regions.values()
    return sum(region.credibility for region in regions) / len(regions)


def _give_all(game: Game, orders: Candidate) -> bool:
    try:
        for order in orders:
            game.apply(order)
    except IllegalOrder:
        return False
    return True


class Planner:
    """One turn's search: imagined futures made once, then plans costed on copies of them.

    `prepare(plan)` gives the futures a plan; `cost(candidate)` then costs the plan plus one
    more candidate, sample by sample (each sample's cost is kept for the round).
    """

    def __init__(self, game: Game, settings: Settings = SETTINGS):
        self.settings = settings
        self.futures = [imagined_copy(game, sample) for sample in range(settings.samples)]
        # credibility before any order: what the plan's own orders cost (a changed PoC line) counts
        self.start = [_national_credibility(future) for future in self.futures]
        self.prepared = self.futures
        self.known: dict[tuple[Candidate, int], float] = {}
        self.evaluations = 0

    def prepare(self, plan: Candidate) -> None:
        prepared = []
        for future in self.futures:
            game = copy_game(future)
            _give_all(game, plan)
            prepared.append(game)
        self.prepared = prepared
        self.known = {}

    def cost(self, candidate: Candidate, samples: range | None = None) -> float:
        """Mean weighted cost of the prepared plan plus `candidate` (lower is better)."""
        chosen = samples if samples is not None else range(len(self.prepared))
        costs = []
        for sample in chosen:
            key = (candidate, sample)
            if key not in self.known:
                self.known[key] = self._play(self.prepared[sample], candidate, self.start[sample])
            costs.append(self.known[key])
        return sum(costs) / len(costs)

    def _play(self, prepared: Game, candidate: Candidate, start_credibility: float) -> float:
        s = self.settings
        game = copy_game(prepared)
        if not _give_all(game, candidate):
            return float("inf")
        first = len(game.state.history)
        for _ in range(s.horizon):
            if game.is_over():
                break
            game.end_turn()
        records = game.state.history[first:]
        civilians = sum(sum(t.values()) for r in records for t in r.civilians_killed.values())
        peacekeepers = sum(r.peacekeepers_killed for r in records)
        lost = start_credibility - _national_credibility(game)
        self.evaluations += 1
        return (
            s.civilian_weight * civilians + s.peacekeeper_weight * peacekeepers + s.credibility_weight * lost
        )


# --- candidates: short lists of legal orders, group by group ---------------------------------


def _recent_deaths(game: Game) -> dict[str, int]:
    """Civilian deaths per region over the last three turns: what the mission has seen."""
    deaths = dict.fromkeys(game.index.region_order, 0)
    for record in game.state.history[-3:]:
        for region, tally in record.civilians_killed.items():
            deaths[region] += sum(tally.values())
    return deaths


def _worst_regions(game: Game, count: int) -> list[str]:
    deaths = _recent_deaths(game)
    return sorted(game.index.region_order, key=lambda r: -deaths[r])[:count]


def _free_combat(game: Game, unit_id: str) -> bool:
    spec = game.index.units[unit_id]
    blocked = {Caveat.SELF_DEFENCE_ONLY, Caveat.STATIC_ONLY}
    return spec.type in O.COMBAT_TYPES and not blocked.intersection(spec.caveats)


def srsg_choices(game: Game) -> Iterator[Candidate]:
    current = game.state.policy.model_dump()
    for order in game.legal_orders(Role.SRSG):
        changes = isinstance(order, O.SetPolicy) and str(current.get(order.name)).lower() != order.value
        if changes or isinstance(order, O.DecideCard):
            yield (order,)


def aviation_choices(game: Game) -> Iterator[Candidate]:
    for asset_id, spec in game.index.aviation.items():
        if spec.kind == AviationKind.UTILITY:
            continue
        tasked = game.state.aviation[asset_id].tasked_region
        for region in game.index.region_order:
            order = O.TaskAviation(asset=asset_id, region=region)
            if region != tasked and game.why_illegal(order) is None:
                yield (order,)


def base_choices(game: Game) -> Iterator[Candidate]:
    """Open a TOB where there is none (the strongest free unit holds it), or close one."""
    units = sorted(game.state.units.values(), key=lambda u: (-u.strength, u.id))
    opened: set[str] = set()
    for unit in units:
        if unit.holds_tob:
            yield (O.CloseBase(unit=unit.id),)
        elif unit.region not in opened and game.why_illegal(O.OpenBase(unit=unit.id)) is None:
            opened.add(unit.region)
            yield (O.OpenBase(unit=unit.id),)


def move_choices(game: Game) -> Iterator[Candidate]:
    """For each region, bring in one more combat unit: by air if it can fly, else by road.

    The unit comes from the region with the most free combat units (it leaves least behind).
    """
    state = game.state
    present: dict[str, int] = {}
    for unit in state.units.values():
        if _free_combat(game, unit.id):
            present[unit.region] = present.get(unit.region, 0) + 1
    movers = sorted(
        (u for u in state.units.values() if _free_combat(game, u.id) and not u.holds_tob),
        key=lambda u: (-present[u.region], -u.strength, u.id),
    )
    for region in game.index.region_order:
        for mode in ("air", "ground"):
            orders = (O.MoveUnit(unit=u.id, to=region, mode=mode) for u in movers if u.region != region)
            order = next((order for order in orders if game.why_illegal(order) is None), None)
            if order is not None:
                yield (order,)
                break


def posture_choices(game: Game) -> Iterator[Candidate]:
    """Set every unit of a region that can take it to one posture (units holding a TOB stay)."""
    by_region: dict[str, list[str]] = {}
    for unit in sorted(game.state.units.values(), key=lambda u: u.id):
        if not unit.holds_tob:
            by_region.setdefault(unit.region, []).append(unit.id)
    for region in game.index.region_order:
        for posture in POSTURES:
            orders = tuple(
                O.SetPosture(unit=unit_id, posture=posture)
                for unit_id in by_region.get(region, [])
                if game.state.units[unit_id].posture != posture
                and game.why_illegal(O.SetPosture(unit=unit_id, posture=posture)) is None
            )
            if orders:
                yield orders


def tier_choices(game: Game) -> Iterator[Candidate]:
    """One more Tier I or III point in one of the three worst-hit regions, or one less elsewhere."""
    worst = _worst_regions(game, 3)
    for region_id in game.index.region_order:
        region = game.state.regions[region_id]
        for tier, points in (("I", region.tier_one), ("III", region.tier_three)):
            wanted = points + 1 if region_id in worst else points - 1
            if not 0 <= wanted <= 3:
                continue
            order = O.SetPocActivity(region=region_id, tier=tier, points=wanted)
            if game.why_illegal(order) is None:
                yield (order,)


def message_choices(game: Game) -> Iterator[Candidate]:
    """Each theme by radio, nationally or to the worst-hit region."""
    for theme in get_args(O.Theme):
        for audience in ("national", *_worst_regions(game, 1)):
            order = O.IssueMessage(theme=theme, channel="radio", audience=audience)
            if game.why_illegal(order) is None:
                yield (order,)


def card_choices(game: Game) -> Iterator[Candidate]:
    for choice in game.state.choices:
        if choice.role == Role.SRSG:
            continue  # the SRSG's cards are among its choices
        for order in game.legal_orders(choice.role):
            if isinstance(order, O.DecideCard) and order.card == choice.card:
                yield (order,)


GROUPS: tuple[tuple[str, Callable[[Game], Iterator[Candidate]]], ...] = (
    ("SRSG", srsg_choices),
    ("card decisions", card_choices),
    ("aviation", aviation_choices),
    ("temporary bases", base_choices),
    ("moves", move_choices),
    ("postures", posture_choices),
    ("PoC tiers", tier_choices),
    ("messages", message_choices),
)


def _baseline(imagined: Game) -> Candidate:
    """The orders the historical policy would give this turn, read off a copy."""
    copy = copy_game(imagined)
    given = len(copy.state.current.orders)  # orders already given this turn (a facilitator's) stay given
    historical(copy)
    return tuple(copy.pending_orders()[given:])


def plan_turn(game: Game, settings: Settings = SETTINGS) -> tuple[Candidate, Planner]:
    """The searched plan for this turn (every seat), and the planner that costed it.

    Each group's candidates are screened on the first imagined future; the best few are then
    costed on all of them and the best is kept if it beats the plan so far.
    """
    planner = Planner(game, settings)
    baseline = _baseline(planner.futures[0])
    if planner.cost(baseline) <= planner.cost(()):
        plan, cost = baseline, planner.cost(baseline)
    else:
        plan, cost = (), planner.cost(())
    planner.prepare(plan)
    screen = range(1)
    for _, choices in GROUPS:
        candidates = list(choices(planner.prepared[0]))
        ranked = sorted(range(len(candidates)), key=lambda i: (planner.cost(candidates[i], screen), i))
        best: tuple[float, Candidate] | None = None
        for i in ranked[: settings.finalists]:
            trial = planner.cost(candidates[i])
            if trial < cost and (best is None or trial < best[0]):
                best = (trial, candidates[i])
        if best is not None:
            cost, plan = best[0], plan + best[1]
            planner.prepare(plan)
    return plan, planner


def searched(game: Game) -> None:
    """Give this turn's searched plan for every seat."""
    plan, _ = plan_turn(game)
    for order in plan:
        try:
            game.apply(order)
        except IllegalOrder:  # cannot happen: the plan was legal on a copy of this very state
            continue
