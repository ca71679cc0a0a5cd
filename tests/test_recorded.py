"""The engine's English lines read in French through i18n.recorded(): whole games, plurals, unknown text."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game import catalogs, i18n
from game import i18n_phrases as phrases_module
from game.analysis.lines import played_lines
from game.engine import Game
from game.engine.preview import card_consequences, option_consequences
from game.i18n_record import Reader, Templates, _pattern, ambiguities, translate
from game.scenario.catalog import find_scenario

# Lines that read the same in French: a capability's acronym with its bonus.
SAME_IN_FRENCH = {"SIGINT/EW +1"}
NUMBERS = re.compile(r"[\d\s+\-−]*")


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


@cache
def played(scenario: str, seed: int, policy: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Every distinct line the engine made for players in a whole game, and the scenario's own card text."""
    lines = played_lines(scenario, seed, policy, order_turns=1)
    spec = find_scenario(scenario)
    card_text = {card.title for card in spec.cards}
    card_text |= {effect.note for card in spec.cards for effect in card.effects if effect.note}
    for card in spec.cards:
        for option in card.choice.options if card.choice else ():
            card_text |= {effect.note for effect in option.effects if effect.note}
    return tuple(dict.fromkeys(lines)), frozenset(card_text)


def scenario_text(line: str, card_text: frozenset[str]) -> bool:
    """A card's title, or its title and an effect's note: the scenario's words (i18n.name() shows them)."""
    return all(part in card_text for part in line.split(": ", 1))


@pytest.mark.parametrize(
    ("scenario", "seed", "policy"),
    [("tutorial", 3, "coa2-define-poc"), ("mali-2019", 7, "historical")],
)
def test_every_line_of_a_whole_game_reads_in_french(scenario: str, seed: int, policy: str) -> None:
    lines, card_text = played(scenario, seed, policy)
    assert len(lines) > 300  # ledger, causes, the armed groups' moves, refusals and previews
    i18n.set_language("fr")
    english = [
        line
        for line in lines
        if i18n.recorded(line) == line
        and line not in SAME_IN_FRENCH
        and not NUMBERS.fullmatch(line)
        and not scenario_text(line, card_text)
    ]
    assert english == []


def test_in_english_every_line_comes_back_as_recorded() -> None:
    lines, _ = played("tutorial", 3, "coa2-define-poc")
    assert all(i18n.recorded(line) is line for line in lines)


def test_a_line_reads_with_its_values_translated_in_french() -> None:
    i18n.set_language("fr")
    assert i18n.recorded("Attack on civilians") == "Attaque contre des civils"
    assert (
        i18n.recorded("Message 'tactical success' by radio to the national audience")
        == "Message «\u00a0succès tactique\u00a0» par radio pour le public national"
    )
    halved = "peacekeepers were there and civilians still died (halved: credibility is 20 or less)"
    assert i18n.recorded(halved) == (
        "les Casques bleus étaient là et des civils sont morts malgré tout "
        "(divisé par deux\u00a0: crédibilité de 20 ou moins)"
    )
    assert i18n.recorded("rolled 11, state absent +1, mission trusted -1") == (
        "11 obtenu, État absent +1, Mission digne de confiance -1"
    )


def test_counts_take_the_french_plural_rule() -> None:
    i18n.set_language("fr")
    assert i18n.recorded("lands in 1 turn") == "diffusé dans 1 tour"
    assert i18n.recorded("lands in 0 turns") == "diffusé dans 0 tour"  # French counts 0 in the singular
    assert i18n.recorded("lands in 3 turns") == "diffusé dans 3 tours"
    assert i18n.recorded("5 civilians killed in Mopti") == "5 civils tués à Mopti"
    assert i18n.recorded("1 civilian killed in Mopti") == "1 civil tué à Mopti"


@pytest.mark.parametrize(
    "text", ["", "a line the engine never wrote", "something: else", "Nowhere village massacre", "42"]
)
def test_text_no_template_explains_comes_back_unchanged(text: str) -> None:
    i18n.set_language("fr")
    assert i18n.recorded(text) == text


def test_a_scenario_name_reads_in_french_once_its_scenario_is_loaded() -> None:
    find_scenario("mali-2019")  # loading registers the scenario's names for i18n.name()
    i18n.set_language("fr")
    assert i18n.recorded("Ogossagou massacre") == "Massacre d'Ogossagou"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_recorded_never_fails_and_leaves_english_alone(text: str) -> None:
    i18n.set_language("en")
    assert i18n.recorded(text) == text
    i18n.set_language("fr")
    assert isinstance(i18n.recorded(text), str)


