"""Words, symbols and colours the screens share: seats, credibility bands, trends and threat."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from game.engine import tables as T
from game.engine.score import say_do_gap
from game.engine.turn import ACTION_TITLES
from game.engine.wording import CREDIBILITY_SYMBOLS, words
from game.engine.wording import POSTURES as POSTURES  # re-exported: screens read postures here
from game.i18n import N_, N_plural, _, name, ngettext, recorded


class Translated(Mapping[str, str]):
    """A table of `N_()` English text, read in the player's language: `ROLE_TITLES["srsg"]` is
    "SRSG" in English and "RSSG" in French (the language can change after import)."""

    def __init__(self, english: Mapping[str, str]) -> None:
        self.english = dict(english)

    def __getitem__(self, key: str) -> str:
        return _(self.english[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.english)

    def __len__(self) -> int:
        return len(self.english)


ROLE_ORDER = ("srsg", "force_commander", "police_commissioner", "comms_chief")
ROLE_TITLES = Translated(
    {
        "srsg": N_("SRSG"),
        "force_commander": N_("Force Commander"),
        "police_commissioner": N_("Police Commissioner"),
        "comms_chief": N_("Chief of Strategic Communications"),
        "armed_groups": N_("Red cell (armed groups)"),
        "host_state": N_("Green cell (host state)"),
    }
)
ROLE_SHORT = Translated(
    {
        "srsg": N_("SRSG"),
        "force_commander": N_("Force Cdr"),
        "police_commissioner": N_("Police Cmsr"),
        "comms_chief": N_("Comms Chief"),
        "armed_groups": N_("Red cell"),
        "host_state": N_("Green cell"),
    }
)
ROLE_DUTIES = Translated(
    {
        "srsg": N_("mission policy: the PoC definition, orientation, IRCs under the U3, the renewal case"),
        "force_commander": N_("contingents, postures, temporary operating bases, helicopters and ISR"),
        "police_commissioner": N_("formed police units and the civilian pillars' Tier I and Tier III work"),
        "comms_chief": N_("the messaging plan: theme, channel and audience, within the message slots"),
        "armed_groups": N_("the armed groups' strikes and hostile narratives, within their actions a turn"),
        "host_state": N_(
            "the Malian army's redeployments and offensives, and consent to the mission's requests"
        ),
    }
)
PHASE_TITLES = Translated(
    {
        "event": N_("Event"),
        "situation": N_("Situation"),
        "orders": N_("Orders"),
        "adversary": N_("Adversary"),
        "adjudication": N_("Adjudication"),
        "information": N_("Information"),
        "assessment": N_("Assessment"),
        "facilitator": N_("Facilitator"),
    }
)
# The credibility bands' words (Band.word stays the engine's key; Band.label is the shown word).
BAND_WORDS = (N_("trusted"), N_("mixed"), N_("doubtful"), N_("hostile"))


@dataclass(frozen=True)
class Band:
    """A credibility band: never shown by colour alone, always with its symbol and word."""

    lowest: int
    symbol: str
    word: str
    colour: str  # Okabe-Ito: safe for the common colour-vision deficiencies

    @property
    def label(self) -> str:
        """The band's word in the player's language."""
        return _(self.word)


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
    text = _("Say {say} · Do {do} · gap {gap}").format(say=say, do=do, gap=say_do_gap(say, do))
    return text + (_(" (Do ahead by {lead})").format(lead=do - say) if do > say else "")


def signed(value: int) -> str:
    return f"{value:+d}"


CAUSE_KINDS = Translated(
    {
        "card": N_("card"),
        "order": N_("order"),
        "roll": N_("dice"),
        "modifier": N_("modifier"),
        "rule": N_("rule"),
        "adversary": N_("armed groups"),
        "policy": N_("policy"),
        "facilitator": N_("facilitator"),
    }
)


def shown(item: object, field: str) -> str:
    """A scenario object's text (a card's title, an option's label) in the player's language: the
    scenario's own translation where the object has one (its `shown()`), else the English."""
    method = getattr(item, "shown", None)
    return method(field) if callable(method) else str(getattr(item, field))


# What a change counts, agreeing with the count it moved by: "+1 civil tué", "+3 civils tués"
COUNTED_KINDS = {
    "civilians_killed": N_plural("civilian killed", "civilians killed"),
    "peacekeepers_killed": N_plural("peacekeeper killed", "peacekeepers killed"),
    "peacekeepers_wounded": N_plural("peacekeeper wounded", "peacekeepers wounded"),
    "host_forces_killed": N_plural("host forces soldier killed", "host forces killed"),
}


def change_kind(kind: str, delta: int = 0) -> str:
    """What a change moved, in the player's language, agreeing with the count it moved by."""
    if kind in COUNTED_KINDS and delta:
        return ngettext(*COUNTED_KINDS[kind], abs(delta))
    return recorded(words(kind))


def labelled(label: str, text: str = "") -> str:
    """ "label: text" in the player's language ("label : text" in French, a no-break space before the
    colon); with no text, the label and its colon, for a text styled apart."""
    # Translators: a label and what it labels; French puts a no-break space before the colon.
    return _("{label}: {text}").format(label=label, text=text)


def cause_parts(index, cause) -> tuple[str, str]:
    """A cause of a change in plain words, its kind apart: ("card", "Ogossagou massacre: ..."),
    ("dice", "2d6: rolled 9 ...")."""
    kind = CAUSE_KINDS.get(cause.kind) or recorded(words(cause.kind))
    detail = recorded(cause.detail) if cause.detail else ""
    if cause.kind == "card":
        card = index.cards.get(cause.ref)
        title = shown(card, "title") if card is not None else words(cause.ref)
        return kind, detail if detail.startswith(title) else labelled(title, detail) if detail else title
    if cause.kind == "adversary":
        ref = recorded(ACTION_TITLES.get(cause.ref, words(cause.ref))).lower()
    elif cause.kind == "order":
        ref = _("given")
    else:
        ref = cause.ref if cause.kind == "roll" else recorded(words(cause.ref))
    return kind, labelled(ref, detail) if cause.detail and cause.detail != cause.ref else ref


def cause_text(index, cause) -> str:
    """A cause in one line: "card Ogossagou massacre: ...", "dice 2d6: rolled 9 ..."."""
    return " ".join(cause_parts(index, cause))


def target_label(index, target: str) -> str:
    """A change's target as players know it: "mopti/jnim" -> "Mopti / Jama'at Nusrat al-Islam ..."."""

    def part_name(part: str) -> str:
        if part in index.regions:
            return short_name(name(index.regions[part].name))
        if part in index.actors:
            full = name(index.actors[part].name)  # "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)" -> "JNIM"
            return full[full.rindex("(") + 1 : -1] if full.endswith(")") else full
        for table in (index.units, index.aviation):
            if part in table:
                return name(table[part].name)
        return recorded(words(part))

    head, dot, field = target.partition(".")
    label = " / ".join(part_name(part) for part in head.split("/"))
    return f"{label} {recorded(words(field))}" if dot else label
