"""Words, symbols and colours the screens share: seats, credibility bands, trends and threat."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import tables as T
from game.engine.score import say_do_gap
from game.engine.turn import ACTION_TITLES
from game.engine.wording import CREDIBILITY_SYMBOLS, words
from game.engine.wording import POSTURES as POSTURES  # re-exported: screens read postures here
from game.i18n import N_

ROLE_ORDER = ("srsg", "force_commander", "police_commissioner", "comms_chief")
ROLE_TITLES = {
    "srsg": "SRSG",
    "force_commander": "Force Commander",
    "police_commissioner": "Police Commissioner",
    "comms_chief": "Chief of Strategic Communications",
    "armed_groups": "Red cell (armed groups)",
    "host_state": N_("Green cell (host state)"),
}
ROLE_SHORT = {
    "srsg": "SRSG",
    "force_commander": "Force Cdr",
    "police_commissioner": "Police Cmsr",
    "comms_chief": "Comms Chief",
    "armed_groups": "Red cell",
    "host_state": N_("Green cell"),
}
ROLE_DUTIES = {
    "srsg": "mission policy: the PoC definition, orientation, IRCs under the U3, the renewal case",
    "force_commander": "contingents, postures, temporary operating bases, helicopters and ISR",
    "police_commissioner": "formed police units and the civilian pillars' Tier I and Tier III work",
    "comms_chief": "the messaging plan: theme, channel and audience, within the message slots",
    "armed_groups": "the armed groups' strikes and hostile narratives, within their actions a turn",
    "host_state": N_("the Malian army's redeployments and offensives, and consent to the mission's requests"),
}
PHASE_TITLES = {
    "event": "Event",
    "situation": "Situation",
    "orders": "Orders",
    "adversary": "Adversary",
    "adjudication": "Adjudication",
    "information": "Information",
    "assessment": "Assessment",
    "facilitator": "Facilitator",
}


@dataclass(frozen=True)
class Band:
    """A credibility band: never shown by colour alone, always with its symbol and word."""

    lowest: int
    symbol: str
    word: str
    colour: str  # Okabe-Ito: safe for the common colour-vision deficiencies


BAND_COLOURS = {"trusted": "#56B4E9", "mixed": "#F0E442", "doubtful": "#E69F00", "hostile": "#D55E00"}
CREDIBILITY_BANDS = tuple(  # the engine's bands (tables.py) and symbols (wording.py), with a colour
    Band(lowest, CREDIBILITY_SYMBOLS[word], word, BAND_COLOURS[word]) for lowest, word in T.CREDIBILITY_BANDS
)


def credibility_band(value: int) -> Band:
    return next(band for band in CREDIBILITY_BANDS if value >= band.lowest)


def trend_arrow(delta: int) -> str:
    return "↑" if delta > 0 else "↓" if delta < 0 else "→"


def short_name(name: str) -> str:
    """ "Tombouctou and Taoudénit" -> "Tombouctou"; "Koulikoro, Kayes and Sikasso" -> "Koulikoro"."""
    return name.split(",")[0].split(" and ")[0]


def threat_summary(visible: dict[str, str]) -> str:
    """The worst threat the mission can see in a region: an exact level or a band."""
    if not visible:
        return "none seen"
    values = list(visible.values())
    if all(value.isdigit() for value in values):
        return str(max(int(value) for value in values))
    order = ["none seen", "low", "medium", "high"]
    return max(values, key=lambda value: order.index(value) if value in order else 0)


def say_do_text(say: int, do: int) -> str:
    """One turn's Say and Do and their gap, read the same way on every screen (rules.md §8.3)."""
    text = f"Say {say} · Do {do} · gap {say_do_gap(say, do)}"
    return text + (f" (Do ahead by {do - say})" if do > say else "")


def signed(value: int) -> str:
    return f"{value:+d}"


CAUSE_KINDS = {"roll": "dice", "adversary": "armed groups"}


def cause_text(index, cause) -> str:
    """A cause of a change in plain words: "card Ogossagou massacre: ...", "dice 2d6: rolled 9 ..."."""
    kind = CAUSE_KINDS.get(cause.kind, cause.kind)
    if cause.kind == "card":
        card = index.cards.get(cause.ref)
        title = card.title if card is not None else words(cause.ref)
        detail = cause.detail if cause.detail.startswith(title) else f"{title}: {cause.detail}".rstrip(": ")
        return f"card {detail}"
    if cause.kind == "adversary":
        ref = ACTION_TITLES.get(cause.ref, words(cause.ref)).lower()
    elif cause.kind == "order":
        ref = "given"
    else:
        ref = cause.ref if cause.kind == "roll" else words(cause.ref)
    detail = f": {cause.detail}" if cause.detail and cause.detail != cause.ref else ""
    return f"{kind} {ref}{detail}"


def target_label(index, target: str) -> str:
    """A change's target as players know it: "mopti/jnim" -> "Mopti / Jama'at Nusrat al-Islam ..."."""

    def name(part: str) -> str:
        if part in index.regions:
            return short_name(index.regions[part].name)
        if part in index.actors:
            full = index.actors[part].name  # "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)" -> "JNIM"
            return full[full.rindex("(") + 1 : -1] if full.endswith(")") else full
        for table in (index.units, index.aviation):
            if part in table:
                return table[part].name
        return words(part)

    head, dot, field = target.partition(".")
    label = " / ".join(name(part) for part in head.split("/"))
    return f"{label} {words(field)}" if dot else label
