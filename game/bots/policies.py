"""Scripted mission policies that play every role through the engine's API (rules.md §11)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from game.engine import Game
from game.engine import orders as O
from game.engine.context import ScenarioIndex
from game.i18n import N_
from game.scenario.models import AviationKind, Caveat, UnitType

CENTRE = ("mopti", "segou")


@dataclass(frozen=True)
class Policy:
    """A named way of playing all four seats; `play` gives one turn's orders."""

    name: str
    description: str
    play: Callable[[Game], None]
    slow: bool = False  # seconds a game, not milliseconds: left out unless named


def _give(game: Game, order: O.Order) -> bool:
    """Give an order if the rules allow it; scripts try orders that may not fit this turn."""
    return game.give(order) is None


def _decide_cards(game: Game, preferred: set[str]) -> None:
    """Choose the first preferred option of each pending card; leave the default otherwise."""
    for choice in list(game.state.choices):
        card = game.index.cards[choice.card]
        assert card.choice is not None
        for option in card.choice.options:
            if option.id in preferred:
                _give(game, O.DecideCard(card=card.id, option=option.id))
                break


def _combat_units_in(game: Game, region: str, *, free: bool = True) -> list[str]:
    found = []
    for unit in game.state.units.values():
        spec = game.index.units[unit.id]
        if unit.region != region or spec.type not in O.COMBAT_TYPES:
            continue
        if free and (Caveat.SELF_DEFENCE_ONLY in spec.caveats or Caveat.STATIC_ONLY in spec.caveats):
            continue
        found.append(unit.id)
    return sorted(found)


def _open_tob(game: Game, region: str) -> None:
    if region not in game.state.regions:
        return
    if any(u.holds_tob and u.region == region for u in game.state.units.values()):
        return
    for unit_id in _combat_units_in(game, region):
        if not game.index.units[unit_id].mobile_task_force and _give(game, O.OpenBase(unit=unit_id)):
            return


@lru_cache(maxsize=8)
def _patrollers(index: ScenarioIndex) -> frozenset[str]:
    """The units a policy sends on patrol: combat and formed police units outside the Mobile Task
    Force. They depend on the scenario alone, so they are found once, not every turn."""
    return frozenset(
        unit_id
        for unit_id, spec in index.units.items()
        if (spec.type in O.COMBAT_TYPES or spec.type == UnitType.FORMED_POLICE) and not spec.mobile_task_force
    )


@lru_cache(maxsize=8)
def _assets_of(index: ScenarioIndex, kind: AviationKind) -> tuple[str, ...]:
    """The scenario's aircraft of one kind, in its order (found once, not every turn)."""
    return tuple(asset_id for asset_id, spec in index.aviation.items() if spec.kind == kind)


def _patrol(game: Game, regions: tuple[str, ...]) -> None:
    patrollers = _patrollers(game.index)
    for unit in game.state.units.values():
        if (
            unit.id in patrollers
            and unit.region in regions
            and unit.posture != "patrol"
            and not unit.holds_tob
        ):
            _give(game, O.SetPosture(unit=unit.id, posture="patrol"))


def _mtf_quick_reaction(game: Game) -> None:
    for unit_id, spec in game.index.units.items():
        if spec.mobile_task_force:
            _give(game, O.SetPosture(unit=unit_id, posture="quick_reaction"))


def _task(game: Game, kind: AviationKind, preferred: tuple[str, ...]) -> None:
    aviation = game.state.aviation
    for asset_id in _assets_of(game.index, kind):
        if aviation[asset_id].tasked_region is not None:
            continue
        for region in preferred:
            if region in game.state.regions and _give(game, O.TaskAviation(asset=asset_id, region=region)):
                break


# Orders are immutable, and the policies give the same few orders turn after turn: those they
# give every turn are built once (a validated order costs more than the cache's lookup).
@lru_cache(maxsize=1024)
def _tier_order(region: str, tier: str, points: int) -> O.SetPocActivity:
    return O.SetPocActivity(region=region, tier=tier, points=points)


@lru_cache(maxsize=1024)
def _message_order(theme: str, channel: str, audience: str) -> O.IssueMessage:
    return O.IssueMessage(theme=theme, channel=channel, audience=audience)


