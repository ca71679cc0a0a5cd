"""Numbers and periods in analysis output: Python's formatting in English (as before), Babel's otherwise."""

from __future__ import annotations

import re

from game import i18n
from game.i18n import _

HALF_YEAR = re.compile(r"(\d{4})-H([12])")


def fixed(value: float, digits: int = 0, sign: bool = False, group: bool = True) -> str:
    """`value` with `digits` decimals and thousands grouped: 1,234.5 in English, 1 234,5 in French;
    `sign` writes + before a positive number; `group=False` keeps English ungrouped, as it was."""
    if i18n.language() == "en":
        return f"{value:{'+' if sign else ''}{',' if group else ''}.{digits}f}"
    text = i18n.number(value, digits)
    return "+" + text if sign and not text.startswith("-") else text


def share(fraction: float, digits: int = 0, sign: bool = False) -> str:
    """A fraction as a percentage: 12% in English, Babel's way in other languages."""
    if i18n.language() == "en":
        return f"{100 * fraction:{'+' if sign else ''}.{digits}f}%"
    text = i18n.percent(fraction, digits)
    return "+" + text if sign and not text.startswith("-") else text


def period_text(text: str) -> str:
    """A scenario's period ("2019", "2021-H1") in the reader's language ("2021-S1" in French)."""
    return HALF_YEAR.sub(lambda m: _("{year}-H{half}").format(year=m[1], half=m[2]), text)
