"""A facilitator's inject written as YAML on the spot, validated like a scenario's cards."""

from __future__ import annotations

from game.scenario.loader import ScenarioError, ScenarioProblem, card_problems, problem_at, validate_yaml
from game.scenario.models import Card, Scenario

WHERE = "inject"
MAX_CHARACTERS = 20_000  # a card is a few hundred characters; a paste of a whole file is a mistake
TEMPLATE = """\
id: facilitator_inject_1
title: Roadblock on the RN16
kind: generic
regions: [REGION]
text: >
  Armed men stop a convoy and turn back the traders.
effects:
  - {type: credibility, region: REGION, delta: -3}
"""


def template(scenario: Scenario) -> str:
    """A small card to edit, naming a region of this scenario."""
    region = scenario.regions[0].id if scenario.regions else "REGION"
    return TEMPLATE.replace("REGION", region)


def parse_card(text: str, scenario: Scenario, where: str = WHERE) -> Card:
    """Parse one card; raise ScenarioError whose problems name line, column and field."""
    if len(text) > MAX_CHARACTERS:
        raise ScenarioError(
            [
                ScenarioProblem(
                    where, 1, 1, "", f"{len(text):,} characters; a card is at most {MAX_CHARACTERS:,}"
                )
            ]
        )
    card, root = validate_yaml(text, where, Card, "a card (id, title, kind, text, effects...)")
    if card.id in {c.id for c in scenario.cards}:
        raise ScenarioError(
            [problem_at(where, root, ("id",), f"the deck already has a card {card.id!r}; choose another id")]
        )
    problems = [problem_at(where, root, loc, message) for loc, message in card_problems(scenario, card)]
    if problems:
        raise ScenarioError(problems)
    return card