def test_counts_agree_with_what_was_killed_and_come_first() -> None:
    i18n.set_language("fr")
    assert i18n.recorded("2 peacekeepers wounded, no one killed") == "2 Casques bleus blessés, aucun tué"
    assert i18n.recorded("1 soldier killed") == "1 soldat tué"
    line = "P1 exploit: 25 civilians died in Mopti last turn (3 blamed on the mission or its partners)"
    assert i18n.recorded(line) == (
        "P1 exploiter\u00a0: 25 civils morts à Mopti au tour précédent "
        "(3 du fait de la Mission ou de ses partenaires)"
    )
    assert i18n.recorded("the mission mitigated an attack on civilians") == (
        "la Mission a atténué une attaque contre des civils"
    )


def test_ids_and_quoted_titles_read_as_the_scenario_names() -> None:
    find_scenario("mali-2019")
    i18n.set_language("fr")
    assert i18n.recorded("rolled 11, tri-border pressure +1, spreading from menaka +0") == (
        "11 obtenu, pression des trois frontières +1, propagation depuis Ménaka +0"
    )
    assert i18n.recorded("Decide 'Hostile rumour': Do not amplify it") == (
        "Décider «\u00a0Rumeur hostile\u00a0»\u00a0: Ne pas l'amplifier"
    )
    assert i18n.recorded("koulogon_2019 has already been played") == (
        "la carte «\u00a0Massacre de Koulogon\u00a0» a déjà été jouée"
    )


def test_the_reading_with_the_most_fixed_text_then_the_fewest_templates_wins() -> None:
    find_scenario("mali-2019")
    i18n.set_language("fr")
    # "{count} died in {region}..." around "P1 exploit: 1 civilian", or "P1 exploit: {reason}" around
    # the whole phrase "{n} civilian died in...": as much fixed text, fewer templates: the phrase agrees
    line = "P1 exploit: 1 civilian died in Mopti last turn (0 blamed on the mission or its partners)"
    assert i18n.recorded(line).startswith("P1 exploiter\u00a0: 1 civil mort à Mopti")
    # "credibility {signed} {where}" and "in {place}" hold more fixed text than "{what} {delta} in {place}"
    assert i18n.recorded("credibility +2 in Mopti") == "crédibilité +2 à Mopti"
    # two names with " and " in them: split where both read as names
    assert i18n.recorded(
        "no utility helicopter reaches both Tombouctou and Taoudénit and Koulikoro, Kayes and Sikasso"
    ) == (
        "aucun hélicoptère de manœuvre n’atteint à la fois "
        "Tombouctou et Taoudénit et Koulikoro, Kayes et Sikasso"
    )


def test_french_elides_de_before_a_vowel_and_puts_postures_its_way() -> None:
    find_scenario("mali-2019")
    i18n.set_language("fr")
    line = "the threat from Islamic State in the Greater Sahara (ISGS) grows in Gao"
    assert i18n.recorded(line) == "la menace d’État islamique du Grand Sahara (EIGS) augmente à Gao"
    line = "the threat from Jama'at Nusrat al-Islam wal-Muslimin (JNIM) grows in Gao"
    assert i18n.recorded(line).startswith("la menace de Jama'at")
    assert i18n.recorded("Chadian battalion (Tessalit, Aguelhok) already has base posture").endswith(
        " est déjà en posture statique"
    )
    assert i18n.recorded("Put the Guinean battalion (Kidal) in patrol posture").endswith(" en patrouille")


def test_a_suffix_the_engine_appends_reads_too() -> None:
    i18n.set_language("fr")
    line = "rolled 2, needed 4 or less (Mopti threat 3, +1 the army's offensive operations)"
    assert i18n.recorded(line) == (
        "2 obtenu, il fallait 4 ou moins (menace de Mopti 3, +1 pour les opérations offensives de l’armée)"
    )


# English words that do not occur in the French game but in English left inside a French line
ENGLISH_WORDS = re.compile(
    r"\b(the|of|to|and|its|with|from|by|is|are|was|has|already|squared|threat|turn|rolled|needed|back)\b"
)


