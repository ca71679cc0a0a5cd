"""Numbers in analysis output: Python's formatting in English (as it always was), Babel's otherwise."""

from __future__ import annotations

from game import i18n


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
