"""A facilitator's inject written as YAML on the spot, validated like a scenario's cards."""

from __future__ import annotations

import yaml
from pydantic import ValidationError

from game.scenario.loader import ScenarioError, ScenarioProblem, cross_reference_problems, problem_at
from game.scenario.models import Card, Scenario

WHERE = "inject"
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


def _yaml_loc(data: object, loc: tuple) -> tuple:
    """The part of a pydantic error location that names keys of the YAML (not union tags)."""
    kept: list = []
    for part in loc:
        inside = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data)
        )
        if inside:
            data = data[part]  # type: ignore[index]
        elif isinstance(part, str) and ("[" in part or (isinstance(data, dict) and part == data.get("type"))):
            continue  # pydantic's tag of a union member: not written in the YAML
        else:
            data = None  # an unknown or missing key: keep it, it names the field
        kept.append(part)
    return tuple(kept)


def template(scenario: Scenario) -> str:
    """A small card to edit, naming a region of this scenario."""
    region = scenario.regions[0].id if scenario.regions else "REGION"
    return TEMPLATE.replace("REGION", region)


def parse_card(text: str, scenario: Scenario, where: str = WHERE) -> Card:
    """Parse one card; raise ScenarioError whose problems name line, column and field."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ScenarioError(
            [ScenarioProblem(where, line, column, "", f"not valid YAML: {error.problem}")]
        ) from None
    except yaml.YAMLError as error:
        raise ScenarioError([ScenarioProblem(where, 1, 1, "", f"not valid YAML: {error}")]) from None
    if not isinstance(data, dict):
        raise ScenarioError(
            [ScenarioProblem(where, 1, 1, "", "a card is a mapping: id, title, kind, text, effects...")]
        )
    try:
        card = Card.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            loc = _yaml_loc(data, tuple(item["loc"]))
            unknown = item["type"] == "extra_forbidden"
            message = (
                "unknown field (check its spelling)" if unknown else item["msg"].removeprefix("Value error, ")
            )
            problems.append(problem_at(where, root, loc, message, want_key=unknown))
        raise ScenarioError(problems) from None
    if card.id in {c.id for c in scenario.cards}:
        raise ScenarioError(
            [problem_at(where, root, ("id",), f"the deck already has a card {card.id!r}; choose another id")]
        )
    checked = scenario.model_copy(update={"cards": [card]})
    problems = [
        problem_at(where, root, tuple(loc[2:]), message)
        for loc, message in cross_reference_problems(checked)
        if loc[:2] == ("cards", 0)
    ]
    if problems:
        raise ScenarioError(problems)
    return card