@pytest.mark.parametrize(
    ("scenario", "seed", "policy"),
    [("tutorial", 3, "coa2-define-poc"), ("mali-2019", 7, "historical")],
)
def test_no_line_of_a_whole_game_keeps_english_inside_its_french(
    scenario: str, seed: int, policy: str
) -> None:
    lines, _ = played(scenario, seed, policy)
    i18n.set_language("fr")
    mixed = [line for line in lines if ENGLISH_WORDS.search(i18n.recorded(line))]
    assert mixed == []


def test_the_phrases_read_in_place_of_the_engines_pieces_are_met_in_play() -> None:
    lines = played("mali-2019", 7, "historical")[0] + played("tutorial", 3, "coa2-define-poc")[0]
    phrases = [english for pair in phrases_module.AGREEING for english in pair]
    phrases += [*phrases_module.OUTCOMES[:3], phrases_module.PRIORITIES[0], phrases_module.QUOTED]
    phrases += phrases_module.POSTURES
    unmet = [english for english in phrases if not any(_pattern(english)[0].search(line) for line in lines)]
    # a single one or a phrase no game of these two met: at least the engine still writes its words
    source = "".join(path.read_text() for path in Path("game/engine").rglob("*.py"))
    assert all(english.split("{")[0] in source or "{n} peacekeeper" in english for english in unmet), unmet
    assert all(label.split(":")[0] in source for label in phrases_module.PRIORITIES)


def test_no_two_templates_read_an_engine_line_two_ways() -> None:
    assert catalogs.ambiguous(catalogs.extract(), "fr") == []


def test_an_ambiguous_pair_of_templates_is_found() -> None:
    french = {"by {channel}": "par {channel}", "by {actor}": "auteur : {actor}"}
    reader = Reader(lambda text: french.get(text, text), i18n.ngettext, lambda text: text)
    templates = Templates([("by {channel}", None), ("by {actor}", None)])
    found = ambiguities(templates, {"by {channel}"}, reader)
    assert [sorted(pair[:2]) for pair in found] == [["by {actor}", "by {channel}"]]
    assert ambiguities(templates, set(), reader) == []  # neither is the engine's
    french["by {actor}"] = "par\u202f{actor}"  # the same French but for its spaces
    assert ambiguities(templates, {"by {channel}"}, reader) == []


def test_a_tie_between_templates_is_settled_alike_whatever_their_order() -> None:
    french = {"by {channel}": "par {channel}", "by {actor}": "auteur : {actor}"}
    reader = Reader(
        lambda text: french.get(text, text), i18n.ngettext, lambda text: {"radio": "la radio"}.get(text, text)
    )
    one = Templates([("by {channel}", None), ("by {actor}", None)])
    two = Templates([("by {actor}", None), ("by {channel}", None)])
    assert translate("by radio", one, reader) == translate("by radio", two, reader) == "auteur : la radio"


@pytest.fixture
def _names_kept() -> object:
    kept = dict(i18n._scenario_names)
    yield
    i18n._scenario_names.clear()
    i18n._scenario_names.update(kept)
    i18n._merge_names()


def test_the_bundled_scenarios_give_each_name_one_translation() -> None:
    bundled = {find_scenario("tutorial").id, find_scenario("mali-2019").id}
    among_them = [
        (english, texts)
        for _language, english, texts in i18n.name_conflicts()
        if len({text for scenario, text in texts.items() if scenario in bundled}) > 1
    ]
    assert among_them == []


@pytest.mark.usefixtures("_names_kept")
def test_names_are_kept_by_scenario_and_the_last_registered_wins() -> None:
    i18n.use_names({"fr": {"Test rumour": "rumeur A"}}, "test-a")
    i18n.use_names({"fr": {"Test rumour": "rumeur B"}}, "test-b")
    i18n.set_language("fr")
    assert i18n.name("Test rumour") == "rumeur B"
    assert ("fr", "Test rumour", {"test-a": "rumeur A", "test-b": "rumeur B"}) in i18n.name_conflicts()
    i18n.use_names({"fr": {"Test rumour": "rumeur A"}}, "test-a")  # loaded again: it comes first
    assert i18n.name("Test rumour") == "rumeur A"
    i18n.use_names({"fr": {"Test rumour": "Test rumour"}}, "test-c")  # untranslated there
    assert i18n.name("Test rumour") == "rumeur A" and i18n.is_name("Test rumour")


