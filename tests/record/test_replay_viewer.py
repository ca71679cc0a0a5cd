"""The replay viewer in a headless terminal: step, jump, tabs, the timeline, forks and bad saves."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from rich.console import Console
from textual.widgets import DataTable, Label, OptionList, Static, TabbedContent

from game.record.replay import Replay
from game.record.saves import load
from game.tui.replay.app import ReplayApp
from game.tui.replay.screen import ReplayScreen

SIZE = (140, 45)


def text_of(app: ReplayApp, selector: str) -> str:
    """The plain text a Static shows (rich renderables printed without colour)."""
    console = Console(width=SIZE[0], record=True, file=io.StringIO())
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


def heading(app: ReplayApp) -> str:
    return text_of(app, "#turn-heading")


def test_step_jump_and_tabs(mini, mini_save) -> None:
    async def scenario() -> None:
        app = ReplayApp(mini_save)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReplayScreen) and screen.turn == 1
            assert heading(app).startswith("Turn 1/4 · 2019-01")
            await pilot.press("right")
            assert screen.turn == 2 and heading(app).startswith("Turn 2/4 · 2019-02")
            assert screen.query_one("#timeline", OptionList).highlighted == 1
            await pilot.press("end")
            assert screen.turn == 4
            await pilot.press("right")
            assert screen.turn == 4, "stepping past the last turn stays there"
            await pilot.press("home", "left")
            assert screen.turn == 1
            await pilot.press("g")
            await pilot.press("backspace", "9", "enter")
            assert "from 1 to 4" in str(app.screen.query_one("#jump-problem", Label).content)
            await pilot.press("backspace", "3", "enter")
            await pilot.pause()
            assert app.screen is screen and screen.turn == 3
            await pilot.press("2")
            assert screen.query_one("#tabs", TabbedContent).active == "changes-tab"
            changes = screen.query_one("#changes", DataTable)
            replay = Replay.open(mini_save)
            assert changes.row_count == len(replay.turn(3).record.changes)
            await pilot.press("right")
            assert changes.row_count == len(replay.turn(4).record.changes), "the open tab follows the turn"
            await pilot.press("left")
            await pilot.press("3")
            assert screen.query_one("#tabs", TabbedContent).active == "map"
            assert "Centre" in text_of(app, "#map-canvas")
            await pilot.press("4")
            await pilot.pause()
            assert screen.query_one("#tabs", TabbedContent).active == "charts"
            await pilot.press("escape")
        assert app.return_value is None

    asyncio.run(scenario())


def test_the_turn_tells_its_story(mini_save) -> None:
    async def scenario() -> None:
        app = ReplayApp(mini_save, turn=1)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            story = text_of(app, "#story")
            assert "Facilitator" in story and "Watch the centre." in story
            assert "Armed groups" in story and "Civilians killed" in story

    asyncio.run(scenario())


def test_choosing_a_turn_in_the_timeline_shows_it(mini_save) -> None:
    async def scenario() -> None:
        app = ReplayApp(mini_save)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            timeline = app.screen.query_one("#timeline", OptionList)
            timeline.focus()
            await pilot.press("down", "down", "enter")
            assert app.screen.turn == 3

    asyncio.run(scenario())


def test_take_command_saves_a_fork_that_loads(mini_save) -> None:
    async def scenario() -> None:
        app = ReplayApp(mini_save, turn=2)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f")
            await pilot.pause()
            await pilot.click("#fork")
            await pilot.pause()
        forked = app.return_value
        assert isinstance(forked, Path) and forked.exists()
        game, meta = load(forked)
        assert (meta.parent, meta.fork_turn, game.state.turn) == (mini_save.name, 2, 2)

    asyncio.run(scenario())


def test_cancelling_the_fork_keeps_the_replay(mini_save) -> None:
    async def scenario() -> None:
        app = ReplayApp(mini_save, turn=2)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ReplayScreen) and app.screen.turn == 2
            assert not list(mini_save.parent.glob("*fork*"))

    asyncio.run(scenario())


def test_a_bad_save_shows_why_and_closes(tmp_path) -> None:
    async def scenario() -> None:
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "minusma-save", "version": 7}', encoding="utf-8")
        app = ReplayApp(bad)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            text = text_of(app, "#problem")
            assert "cannot be replayed" in text and "newer version" in text
            await pilot.press("escape")
        assert app.return_value is None

    asyncio.run(scenario())


def test_a_debrief_note_is_written_into_the_save(mini_save) -> None:
    before = load(mini_save)[0].state.to_json()

    async def scenario() -> None:
        app = ReplayApp(mini_save, turn=3)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            await pilot.press(*"Why no patrols?", "enter")
            await pilot.pause()
            assert "Why no patrols?" in text_of(app, "#story")

    asyncio.run(scenario())
    game, meta = load(mini_save)
    assert meta.notes == {2: "Why Gao?", 3: "Why no patrols?"}
    assert game.state.to_json() == before, "a note never touches the game itself"