def _tiers(game: Game, plan: list[tuple[str, str, int]]) -> None:
    regions = game.state.regions
    for region, tier, points in plan:
        regional = regions.get(region)
        if regional and (regional.tier_one if tier == "I" else regional.tier_three) != points:
            _give(game, _tier_order(region, tier, points))


def _messages(game: Game, plan: list[tuple[str, str, str]]) -> None:
    regions = game.state.regions
    for theme, channel, audience in plan:
        if audience == "national" or audience in regions:
            _give(game, _message_order(theme, channel, audience))


def _historical_force(game: Game) -> None:
    """MINUSMA's real posture: camps, patrols in the centre, force protection for ISR.

    Patrols and a temporary base in the centre start with Sector Centre in mid-2019. The
    Mobile Task Force stays in its camp: short of helicopters, it had little effect.
    """
    if game.state.month >= "2019-06":  # Sector Centre and the base near Ogossagou, mid-2019
        _patrol(game, CENTRE)
        _open_tob(game, "mopti")
    _task(game, AviationKind.ISR, ("kidal", "gao", "mopti", "tombouctou"))
    _task(game, AviationKind.ATTACK, ("tombouctou", "gao", "mopti"))
    _tiers(
        game,
        [
            ("mopti", "I", 1),
            ("mopti", "III", 1),
            ("segou", "I", 1),
            ("gao", "I", 1),
            ("tombouctou", "I", 1),
            ("kidal", "I", 1),
        ],
    )


def historical(game: Game) -> None:
    _historical_force(game)
    _messages(
        game,
        [
            ("protection_promise", "radio", "national"),
            ("mandate_explain", "key_leader_engagement", "national"),
        ],
    )
    _decide_cards(game, {"status_quo"})


def passive(game: Game) -> None:
    """No orders at all: standing postures and card defaults."""


def coa1_status_quo(game: Game) -> None:
    """The source study's first course of action: carry on as now (PoC stays undefined)."""
    _historical_force(game)
    _messages(
        game,
        [
            ("protection_promise", "radio", "national"),
            ("protection_promise", "community_outreach", "mopti"),
            ("mandate_explain", "key_leader_engagement", "national"),
        ],
    )
    _decide_cards(game, {"status_quo"})


def coa2_define_poc(game: Game) -> None:
    """Second course: the SRSG defines PoC and every IRC explains it to every audience."""
    _give(game, O.SetPolicy(name="poc_definition", value="define_poc"))
    _historical_force(game)
    _messages(
        game,
        [
            ("define_poc", "radio", "national"),
            ("define_poc", "community_outreach", "mopti"),
            ("define_poc", "key_leader_engagement", "segou"),
        ],
    )
    _decide_cards(game, {"status_quo"})


def coa3_avoid_term(game: Game) -> None:
    """Third course: do PoC by the three tiers, drop the term, publicise tactical successes."""
    _give(game, O.SetPolicy(name="poc_definition", value="avoid_term"))
    _historical_force(game)
    recent = [
        region_id
        for region_id, region in game.state.regions.items()
        if game.state.turn - region.last_success_turn <= 1
    ]
    plan = [("tactical_success", "radio", region) for region in recent[:2]]
    plan.append(("counter_rumour", "community_outreach", "mopti"))
    plan.append(("mandate_explain", "key_leader_engagement", "national"))
    _messages(game, plan)
    _decide_cards(game, {"status_quo"})


