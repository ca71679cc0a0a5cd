"""How identifiers and credibility read for players: "define_poc" -> "define PoC", 65 -> "● trusted"."""

from __future__ import annotations

from game.engine.tables import CREDIBILITY_BANDS

ACRONYMS = {
    "poc": "PoC",
    "irc": "IRC",
    "ircs": "IRCs",
    "u3": "U3",
    "srsg": "SRSG",
    "isr": "ISR",
    "tob": "TOB",
    "mtf": "MTF",
    "cimic": "CIMIC",
    "sigint": "SIGINT",
    "ew": "EW",
    "psyops": "PSYOPS",
    "fama": "FAMa",
    "jnim": "JNIM",
}


def words(identifier: str) -> str:
    """ "quick_reaction" -> "quick reaction"; acronyms keep capitals: "irc_under_u3" -> "IRC under U3"."""
    return " ".join(ACRONYMS.get(part, part) for part in identifier.split("_"))


CREDIBILITY_SYMBOLS = {"trusted": "●", "mixed": "◐", "doubtful": "○", "hostile": "×"}


def credibility_band(value: int) -> tuple[int, str, str]:
    """The band of a credibility (rules.md §7): its lowest value, word and symbol."""
    lowest, word = next(band for band in CREDIBILITY_BANDS if value >= band[0])
    return lowest, word, CREDIBILITY_SYMBOLS[word]


def credibility_legend() -> str:
    """ "●60+ ◐40+ ○20+ ×<20": every band's symbol and where it starts."""
    marks = [f"{CREDIBILITY_SYMBOLS[word]}{lowest}+" for lowest, word in CREDIBILITY_BANDS[:-1]]
    last = CREDIBILITY_BANDS[-1][1]
    return " ".join([*marks, f"{CREDIBILITY_SYMBOLS[last]}<{CREDIBILITY_BANDS[-2][0]}"])
