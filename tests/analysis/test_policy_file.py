"""Policy files: clear positioned errors for bad files, and rules that give the orders they say."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from game.bots.policies import play_game
from game.bots.policy_file import PolicyFileError, load_policy_file, parse_policy
from game.engine import Game
from game.scenario.catalog import find_scenario
from game.scenario.models import Scenario

EXAMPLE = Path(__file__).parents[2] / "scenarios" / "policies" / "example.yaml"


def problems_of(text: str, scenario: Scenario | None = None) -> list[str]:
    with pytest.raises(PolicyFileError) as caught:
        parse_policy(text, "p.yaml", scenario)
    return [str(problem) for problem in caught.value.problems]


def test_the_example_loads_against_mali_and_plays() -> None:
    scenario = find_scenario("mali-2019")
    policy = load_policy_file(EXAMPLE, scenario)
    assert policy.name == "centre-surge"
    game = play_game(Game.new(scenario, 5, undo=False), policy)
    given = {order["type"] for record in game.state.history for order in record.orders}
    assert {"set_policy", "set_posture", "open_base", "task_aviation", "issue_message"} <= given
    assert game.state.policy.poc_definition == "define_poc"


def test_a_misspelt_key_is_named_with_its_line_and_column() -> None:
    text = "name: p\nrules:\n  - when: {credibilty_below: 40}\n    orders:\n      - close_base: true\n"
    assert problems_of(text) == [
        "p.yaml:3:12: rules.0.when.credibilty_below: unknown field (check its spelling)"
    ]


def test_a_wrong_value_is_named_with_its_position() -> None:
    text = "name: p\nrules:\n  - orders:\n      - poc_activity: {tier: II, points: 2}\n"
    (problem,) = problems_of(text)
    assert problem.startswith("p.yaml:4:30: rules.0.orders.0.poc_activity.tier: Input should be 'I' or 'III'")


def test_every_problem_is_listed() -> None:
    text = (
        "name: Bad Name\n"
        "rules:\n"
        "  - when: {from: 2019-13}\n"
        "    orders:\n"
        "      - posture: {posture: patrol}\n"
        "        open_base: {}\n"
    )
    problems = problems_of(text)
    assert len(problems) == 3, problems
    assert problems[0].startswith("p.yaml:1:7: name: String should match pattern")
    assert problems[1].startswith("p.yaml:3:18: rules.0.when.from: String should match pattern")
    assert problems[2] == (
        "p.yaml:5:9: rules.0.orders.0: give exactly one action per item (found: posture, open_base); "
        "actions: set_policy, posture, open_base, close_base, move, task_aviation, poc_activity, "
        "message, choose"
    )


def test_ids_are_checked_against_the_scenario(mini: Scenario) -> None:
    text = (
        "name: p\n"
        "rules:\n"
        "  - when: {regions: [centre, atlantis]}\n"
        "    orders:\n"
        "      - move: {units: [inf_a, tank], to: first}\n"
        "      - choose: [poc_first, surrender]\n"
        "      - task_aviation: {assets: [lift]}\n"
    )
    assert problems_of(text, mini) == [
        "p.yaml:3:30: rules.0.when.regions.1: unknown region 'atlantis' (known: north, centre, south)",
        "p.yaml:5:31: rules.0.orders.0.move.units.1: unknown unit 'tank' "
        "(known: inf_a, inf_b, mtf, eng, recon, fpu)",
        "p.yaml:6:29: rules.0.orders.1.choose.1: unknown card option 'surrender' "
        "(known: poc_first, status_quo)",
        "p.yaml:7:34: rules.0.orders.2.task_aviation.assets.0: unknown attack or ISR asset 'lift' "
        "(known: gunship, heron)",
    ]


def test_names_of_built_in_policies_and_scenarios_must_fit(mini: Scenario) -> None:
    assert problems_of("name: historical\nbase: bold\n") == [
        "p.yaml:2:7: base: unknown built-in policy 'bold' (known: historical, passive, coa1-status-quo, "
        "coa2-define-poc, coa3-avoid-term, poc-first-mtf-air, worst-hit, searched)",
        "p.yaml:1:7: name: 'historical' is a built-in policy's name; choose another",
    ]
    assert problems_of("name: p\nscenario: mali-2019\n", mini) == [
        "p.yaml:2:11: scenario: written for scenario 'mali-2019', not 'mini'"
    ]


def test_broken_yaml_missing_files_and_non_mappings(tmp_path: Path) -> None:
    assert problems_of("name: p\nrules: [\n") == [
        "p.yaml:3:1: not valid YAML: did not find expected node content"
    ]
    assert problems_of("- just a list\n") == ["p.yaml:1:1: a policy file must be a mapping of keys to values"]
    with pytest.raises(PolicyFileError, match=r"nothing\.yaml:1:1: file not found"):
        load_policy_file(tmp_path / "nothing.yaml")


def test_regional_conditions_choose_where_orders_go(mini: Scenario) -> None:
    # credibility at the start: north 50, centre 40, south 60
    text = (
        "name: p\n"
        "rules:\n"
        "  - when: {credibility_below: 55}\n"
        "    order_by: credibility\n"
        "    max_regions: 1\n"
        "    orders:\n"
        "      - posture: {posture: patrol, units: combat}\n"
        "      - message: {theme: counter_rumour, channel: radio}\n"
        "  - when: {from: 2030-01}\n"
        "    orders:\n"
        "      - set_policy: {poc_definition: define_poc}\n"
        "  - when: {regions: [south], credibility_below: 10}\n"
        "    orders:\n"
        "      - set_policy: {orientation: people_centred}\n"
        "  - orders:\n"
        "      - set_policy: {irc_under_u3: true}\n"
    )
    game = Game.new(mini, 1, undo=False)
    parse_policy(text, "p.yaml", mini).play(game)
    orders = game.state.current.orders
    assert [(o["type"], o.get("unit") or o.get("audience") or o.get("name")) for o in orders] == [
        ("set_posture", "inf_b"),  # the only combat unit in the centre, the least trusted region
        ("issue_message", "centre"),
        ("set_policy", "irc_under_u3"),  # the other rules' conditions do not hold
    ]


def test_a_base_policy_plays_first_and_card_options_are_chosen(mini: Scenario) -> None:
    text = (
        "name: p\nbase: historical\nrules:\n"
        "  - when: {card_drawn: renewal}\n    orders:\n      - choose: [poc_first]\n"
    )
    policy = parse_policy(text, "p.yaml", mini)
    game = play_game(Game.new(mini, 2, undo=False), policy)
    renewal = next(r for r in game.state.history if "renewal" in r.cards)
    assert renewal.decisions == {"renewal": "poc_first"}
    first = game.state.history[0].orders
    assert first[0] == {  # historical's orders come first
        "type": "issue_message",
        "theme": "protection_promise",
        "channel": "radio",
        "audience": "national",
    }


def test_file_policies_survive_pickling_for_worker_processes(mini: Scenario) -> None:
    policy = load_policy_file(EXAMPLE)
    copy = pickle.loads(pickle.dumps(policy))
    assert copy == policy
    a = play_game(Game.new(mini, 3, undo=False), policy)
    b = play_game(Game.new(mini, 3, undo=False), copy)
    assert a.state.digest() == b.state.digest()
