"""The rules' working context: scenario lookups, dice, and recorded changes with their causes."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cached_property

from game.engine import rng
from game.engine.rng import GOLDEN_GAMMA, MASK64
from game.engine.state import Cause, Change, ChangeKind, GameState, Roll
from game.engine.tables import (
    CREDIBILITY_MAX,
    CREDIBILITY_MIN,
    DISTRUST_DIVISOR,
    DISTRUST_FLOOR,
    HIGH_TRUST_CEILING,
    HIGH_TRUST_DIVISOR,
    HOST_PRESENCE_MAX,
    HOST_PRESENCE_MIN,
    THREAT_MAX,
    THREAT_MIN,
    TRUST_CEILING,
    TRUST_DIVISOR,
)
from game.engine.wording import words
from game.i18n import N_
from game.scenario.models import Aviation, Card, Contingent, Region, Scenario, UnitType


class Names(dict[str, str]):
    """Display names by id; an id the scenario does not know reads as words ("armed_groups")."""

    def __missing__(self, key: str) -> str:
        return words(key)


class ScenarioIndex:
    """Fast lookups into a scenario, built once per game."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.regions: dict[str, Region] = {region.id: region for region in scenario.regions}
        self.region_order = [region.id for region in scenario.regions]
        self.links: dict[str, dict[str, int]] = {
            region.id: {link.to: link.cost for link in region.links} for region in scenario.regions
        }
        self.units: dict[str, Contingent] = {unit.id: unit for unit in scenario.contingents}
        self.aviation: dict[str, Aviation] = {asset.id: asset for asset in scenario.aviation}
        self.cards: dict[str, Card] = {card.id: card for card in scenario.cards}
        self.actors = {actor.id: actor for actor in scenario.actors}
        self.region_names = Names((region.id, region.name) for region in scenario.regions)
        self.unit_names = Names((unit.id, unit.name) for unit in scenario.contingents)
        self.asset_names = Names((asset.id, asset.name) for asset in scenario.aviation)
        self.actor_names = Names((actor.id, actor.name) for actor in scenario.actors)
        # their lookups, made once: every Context (a couple of hundred a game) takes them as they are
        self.name_lookups: tuple[Callable[[str], str], ...] = (
            self.region_names.__getitem__,
            self.unit_names.__getitem__,
            self.asset_names.__getitem__,
            self.actor_names.__getitem__,
        )
        self.team_regions = {team.base for team in scenario.civilian_teams}
        self.garrisons: dict[str, int] = {}  # units in each region's camps at the start
        for unit in scenario.contingents:
            self.garrisons[unit.base] = self.garrisons.get(unit.base, 0) + 1
        self._lift: dict[tuple[str, str], list[str]] = {}
        self._striking: dict[str, list[str]] = {}
        self.armed_actors = {
            actor.id: actor.kind.value
            for actor in scenario.actors
            if actor.kind in ("terrorist", "non_signatory", "militia")
        }
        self.civilian_strikers = frozenset(self.actors_striking("civilians"))
        self.militias = frozenset(a for a, kind in self.armed_actors.items() if kind == "militia")
        # the bot plans for the armed groups that choose their targets across the country;
        # community militias strike at home, by their own cycle (rules.md §5.1)
        self.raiders = frozenset(self.civilian_strikers - self.militias)
        self.partner_forces = frozenset(
            actor.id for actor in scenario.actors if actor.kind in ("host_forces", "international")
        )
        self.police_units = frozenset(
            unit.id for unit in scenario.contingents if unit.type == UnitType.FORMED_POLICE
        )
        self.historical_by_month: dict[str, list[Card]] = {}
        for card in scenario.cards:
            if card.kind == "historical" and card.date is not None:  # the model requires a date
                self.historical_by_month.setdefault(card.date, []).append(card)
        self.generic_cards = [card for card in scenario.cards if card.kind == "generic"]
        self.purposes: dict[tuple, str] = {}  # the rolls' purposes the rules make over and over

    @cached_property
    def distance_km(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for a in self.scenario.regions:
            table[a.id] = {}
            for b in self.scenario.regions:
                dx = a.centre_km[0] - b.centre_km[0]
                dy = a.centre_km[1] - b.centre_km[1]
                table[a.id][b.id] = math.isqrt(dx * dx + dy * dy)
        return table

    def in_range(self, asset: Aviation, region: str) -> bool:
        return self.distance_km[asset.base][region] <= asset.range_km

    def lift_between(self, origin: str, destination: str) -> list[str]:
        """Utility helicopters whose radius covers both regions (cached: the map never changes)."""
        key = (origin, destination)
        found = self._lift.get(key)
        if found is None:
            found = self._lift[key] = [
                asset.id
                for asset in self.aviation.values()
                if asset.kind == "utility"
                and self.in_range(asset, origin)
                and self.in_range(asset, destination)
            ]
        return found

    def actors_striking(self, target: str) -> list[str]:
        """Armed groups (terrorist, non-signatory, militia) that strike this kind of target."""
        found = self._striking.get(target)
        if found is None:
            found = self._striking[target] = [
                actor.id
                for actor in self.scenario.actors
                if target in actor.targets and actor.id in self.armed_actors
            ]
        return found

    def population_weight(self) -> dict[str, int]:
        return {region.id: region.population for region in self.scenario.regions}

    def civilian_targeting_actors(self) -> set[str]:
        return {actor.id for actor in self.scenario.actors if "civilians" in actor.targets}


cause = Cause  # cause(kind, ref, detail=""): the rules build about 2,000 of these a game


class _DiceNames(dict[object, str]):
    """Roll.dice by the sides of a die, or by (count, sides): the usual ones made once, others on demand."""

    def __missing__(self, key: object) -> str:
        count, sides = key if isinstance(key, tuple) else (1, key)
        return f"{count}d{sides}"


_ONE_DIE = _DiceNames({sides: f"1d{sides}" for sides in (2, 3, 4, 6, 8, 10, 12, 20, 100)})  # of die()
_DICE = _DiceNames(
    {(count, sides): f"{count}d{sides}" for count in range(1, 7) for sides in (4, 6, 8, 10, 12, 20)}
)


_NO_AIRCRAFT: list[str] = []  # tasked_over() a region with none: shared, never changed

# The kinds of change the rules read back from the turn's ledger (turn.py: soldiers killed this
# turn). A game played without a ledger still records these, so that it plays the same.
READ_BACK: frozenset[str] = frozenset({"host_forces_killed"})


class Context:
    """A scenario index and a state being changed, with dice and a ledger of changes.

    With ledger=False (analysis, which reads only the scorecard) the rolls and the changes with
    their causes are not kept: the game plays out the same, without its explanations.
    """

    def __init__(self, index: ScenarioIndex, state: GameState, phase: str = "orders", ledger: bool = True):
        self.index = index
        self.state = state
        self.phase = phase
        self.ledger = ledger
        self._by_region: dict[str, list] | None = None
        self._quick_reaction: list | None = None
        self._base_regions: set[str] | None = None
        self._tasked: dict[str, list[str]] | None = None
        self.protection_cache: dict = {}  # region -> Protection, cleared when forces change
        self.committed: set[str] = set()  # quick-reaction units gone out to another region this turn
        self._custom_cards: dict[str, Card] = {}
        # Names for the summaries players read, looked up thousands of times a game: plain
        # dictionary lookups (an unknown id reads as words).
        self.region_name: Callable[[str], str]
        self.unit_name: Callable[[str], str]
        self.asset_name: Callable[[str], str]
        self.actor_name: Callable[[str], str]
        self.region_name, self.unit_name, self.asset_name, self.actor_name = index.name_lookups

    # --- dice -----------------------------------------------------------------------------------
    # The generator state is written straight into the model's __dict__: dice are the
    # hottest path in the engine and pydantic's __setattr__ costs more than the roll.
    def die(self, sides: int, purpose: str) -> int:
        game = self.state
        # rng.below, inlined: over two thousand rolls a game, and the call cost a quarter of each
        state = (game.rng + GOLDEN_GAMMA) & MASK64
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        game.__dict__["rng"] = state
        value = (z ^ (z >> 31)) % sides + 1
        if self.ledger:
            game.current.rolls.append(Roll(purpose, _ONE_DIE[sides], value))
        return value

    def dice(self, count: int, sides: int, purpose: str) -> int:
        game = self.state
        state, total, left = game.rng, count, count
        while left > 0:  # rng.below, inlined: a thousand rolls a game (a while spares range()'s ~90 ns)
            left -= 1
            state = (state + GOLDEN_GAMMA) & MASK64
            z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
            total += (z ^ (z >> 31)) % sides
        game.__dict__["rng"] = state
        if self.ledger:
            game.current.rolls.append(Roll(purpose, _DICE[count, sides], total))
        return total

    def between(self, low: int, high: int, purpose: str) -> int:
        if high <= low:
            return low
        state = self.state
        state.__dict__["rng"], value = rng.below(state.rng, high - low + 1)
        result = low + value
        if self.ledger:
            state.current.rolls.append(Roll(purpose, f"{low}-{high}", result))
        return result

    # --- the ledger -----------------------------------------------------------------------------
    def keeps(self, kind: ChangeKind) -> bool:
        """Whether a change of this kind is recorded: its summary and causes are worth building only then."""
        return self.ledger or kind in READ_BACK

    def record(
        self, kind: ChangeKind, target: str, delta: int, after: int, summary: str, causes: list[Cause]
    ) -> None:
        if self.ledger or kind in READ_BACK:  # keeps(kind), inlined: nearly two thousand calls a game
            state = self.state
            state.current.changes.append(
                Change(state.turn, self.phase, kind, target, delta, after, summary, causes)
            )

    def credibility(self, region: str, delta: int, summary: str, causes: list[Cause]) -> int:
        """Move a region's credibility, halved or quartered near the ends (rules.md §7).

        Returns the change made. Without the ledger the summary is not read, so it may be "".
        """
        state = self.state.regions[region]
        before = state.credibility
        explain = self.ledger or "credibility" in READ_BACK  # keeps("credibility"), inlined
        if delta > 0:
            if before >= HIGH_TRUST_CEILING:
                delta //= HIGH_TRUST_DIVISOR
                if explain:
                    summary = N_("{summary} (quartered: credibility is {ceiling}+)").format(
                        summary=summary, ceiling=HIGH_TRUST_CEILING
                    )
            elif before >= TRUST_CEILING:
                delta //= TRUST_DIVISOR
                if explain:
                    summary = N_("{summary} (halved: credibility is {ceiling}+)").format(
                        summary=summary, ceiling=TRUST_CEILING
                    )
        elif delta < 0 and before <= DISTRUST_FLOOR:
            delta = -((-delta) // DISTRUST_DIVISOR)
            if explain:
                summary = N_("{summary} (halved: credibility is {floor} or less)").format(
                    summary=summary, floor=DISTRUST_FLOOR
                )
        after = before + delta
        if after > CREDIBILITY_MAX:
            after = CREDIBILITY_MAX
        elif after < CREDIBILITY_MIN:
            after = CREDIBILITY_MIN
        state.__dict__["credibility"] = after  # hot path: skip pydantic's __setattr__, as for dice
        if delta and explain:  # self.record(), inlined: some 500 credibility changes a game
            game = self.state
            game.current.changes.append(
                Change(game.turn, self.phase, "credibility", region, after - before, after, summary, causes)
            )
        return after - before

    def consent(self, delta: int, summary: str, causes: list[Cause]) -> None:
        before = self.state.consent
        self.state.consent = max(0, min(100, before + delta))
        if delta:
            self.record(
                "consent",
                "host_state",
                self.state.consent - before,
                self.state.consent,
                summary,
                causes,
            )

    def mandate_support(self, delta: int, summary: str, causes: list[Cause]) -> None:
        before = self.state.mandate_support
        self.state.mandate_support = max(0, min(100, before + delta))
        if delta:
            self.record(
                "mandate_support",
                "security_council",
                self.state.mandate_support - before,
                self.state.mandate_support,
                summary,
                causes,
            )

    def civilians_killed(
        self, region: str, perpetrator: str, deaths: int, summary: str, causes: list[Cause]
    ) -> None:
        if deaths <= 0:
            return
        state = self.state
        tally = state.tallies.civilians_killed.setdefault(region, {})
        tally[perpetrator] = tally.get(perpetrator, 0) + deaths
        turn_tally = state.current.civilians_killed.setdefault(region, {})
        turn_tally[perpetrator] = turn_tally.get(perpetrator, 0) + deaths
        regional = state.regions[region]
        regional.last_civilian_deaths += deaths
        if perpetrator in ("barkhane", "mission", "fama"):
            regional.last_mission_harm += deaths
        if self.ledger or "civilians_killed" in READ_BACK:  # keeps() and record(), inlined
            state.current.changes.append(
                Change(
                    state.turn,
                    self.phase,
                    "civilians_killed",
                    f"{region}/{perpetrator}",
                    deaths,
                    sum(tally.values()),
                    summary,
                    causes,
                )
            )

    def peacekeepers_hit(
        self, unit_id: str, killed: int, wounded: int, summary: str, causes: list[Cause]
    ) -> int:
        state = self.state
        unit = state.units[unit_id]
        killed = min(killed, max(0, unit.strength - 1))
        tallies = state.tallies
        if killed:
            unit.strength -= killed
            unit.killed += killed
            tallies.peacekeepers_killed += killed
            state.current.peacekeepers_killed += killed
            self.record("peacekeepers_killed", unit_id, killed, tallies.peacekeepers_killed, summary, causes)
        if wounded:
            unit.wounded += wounded
            tallies.peacekeepers_wounded += wounded
            self.record(
                "peacekeepers_wounded", unit_id, wounded, tallies.peacekeepers_wounded, summary, causes
            )
        return killed

    def attack_on(self, forces: str) -> None:
        """Count one attack on "peacekeepers" or "host_forces", deadly or not (rules.md §5.3)."""
        attacks = self.state.current.attacks
        attacks[forces] = attacks.get(forces, 0) + 1

    def host_forces_killed(self, region: str, deaths: int, summary: str, causes: list[Cause]) -> None:
        if deaths <= 0:
            return
        self.state.tallies.host_forces_killed += deaths
        self.record(
            "host_forces_killed",
            region,
            deaths,
            self.state.tallies.host_forces_killed,
            summary,
            causes,
        )

    def threat(self, region: str, actor: str, delta: int, summary: str, causes: list[Cause]) -> None:
        threats = self.state.regions[region].threat
        before = threats.get(actor, 0)
        after = max(THREAT_MIN, min(THREAT_MAX, before + delta))
        if after == before:
            return
        threats[actor] = after
        if self.ledger or "threat" in READ_BACK:  # keeps() and record(), inlined: spare the target's text
            state = self.state
            state.current.changes.append(
                Change(
                    state.turn,
                    self.phase,
                    "threat",
                    f"{region}/{actor}",
                    after - before,
                    after,
                    summary,
                    causes,
                )
            )

    def host_presence(self, region: str, delta: int, summary: str, causes: list[Cause]) -> None:
        state = self.state.regions[region]
        before = state.host_presence
        state.host_presence = max(HOST_PRESENCE_MIN, min(HOST_PRESENCE_MAX, before + delta))
        if state.host_presence != before:
            self.record(
                "host_presence",
                region,
                state.host_presence - before,
                state.host_presence,
                summary,
                causes,
            )

    def means(self, field: str, delta: int, summary: str, causes: list[Cause]) -> None:
        means = self.state.means
        before = getattr(means, field)
        setattr(means, field, before + delta)
        if delta:
            self.record("means", field, delta, before + delta, summary, causes)

    # --- queries --------------------------------------------------------------------------------
    def modifier_total(self, key: str) -> int:
        total = 0
        for modifier in self.state.modifiers:  # a plain loop: a few hundred calls a game, few modifiers
            if modifier.key == key:
                total += modifier.value
        return total

    def units_in(self, region: str) -> list:
        """Units in a region (cached: call units_moved() after moving one). Do not change the list."""
        by_region = self._by_region
        if by_region is None:
            by_region = self._by_region = {region_id: [] for region_id in self.index.region_order}
            for unit in self.state.units.values():
                try:
                    by_region[unit.region].append(unit)
                except KeyError:  # a region the scenario does not know
                    by_region[unit.region] = [unit]
        found = by_region.get(region)
        return [] if found is None else found

    def tasked_over(self, region: str) -> list[str]:
        """Aircraft tasked over a region, in the scenario's order (cached: call retasked() after).
        Do not change the list."""
        tasked = self._tasked
        if tasked is None:
            tasked = self._tasked = {}
            for asset_id, asset in self.state.aviation.items():
                if asset.tasked_region is not None:
                    tasked.setdefault(asset.tasked_region, []).append(asset_id)
        return tasked.get(region, _NO_AIRCRAFT)  # most regions: no list made for them

    def retasked(self) -> None:
        """Forget cached taskings and protection after an aircraft's tasking changed."""
        self._tasked = None
        self.protection_cache.clear()

    def has_base(self, region: str) -> bool:
        """Whether a unit holds a temporary operating base in the region (cached like units_in)."""
        if self._base_regions is None:
            self._base_regions = {unit.region for unit in self.state.units.values() if unit.holds_tob}
        return region in self._base_regions

    def units_moved(self) -> None:
        """Forget cached positions and protection after a unit moved, changed posture or base."""
        self._by_region = None
        self._quick_reaction = None
        self._base_regions = None
        self.protection_cache.clear()

    def quick_reaction_units(self) -> list:
        """Units in quick-reaction posture (cached like units_in)."""
        if self._quick_reaction is None:
            self._quick_reaction = [u for u in self.state.units.values() if u.posture == "quick_reaction"]
        return self._quick_reaction

    def card(self, card_id: str) -> Card:
        """A card of the scenario's deck, or one the facilitator wrote during the game."""
        card = self.index.cards.get(card_id)
        if card is None:
            card = self._custom_cards.get(card_id)
            if card is None:
                card = self._custom_cards[card_id] = Card.model_validate(self.state.custom_cards[card_id])
        return card

    def mission_present(self, region: str) -> bool:
        return bool(self.units_in(region)) or region in self.index.team_regions
