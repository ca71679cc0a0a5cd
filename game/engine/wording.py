"""How identifiers read in text for players: "define_poc" -> "define PoC"."""

from __future__ import annotations

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