def test_an_item_holding_the_list_s_separator_reads_whole_after_a_shorter_item() -> None:
    i18n.set_language("fr")
    # "early warning level 3" reads alone, but then ", with no response..." would be left English
    line = (
        "rolled 9, protection +1 (formed police unit +1, early warning level 3, with no response or "
        "helicopter to act on it +1, scattered villages far from any post -2)"
    )
    shown = i18n.recorded(line)
    assert "alerte précoce de niveau 3, sans intervention ni hélicoptère pour y donner suite +1" in shown
    assert not ENGLISH_WORDS.search(shown), shown


def test_a_unit_s_menu_group_reads_in_french() -> None:
    find_scenario("mali-2019")
    i18n.set_language("fr")
    assert i18n.recorded("Togolese battalion (Douentza) — Mopti, static, 900") == (
        "Bataillon togolais (Douentza) — Mopti, statique, 900"
    )
    assert i18n.recorded("Mobile Task Force — Gao, patrol, 850, Mobile Task Force").startswith(
        "Force opérationnelle mobile — Gao, "
    )


def test_french_contracts_a_and_de_with_a_name_s_article() -> None:
    i18n.set_language("fr")
    assert i18n.fit("à {place}", {"place": "le centre du Mali"}).format(place="x") == "au centre du Mali"
    assert i18n.fit("de {who}", {"who": "les groupes armés"}).format(who="x") == "des groupes armés"
    assert i18n.fit("à {place}", {"place": "la zone"}).format(place="la zone") == "à la zone"
    assert i18n.fit("à {place}", {"place": "Le {x}"}).format(place="Le {x}") == "à Le {x}"


def test_an_actor_s_short_name_reads_as_its_translated_name_s_brackets() -> None:
    find_scenario("mali-2019")
    i18n.set_language("fr")
    assert i18n.name("ISGS") == "EIGS"
    line = "P5 civilians: Gao scores 12: 12 = people 2; second choice; ISGS strikes (threat 3)"
    assert i18n.recorded(line).endswith("second choix\u00a0; EIGS frappe (menace 3)")


def test_lines_about_a_group_or_a_unit_need_no_agreement_with_its_name() -> None:
    find_scenario("mali-2019")
    i18n.set_language("fr")
    # a plural group's name with a verb in the singular read "Groupes d'autodéfense peuls a attaqué"
    assert i18n.recorded("Fulani self-defence groups attacked civilians in Mopti") == (
        "attaque de Groupes d'autodéfense peuls contre des civils à Mopti"
    )
    assert i18n.recorded("Malian defence and security forces (FAMa) killed civilians in Mopti") == (
        "civils tués par Forces de défense et de sécurité maliennes (FAMa) à Mopti"
    )
    # a feminine unit's name read "Force opérationnelle mobile est intervenu"
    line = "Mobile Task Force went out to Ségou: committed there, it responds to nothing else this turn"
    assert i18n.recorded(line).startswith("Force opérationnelle mobile\u00a0: intervention à Ségou")
    # the name first, as a label: no article missing before it ("Affecter Détachement de drones...")
    assert i18n.recorded("Put the Mobile Task Force in quick reaction posture") == (
        "Force opérationnelle mobile\u00a0: en posture de réaction rapide"
    )


def test_a_card_s_story_reads_as_one_french_sentence() -> None:
    i18n.set_language("fr")
    line = "In this game: the attack was deterred: 3 killed, of 39 the attackers could have killed unopposed."
    assert i18n.recorded(line) == (
        "Dans cette partie, attaque dissuadée (3 tués sur 39 que les assaillants auraient pu tuer sans "
        "opposition)."
    )


ENGLISH_WORDS = re.compile(r"\b(in|the|of|for|if|and|turns?|killed)\b")


@pytest.mark.parametrize("scenario", ["mali-2019", "tutorial"])
def test_every_card_preview_reads_in_french(scenario: str) -> None:
    """A group named with " in " (Islamic State in the Greater Sahara) once left "−1 in Gao" in English."""
    i18n.set_language("fr")
    game = Game.new(find_scenario(scenario), 1)
    ctx = game.context()
    for card in game.scenario.cards:
        lines = card_consequences(ctx, card)
        for option in card.choice.options if card.choice else ():
            lines += option_consequences(ctx, card, option)
        for line in lines:
            assert not ENGLISH_WORDS.search(i18n.recorded(line)), (card.id, line, i18n.recorded(line))
