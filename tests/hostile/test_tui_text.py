"""Names and notes from files and other players reach the terminal and the debrief as text, never as
escape sequences, Textual/Rich markup or raw HTML."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable, OptionList

from game.cli import main
from game.engine import Game
from game.engine import orders as O
from game.record.replay import Replay
from game.record.report import build_report, to_markdown
from game.record.saves import SaveMeta, save_as, save_dir, save_to
from game.syndicate.store import Session as Store
from game.text import clean, markdown
from game.tui.safe_app import never_draw_control_codes
from game.tui.screens.saves import SavesScreen
from tests.tui.conftest import new_app, settle

OSC = "\x1b]0;pwned\x07"  # sets the terminal's title
HOSTILE = f"{OSC}Eve [bold]loud[/bold] [@click=app.quit]click[/] [/]"
SHOWN = "\\x1b]0;pwned\\x07Eve [bold]loud[/bold] [@click=app.quit]click[/] [/]"


def test_clean_shows_control_characters_escaped() -> None:
    assert clean(HOSTILE) == SHOWN
    assert clean("a\x9bb\u202ec\nd\te") == "a\\x9bb\\u202ec\\x0ad\\x09e"  # C1 CSI, a direction override
    assert clean("line one\nline\ttwo\x1b", lines=True) == "line one\nline    two\\x1b"
    assert clean("Tombouctou – Gao, 2019 «ok»") == "Tombouctou – Gao, 2019 «ok»"


def test_markdown_escapes_html_links_and_markup_but_keeps_the_reports_bold() -> None:
    text = markdown("**Eve** <script>alert(1)</script> [x](javascript:alert(1)) _a_ | b\x1b")
    assert text.startswith("**Eve** ")
    assert "<script>" not in text and "\\<script\\>" in text
    assert "[x](" not in text and "\\[x\\](" in text
    assert "\\_a\\_" in text and "\\|" in text and "\x1b" not in text and "\\\\x1b" in text


def test_no_widget_draws_a_control_code_even_unescaped() -> None:
    never_draw_control_codes()  # done when the app module is imported; calling again is harmless
    assert "\x1b" not in Text(f"a{OSC}b").plain
    assert "\x1b" not in Content(f"a{OSC}b").plain
    assert "\x1b" not in Content.from_markup(f"a{OSC}b").plain
    assert Text("two\nlines\tkept").plain == "two\nlines\tkept"


def _shown_as_text(plain: str) -> bool:
    """The name as typed, markup and all; its control characters escaped (by clean) or replaced
    (by the save reader, which may get there first), never raw."""
    return (
        "\x1b" not in plain
        and "\x07" not in plain
        and "pwned" in plain
        and "Eve [bold]loud[/bold] [@click=app.quit]click[/] [/]" in plain
    )


def test_a_hostile_save_name_is_listed_as_text(mini) -> None:
    save_dir().mkdir(parents=True, exist_ok=True)
    meta = SaveMeta(mode="solo", seats={"srsg": HOSTILE}, name=HOSTILE)
    save_to(save_dir() / "hostile.json", Game.new(mini, 3), meta)

    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            prompt = app.screen.query_one(OptionList).get_option("continue").prompt
            assert isinstance(prompt, Text) and _shown_as_text(prompt.plain)
            await pilot.press("l")
            await settle(pilot)
            assert isinstance(app.screen, SavesScreen)
            row = app.screen.query_one(DataTable).get_row_at(0)
            assert isinstance(row[0], Text) and _shown_as_text(row[0].plain)
            assert all("\x1b" not in str(cell) for cell in row)
            screenshot = app.export_screenshot()
            assert "pwned" in screenshot and "click" in screenshot and "\x1b" not in screenshot
            await pilot.press("escape")
            await settle(pilot)
        assert app.return_code is None  # nothing clicked app.quit, nothing crashed on "[/]"

    asyncio.run(scenario())


def test_status_prints_a_seat_name_escaped(mini, tmp_path, capsys) -> None:
    path = tmp_path / "exercise.db"
    store = Store.host(path, mini, seed=4, seats=["srsg", "force_commander"], pin="2468")
    store.set_name("srsg", HOSTILE)
    store.close()
    assert main(["status", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\x07" not in printed
    assert "\\x1b]0;pwned\\x07Eve" in printed


def test_the_markdown_debrief_escapes_names_and_notes(mini) -> None:
    game = Game.new(mini, 2)
    game.apply(O.FacilitatorNote(text=f"{OSC}<script>alert(1)</script> [x](javascript:alert(1))"))
    game.end_turn()
    path = save_as(game, SaveMeta(mode="hotseat", seats={"srsg": f"<b>{OSC}Eve</b>"}), "escape")
    text = to_markdown(build_report([Replay.open(path)]))
    assert "\x1b" not in text and "\x07" not in text
    assert "<script>" not in text and "<b>" not in text and "[x](javascript" not in text
    assert "\\<script\\>alert(1)\\</script\\>" in text and "\\<b\\>\\\\x1b\\]0;pwned\\\\x07Eve" in text


def test_a_hostile_region_name_scenario_title_and_card_title_are_drawn_as_text() -> None:
    from game.scenario.catalog import find_scenario
    from game.tui.dialogs.card import CardDialog
    from game.tui.session import Session
    from tests.tui.test_snapshots import SOLO, playing

    data = find_scenario("tutorial").model_dump()
    data["title"] = data["regions"][0]["name"] = data["cards"][0]["title"] = HOSTILE
    scenario = type(find_scenario("tutorial")).model_validate(data)

    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await playing(pilot, Session.new(scenario, 11, {**SOLO}, "solo"))
            shots = [app.export_screenshot()]
            for key in ("o", "escape", "e"):
                await pilot.press(key)
                await settle(pilot)
                shots.append(app.export_screenshot())
            assert any(isinstance(screen, CardDialog) for screen in app.screen_stack)
        assert app.crash_message is None  # "[/]" in a name did not stop a screen
        assert all("\x1b" not in shot and "\x07" not in shot for shot in shots)
        assert any("pwned" in shot for shot in shots)

    asyncio.run(run())


def test_hotseat_names_and_card_titles_on_the_handoff_screen_are_drawn_as_text() -> None:
    """A player's name and a card title reach the handoff screen's title, text and button as typed."""
    import html

    from game.scenario.catalog import find_scenario
    from game.tui.screens.handoff import HandoffScreen
    from game.tui.session import Session
    from tests.tui.test_snapshots import SOLO

    session = Session.new(find_scenario("tutorial"), 11, dict.fromkeys(SOLO, HOSTILE), "hotseat")

    async def run() -> str:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(HandoffScreen(session, [HOSTILE]))
            await settle(pilot)
            assert isinstance(app.screen, HandoffScreen)
            shot = app.export_screenshot()
        assert app.crash_message is None  # "[/]" in a name did not stop the screen
        return html.unescape(shot).replace("\xa0", " ")

    shot = asyncio.run(run())
    assert "\x1b" not in shot and "\x07" not in shot
    assert shot.count("loud[/bold]") >= 3  # the title, the decision line and the button
