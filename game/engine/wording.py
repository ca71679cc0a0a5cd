"""How identifiers and credibility read for players: "define_poc" -> "define PoC", 65 -> "● trusted"."""

from __future__ import annotations

from functools import lru_cache

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
    "isgs": "ISGS",
    "pk": "peacekeepers",
    "pct": "%",
}
# Ids whose plain reading is not their words.
PHRASES = {
    "true": "yes",
    "false": "no",
    "sigint_ew": "SIGINT/EW",
    "host_state": "host-state consent",
    "security_council": "the Security Council",
    "presence_posture_profile": "presence, posture and profile",
    "key_leader_engagement": "key leader engagement",
    "status_quo": "status quo",
    "avoid_term": "avoid the term",
    "mandate_explain": "mandate explanation",
    "poc_first": "PoC first",
}
POSTURES = {"base": "static", "patrol": "patrol", "quick_reaction": "quick reaction"}
POLICY_TITLES = {
    "poc_definition": "PoC definition",
    "orientation": "Orientation of the mandate",
    "irc_under_u3": "All IRCs report to the U3",
    "renewal_case": "Case at the next mandate renewal",
}
ROLE_NAMES = {
    "srsg": "SRSG",
    "force_commander": "Force Commander",
    "police_commissioner": "Police Commissioner",
    "comms_chief": "Chief of Strategic Communications",
    "facilitator": "facilitator",
    "armed_groups": "armed groups' red cell",
    "host_state": "host state's green cell",
}


@lru_cache(maxsize=4096)  # the rules read the same few hundred ids a thousand times a game
def words(identifier: str) -> str:
    """ "quick_reaction" -> "quick reaction"; acronyms keep capitals: "irc_under_u3" -> "IRC under U3"."""
    phrase = PHRASES.get(identifier)
    if phrase is not None:
        return phrase
    return " ".join(ACRONYMS.get(part, part) for part in identifier.split("_"))


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 peacekeeper", "2 peacekeepers"; `many` for irregular plurals ("1 turn", "3 turns")."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


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


def seat_name(role: str) -> str:
    """A seat as players call it: "force_commander" -> "Force Commander"."""
    return ROLE_NAMES.get(role) or words(role)
