"""A facilitator's custom inject: validated like scenario cards, problems with line and field."""

from __future__ import annotations

import pytest

from game.scenario.loader import ScenarioError
from game.syndicate.cards import parse_card, template


def problems(text: str, scenario) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_card(text, scenario)
    return [str(problem) for problem in caught.value.problems]


def test_the_template_is_a_valid_card(mini) -> None:
    card = parse_card(template(mini), mini)
    assert card.regions == [mini.regions[0].id]


def test_problems_name_line_column_and_field(mini) -> None:
    text = template(mini).replace("kind: generic", "kind: rumour").replace("delta: -3", "delta: -3, bogus: 1")
    assert problems(text, mini) == [
        "inject:3:7: kind: Input should be 'historical' or 'generic'",
        "inject:8:51: effects.0.bogus: unknown field (check its spelling)",
    ]
    assert problems(text.replace("title: Roadblock on the RN16\n", ""), mini)[0].startswith(
        "inject:1:1: title:"
    )


def test_unknown_regions_and_bad_yaml(mini) -> None:
    region = mini.regions[0].id
    (unknown,) = problems(template(mini).replace(f"regions: [{region}]", "regions: [paris]"), mini)
    assert unknown.startswith("inject:4:11: regions.0: unknown region 'paris'")
    (bad,) = problems("id: x\ntitle: [unclosed\n", mini)
    assert bad.startswith("inject:") and "not valid YAML" in bad
    (scalar,) = problems("just words", mini)
    assert "a card (id, title, kind, text, effects...) must be a mapping" in scalar
    (taken,) = problems(template(mini).replace("facilitator_inject_1", mini.cards[0].id), mini)
    assert "already has a card" in taken
