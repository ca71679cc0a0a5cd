"""Bugs of an officer's first game, through the keyboard: the orders cursor, `w`, replaced orders."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from pathlib import Path

from textual.widgets import DataTable, Label, OptionList, Static, TabbedContent

from game.bots.policies import POLICIES
from game.cli import main
from game.engine import Game, score
from game.engine import orders as O
from game.engine.score import say_do_gap
from game.record.replay import Replay
from game.record.report import build_report, to_markdown
from game.record.saves import SaveMeta, save_as
from game.scenario.catalog import find_scenario
from game.tui.dialogs.card import CardDialog
from game.tui.labels import say_do_text
from game.tui.order_menu import build_menu
from game.tui.replay import views
from game.tui.replay.app import ReplayApp
from game.tui.screens.help import HelpScreen
from game.tui.screens.orders import OrdersScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.results import phase_text
from game.tui.widgets.mali_map import MaliMap
from game.tui.widgets.order_tree import OrderTree
from tests.record.test_plain_words import text_of
from tests.tui.conftest import close_dialogs, new_app, settle
from tests.tui.test_snapshots import playing, tutorial_session


def _keys_to_group(session, role: str, key: str) -> list[str]:
    """Keys from the top of a fresh orders tree to the first order of one group."""
    groups = [group.key for group in build_menu(session.game, role)]
    return [*["down"] * groups.index(key), "right", "right"]


def test_enter_twice_gives_the_same_order_not_its_new_neighbour() -> None:
    """The menu re-sorts after an order (allowed first); the cursor must stay on what it was on."""

    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            session = tutorial_session()
            session.select_seat("srsg")
            await playing(pilot, session)
            await pilot.press("o")
            await settle(pilot)
            await pilot.press(*_keys_to_group(session, "srsg", "policy:poc_definition"))
            await settle(pilot)
            tree = app.screen.query_one(OrderTree)
            first = tree.chosen_order()
            assert first == O.SetPolicy(name="poc_definition", value="define_poc")
            await pilot.press("enter")
            await settle(pilot)
            assert tree.chosen_order() == first  # it moved down to the refused orders; so did the cursor
            detail = str(app.screen.query_one("#order-detail", Static).content)
            assert detail.startswith("✓ Given") and "Not allowed" not in detail
            await pilot.press("enter")
            await settle(pilot)
            assert session.game.pending_orders() == [first]  # the second Enter was refused, not "avoid term"

    asyncio.run(scenario())


def test_w_withdraws_the_order_under_the_cursor_else_the_last_given() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            session = tutorial_session()
            session.select_seat("srsg")
            await playing(pilot, session)
            await pilot.press("o")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, OrdersScreen)
            define = O.SetPolicy(name="poc_definition", value="define_poc")
            people = O.SetPolicy(name="orientation", value="people_centred")
            await pilot.press(*_keys_to_group(session, "srsg", "policy:poc_definition"), "enter")
            await pilot.press("left", "left", "down", "right", "right")  # the orientation group's first order
            await settle(pilot)
            assert screen.query_one(OrderTree).chosen_order() == people
            await pilot.press("enter")
            await settle(pilot)
            assert session.game.pending_orders() == [define, people]
            await pilot.press("up", "up")  # the cursor on the PoC definition group, on no order
            await pilot.press("w")  # the last order given goes, not the first
            await settle(pilot)
            assert session.game.pending_orders() == [define]
            tree = screen.query_one(OrderTree)
            tree.move_cursor(next(n for n in tree._all_nodes() if getattr(n.data, "order", None) == people))
            await pilot.press("enter")  # people-centred again
            await settle(pilot)
            assert session.game.pending_orders() == [define, people]
            node = next(n for n in tree._all_nodes() if getattr(n.data, "order", None) == define)
            node.parent.expand()  # "left" closed its group on the way down
            await settle(pilot)
            tree.move_cursor(node)
            await settle(pilot)
            assert tree.chosen_order() == define
            await pilot.press("w")  # the highlighted pending order goes, though it was given first
            await settle(pilot)
            assert session.game.pending_orders() == [people]

    asyncio.run(scenario())


def test_a_replaced_order_is_not_counted_and_standing_down_refunds_the_hours() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            session = tutorial_session()
            session.select_seat("force_commander")
            game = session.game
            hours = game.state.aviation["md500_elsalvador"].hours
            await playing(pilot, session)
            await pilot.press("o")
            await settle(pilot)
            screen = app.screen
            screen.give(
                next(
                    i
                    for g in build_menu(game, "force_commander")
                    for i in g.items
                    if i.order == (O.TaskAviation(asset="md500_elsalvador", region="tombouctou"))
                )
            )
            stand_down = O.TaskAviation(asset="md500_elsalvador", region=None)
            screen.give(
                next(i for g in build_menu(game, "force_commander") for i in g.items if i.order == stand_down)
            )
            await settle(pilot)
            assert game.state.aviation["md500_elsalvador"].hours == hours
            title = str(screen.query_one("#pending-title", Label).content)
            assert (
                title.startswith("Pending orders of this seat: 1 ")
                and "1 order replaced by a later one" in title
            )
            listing = screen.query_one("#pending", OptionList)
            assert "replaced by a later order" in str(listing.get_option_at_index(0).prompt)
            assert "Stand the Salvadoran armed MD-500E flight down" in str(
                listing.get_option_at_index(1).prompt
            )

    asyncio.run(scenario())


def test_on_continue_the_card_comes_before_the_map_takes_keys() -> None:
    """Keys pressed while the turn's card is coming up must not act on the map or open orders."""

    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(80, 24)) as pilot:
            session = tutorial_session()  # its cards not seen yet, as after Continue or Load
            app.play(session)
            await pilot.press("down", "o")  # at once, before anything settled
            await settle(pilot)
            assert isinstance(app.screen, CardDialog)
            play = next(s for s in app.screen_stack if isinstance(s, PlayScreen))
            assert play.opening and play.query_one(MaliMap).selected == session.game.index.region_order[0]
            await close_dialogs(pilot)
            await settle(pilot)
            assert isinstance(app.screen, PlayScreen) and not play.opening
            assert app.focused is play.query_one(MaliMap)
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, OrdersScreen)

    asyncio.run(scenario())


