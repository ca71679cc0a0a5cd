"""The debrief's hot-wash sections: what each card led to, every seat's orders, every attack and why."""

from __future__ import annotations

import pytest

from game import i18n
from game.bots.policies import POLICIES
from game.engine import Game
from game.record.hotwash import ADVERSARY_MOVES, ARMED_GROUPS_MOVE, attacks_of
from game.record.replay import Replay
from game.record.report import Table, build_report, to_markdown
from game.record.saves import SaveMeta, save_as, save_to
from game.scenario.catalog import find_scenario


@pytest.fixture
def replay() -> Replay:
    game = Game.new(find_scenario("mali-2019"), 7)
    for _ in range(4):
        POLICIES["poc-first-mtf-air"].play(game)
        game.end_turn()
    path = save_as(game, SaveMeta(mode="solo", seats={}), "hot-wash")
    return Replay.open(path)


def _section(markdown: str, title: str) -> str:
    start = markdown.index(f"## {title}")
    return markdown[start : markdown.index("\n## ", start + 1)]


def test_each_card_says_what_it_came_to_in_this_game(replay: Replay) -> None:
    text = _section(to_markdown(build_report([replay])), "What each event led to")
    koulogon = replay.game.state.card_results["koulogon_2019"]
    line = next(line for line in text.splitlines() if "**Koulogon massacre**" in line)
    assert f"In this game: the attack was {koulogon.outcome.replace('_', ' ')}" in line
    assert f"civilians killed +{koulogon.deaths} in Mopti" in line or koulogon.deaths == 0
    for view in replay.turns:
        for card_id in view.record.cards:
            assert replay.card(card_id).title in text


def test_every_seat_s_operational_orders_are_listed(replay: Replay) -> None:
    text = _section(to_markdown(build_report([replay])), "Orders by seat")
    for role in ("Force Commander", "Police Commissioner", "Chief of Strategic Communications", "SRSG"):
        assert f"**{role}**" in text
    (section,) = [s for s in build_report([replay]).sections if s.anchor == "orders"]
    cells = " ".join(row[2] for block in section.blocks if isinstance(block, Table) for row in block.rows)
    for given in replay.turns[0].orders:
        assert given.text in cells  # moves, postures, bases, aviation, activities, messages, policies


def test_attacks_are_listed_by_region_with_outcome_and_causes(replay: Replay) -> None:
    attacks = attacks_of(replay)
    assert attacks
    results = replay.game.state.card_results
    koulogon = next(a for a in attacks if a.source.startswith("Koulogon massacre"))
    assert koulogon.region == "mopti" and koulogon.killed == results["koulogon_2019"].deaths
    assert koulogon.outcome.startswith(results["koulogon_2019"].outcome.replace("_", " "))
    assert koulogon.protection.startswith("rolled ")
    for attack in attacks:
        assert attack.outcome.split(":")[0] in {
            "prevented",
            "deterred",
            "mitigated",
            "partly mitigated",
            "unopposed",
        }
    text = _section(to_markdown(build_report([replay])), "Attacks and their causes, by region")
    assert "**Mopti**:" in text and "roll and protection" in text


def test_the_replay_tells_a_card_s_outcome_beside_its_history(replay: Replay) -> None:
    import io

    from rich.console import Console

    from game.tui.replay.views import turn_story

    console = Console(width=300, record=True, file=io.StringIO())
    console.print(turn_story(replay, 1))
    text = console.export_text()
    koulogon = replay.game.state.card_results["koulogon_2019"]
    assert f"In this game: the attack was {koulogon.outcome.replace('_', ' ')}" in text
    assert "In history: On New Year's Day" in text


def test_an_attack_s_source_is_its_card_or_the_armed_groups_move(replay: Replay) -> None:
    attacks = attacks_of(replay)
    titles = {card.title for card in replay.scenario.cards}
    moves = {ARMED_GROUPS_MOVE, *ADVERSARY_MOVES.values()}
    for attack in attacks:  # not the first words of the bot's reason ("Gao scores 5472")
        assert attack.source in moves or attack.source.removesuffix(" (no warning)") in titles, attack.source
    assert any(attack.source in moves for attack in attacks)


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Replay:
    """A whole mali-2019 game: its scorecard reaches the half-year 2021-H1."""
    game = Game.new(find_scenario("mali-2019"), 7, undo=False)
    while not game.is_over():
        POLICIES["historical"].play(game)
        game.end_turn()
    return Replay.open(save_to(tmp_path_factory.mktemp("whole") / "whole.json", game, SaveMeta("solo", {})))


def test_the_french_debrief_reads_sources_periods_and_zones_in_french(whole: Replay) -> None:
    i18n.set_language("fr")
    try:
        text = to_markdown(build_report([whole])).replace("\u00a0", " ").replace("\u202f", " ")
    finally:
        i18n.set_language("en")
    assert "(sans alerte)" in text and "choix des groupes armés : civils" in text
    assert "(no warning)" not in text and " scores " not in text
    assert "-S1 |" in text and "-H1" not in text  # the half-year as the TUI writes it
    assert "| au centre du Mali |" in text and "à le " not in text
    assert "tirs croisés" in text and "crossfire" not in text


def test_the_french_orders_by_seat_read_the_unit_s_name_first(replay: Replay) -> None:
    i18n.set_language("fr")
    try:
        text = to_markdown(build_report([replay]))
    finally:
        i18n.set_language("en")
    orders = text.split('<a id="orders"></a>')[1].split("<a id=")[0]
    assert "Affecter " not in orders and "Mettre " not in orders, orders
    assert "Bataillon togolais (Douentza)\u00a0: en patrouille\u00a0; " in orders
