"""The engine's English lines read in French through i18n.recorded(): whole games, plurals, unknown text."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game import i18n
from game.bots.policies import POLICIES
from game.engine import Game
from game.engine import orders as O
from game.engine.sides import GREEN, RED
from game.engine.view import MISSION_SEATS
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
    """Every line the engine made for players in a whole game, and the scenario's own card text."""
    spec = find_scenario(scenario)
    game = Game.new(spec, seed, undo=False)
    lines: list[str] = []
    while not game.is_over():
        if game.turn == 1:  # refusals, descriptions and previews of every seat's orders
            ctx = game.context()
            for seat in (*MISSION_SEATS, O.FACILITATOR, RED, GREEN):
                for order in game.candidate_orders(seat):
                    lines.append(O.describe(order, ctx))
                    lines.extend(O.kind_of(order).preview(order, ctx))
                    lines.append(game.why_illegal(order, seat) or "")
        POLICIES[policy].play(game)
        game.end_turn()
    for record in game.records():
        lines.extend(record.adversary)
        for change in record.changes:
            lines.append(change.summary)
            lines.extend(cause.detail for cause in change.causes)
    card_text = {card.title for card in spec.cards}
    card_text |= {effect.note for card in spec.cards for effect in card.effects if effect.note}
    for card in spec.cards:
        for option in card.choice.options if card.choice else ():
            card_text |= {effect.note for effect in option.effects if effect.note}
    return tuple(dict.fromkeys(line for line in lines if line)), frozenset(card_text)


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
    assert i18n.recorded("5 civilians killed in Mopti") == "tués à Mopti\u00a0: 5 civils"


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