def _saved_game(turns: int = 2) -> Path:
    game = Game.new(find_scenario("tutorial"), 3)
    for _ in range(turns):
        POLICIES["historical"].play(game)
        game.end_turn()
    return save_as(game, SaveMeta(mode="solo", seats={}), "replay keys")


def test_replay_f1_and_the_tab_keys_work_and_show_in_the_footer() -> None:
    async def scenario() -> None:
        app = ReplayApp(_saved_game())  # the viewer on its own, as `minusma replay FILE` runs it
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            shown = [b.binding for b in app.active_bindings.values() if b.binding.show]
            footer = {binding.key_display or binding.key: binding.description for binding in shown}
            assert footer.get("1-4") == "Tabs" and footer.get("escape") == "Close"
            tabs = screen.query_one("#tabs", TabbedContent)
            for key, tab in (
                ("2", "changes-tab"),
                ("3", "map"),
                ("4", "charts"),
                ("1", "turn"),
                ("t", "changes-tab"),
            ):
                await pilot.press(key)
                await pilot.pause()
                assert tabs.active == tab, key
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)

    asyncio.run(scenario())


def test_replay_changes_show_the_whole_change_first() -> None:
    """A long unit name under "where" must not push the change itself off screen."""

    async def scenario() -> None:
        app = ReplayApp(_saved_game(1))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("2")
            await pilot.pause()
            table = app.screen.query_one("#changes", DataTable)
            assert [str(c.label) for c in table.columns.values()][:2] == ["phase", "change"]
            deltas = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
            record = Replay.open(app.replay).turn(1).record
            assert deltas == [f"{c.delta:+d} → {c.after}" for c in record.changes]

    asyncio.run(scenario())


def test_play_with_a_scenario_starts_the_game_at_once() -> None:
    """`minusma play --scenario tutorial --seed 3` starts playing, as the README says."""

    async def scenario() -> None:
        app = new_app(scenario="tutorial", seed=3)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert any(isinstance(screen, PlayScreen) for screen in app.screen_stack)
            assert app.session is not None
            assert app.session.game.scenario.id == "tutorial" and app.session.game.state.seed == 3
            assert isinstance(app.screen, CardDialog)  # the turn opens with its event cards

    asyncio.run(scenario())


def test_an_unknown_scenario_is_one_plain_line(capsys) -> None:
    assert main(["play", "--scenario", "nosuch"]) == 2
    assert capsys.readouterr().err == "minusma: unknown scenario 'nosuch'; choose from: mali-2019, tutorial\n"


def test_counts_read_in_the_singular_when_there_is_one() -> None:
    session = tutorial_session()
    session.game.end_turn()
    last = session.game.observe(session.seat).last
    assert last is not None
    record = dataclasses.replace(last, peacekeepers_killed=1, civilians_killed=1)
    text = phase_text(session, record, "assessment").plain
    assert "This turn: 1 civilian killed, 1 peacekeeper killed." in text
    assert "1 peacekeepers" not in text


def test_the_say_do_gap_reads_the_same_on_every_screen_and_file() -> None:
    """rules.md §8.3: the gap is Say beyond Do, never negative: results, SITREP, replay, report, summary."""
    game = Game.new(find_scenario("tutorial"), 3)
    while not game.is_over():
        POLICIES["poc-first-mtf-air"].play(game)
        game.end_turn()
    records = game.state.history
    assert any(r.do > r.say for r in records), "the test needs a turn where Do is ahead"
    session = tutorial_session()
    session.game = game
    replay = Replay.open(save_as(game, SaveMeta(mode="solo", seats={}), "say do"))
    markdown = to_markdown(build_report([replay]))
    rows = {
        m[0]: m[1:] for m in re.findall(r"^\| (\d{4}-\d\d) \| (\d+) \| (\d+) \| (-?\d+) \|$", markdown, re.M)
    }
    gaps = []
    for number, record in enumerate(records, start=1):
        gap = say_do_gap(record.say, record.do)
        gaps.append(gap)
        line = f"Say {record.say} · Do {record.do} · gap {gap}"
        assert line in phase_text(session, record, "information").plain
        assert line in text_of(views.turn_story(replay, number))
        assert rows[record.month] == (str(record.say), str(record.do), str(gap))
        if record.do > record.say:
            assert f"gap 0 (Do ahead by {record.do - record.say})" in say_do_text(record.say, record.do)
    card = score(game.scenario, game.state)
    assert card.say_do_gap_mean_tenths == sum(gaps) * 10 // len(gaps)
    assert f"Say–Do gap, mean per turn: {card.say_do_gap_mean_tenths / 10:.1f}." in markdown


def test_the_srsg_is_told_which_renewal_case_counts() -> None:
    session = tutorial_session()
    group = next(g for g in build_menu(session.game, "srsg") if g.key == "policy:renewal_case")
    assert "the decision taken there is the one that counts" in group.detail
    assert "argued if no decision is taken" in group.detail
