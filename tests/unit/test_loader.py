"""Scenario loading: broken files give exact file:line:column messages; good files load."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.catalog import find_scenario, scenario_names, schema_text
from game.scenario.loader import ScenarioError, load_scenario, parse_scenario, scenario_hash

BROKEN = Path(__file__).parent.parent / "fixtures" / "broken"
ROOT = Path(__file__).parent.parent.parent


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "bad_strength.yaml",
            "bad_strength.yaml:40:76: contingents.0.strength: Input should be a valid integer",
        ),
        (
            "unknown_key.yaml",
            "unknown_key.yaml:24:5: regions.1.tribordr: unknown field (check its spelling)",
        ),
        (
            "unknown_region.yaml",
            "unknown_region.yaml:11:32: regions.0.links.1.to: unknown region 'atlantis'",
        ),
        ("bad_role.yaml", "bad_role.yaml:81:13: cards.1.choice.role: Input should be 'srsg'"),
        ("bad_yaml.yaml", "bad_yaml.yaml:4:12: not valid YAML: did not find expected ',' or ']'"),
        (
            "unknown_base.yaml",
            "unknown_base.yaml:41:87: contingents.1.base: unknown region 'timbuktu'",
        ),
    ],
)
def test_broken_scenario_names_file_line_and_field(name: str, expected: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(BROKEN / name)
    messages = [str(problem) for problem in caught.value.problems]
    assert any(
        message.startswith(str(BROKEN / expected.split(":")[0]) + ":" + expected.split(":", 1)[1])
        for message in messages
    ), messages


def test_every_problem_is_listed_not_only_the_first() -> None:
    text = (BROKEN.parent / "mini.yaml").read_text()
    text = text.replace("strength: 600,", "strength: -1,").replace("credibility: 60", "credibility: 160")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "two.yaml")
    fields = {problem.field for problem in caught.value.problems}
    assert {"contingents.0.strength", "regions.2.credibility"} <= fields


def test_links_must_go_both_ways() -> None:
    text = (
        (BROKEN.parent / "mini.yaml")
        .read_text()
        .replace("links: [{to: centre}]\n    credibility: 60", "links: []\n    credibility: 60")
    )
    with pytest.raises(ScenarioError, match="has no link back"):
        parse_scenario(text, "oneway.yaml")


def test_missing_file_and_non_mapping_are_clear() -> None:
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario(BROKEN / "nope.yaml")
    with pytest.raises(ScenarioError, match="must be a mapping"):
        parse_scenario("- just\n- a list\n", "list.yaml")


def test_unsafe_yaml_tags_are_refused() -> None:
    with pytest.raises(ScenarioError, match="not valid YAML"):
        parse_scenario("id: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml")


def test_bundled_scenarios_load_and_hash_is_stable() -> None:
    names = scenario_names()
    assert {"mali-2019", "tutorial"} <= set(names)
    for name in names:
        scenario = find_scenario(name)
        assert scenario_hash(scenario) == scenario_hash(find_scenario(name))


def test_unknown_scenario_lists_the_valid_names() -> None:
    with pytest.raises(ScenarioError, match=r"^unknown scenario .atlantis.; choose from: .*mali-2019"):
        find_scenario("atlantis")


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "regenerate with: uv run minusma schema -o scenarios/scenario.schema.json"
    )


def test_scenarios_point_editors_at_the_schema() -> None:
    for path in (ROOT / "scenarios").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./scenario.schema.json", path


def test_regional_shares_name_a_region_or_a_zone() -> None:
    text = (ROOT / "scenarios" / "mali-2019.yaml").read_text(encoding="utf-8")
    assert "      of: tombouctou\n" in text
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text.replace("      of: tombouctou\n", "      of: timbuktu\n", 1), "shares.yaml")
    problems = [p for p in caught.value.problems if p.field.startswith("history.regional_shares.")]
    assert len(problems) == 1 and "unknown region or zone 'timbuktu'" in str(problems[0])
    assert parse_scenario(text, "mali.yaml").history.regional_shares  # regions and zones both pass
