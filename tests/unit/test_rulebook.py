"""rules.md and rules.fr.md print the numbers the engine uses: key tables and sentences against tables.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import tables as T

RULES = (Path(__file__).parent.parent.parent / "rules.md").read_text(encoding="utf-8")
RULES_FR = (Path(__file__).parent.parent.parent / "rules.fr.md").read_text(encoding="utf-8")


def test_resolution_table_matches() -> None:
    bounds = [row[0] for row in T.OUTCOME_TABLE]
    for index, (lowest, name, percent) in enumerate(T.OUTCOME_TABLE):
        label = name.replace("_", " ")
        if index == 0:
            cell = f"{lowest} or more"
        elif lowest < 0:
            cell = f"{bounds[index - 1] - 1} or less"
        else:
            cell = f"{lowest}–{bounds[index - 1] - 1}"
        assert f"| {cell} | {label} | {percent}% |" in RULES


@pytest.mark.parametrize(
    "row",
    [
        f"| a temporary operating base in the region | +{T.TOB_PROTECTION} |",
        f"| units in base posture (static protection of camps) | +{T.BASE_POSTURE_PROTECTION} (once) |",
        f"| patrolling units (without `self_defence_only`) | +{T.PATROL_PROTECTION} each, at most "
        f"+{T.PATROL_PROTECTION_MAX} |",
        f"| a formed police unit | +{T.POLICE_PROTECTION} (once) |",
        f"| … by the Mobile Task Force | +{T.MTF_BONUS} more |",
        f"| attack helicopters tasked to the region | +{T.ATTACK_HELICOPTER_WARNED} with warning 1+, "
        f"else +{T.ATTACK_HELICOPTER_UNWARNED} |",
        f"| a large attack (unopposed toll {T.MAJOR_ATTACK_DEATHS} or more) | −{T.MAJOR_ATTACK_PENALTY} |",
        f"| civilians | {T.CIVILIAN_STRIKE_DICE[0]}d{T.CIVILIAN_STRIKE_DICE[1]} + "
        f"{T.CIVILIAN_STRIKE_PER_THREAT} × the attacker's threat level |",
        f"| peacekeepers (P2) | 1d{T.PK_STRIKE_DICE[0]} − {T.PK_STRIKE_DICE[1]} killed |",
        f"| roadside bomb (P4) | 1d{T.IED_DICE[0]} − {T.IED_DICE[1]} killed |",
        f"modifiers: **{T.THREAT_UP_AT} or more: +1; {T.THREAT_DOWN_AT} or less: −1**",
        f"| {T.RENEWAL_POC_FIRST_AT}+ and PoC first was argued | PoC first |",
        f"| under {T.RENEWAL_REDUCED_BELOW} | reduced |",
        f"at **{T.TRUST_CEILING} or more**, every gain is halved",
        f"at **{T.HIGH_TRUST_CEILING} or more**, quartered",
        f"at **{T.DISTRUST_FLOOR} or less**, every loss is halved",
        f"a standing attack-helicopter tasking: **{T.TASK_HOURS['attack']}** h; a standing ISR tasking: "
        f"**{T.TASK_HOURS['isr']}** h",
    ],
)
def test_rulebook_rows_match_tables(row: str) -> None:
    assert row in RULES


def test_every_source_system_has_a_mechanic() -> None:
    for number in range(1, 23):
        assert f"| S{number} |" in RULES, f"S{number} missing from the table in rules.md §14"


def test_theme_table_matches() -> None:
    assert (
        f"| protection promise | +{T.THEME_CREDIBILITY['protection_promise']} | "
        f"{T.THEME_SAY['protection_promise']} |" in RULES
    )
    assert (
        f"| define PoC (only once the SRSG has defined it) | +{T.THEME_CREDIBILITY['define_poc']} | "
        f"{T.THEME_SAY['define_poc']} |" in RULES
    )


PROSE = " ".join(RULES.split())  # prose wraps anywhere: compare with single spaces


@pytest.mark.parametrize(
    "sentence",
    [
        f"score = support + (national credibility − {T.RENEWAL_CREDIBILITY_PIVOT}) / "
        f"{T.RENEWAL_CREDIBILITY_DIVISOR} + case modifier + 2d6 − {T.RENEWAL_ROLL_PIVOT}",
        f"gives +{T.RENEWAL_CASE_BONUS} if national credibility is {T.RENEWAL_CASE_CREDIBILITY}+ "
        f"and the mean Say–Do gap of the last {T.RENEWAL_GAP_TURNS} turns is under {T.RENEWAL_CASE_GAP}, "
        f"otherwise −{T.RENEWAL_CASE_PENALTY}",
        f"**{T.THREAT_UP_AT} or more: +1; {T.THREAT_DOWN_AT} or less: −1** "
        f"(bounds {T.THREAT_MIN}–{T.THREAT_MAX})",
        f"only when a linked region holds it at {T.THREAT_SPREADS_AT} or more",
        f"regains 1 on **1d6 of {T.STATE_RETURN_ROLL}**",
        f"at or under **points + {T.TIER_THREE_ROLL_BONUS}** the strongest militia or non-signatory threat "
        f"in the region falls by {T.TIER_THREE_EFFECT}. If there is none, host presence rises by "
        f"{T.TIER_THREE_EFFECT}, up to **{T.TIER_THREE_STATE_ABOVE_START} above the region's starting "
        "level**",
        f"threat **L of {T.EXPOSED_THREAT} or more** in the base's region, the base's convoy is mined on "
        f"**1d6 ≤ L − {T.CONVOY_AMBUSH_OFFSET}** (threat 4: one turn in three): "
        f"{T.IED_DICE[0] // 6}d{T.IED_DICE[0]} − {T.IED_DICE[1]} peacekeepers killed",
        f"beyond **+{T.WARNING_UNANSWERED_MAX}** protection (people flee, villages close up) it counts only "
        "when someone answers it",
        f"(people-centred orientation, Tier III, police) take at most **{T.HOST_CHECKS_MAX}** together",
        f"presence is below its starting level regains {T.STATE_RETURN_PRESENCE} on **1d6 of",
        f"(until it reaches {T.STATE_CENTRED_CONSENT_LIMIT}), −{T.PEOPLE_CENTRED_CONSENT} every third turn",
        f"+{T.STATE_CENTRED_CONSENT} a turn when state-centred",
        f"harm civilians on 1d6 ≤ L when the orientation is state-centred (L − {-T.HOST_PEOPLE_CENTRED} when "
        f"people-centred), +{T.HOST_SWEEP_BONUS} where armed groups killed {T.HOST_SWEEP_DEATHS} or more "
        "soldiers",
        f"−{T.HOST_TIER_THREE_CHECK} if Tier III work is under way there, −{T.HOST_POLICE_CHECK} if a formed "
        f"police unit is present: {T.HOST_ABUSE_DICE[0]}d{T.HOST_ABUSE_DICE[1]} + {T.HOST_ABUSE_DEATHS_BASE} "
        "civilians killed",
        f"{T.COLLATERAL_DICE[0]}d{T.COLLATERAL_DICE[1]} ≤ L + {T.COLLATERAL_BASE} + "
        f"{T.STRIKE_TEMPO_PER_SUPPORT} × international support",
        f"Either way: −{T.PARTNER_HARM_CREDIBILITY} credibility in the region",
        f"With warning below {T.WARNING_REVEALS_CARDS} the player sees only threat bands",
        f"with threat **L of {T.HARASS_THREAT} or more** harasses them",
        f"the pull back to its usual level applies (+{T.THREAT_REVERSION})",
    ],
)
def test_rulebook_prose_matches_tables(sentence: str) -> None:
    assert sentence in PROSE


PROSE_FR = " ".join(RULES_FR.split())  # also turns French no-break spaces into plain ones
OUTCOME_FR = {
    "prevented": "empêchée",
    "deterred": "dissuadée",
    "mitigated": "atténuée",
    "partly_mitigated": "partiellement atténuée",
    "unopposed": "sans opposition",
}


def test_french_resolution_table_matches() -> None:
    bounds = [row[0] for row in T.OUTCOME_TABLE]
    for index, (lowest, name, percent) in enumerate(T.OUTCOME_TABLE):
        if index == 0:
            cell = f"{lowest} ou plus"
        elif lowest < 0:
            cell = f"{bounds[index - 1] - 1} ou moins"
        else:
            cell = f"{lowest}–{bounds[index - 1] - 1}"
        assert f"| {cell} | {OUTCOME_FR[name]} | {percent} % |" in PROSE_FR


@pytest.mark.parametrize(
    "sentence",
    [
        f"score = soutien + (crédibilité nationale − {T.RENEWAL_CREDIBILITY_PIVOT}) / "
        f"{T.RENEWAL_CREDIBILITY_DIVISOR} + modificateur du plaidoyer + 2d6 − {T.RENEWAL_ROLL_PIVOT}",
        f"donne +{T.RENEWAL_CASE_BONUS} si la crédibilité nationale est de "
        f"{T.RENEWAL_CASE_CREDIBILITY}+ et si "
        f"le fossé moyen entre le dire et le faire des {T.RENEWAL_GAP_TURNS} derniers tours est inférieur à "
        f"{T.RENEWAL_CASE_GAP}, sinon −{T.RENEWAL_CASE_PENALTY}",
        f"**{T.THREAT_UP_AT} ou plus : +1 ; {T.THREAT_DOWN_AT} ou moins : −1** (bornes "
        f"{T.THREAT_MIN}–{T.THREAT_MAX})",
        f"que si une région reliée le compte à {T.THREAT_SPREADS_AT} ou plus",
        f"en regagne {T.STATE_RETURN_PRESENCE} sur **1d6 de {T.STATE_RETURN_ROLL}**",
        f"à **points + {T.TIER_THREE_ROLL_BONUS}** ou moins, la plus forte menace de milice ou de groupe non "
        f"signataire de la région baisse de {T.TIER_THREE_EFFECT}. S'il n'y en a aucune, la "
        "présence de l'État "
        f"augmente de {T.TIER_THREE_EFFECT}, jusqu'à **{T.TIER_THREE_STATE_ABOVE_START} au-dessus "
        "du niveau de "
        "départ de la région**",
        f"une menace **L de {T.EXPOSED_THREAT} ou plus** dans la région de la base, le convoi de la "
        "base saute sur "
        f"une mine sur **1d6 ≤ L − {T.CONVOY_AMBUSH_OFFSET}** (menace 4 : un tour sur trois) : "
        f"{T.IED_DICE[0] // 6}d{T.IED_DICE[0]} − {T.IED_DICE[1]} Casques bleus tués",
        f"au-delà de **+{T.WARNING_UNANSWERED_MAX}** de protection (la population fuit, les villages se "
        "barricadent), elle ne compte que si quelqu'un y répond",
        f"(orientation centrée sur la population, niveau III, police) retirent au plus "
        f"**{T.HOST_CHECKS_MAX}** à "
        "eux tous",
        f"+{T.STATE_CENTRED_CONSENT} par tour avec une orientation centrée sur l'État (jusqu'à ce "
        "qu'il atteigne "
        f"{T.STATE_CENTRED_CONSENT_LIMIT}), −{T.PEOPLE_CENTRED_CONSENT} tous les trois tours",
        f"font des victimes civiles sur 1d6 ≤ L quand l'orientation est centrée sur l'État "
        f"(L − {-T.HOST_PEOPLE_CENTRED} quand elle est centrée sur la population), "
        f"+{T.HOST_SWEEP_BONUS} là où "
        f"des groupes armés ont tué {T.HOST_SWEEP_DEATHS} soldats ou plus",
        f"−{T.HOST_TIER_THREE_CHECK} si des activités de niveau III y sont en cours, "
        f"−{T.HOST_POLICE_CHECK} si une "
        f"unité de police constituée est présente : {T.HOST_ABUSE_DICE[0]}d{T.HOST_ABUSE_DICE[1]} + "
        f"{T.HOST_ABUSE_DEATHS_BASE} civils tués",
        f"{T.COLLATERAL_DICE[0]}d{T.COLLATERAL_DICE[1]} ≤ L + {T.COLLATERAL_BASE} + "
        f"{T.STRIKE_TEMPO_PER_SUPPORT} × soutien international",
        f"Dans les deux cas : −{T.PARTNER_HARM_CREDIBILITY} de crédibilité dans la région",
        f"Avec une alerte inférieure à {T.WARNING_REVEALS_CARDS}, le joueur ne voit que des "
        "tranches de menace",
        f"à **{T.TRUST_CEILING} ou plus**, chaque gain est divisé par deux",
        f"à **{T.HIGH_TRUST_CEILING} ou plus**, par quatre",
        f"à **{T.DISTRUST_FLOOR} ou moins**, chaque perte est divisée par deux",
        f"une mission permanente d'hélicoptères d'attaque : **{T.TASK_HOURS['attack']}** h ; une mission ISR "
        f"permanente : **{T.TASK_HOURS['isr']}** h",
    ],
)
def test_french_rulebook_prose_matches_tables(sentence: str) -> None:
    assert sentence in PROSE_FR
