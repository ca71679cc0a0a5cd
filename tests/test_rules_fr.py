"""rules.fr.md is rules.md in French: the same sections, the same numbers in every table, §13's same items."""

from __future__ import annotations

import re

import pytest

from tests.rulebook import RULES_EN, RULES_FR, differences, numbers, rule_items, section_numbers, tables

ENGLISH = RULES_EN.read_text(encoding="utf-8")
FRENCH = RULES_FR.read_text(encoding="utf-8")


def test_the_french_rulebook_has_the_english_sections_tables_numbers_and_items() -> None:
    assert differences(ENGLISH, FRENCH) == []


def test_both_rulebooks_are_whole() -> None:
    """Guards the comparison itself: it must see every section, every table and §13's 38 items."""
    assert section_numbers(FRENCH)[:3] == ["0", "1", "2"] and section_numbers(FRENCH)[-1] == "17"
    assert len(tables(FRENCH)) == len(tables(ENGLISH)) >= 25
    assert rule_items(FRENCH) == list(range(1, 39))


def test_french_numbers_read_like_english_ones() -> None:
    french = "1 300, 1\u00a0300 et 1\u202f300 ; 0,5 ; 37 % ; −2 ; 2d6 ; § 6.2 ; S16, P3"
    english = "1,300, 1,300 and 1,300; 0.5; 37%; −2; 2d6; §6.2; S16, P3"
    assert numbers(french, "fr") == numbers(english, "en")
    assert numbers(french, "fr")["1300"] == 3


def _mutated(old: str, new: str) -> str:
    assert FRENCH.count(old) >= 1, f"{old!r} is not in rules.fr.md: pick another mutation"
    return FRENCH.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        ("| 12–13 | dissuadée | 10\u00a0% |", "| 12–13 | dissuadée | 15\u00a0% |", "§6.1 table"),
        (
            "| une base opérationnelle temporaire dans la région | +3 |",
            "| une base opérationnelle temporaire dans la région | +2 |",
            "§6.2 table",
        ),
        ("tranche de 375\u00a0000 habitants", "tranche de 357\u00a0000 habitants", ""),  # prose: not a table
        ("| forces spéciales | +1 |\n", "", "§6.3 table"),
        ("### 6.3 Défense", "### 6.4 Défense", "sections differ"),
        ("\n27. une unité", "\n26. une unité", "§13's items differ"),
        ("(§\u00a04.5)", "(§\u00a04.6)", "§14 table"),
    ],
    ids=[
        "a share",
        "a modifier",
        "prose is not compared",
        "a dropped row",
        "a section",
        "an item",
        "a reference",
    ],
)
def test_a_changed_number_section_or_item_fails_the_comparison(old: str, new: str, found: str) -> None:
    problems = differences(ENGLISH, _mutated(old, new))
    if found:
        assert any(problem.startswith(found) for problem in problems), problems
    else:
        assert problems == []


def test_a_table_in_the_wrong_section_fails_the_comparison() -> None:
    moved = re.sub(r"(## 8\. Information\n)", r"\1\n| seul | 1 |\n|---|---|\n", FRENCH)
    assert any(problem.startswith("tables differ by section") for problem in differences(ENGLISH, moved))
