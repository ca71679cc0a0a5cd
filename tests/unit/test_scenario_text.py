"""A scenario's text in French: `fr:` blocks, their accessors, and `validate --lang fr`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from game.cli import main
from game.scenario.catalog import scenario_names, scenarios_dir
from game.scenario.loader import ScenarioError, load_scenario, parse_scenario, scenario_hash

FIXTURES = Path(__file__).parent.parent / "fixtures"
TUTORIAL = scenarios_dir() / "tutorial.yaml"


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _without_french_of_card(text: str, card_id: str) -> tuple[str, int]:
    """The tutorial's text with one card's own `fr:` block removed, and the line of that card's title."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {card_id}")
    title_line = next(i for i in range(start, len(lines)) if lines[i].startswith("    title: ")) + 1
    block = next(i for i in range(start, len(lines)) if lines[i] == "    fr:\n")
    end = block + 1
    while end < len(lines) and (lines[end].startswith("      ") or not lines[end].strip()):
        end += 1
    return "".join(lines[:block] + lines[end:]), title_line


@pytest.mark.parametrize("name", scenario_names())
def test_every_bundled_scenario_has_all_its_text_in_french(name: str) -> None:
    scenario = load_scenario(scenarios_dir() / f"{name}.yaml", "fr")
    assert scenario.missing_text("fr") == []


def test_a_card_without_french_is_reported_with_file_line_and_field() -> None:
    text, title_line = _without_french_of_card(TUTORIAL.read_text(encoding="utf-8"), "dioura_2019")
    parse_scenario(text, "tutorial.yaml")  # still a valid scenario in English
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "tutorial.yaml", "fr")
    shown = [str(problem) for problem in caught.value.problems]
    assert len(shown) == 3, shown
    source_line = next(
        i
        for i, line in enumerate(text.splitlines())
        if i >= title_line + 4 and line.startswith("    source: ")
    )
    title, body, source = (
        rf"tutorial\.yaml:{line}:\d+: cards\.\d+\.fr\.{field}: no French text.*"
        for line, field in ((title_line, "title"), (title_line + 4, "text"), (source_line + 1, "source"))
    )
    assert re.fullmatch(title, shown[0]) and re.fullmatch(body, shown[1]), shown
    assert re.fullmatch(source, shown[2]), "a card's source needs its French too"


def test_validate_lang_fr_exits_1_on_missing_french_and_0_without_lang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, title_line = _without_french_of_card(TUTORIAL.read_text(encoding="utf-8"), "koulogon_2019")
    broken = tmp_path / "no-french.yaml"
    broken.write_text(text, encoding="utf-8")
    assert main(["validate", str(broken)]) == 0
    capsys.readouterr()
    assert main(["validate", "--lang", "fr", str(broken)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert f"{broken}:{title_line}:" in errors[0] and ".fr.title: " in errors[0]
    assert "pas de texte en français" in errors[0], "--lang fr also speaks French"
    assert main(["validate", "--lang", "fr", str(TUTORIAL), str(scenarios_dir() / "mali-2019.yaml")]) == 0
    assert main(["validate", "--lang", "xx", str(TUTORIAL)]) == 2


def test_region_names_need_french_only_where_it_differs() -> None:
    mini = load_scenario(FIXTURES / "mini.yaml")
    missing = mini.missing_text("fr")
    assert ((), "title") in missing
    assert not any(loc[:1] == ("regions",) for loc, _field in missing)


def test_accessors_show_french_and_fall_back_to_english() -> None:
    tutorial = load_scenario(TUTORIAL)
    mini = load_scenario(FIXTURES / "mini.yaml")
    card = next(card for card in tutorial.cards if card.id == "koulogon_2019")
    assert card.shown("title") == "Koulogon massacre"
    i18n.set_language("fr")
    assert card.shown("title") == "Massacre de Koulogon"
    assert card.shown("text").startswith("Le jour de l'An")
    assert card.shown("source").startswith("Enquête de la Division des droits de l'homme"), card.shown(
        "source"
    )
    assert card.title == "Koulogon massacre", "the rules engine keeps reading English"
    assert tutorial.regions[0].shown("name") == "Tombouctou et Taoudénit"
    assert tutorial.regions[1].shown("name") == "Mopti", "a place name without French keeps its name"
    assert mini.cards[0].shown("title") == mini.cards[0].title, "an English-only scenario shows its English"


def test_loading_registers_the_names_for_i18n_name() -> None:
    tutorial = load_scenario(TUTORIAL)
    assert i18n.name("Mobile Task Force") == "Mobile Task Force"
    i18n.set_language("fr")
    assert i18n.name("Mobile Task Force") == "Force opérationnelle mobile"
    assert i18n.name(tutorial.cards[0].title) == tutorial.cards[0].fr.title  # type: ignore[union-attr]
    assert i18n.name("Tombouctou and Taoudénit") == "Tombouctou et Taoudénit"
    assert i18n.name("not a name of any scenario") == "not a name of any scenario"


def test_english_only_scenarios_keep_their_content_hash() -> None:
    mini = load_scenario(FIXTURES / "mini.yaml")
    assert '"fr"' not in mini.model_dump_json(), "no translation, no key: older files keep their hash"
    tutorial = load_scenario(TUTORIAL)
    assert '"fr"' in tutorial.model_dump_json(), "a save carries the French with the scenario"
    assert scenario_hash(tutorial) == scenario_hash(load_scenario(TUTORIAL))


def test_loader_messages_are_translated() -> None:
    i18n.set_language("fr")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario("- a list\n", "list.yaml")
    assert "list.yaml:1:1:" in str(caught.value)
    assert "must be a mapping" not in str(caught.value)


def test_every_guide_step_has_its_french_and_shows_it() -> None:
    from game.tui.guide import load_guide

    for path in sorted((scenarios_dir() / "guides").glob("*.yaml")):
        guide = load_guide(path.stem)
        assert all(step.fr and step.fr.title and step.fr.text for step in guide.steps), path.name
        step = guide.steps[0]
        assert step.shown("title") == step.title
        i18n.set_language("fr")
        assert step.shown("title") == step.fr.title  # type: ignore[union-attr]
        i18n.set_language("en")


def test_a_policy_file_describes_itself_in_french_and_falls_back_to_english() -> None:
    from game.bots.policy_file import parse_policy

    example = (scenarios_dir() / "policies" / "example.yaml").read_text(encoding="utf-8")
    english = parse_policy(example, "example.yaml").description
    without = re.sub(r"\nfr:\n  description: .*\n", "\n", example)
    assert without != example
    i18n.set_language("fr")
    assert parse_policy(example, "example.yaml").description.startswith("posture historique")
    assert parse_policy(without, "example.yaml").description == english
