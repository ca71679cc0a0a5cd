"""Reading the rulebook in either language: its section numbers, its tables and the numbers in them.

English writes "1,300" and "0.5"; French writes "1 300" (a space, a no-break space or a narrow
no-break space before the thousands) and "0,5", and "37 %" for "37%". Both read to the same values,
so the two rulebooks can be compared number for number.
"""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).parent.parent
RULES_EN = ROOT / "rules.md"
RULES_FR = ROOT / "rules.fr.md"

SECTION = re.compile(r"^#+\s+(\d+(?:\.\d+)*)\.?\s")
RULE_ITEM = re.compile(r"^(\d+)\.\s")
SECTION_REFERENCE = re.compile(r"§\s?(\d+(?:\.\d+)*)")
SPACES = "[ \u00a0\u202f]"
NUMBER = {
    "en": re.compile(r"(?<![\w.,])([+−-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:d(\d+))?"),
    "fr": re.compile(rf"(?<![\w.,])([+−-]?)(\d{{1,3}}(?:{SPACES}\d{{3}})+(?!\d)|\d+)(?:,(\d+))?(?:d(\d+))?"),
}
THOUSANDS = {"en": ",", "fr": SPACES}


def numbers(text: str, language: str) -> Counter[str]:
    """Every number in `text` (signed where written with a sign; "2d6" is 2 and 6) and every § reference."""
    found: Counter[str] = Counter(f"§{ref}" for ref in SECTION_REFERENCE.findall(text))
    for sign, whole, decimals, sides in NUMBER[language].findall(SECTION_REFERENCE.sub(" ", text)):
        value = Fraction(re.sub(THOUSANDS[language], "", whole)) + (
            Fraction(int(decimals), 10 ** len(decimals)) if decimals else 0
        )
        found[str(-value if sign in ("−", "-") else value)] += 1
        if sides:
            found[sides] += 1
    return found


def section_numbers(markdown: str) -> list[str]:
    """The numbers of the numbered headings, in order ("0", "1", ..., "4.1", ...)."""
    return [match.group(1) for line in markdown.splitlines() if (match := SECTION.match(line))]


def tables(markdown: str) -> list[tuple[str, list[list[str]]]]:
    """Each table (its section number, its rows of cells, the separator row left out), in order."""
    found: list[tuple[str, list[list[str]]]] = []
    section, rows = "", None
    for line in markdown.splitlines():
        if match := SECTION.match(line):
            section = match.group(1)
        if line.startswith("|"):
            if rows is None:
                rows = []
                found.append((section, rows))
            if not line.startswith("|---"):
                rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        else:
            rows = None
    return found


def rule_items(markdown: str, section: str = "13") -> list[int]:
    """The numbers of the numbered items of a section (§13 numbers its tuning steps), in order."""
    items: list[int] = []
    current = ""
    for line in markdown.splitlines():
        if match := SECTION.match(line):
            current = match.group(1)
        elif current == section and (match := RULE_ITEM.match(line)):
            items.append(int(match.group(1)))
    return items


def differences(english: str, french: str) -> list[str]:
    """What the French rulebook has that the English does not: sections, table numbers, §13's items."""
    problems: list[str] = []
    if section_numbers(english) != section_numbers(french):
        problems.append(f"sections differ: {section_numbers(english)} and {section_numbers(french)}")
    english_tables, french_tables = tables(english), tables(french)
    if [section for section, _ in english_tables] != [section for section, _ in french_tables]:
        problems.append(
            f"tables differ by section: {[s for s, _ in english_tables]} and {[s for s, _ in french_tables]}"
        )
    for (section, en_rows), (__, fr_rows) in zip(english_tables, french_tables, strict=False):
        if len(en_rows) != len(fr_rows):
            problems.append(f"§{section} table {en_rows[0]}: {len(en_rows)} rows and {len(fr_rows)}")
        en_numbers = numbers(" | ".join(" | ".join(row) for row in en_rows), "en")
        fr_numbers = numbers(" | ".join(" | ".join(row) for row in fr_rows), "fr")
        if en_numbers != fr_numbers:
            problems.append(
                f"§{section} table {en_rows[0]}: only in English {dict(en_numbers - fr_numbers)}, "
                f"only in French {dict(fr_numbers - en_numbers)}"
            )
    if rule_items(english) != rule_items(french):
        problems.append(f"§13's items differ: {rule_items(english)} and {rule_items(french)}")
    return problems
