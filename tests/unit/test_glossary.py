"""The glossary: its data is valid, it holds the terms players meet, and search finds them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from game import i18n
from game.engine.wording import ACRONYMS
from game.tui.glossary import Term, glossary, glossary_in, search, untranslated

ISSUE_TERMS = [
    "[N]", "PoC", "SRSG", "IRC", "U3", "Tier I", "Tier II", "Tier III", "EW", "TOB", "MTF",
    "P1", "P5", "lift", "civ", "FPU", "ISR", "Say–Do gap", "FAMa", "Barkhane",
]  # fmt: skip


def test_the_glossary_file_is_valid_and_has_no_duplicates() -> None:
    terms = glossary()
    names = [term.term.casefold() for term in terms]
    assert len(names) == len(set(names))
    assert all(term.meaning.strip() and term.rule for term in terms)


@pytest.mark.parametrize("name", ISSUE_TERMS)
def test_each_term_a_player_meets_is_explained(name: str) -> None:
    found = search(name)
    assert found, name
    first = found[0]
    assert name.casefold() in [n.casefold() for n in (first.term, *first.aliases)]


def test_every_acronym_the_screens_capitalise_is_in_the_glossary() -> None:
    for acronym in set(ACRONYMS.values()) - {"IRCs", "%"}:  # "pct" reads as a sign, not a term
        assert search(acronym), acronym


def test_short_queries_search_names_longer_ones_meanings_too() -> None:
    assert [t.term for t in search("EW")] == ["EW", "SIGINT/EW"]  # not "renewal" in a meaning
    assert search("massacre")[0].term == "EW"  # only its meaning speaks of Koulogon's massacre
    assert len(search("")) == len(glossary())


def test_a_bad_entry_is_refused() -> None:
    with pytest.raises(ValidationError):
        Term.model_validate({"term": "X", "meaning": "too short"})
    with pytest.raises(ValidationError):
        Term.model_validate({"term": "X", "meaning": "long enough meaning here", "colour": "red"})


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def test_every_entry_has_its_french_with_a_term_of_its_own() -> None:
    assert untranslated("fr") == []
    french_names = [term.term.casefold() for term in glossary_in("fr")]
    assert len(french_names) == len(set(french_names))
    assert [t.rule for t in glossary_in("fr")] == [t.rule for t in glossary()]


@pytest.mark.parametrize(
    ("query", "found"),
    [("BOT", "BOT"), ("TOB", "BOT"), ("alerte", "AP"), ("EW", "AP"), ("RSSG", "RSSG"), ("PdC", "PdC")],
)
def test_in_french_the_glossary_answers_in_french_to_french_and_english_names(
    french: None, query: str, found: str
) -> None:
    first = search(query)[0]
    assert first.term == found
    assert first.meaning == next(t.fr.meaning for t in glossary() if t.fr and t.fr.term == found)


def test_a_french_entry_is_validated_like_an_english_one() -> None:
    with pytest.raises(ValidationError):
        Term.model_validate(
            {"term": "X", "meaning": "long enough meaning", "fr": {"term": "X", "meaning": "court"}}
        )
    with pytest.raises(ValidationError):
        Term.model_validate(
            {"term": "X", "meaning": "long enough meaning", "fr": {"term": "", "meaning": "assez long ici"}}
        )