def poc_first_mtf_air(game: Game) -> None:
    """The study's recommendations together: PoC first, people-centred, airmobile MTF, IRCs to U3."""
    _give(game, O.SetPolicy(name="poc_definition", value="define_poc"))
    _give(game, O.SetPolicy(name="orientation", value="people_centred"))
    _give(game, O.SetPolicy(name="renewal_case", value="poc_first"))
    _give(game, O.SetPolicy(name="irc_under_u3", value="true"))
    _open_tob(game, "mopti")
    _open_tob(game, "segou")
    _patrol(game, CENTRE)
    _mtf_quick_reaction(game)
    _task(game, AviationKind.ISR, ("mopti", "segou", "gao", "menaka"))
    _task(game, AviationKind.ATTACK, ("mopti", "segou", "tombouctou", "gao"))
    _tiers(
        game,
        [
            ("mopti", "I", 2),
            ("mopti", "III", 2),
            ("segou", "I", 1),
            ("segou", "III", 1),
            ("gao", "I", 1),
            ("menaka", "I", 1),
        ],
    )
    _messages(
        game,
        [
            ("counter_rumour", "radio", "mopti"),
            ("define_poc", "community_outreach", "mopti"),
            ("counter_rumour", "radio", "national"),
        ],
    )
    _decide_cards(game, {"poc_first"})


def _worst_hit_region(game: Game) -> str:
    """The region with the most civilian deaths so far; before any, the most threatened."""
    strikers = game.index.civilian_strikers
    tallies = game.state.tallies.civilians_killed

    def weight(region_id: str) -> tuple[int, int]:
        deaths = sum(tallies.get(region_id, {}).values())
        threat = sum(v for k, v in game.state.regions[region_id].threat.items() if k in strikers)
        return deaths, threat

    return max(game.index.region_order, key=weight)  # max keeps the first of equals: map order


def worst_hit(game: Game) -> None:
    """A naive first try: every means and order into the region that has lost most civilians."""
    target = _worst_hit_region(game)
    for unit in sorted(game.state.units.values(), key=lambda u: u.id):
        if unit.region == target:
            continue
        if unit.holds_tob:
            _give(game, O.CloseBase(unit=unit.id))
        if not _give(game, O.MoveUnit(unit=unit.id, to=target, mode="air")):
            _give(game, O.MoveUnit(unit=unit.id, to=target, mode="ground"))
    _open_tob(game, target)
    _patrol(game, (target,))
    _mtf_quick_reaction(game)
    for asset_id, spec in game.index.aviation.items():
        if spec.kind != AviationKind.UTILITY and game.state.aviation[asset_id].tasked_region != target:
            _give(game, O.TaskAviation(asset=asset_id, region=target))
    for region_id, region in game.state.regions.items():
        if region_id != target and (region.tier_one or region.tier_three):
            _tiers(game, [(region_id, "I", 0), (region_id, "III", 0)])
    _tiers(game, [(target, "I", 3), (target, "III", 3)])
    _messages(
        game,
        [
            ("protection_promise", "radio", target),
            ("protection_promise", "community_outreach", target),
            ("counter_rumour", "radio", target),
        ],
    )
    _decide_cards(game, {"send_patrol", "protect_sites", "demand_accountability"})


def _searched(game: Game) -> None:
    """Excellent play found by search (game/bots/search.py, which builds on the policies here)."""
    from game.bots.search import searched

    searched(game)


POLICIES: dict[str, Policy] = {
    policy.name: policy
    for policy in (
        Policy("historical", N_("approximates MINUSMA's real posture 2019-2021"), historical),
        Policy("passive", N_("gives no orders: standing postures and card defaults"), passive),
        Policy("coa1-status-quo", N_("messaging course 1: carry on, PoC undefined"), coa1_status_quo),
        Policy(
            "coa2-define-poc",
            N_("messaging course 2: define PoC and explain it everywhere"),
            coa2_define_poc,
        ),
        Policy(
            "coa3-avoid-term",
            N_("messaging course 3: avoid the term, publicise successes"),
            coa3_avoid_term,
        ),
        Policy(
            "poc-first-mtf-air",
            N_("PoC first, people-centred, airmobile MTF, IRCs under the U3"),
            poc_first_mtf_air,
        ),
        Policy(
            "worst-hit",
            N_("a naive first try: everything into the region with most civilian deaths so far"),
            worst_hit,
        ),
        Policy(
            "searched",
            N_("the historical plan improved each turn by trying legal orders on imagined games (slow)"),
            _searched,
            slow=True,
        ),
    )
}


def play_game(game: Game, policy: Policy) -> Game:
    """Play a game to its end with one policy holding every seat."""
    while not game.is_over():
        policy.play(game)
        game.end_turn()
    return game
