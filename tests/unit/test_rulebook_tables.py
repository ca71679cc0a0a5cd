"""Every number in every table of rules.md and rules.fr.md is the one the engine uses (tables.py, scenarios).

The test reads rules.md's markdown tables, takes the numbers of each row in the order they are
written (signed where the rulebook writes a sign; "12–13" is 12 and 13; "2d6" is 2 and 6), and
compares them with the row's constants below. A number changed in one place and not the other,
a new numbered row, or a row that disappeared, fails. The French rulebook's row in the same place
(same table, same row) must print the same numbers, in French notation and in any order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from game.analysis.difficulty import BAND
from game.analysis.stats import CONFIDENCE
from game.engine import tables as T
from game.scenario.catalog import find_scenario
from game.scenario.models import Region
from tests.rulebook import RULES_FR, tables
from tests.rulebook import numbers as numbers_read

RULES = Path(__file__).parent.parent.parent / "rules.md"

# Digits that are names, not quantities: section and phase references, bot priorities P1-P5,
# the study's systems S1-S22, years, and the first turn of the game.
NOT_A_QUANTITY = re.compile(
    r"§\d+(?:\.\d+)*|\bphase \d\b|\b[PS]\d+\b|COVID-19|mali-2019|\b(?:19|20)\d\d\b|\bturn 1\b"
)
NUMBER = re.compile(r"(?<![\w.])([+−-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:d(\d+))?")
NOT_A_QUANTITY_FR = re.compile(
    r"§\s?\d+(?:\.\d+)*|\bphase \d\b|\b[PS]\d+\b|COVID-19|mali-2019|\b(?:19|20)\d\d\b|\btour 1\b"
)
ONE_D6 = (1, 6)  # "1d6": one six-sided die; the engine rolls it with ctx.die(6)


def numbers(text: str) -> tuple[int, ...]:
    found: list[int] = []
    for sign, digits, sides in NUMBER.findall(NOT_A_QUANTITY.sub(" ", text)):
        value = int(digits.replace(",", ""))
        found.append(-value if sign in ("−", "-") else value)
        if sides:
            found.append(int(sides))
    return tuple(found)


def table_rows(markdown: str) -> dict[tuple[str, str], tuple[int, ...]]:
    """(section number, first cell) -> the row's numbers, for every table row that has any."""
    rows: dict[tuple[str, str], tuple[int, ...]] = {}
    section = ""
    for line in markdown.splitlines():
        if line.startswith("#"):
            section = line.lstrip("#").strip().split(" ")[0].rstrip(".")
        elif line.startswith("|") and not line.startswith("|---"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            counted = cells[1:] if cells[0].isdigit() else cells  # §1 numbers its phases
            found = numbers(" | ".join(counted))
            if found:
                key = (section, cells[0])
                assert key not in rows, f"two rows {key} in rules.md: tell them apart"
                rows[key] = found
    return rows


def _mali():
    return find_scenario("mali-2019")


def _covid(key: str) -> int:
    card = next(card for card in _mali().cards if card.id == "covid_2020")
    return next(effect.value for effect in card.effects if getattr(effect, "key", None) == key)


def _road_cost(a: str, b: str) -> int:
    region = next(region for region in _mali().regions if region.id == a)
    return next(link.cost for link in region.links if link.to == b)


def _bound(model, field: str, kind: str) -> int:
    return next(getattr(m, kind) for m in model.model_fields[field].metadata if hasattr(m, kind))


def _band(word: str) -> tuple[int, ...]:
    bounds = [lowest for lowest, _ in T.CREDIBILITY_BANDS]
    index = next(i for i, (_, name) in enumerate(T.CREDIBILITY_BANDS) if name == word)
    if index == 0:
        return (bounds[0],)  # "60 or more"
    if index == len(bounds) - 1:
        return (bounds[index - 1],)  # "under 20"
    return (bounds[index], bounds[index - 1] - 1)  # "40–59"


def _outcome(index: int) -> tuple[int, ...]:
    lowest, _, percent = T.OUTCOME_TABLE[index]
    if index == 0:
        return (lowest, percent)  # "14 or more"
    above = T.OUTCOME_TABLE[index - 1][0]
    if index == len(T.OUTCOME_TABLE) - 1:
        return (above - 1, percent)  # "7 or less"
    return (lowest, above - 1, percent)  # "12–13"


TC, TS = T.THEME_CREDIBILITY, T.THEME_SAY

# (section, first cell) -> the numbers the row must print, from the engine's constants.
EXPECTED: dict[tuple[str, str], Callable[[], tuple[int, ...]]] = {
    # §2 Early warning
    ("2", "a long-range ISR asset (range 300 km or more) tasked to the region"): lambda: (
        T.WARNING_ISR_LONG_RANGE_KM,
        T.WARNING_ISR_LONG,
    ),
    ("2", "a tactical ISR asset tasked to the region"): lambda: (T.WARNING_ISR_TACTICAL,),
    ("2", "credibility 60 or more: people trust the mission and report threats"): lambda: (
        T.WARNING_CREDIBILITY_THRESHOLD,
        T.WARNING_HIGH_CREDIBILITY,
    ),
    ("2", "Tier I activity in the region (community alert network)"): lambda: (T.WARNING_TIER_ONE,),
    ("2", "SIGINT/EW unlocked, in regions where the mission is present"): lambda: (T.WARNING_SIGINT,),
    # §3 Means
    ("3", "Budget points"): lambda: (_mali().means.budget, T.TOB_OPEN_COST, T.TOB_UPKEEP, T.U3_BUDGET_COST),
    ("3", "Flying hours"): lambda: (
        T.TASK_HOURS["attack"],
        T.TASK_HOURS["isr"],
        T.AIR_MOVE_HOURS_PER_100,
        T.AIR_MOVE_PERSONNEL_STEP,
        T.QRF_AIR_HOURS,
    ),
    ("3", "Civilian capacity"): lambda: (_covid("civilian_capacity_pct"), T.TIER_POINTS_MAX),
    ("3", "Message slots"): lambda: (_mali().means.message_slots,),
    # §4.3 Postures, §4.5 Caveats
    ("4.3", "base"): lambda: (T.BASE_POSTURE_PROTECTION,),
    ("4.3", "patrol"): lambda: (T.PATROL_PROTECTION, T.PATROL_PROTECTION_MAX),
    ("4.3", "quick reaction"): lambda: (
        T.QRF_IN_REGION,
        T.QRF_NEIGHBOUR,
        T.QRF_AIR_WARNING,
        T.QRF_BY_AIR,
        T.MTF_BONUS,
    ),
    ("4.5", "`no_night_operations`"): lambda: (T.CAVEAT_NIGHT_PENALTY,),
    # §5 The armed groups' bot
    ("5", "P1 exploit"): lambda: (
        T.INFO_ATTACK_EXPLOIT_DEATHS,
        T.MAX_INFO_ATTACKS,
        T.INFO_ATTACK_BASE,
        T.INFO_ATTACK_EXPLOIT_BONUS,
        T.INFO_ATTACK_MISSION_HARM_BONUS,
    ),
    ("5", "P2 exposed"): lambda: (T.EXPOSED_THREAT, T.MAX_PEACEKEEPER_STRIKES),
    ("5", "P3 host forces"): lambda: (T.HOST_CAMPS_PRESENCE, T.EXPOSED_THREAT, T.MAX_HOST_FORCE_STRIKES),
    ("5", "P4 roads"): lambda: (T.MAX_ROAD_STRIKES,),
    ("5", "P5 civilians"): lambda: (*ONE_D6, T.SECOND_CHOICE_ROLL, ONE_D6[1]),
    # §5.2 The red cell: the bot's conditions and limits, on orders
    ("5.2", "strike civilians in a region, by a group"): lambda: (1,),  # present: threat 1+
    ("5.2", "attack peacekeepers: a unit"): lambda: (T.EXPOSED_THREAT, T.MAX_PEACEKEEPER_STRIKES),
    ("5.2", "attack the army's camps in a region"): lambda: (
        T.HOST_CAMPS_PRESENCE,
        T.EXPOSED_THREAT,
        T.MAX_HOST_FORCE_STRIKES,
    ),
    ("5.2", "roadside bomb on a unit"): lambda: (T.MAX_ROAD_STRIKES,),
    ("5.2", "hostile narrative in a region"): lambda: (T.INFO_ATTACK_EXPLOIT_DEATHS, T.MAX_INFO_ATTACKS),
    # §5.3 Harassing fire: the mission's fortified camps, the army's small posts
    ("5.3", "the mission"): lambda: (
        *ONE_D6,
        T.HARASS_OFFSET["peacekeepers"],
        ONE_D6[0],
        *T.HARASS_WOUNDED_DICE,
    ),
    ("5.3", "the army"): lambda: (
        T.HOST_CAMPS_PRESENCE,
        *ONE_D6,
        *((T.HARASS_OFFSET["host_forces"],) if T.HARASS_OFFSET["host_forces"] else ()),
        ONE_D6[0],
        *T.HARASS_SOLDIERS_DICE,
    ),
    # §9.1 The green cell's orders
    ("9.1", "redeploy the army from a region to a neighbour by road"): lambda: (
        -1,
        1,
        1,
        T.HOST_PRESENCE_MAX,
        T.GREEN_MAX_REDEPLOYMENTS,
    ),
    ("9.1", "an army offensive in a region with host presence 2+"): lambda: (
        T.GREEN_OFFENSIVE_PRESENCE,
        T.GREEN_OFFENSIVE_THREAT,
        T.GREEN_OFFENSIVE_OPERATIONS,
        T.GREEN_MAX_OFFENSIVES,
    ),
    (
        "9.1",
        "refuse consent to one of the mission's requests in a region: flight clearances (its attack "
        "and ISR aircraft tasked over the region) or a temporary operating base opened there this turn",
    ): lambda: (-T.GREEN_REFUSAL_CONSENT, -T.GREEN_REFUSAL_SUPPORT, T.GREEN_MAX_REFUSALS),
    # §12.1 Each side's objectives
    ("12.1", "the mission's credibility eroded"): lambda: (T.RED_POINTS_PER_CREDIBILITY,),
    ("12.1", "the state pushed out"): lambda: (T.RED_POINTS_PER_PRESENCE,),
    ("12.1", "the Council's support eroded"): lambda: (T.RED_POINTS_PER_SUPPORT,),
    ("12.1", "the mandate pushed towards failure"): lambda: (
        T.RED_POINTS_PER_REDUCED,
        -T.RED_POINTS_PER_REDUCED,
    ),
    ("12.1", "the state's authority extended"): lambda: (T.GREEN_POINTS_PER_PRESENCE,),
    ("12.1", "consent as leverage"): lambda: (T.GREEN_POINTS_PER_CONSENT,),
    ("12.1", "the army's losses"): lambda: (-1, T.GREEN_SOLDIERS_PER_POINT),
    # §6.1 The resolution table
    ("6.1", "14 or more"): lambda: _outcome(0),
    ("6.1", "12–13"): lambda: _outcome(1),
    ("6.1", "10–11"): lambda: _outcome(2),
    ("6.1", "8–9"): lambda: _outcome(3),
    ("6.1", "7 or less"): lambda: _outcome(4),
    # §6.2 Protection of civilians
    ("6.2", "a temporary operating base in the region"): lambda: (T.TOB_PROTECTION,),
    ("6.2", "units in base posture (static protection of camps)"): lambda: (T.BASE_POSTURE_PROTECTION,),
    ("6.2", "patrolling units (without `self_defence_only`)"): lambda: (
        T.PATROL_PROTECTION,
        T.PATROL_PROTECTION_MAX,
    ),
    ("6.2", "a formed police unit"): lambda: (T.POLICE_PROTECTION,),
    (
        "6.2",
        "the single best quick-reaction response: in the region / by road from a linked region (cost 1) / "
        "by air with warning 1+ and a utility helicopter reaching both regions with 10 h left",
    ): lambda: (
        T.QRF_ROAD_COST,
        T.QRF_AIR_WARNING,
        T.QRF_AIR_HOURS,
        T.QRF_IN_REGION,
        T.QRF_NEIGHBOUR,
        T.QRF_BY_AIR,
    ),
    ("6.2", "… by the Mobile Task Force"): lambda: (T.MTF_BONUS,),
    ("6.2", "… by a unit with `no_night_operations`"): lambda: (-T.CAVEAT_NIGHT_PENALTY,),
    ("6.2", "attack helicopters tasked to the region"): lambda: (
        T.ATTACK_HELICOPTER_WARNED,
        T.ATTACK_HELICOPTER_WARNING,
        T.ATTACK_HELICOPTER_UNWARNED,
    ),
    ("6.2", "early warning"): lambda: (T.WARNING_OFFSET, -T.WARNING_OFFSET, T.WARNING_MAX - T.WARNING_OFFSET),
    ("6.2", "… with no quick-reaction response and no attack helicopters to answer it"): lambda: (
        T.WARNING_UNANSWERED_MAX,
    ),
    (
        "6.2",
        "PoC defined by the SRSG, when units act in the region (patrol, quick reaction or TOB)",
    ): lambda: (T.POC_DEFINED_BONUS,),
    ("6.2", "PoC left undefined (status quo) when caveated units act in the region"): lambda: (
        -T.POC_UNDEFINED_PENALTY,
    ),
    ("6.2", "however many means stand there, protection is at most"): lambda: (T.PROTECTION_MAX,),
    ("6.2", "a large attack (unopposed toll 50 or more)"): lambda: (
        T.MAJOR_ATTACK_DEATHS,
        -T.MAJOR_ATTACK_PENALTY,
    ),
    ("6.2", "scattered villages far from any post (the region's `dispersion`, 0–3)"): lambda: (
        _bound(Region, "dispersion", "ge"),
        _bound(Region, "dispersion", "le"),
    ),
    # §6.3 Defence of peacekeepers
    ("6.3", "the unit holds a TOB (fortified)"): lambda: (T.PK_TOB_FORTIFIED,),
    ("6.3", "special forces"): lambda: (T.PK_SPECIAL_FORCES,),
    ("6.3", "attack helicopters tasked to the region"): lambda: (T.PK_ATTACK_HELICOPTER,),
    ("6.3", "another quick-reaction unit in the region or a linked one"): lambda: (T.PK_QRF_NEARBY,),
    ("6.3", "early warning"): lambda: (T.WARNING_OFFSET,),
    # §6.5 Tolls of the bot's strikes
    ("6.5", "civilians"): lambda: (*T.CIVILIAN_STRIKE_DICE, T.CIVILIAN_STRIKE_PER_THREAT),
    ("6.5", "a community militia's raid (§5.1)"): lambda: (  # "+ its threat level": once
        *T.CIVILIAN_STRIKE_DICE,
        *(() if T.MILITIA_RAID_PER_THREAT == 1 else (T.MILITIA_RAID_PER_THREAT,)),
    ),
    ("6.5", "… in a region of fewer than 500,000 people"): lambda: (T.SMALL_REGION,),
    ("6.5", "peacekeepers (P2)"): lambda: (ONE_D6[0], *T.PK_STRIKE_DICE),
    ("6.5", "roadside bomb (P4)"): lambda: (ONE_D6[0], *T.IED_DICE),
    ("6.5", "host forces (P3)"): lambda: (
        *T.HOST_STRIKE_DICE,
        T.HOST_RETREAT_DEATHS,
        -T.HOST_RETREAT_PRESENCE,
    ),
    # §7 Credibility
    ("7", "● trusted"): lambda: _band("trusted"),
    ("7", "◐ mixed"): lambda: _band("mixed"),
    ("7", "○ doubtful"): lambda: _band("doubtful"),
    ("7", "× hostile"): lambda: _band("hostile"),
    ("7", "civilians killed in the region"): lambda: (
        -1,  # "−1 per 8": one point of credibility per so many deaths
        T.DEATHS_PER_CREDIBILITY_POINT,
        T.DEATHS_PER_CREDIBILITY_POINT_ABSENT,
        -T.CIVILIAN_DEATHS_CREDIBILITY_CAP,
    ),
    ("7", "20 or more killed unopposed or partly mitigated where mission units stand"): lambda: (
        T.FAILED_DESPITE_PRESENCE_DEATHS,
        -T.FAILED_DESPITE_PRESENCE,
    ),
    ("7", "30 or more killed in one attack"): lambda: (
        T.MASSACRE_DEATHS,
        -T.MASSACRE_NEIGHBOUR_LOSS,
        -T.MASSACRE_MANDATE_LOSS,
    ),
    ("7", "attack prevented / deterred / mitigated"): lambda: (
        T.OUTCOME_CREDIBILITY["prevented"],
        T.OUTCOME_CREDIBILITY["deterred"],
        T.OUTCOME_CREDIBILITY["mitigated"],
        T.PREVENTED_MANDATE_SUPPORT,
    ),
    ("7", "a TOB in the region"): lambda: (T.TOB_CREDIBILITY_PER_TURN,),
    ("7", "Tier I"): lambda: (
        T.TIER_ONE_CREDIBILITY_PER_POINT,
        T.TIER_ONE_CREDIBILITY_MAX,
        T.PEOPLE_CENTRED_TIER_ONE_BONUS,
    ),
    ("7", "the mission's partners harm civilians"): lambda: (-T.PARTNER_HARM_CREDIBILITY,),
    ("7", "a peacekeeping unit repels an attack without loss"): lambda: (T.REPELLED_ATTACK_CREDIBILITY,),
    ("7", "changing the PoC definition after turn 1"): lambda: (-T.POLICY_CHANGE_CREDIBILITY,),
    ("7", "… back to a definition the mission had dropped"): lambda: (-T.POLICY_REVERSAL_CREDIBILITY,),
    # §8.1 Themes
    ("8.1", "protection promise"): lambda: (TC["protection_promise"], TS["protection_promise"]),
    ("8.1", "define PoC (only once the SRSG has defined it)"): lambda: (TC["define_poc"], TS["define_poc"]),
    ("8.1", "tactical success"): lambda: (
        TC["tactical_success"],
        T.SUCCESS_MEMORY_TURNS,
        TC["tactical_success"] + T.AVOID_TERM_SUCCESS_BONUS,
        T.TACTICAL_SUCCESS_WITHOUT_SUCCESS,
        T.TACTICAL_SUCCESS_UNBACKED_SAY,
        TS["tactical_success"],
    ),
    ("8.1", "counter-rumour"): lambda: (TS["counter_rumour"],),
    ("8.1", "mandate explanation"): lambda: (T.MANDATE_EXPLAIN_CONSENT, TS["mandate_explain"]),
    # §9 Renewal
    ("9", "55+ and PoC first was argued"): lambda: (
        T.RENEWAL_POC_FIRST_AT,
        T.POC_FIRST_MEANS["budget"],
        T.POC_FIRST_MEANS["aviation_pct"],
        T.POC_FIRST_MEANS["message_slots"],
        T.POC_FIRST_MEANS["civilian_pct"],
    ),
    ("9", "under 30"): lambda: (
        T.RENEWAL_REDUCED_BELOW,
        T.REDUCED_MEANS["budget"],
        T.REDUCED_MEANS["aviation_pct"],
    ),
    # §10 Threat dynamics
    ("10", "host presence 1 or less"): lambda: (T.STATE_ABSENT_PRESENCE, T.STATE_ABSENT_THREAT),
    ("10", "credibility under 20"): lambda: (T.DISTRUSTED_BELOW, T.DISTRUSTED_THREAT),
    ("10", "credibility 60 or more"): lambda: (T.TRUSTED_AT, T.TRUSTED_THREAT),
    ("10", "a TOB in the region"): lambda: (T.BASE_THREAT,),
    ("10", "the mission's own pull (trust and a TOB together) is at most"): lambda: (T.MISSION_THREAT_MAX,),
    ("10", "the mission had camps here at the start and no unit is left"): lambda: (T.ABANDONED_CAMPS,),
    ("10", "… units are left, but fewer than its starting camps held"): lambda: (T.THINNED_CAMPS,),
    (
        "10",
        "terrorist groups present where host presence is 2 or less: "
        "a linked region holds the group at 4 or more",
    ): lambda: (T.SPREAD_WEAK_STATE, T.THREAT_SPREADS_AT, T.SPREAD_PRESSURE),
    ("10", "tri-border region"): lambda: (T.TRI_BORDER_THREAT,),
    ("10", "the level differs from the scenario's starting level"): lambda: (
        T.THREAT_REVERSION,
        -T.THREAT_REVERSION,
    ),
    # §14 Where each system of the source study lives
    ("14", "S1"): lambda: (T.TRI_BORDER_THREAT, _road_cost("mopti", "gao")),
    ("14", "S3"): lambda: (T.THREAT_MIN, T.THREAT_MAX),
    ("14", "S10"): lambda: (T.POC_DEFINED_BONUS, -T.POC_UNDEFINED_PENALTY),
    ("14", "S11"): lambda: (_covid("attack_rate_pct"), _covid("civilian_capacity_pct"), _covid("budget_pct")),
    ("14", "S14"): lambda: (_mali().means.release_delay_turns, T.U3_BUDGET_COST),
    ("14", "S16"): lambda: (T.TOB_PROTECTION, T.TOB_CREDIBILITY_PER_TURN, T.PATROL_PROTECTION),
    # §16 The facilitator
    ("16", "override a result"): lambda: (T.OVERRIDE_MAX,),
    ("13.2", "excellent play (`searched`, §11)"): lambda: (BAND.least_gain_pct, BAND.best_gain_pct),
    ("13.2", "the study's courses of action"): lambda: (BAND.best_gain_pct, *[round(CONFIDENCE * 100)] * 2),
    ("13.2", "naive play (`worst-hit`, §11)"): lambda: (BAND.naive_gain_pct,),
}

ROWS = table_rows(RULES.read_text(encoding="utf-8"))


def test_every_numbered_row_of_rules_md_is_checked() -> None:
    unchecked = sorted(set(ROWS) - set(EXPECTED))
    gone = sorted(set(EXPECTED) - set(ROWS))
    assert not unchecked, f"rows of rules.md with numbers no test compares with the engine: {unchecked}"
    assert not gone, f"rows this test expects that rules.md no longer has: {gone}"


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda key: f"§{key[0]} {key[1][:40]}")
def test_rulebook_row_prints_the_engines_numbers(key: tuple[str, str]) -> None:
    assert ROWS.get(key) == EXPECTED[key](), f"rules.md §{key[0]} row {key[1]!r}"


