"""Each side's objectives and score over a game (rules.md §12.1): red's and green's; blue's is score.py's."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import tables as T
from game.engine.score import national, national_credibility
from game.engine.sides import GREEN, RED, SIDE_TITLES
from game.engine.state import GameState
from game.engine.wording import counted
from game.i18n import N_
from game.scenario.models import Scenario

GOALS = {
    RED: N_("erode the mission's credibility and the state's presence; push the mandate towards failure"),
    GREEN: N_("extend the state's authority and sovereignty; use consent as leverage over the mission"),
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
            return N_("its campaign succeeded")
        return N_("its campaign failed") if self.total <= 0 else N_("contested")


def _presence_change(scenario: Scenario, state: GameState) -> int:
    start = {r.id: r.host_presence for r in scenario.regions}
    return sum(state.regions[r].host_presence - level for r, level in start.items())


def _presence_text(gained: int) -> str:
    levels = counted("{n} level", "{n} levels", abs(gained))
    if gained >= 0:
        return N_("host presence gained: {levels} in all").format(levels=levels)
    return N_("host presence lost: {levels} in all").format(levels=levels)


def red_score(scenario: Scenario, state: GameState) -> SideScore:
    start_credibility = national({r.id: r.credibility for r in scenario.regions})
    eroded = start_credibility - national_credibility(state)
    lost = -_presence_change(scenario, state)
    support = scenario.starting_mandate_support - state.mandate_support
    outcomes = [entry.partition(":")[2] for entry in state.mandate_outcomes]
    reduced, poc_first = outcomes.count("reduced"), outcomes.count("poc_first")
    objectives = (
        Objective(
            N_("the mission's credibility eroded"),
            N_("national credibility {start_credibility} → {national_credibility}").format(
                start_credibility=start_credibility, national_credibility=national_credibility(state)
            ),
            eroded * T.RED_POINTS_PER_CREDIBILITY,
        ),
        Objective(
            N_("the state pushed out"),
            _presence_text(-lost),
            lost * T.RED_POINTS_PER_PRESENCE,
        ),
        Objective(
            N_("the Council's support eroded"),
            N_("mandate support {starting_mandate_support} → {mandate_support}").format(
                starting_mandate_support=scenario.starting_mandate_support,
                mandate_support=state.mandate_support,
            ),
            support * T.RED_POINTS_PER_SUPPORT,
        ),
        Objective(
            N_("the mandate pushed towards failure"),
            N_("{count} cut the mission, {count2} put PoC first").format(
                count=counted("{n} renewal", "{n} renewals", reduced),
                count2=counted("{n} renewal", "{n} renewals", poc_first),
            ),
            (reduced - poc_first) * T.RED_POINTS_PER_REDUCED,
        ),
    )
    holder = N_("a human cell") if state.sides.get(RED) == "human" else N_("its bot")
    return SideScore(RED, SIDE_TITLES[RED], GOALS[RED], objectives, holder)


def green_score(scenario: Scenario, state: GameState) -> SideScore:
    gained = _presence_change(scenario, state)
    consent = state.consent - scenario.starting_consent
    soldiers = state.tallies.host_forces_killed
    objectives = (
        Objective(
            N_("the state's authority extended"),
            _presence_text(gained),
            gained * T.GREEN_POINTS_PER_PRESENCE,
        ),
        Objective(
            N_("consent as leverage"),
            N_("host-state consent {starting_consent} → {consent}").format(
                starting_consent=scenario.starting_consent, consent=state.consent
            ),
            consent * T.GREEN_POINTS_PER_CONSENT,
        ),
        Objective(
            N_("the army's losses"),
            N_("{count} killed").format(count=counted("{n} soldier", "{n} soldiers", soldiers)),
            -(soldiers // T.GREEN_SOLDIERS_PER_POINT),
        ),
    )
    holder = N_("a human cell") if state.sides.get(GREEN) == "human" else N_("its rules (§9)")
    return SideScore(GREEN, SIDE_TITLES[GREEN], GOALS[GREEN], objectives, holder)


def side_scores(scenario: Scenario, state: GameState) -> list[SideScore]:
    """The other sides' scores, beside the mission's scorecard (score.py)."""
    return [red_score(scenario, state), green_score(scenario, state)]


def score_lines(card: SideScore) -> list[str]:
    """A side's score in plain lines, for the end screen and the debrief."""
    lines = [
        N_("{title}, played by {held_by}. Aim: {goal}.").format(
            title=card.title, held_by=card.held_by, goal=card.goal
        )
    ]
    lines += [
        N_("{objective}: {detail} ({points:+d})").format(objective=o.name, detail=o.detail, points=o.points)
        for o in card.objectives
    ]
    lines.append(N_("Total {total:+d}: {verdict}.").format(total=card.total, verdict=card.verdict))
    return lines
