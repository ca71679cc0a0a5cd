"""How identifiers and credibility read for players: "define_poc" -> "define PoC", 65 -> "● trusted"."""

from __future__ import annotations

from functools import lru_cache

from game.engine.tables import CREDIBILITY_BANDS
from game.i18n import N_

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
    "host_state": N_("host-state consent"),
    "security_council": N_("the Security Council"),
    "presence_posture_profile": N_("presence, posture and profile"),
    "key_leader_engagement": N_("key leader engagement"),
    "status_quo": N_("status quo"),
    "avoid_term": N_("avoid the term"),
    "mandate_explain": N_("mandate explanation"),
    "poc_first": N_("PoC first"),
}
# The words of ids that the engine writes into its lines (an orientation, an outcome, a theme, a
# caveat, a modifier...), marked for the catalog so that a screen's i18n.recorded() can show them
# in the player's language.
RECORDED_WORDS = (
    N_("yes"),
    N_("no"),
    N_("PoC"),
    N_("IRC"),
    N_("IRCs"),
    N_("TOB"),
    N_("orientation"),
    N_("IRC under U3"),
    N_("renewal case"),
    N_("ISR hours %"),
    N_("PoC unit"),
    N_("SRSG"),
    N_("attack"),
    N_("attack hours %"),
    N_("attack rate %"),
    N_("base"),
    N_("budget %"),
    N_("centre"),
    N_("child protection"),
    N_("civil affairs"),
    N_("civilian capacity %"),
    N_("civilians"),
    N_("comms chief"),
    N_("community outreach"),
    N_("consent"),
    N_("convoy security"),
    N_("counter rumour"),
    N_("credibility"),
    N_("criminal"),
    N_("cyber"),
    N_("define PoC"),
    N_("deterred"),
    N_("dialogue"),
    N_("engineer"),
    N_("force commander"),
    N_("formed police"),
    N_("host forces"),
    N_("host forces killed"),
    N_("host operations"),
    N_("host presence"),
    N_("human rights"),
    N_("infantry"),
    N_("information"),
    N_("international"),
    N_("international support"),
    N_("mandate support"),
    N_("means"),
    N_("mechanised"),
    N_("militia"),
    N_("mitigated"),
    N_("no air mobility"),
    N_("no night operations"),
    N_("non signatory"),
    N_("north"),
    N_("not played"),
    N_("partly mitigated"),
    N_("peacekeepers"),
    N_("peacekeepers wounded"),
    N_("people centred"),
    N_("people-centred"),
    N_("police commissioner"),
    N_("policy"),
    N_("presence"),
    N_("prevented"),
    N_("protection promise"),
    N_("public information"),
    N_("radio"),
    N_("reconnaissance"),
    N_("region restricted"),
    N_("self defence only"),
    N_("signatory"),
    N_("social media"),
    N_("south"),
    N_("state centred"),
    N_("state-centred"),
    N_("static only"),
    N_("supply route"),
    N_("supply routes"),
    N_("tactical success"),
    N_("terrorist"),
    N_("threat"),
    N_("unit"),
    N_("unopposed"),
    N_("utility"),
    N_("utility hours %"),
    N_("warning"),
)
POSTURES = {"base": N_("static"), "patrol": N_("patrol"), "quick_reaction": N_("quick reaction")}
POLICY_TITLES = {
    "poc_definition": N_("PoC definition"),
    "orientation": N_("Orientation of the mandate"),
    "irc_under_u3": N_("All IRCs report to the U3"),
    "renewal_case": N_("Case at the next mandate renewal"),
}
ROLE_NAMES = {
    "srsg": "SRSG",
    "force_commander": N_("Force Commander"),
    "police_commissioner": N_("Police Commissioner"),
    "comms_chief": N_("Chief of Strategic Communications"),
    "facilitator": "facilitator",
    "armed_groups": N_("armed groups' red cell"),
    "host_state": N_("host state's green cell"),
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


def counted(one: str, many: str, count: int, **values: object) -> str:
    """`count` filled into the singular or plural template: counted("{n} turn", "{n} turns", 3) -> "3 turns".

    The two templates are one plural entry of the catalog (game.catalogs extracts `counted`), so
    the reader's language picks its own form for the count (French puts 0 and 1 in the singular).
    """
    return (one if count == 1 else many).format(n=count, **values)


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