def test_the_reader_finds_signs_ranges_dice_and_thousands() -> None:
    assert numbers("| −2 / +1 | 12–13 | 1d6 − 2 | 500,000 people | §6.2, P3, S16, COVID-19, 2019 |") == (
        -2,
        1,
        12,
        13,
        1,
        6,
        2,
        500_000,
    )


def french_rows(english: str, french: str) -> dict[tuple[str, str], tuple[int, ...]]:
    """English (section, first cell) -> the sorted numbers of the French row in the same place."""
    rows: dict[tuple[str, str], tuple[int, ...]] = {}
    for (section, english_rows), (__, french_rows_) in zip(tables(english), tables(french), strict=True):
        for english_row, french_row in zip(english_rows, french_rows_, strict=True):
            counted = french_row[1:] if french_row[0].isdigit() else french_row
            found = numbers_read(NOT_A_QUANTITY_FR.sub(" ", " | ".join(counted)), "fr")
            rows[(section, english_row[0])] = tuple(sorted(int(value) for value in found.elements()))
    return rows


FRENCH_ROWS = french_rows(RULES.read_text(encoding="utf-8"), RULES_FR.read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda key: f"§{key[0]} {key[1][:40]}")
def test_rules_fr_row_prints_the_engines_numbers(key: tuple[str, str]) -> None:
    assert FRENCH_ROWS.get(key) == tuple(sorted(EXPECTED[key]())), (
        f"rules.fr.md §{key[0]}, the row of {key[1]!r}"
    )
