"""Each side's objectives and score over a game (rules.md §12.1): red's and green's; blue's is score.py's."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import tables as T
from game.engine.score import national, national_credibility
from game.engine.sides import GREEN, RED, SIDE_TITLES
from game.engine.state import GameState
from game.engine.wording import plural
from game.scenario.models import Scenario

GOALS = {
    RED: "erode the mission's credibility and the state's presence; push the mandate towards failure",
    GREEN: "extend the state's authority and sovereignty; use consent as leverage over the mission",
}


@dataclass(frozen=True)
class Objective:
    """One measure of a side's aim: what it came to in this game and the points it is worth."""

    name: str
    detail: str
    points: int


@dataclass(frozen=True)
class SideScore:
    side: str
    title: str
    goal: str
    objectives: tuple[Objective, ...]
    held_by: str  # "a human cell" or "its bot" (or its rules) at the end

    @property
    def total(self) -> int:
        return sum(o.points for o in self.objectives)

    @property
    def verdict(self) -> str:
        if self.total >= T.SIDE_SUCCEEDS_AT:
            return "its campaign succeeded"
        return "its campaign failed" if self.total <= 0 else "contested"


def _presence_change(scenario: Scenario, state: GameState) -> int:
    start = {r.id: r.host_presence for r in scenario.regions}
    return sum(state.regions[r].host_presence - level for r, level in start.items())


def _presence_text(gained: int) -> str:
    return f"host presence {'gained' if gained >= 0 else 'lost'}: {plural(abs(gained), 'level')} in all"


def red_score(scenario: Scenario, state: GameState) -> SideScore:
    start_credibility = national({r.id: r.credibility for r in scenario.regions})
    eroded = start_credibility - national_credibility(state)
    lost = -_presence_change(scenario, state)
    support = scenario.starting_mandate_support - state.mandate_support
    outcomes = [entry.partition(":")[2] for entry in state.mandate_outcomes]
    reduced, poc_first = outcomes.count("reduced"), outcomes.count("poc_first")
    objectives = (
        Objective(
            "the mission's credibility eroded",
            f"national credibility {start_credibility} → {national_credibility(state)}",
            eroded * T.RED_POINTS_PER_CREDIBILITY,
        ),
        Objective(
            "the state pushed out",
            _presence_text(-lost),
            lost * T.RED_POINTS_PER_PRESENCE,
        ),
        Objective(
            "the Council's support eroded",
            f"mandate support {scenario.starting_mandate_support} → {state.mandate_support}",
            support * T.RED_POINTS_PER_SUPPORT,
        ),
        Objective(
            "the mandate pushed towards failure",
            f"{plural(reduced, 'renewal')} cut the mission, {plural(poc_first, 'renewal')} put PoC first",
            (reduced - poc_first) * T.RED_POINTS_PER_REDUCED,
        ),
    )
    holder = "a human cell" if state.sides.get(RED) == "human" else "its bot"
    return SideScore(RED, SIDE_TITLES[RED], GOALS[RED], objectives, holder)


def green_score(scenario: Scenario, state: GameState) -> SideScore:
    gained = _presence_change(scenario, state)
    consent = state.consent - scenario.starting_consent
    soldiers = state.tallies.host_forces_killed
    objectives = (
        Objective(
            "the state's authority extended",
            _presence_text(gained),
            gained * T.GREEN_POINTS_PER_PRESENCE,
        ),
        Objective(
            "consent as leverage",
            f"host-state consent {scenario.starting_consent} → {state.consent}",
            consent * T.GREEN_POINTS_PER_CONSENT,
        ),
        Objective(
            "the army's losses",
            f"{plural(soldiers, 'soldier')} killed",
            -(soldiers // T.GREEN_SOLDIERS_PER_POINT),
        ),
    )
    holder = "a human cell" if state.sides.get(GREEN) == "human" else "its rules (§9)"
    return SideScore(GREEN, SIDE_TITLES[GREEN], GOALS[GREEN], objectives, holder)


def side_scores(scenario: Scenario, state: GameState) -> list[SideScore]:
    """The other sides' scores, beside the mission's scorecard (score.py)."""
    return [red_score(scenario, state), green_score(scenario, state)]


def score_lines(card: SideScore) -> list[str]:
    """A side's score in plain lines, for the end screen and the debrief."""
    lines = [f"{card.title}, played by {card.held_by}. Aim: {card.goal}."]
    lines += [f"{o.name}: {o.detail} ({o.points:+d})" for o in card.objectives]
    lines.append(f"Total {card.total:+d}: {card.verdict}.")
    return lines
