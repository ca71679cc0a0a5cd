"""Screens around the game: size checks, map by keys and mouse, leaving, Ctrl-C, continue, help, palette."""

from __future__ import annotations

import asyncio

from textual.widgets import MarkdownViewer

from game.record.saves import list_saves
from game.scenario.catalog import find_scenario
from game.tui.labels import short_name
from game.tui.screens.help import HelpScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from game.tui.screens.too_small import TooSmallScreen
from game.tui.session import Session
from game.tui.widgets.mali_map import MaliMap
from game.tui.widgets.region_panel import RegionPanel
from tests.tui.conftest import SEED, new_app, screen_name, settle
from tests.tui.test_orders import shown
from tests.tui.test_snapshots import SOLO, playing


def test_the_cursor_row_is_not_told_by_colour_alone() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            menu = app.screen.query_one("OptionList")
            style = menu.get_component_rich_style("option-list--option-highlighted")
            assert style.underline and style.bold

    asyncio.run(scenario())


def test_too_small_terminal_says_so_and_recovers_on_resize() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(70, 20)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, TooSmallScreen)
            text = shown(app.screen, "#too-small-text")
            assert "70×20" in text and "80×24" in text
            shown_at = app.screen.query_one("#too-small-text").region
            assert shown_at.right <= 70 and shown_at.height >= 4  # long lines wrap, none clipped
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            assert isinstance(app.screen, TitleScreen)

    asyncio.run(scenario())


def test_mali_2019_fits_80x24_and_shrinking_mid_game_keeps_the_game() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(80, 24)) as pilot:
            session = Session.new(find_scenario("mali-2019"), SEED, SOLO, "solo")
            await playing(pilot, session)
            world = app.screen.query_one(MaliMap)
            drawn = world.render().plain
            for region in session.game.scenario.regions:
                assert short_name(region.name) in drawn, region.id
            await pilot.resize_terminal(60, 20)
            await settle(pilot)
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.resize_terminal(120, 40)
            await settle(pilot)
            assert isinstance(app.screen, PlayScreen) and app.session is session

    asyncio.run(scenario())


def test_map_selection_by_arrow_keys_and_by_mouse() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            session = Session.new(find_scenario("mali-2019"), SEED, SOLO, "solo")
            await playing(pilot, session)
            world = app.screen.query_one(MaliMap)
            panel = app.screen.query_one(RegionPanel)
            start = world.selected
            await pilot.press("down")
            assert world.selected != start
            assert world.cells[world.selected][1] > world.cells[start][1], "down goes south"
            width, height = world.box_size()
            column, row = world.cells["segou"]
            await pilot.click(MaliMap, offset=(column * width + 3, row * height + 2))
            await settle(pilot)
            assert world.selected == "segou"
            assert "Ségou" in shown(panel, "#region-report")

    asyncio.run(scenario())


def test_leaving_asks_first_and_ctrl_c_saves_before_asking() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await playing(pilot)
            await pilot.press("escape")
            assert screen_name(pilot) == "ConfirmDialog"
            await pilot.press("n")
            assert isinstance(app.screen, PlayScreen)
            assert list_saves() == []
            await pilot.press("ctrl+c")
            await settle(pilot)
            assert screen_name(pilot) == "ConfirmDialog"
            saves = list_saves()
            assert len(saves) == 1 and saves[0].turn == 1
            await pilot.press("n")
            assert isinstance(app.screen, PlayScreen)
            await pilot.press("escape", "y")
            await settle(pilot)
            assert isinstance(app.screen, TitleScreen) and app.session is None

    asyncio.run(scenario())


def test_continue_opens_the_latest_game_where_it_was_left() -> None:
    async def first() -> str:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await playing(pilot)
            await pilot.press("c", "y", "s")
            await settle(pilot)
            return app.session.game.state.digest()

    async def second(expected: str) -> None:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            assert app.session is not None
            assert app.session.game.state.turn == 2
            assert app.session.game.state.digest() == expected

    asyncio.run(second(asyncio.run(first())))


def test_help_renders_the_rulebook_and_the_palette_has_the_main_actions() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await playing(pilot)
            titles = [command.title for command in app.get_system_commands(app.screen)]
            for wanted in ("Orders", "Commit turn", "Event cards", "Save game", "Leave game", "Rules"):
                assert wanted in titles
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            markdown = app.screen.query_one(MarkdownViewer).document.source
            assert "Sequence of play" in markdown
            await pilot.press("escape")
            assert isinstance(app.screen, PlayScreen)

    asyncio.run(scenario())


def test_the_saves_list_puts_what_tells_saves_apart_first() -> None:
    from textual.widgets import DataTable

    from game.engine import Game
    from game.record.saves import SUFFIX, SaveMeta, save_dir, save_to

    save_dir().mkdir(parents=True, exist_ok=True)
    game = Game.new(find_scenario("tutorial"), SEED)
    save_to(save_dir() / f"mine{SUFFIX}", game, SaveMeta(mode="solo", seats={}, name="mine"))
    (save_dir() / f"broken{SUFFIX}").write_text("garbage{")

    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("l")
            await settle(pilot)
            table = app.screen.query_one(DataTable)
            headers = [str(column.label) for column in table.columns.values()]
            assert headers[:4] == ["name", "turn", "month", "last played"]
            rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
            assert [str(cell) for cell in rows["mine"][1:3]] == ["1", "2019-01"]
            broken = rows["broken (cannot be read: Enter says why)"]
            assert "not a MINUSMA save" in broken[-1]

    asyncio.run(scenario())
