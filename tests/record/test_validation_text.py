"""Pydantic's validation messages in French games: scenario files and saves, by the error's type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game import i18n
from game.record.saves import SaveError, load
from game.scenario.loader import ScenarioError, parse_scenario
from game.validation_text import MESSAGES, validation_message

TUTORIAL = Path(__file__).parents[2] / "scenarios" / "tutorial.yaml"


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


def broken_tutorial() -> str:
    text = TUTORIAL.read_text(encoding="utf-8")
    text = re.sub(r"^starting_consent: .*$", "starting_consent: 200", text, count=1, flags=re.M)
    text = re.sub(r"^adversary_actions: .*$", "adversary_actions: many", text, count=1, flags=re.M)
    return re.sub(r"^title: .*$", "titel: Tutorial", text, count=1, flags=re.M)


def problems(language: str) -> dict[str, str]:
    i18n.set_language(language)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(broken_tutorial(), "bad.yaml")
    return {
        problem.field: f"{problem.file}:{problem.line}: {problem.message}"
        for problem in caught.value.problems
    }


def test_a_scenario_files_problems_read_in_french_with_file_line_and_field() -> None:
    english, french = problems("en"), problems("fr")
    assert english.keys() == french.keys() == {"title", "titel", "starting_consent", "adversary_actions"}
    assert french["title"] == english["title"].replace("Field required", "champ obligatoire")
    assert french["starting_consent"].endswith(": doit valoir 100 ou moins")
    assert french["adversary_actions"].endswith(": doit être un nombre entier")
    assert french["titel"].endswith(": champ inconnu (vérifiez son orthographe)")
    assert english["starting_consent"].endswith("Input should be less than or equal to 100")  # pydantic's own
    assert all(french[field].split(": ")[0] == english[field].split(": ")[0] for field in french)  # same line


def test_choices_are_joined_in_french_and_unknown_types_keep_pydantics_english() -> None:
    i18n.set_language("fr")
    literal = {
        "type": "literal_error",
        "msg": "Input should be 'a' or 'b'",
        "ctx": {"expected": "'a' or 'b'"},
    }
    assert validation_message(literal) == "doit valoir 'a' ou 'b'"
    odd = {"type": "uuid_parsing", "msg": "Input should be a valid UUID", "ctx": {}}
    assert validation_message(odd) == "Input should be a valid UUID"
    ours = {"type": "value_error", "msg": "Value error, une région inconnue"}
    assert validation_message(ours) == "une région inconnue"
    renamed = {"type": "greater_than_equal", "msg": "Input should be greater than or equal to 1", "ctx": {}}
    assert validation_message(renamed) == renamed["msg"]  # a context it does not name: the English


def test_every_message_has_its_french() -> None:
    i18n.set_language("fr")
    assert [kind for kind, english in MESSAGES.items() if i18n._(english) == english] == []


def test_a_saves_broken_scenario_reads_in_french(mini_save: Path) -> None:
    document = json.loads(mini_save.read_text(encoding="utf-8"))
    document["scenario"]["regions"][0]["credibility"] = "lots"
    mini_save.write_text(json.dumps(document), encoding="utf-8")
    i18n.set_language("fr")
    with pytest.raises(SaveError, match=r"regions\.0\.credibility\s: doit être un nombre entier"):
        load(mini_save)
