"""Teaching: the guided tutorial, the glossary from every screen, consequences before choices."""

from __future__ import annotations

import asyncio
import html
import io

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from game.engine import orders as O
from game.engine import tables as T
from game.engine.preview import option_consequences
from game.tui.guide import load_guide
from game.tui.order_menu import build_menu
from game.tui.screens.glossary import GlossaryScreen
from game.tui.widgets.guide_panel import GuidePanel
from game.tui.widgets.region_panel import region_report
from tests.tui.conftest import close_dialogs, new_app, screen_name, settle
from tests.tui.test_snapshots import playing, tutorial_session


def rendered(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def guide_step(pilot: Pilot) -> str | None:
    step = pilot.app.guide.step if pilot.app.guide else None
    return step.id if step else None


def panel(pilot: Pilot) -> GuidePanel:
    """The guide panel of the topmost screen that has one (a dialog may be over it)."""
    for screen in reversed(pilot.app.screen_stack):
        found = screen.query(GuidePanel)
        if found:
            return found.first()
    raise AssertionError("no screen shows the guide panel")


async def keys(pilot: Pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await settle(pilot)
    pilot.app.guide_tick()  # what the key tick does after the refresh, without waiting for it


async def choose(pilot: Pilot, role: str, group_key: str, order: O.Order) -> None:
    """From a fresh orders screen: down to the group, open it, down to the order, Enter."""
    game = pilot.app.session.game
    menu = build_menu(game, role)
    group = next(g for g in menu if g.key == group_key)
    downs = [g.key for g in menu].index(group_key)
    item = [i.order for i in group.items].index(order)
    await keys(pilot, *["down"] * downs, "right", *["down"] * (item + 1), "enter")


def test_the_guided_tutorial_can_be_completed_step_by_step_at_80x24() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await keys(pilot, "t")  # title screen: Tutorial (guided)
            assert guide_step(pilot) == "welcome"
            shown = panel(pilot)
            assert shown.display and "Tutorial 1/" in rendered(shown.content)
            await close_dialogs(pilot)  # Koulogon, then the month's generic card
            await keys(pilot, "n")
            assert guide_step(pilot) == "no_warning"
            assert "Koulogon strikes unwarned" in rendered(panel(pilot).content)
            await keys(pilot, "n")
            assert guide_step(pilot) == "open_orders"
            await keys(pilot, "o")
            assert guide_step(pilot) == "force_commander"
            await keys(pilot, "2")
            assert guide_step(pilot) == "task_drone"
            await choose(
                pilot,
                "force_commander",
                "air:tactical_uav",
                O.TaskAviation(asset="tactical_uav", region="mopti"),
            )
            assert guide_step(pilot) == "quick_reaction"
            await keys(pilot, "escape", "o")
            await choose(
                pilot, "force_commander", "unit:mtf", O.SetPosture(unit="mtf", posture="quick_reaction")
            )
            assert guide_step(pilot) == "tier_one"
            await keys(pilot, "3")
            tier = O.SetPocActivity(region="mopti", tier="I", points=1)
            await choose(pilot, "police_commissioner", "poc:mopti", tier)
            assert guide_step(pilot) == "glossary"
            await keys(pilot, "g")
            assert isinstance(app.screen, GlossaryScreen)
            assert guide_step(pilot) == "commit"
            await keys(pilot, "escape", "escape", "c", "y")
            assert app.session.game.state.turn == 2
            assert guide_step(pilot) == "ask_why"
            await keys(pilot, "a", "enter")
            assert screen_name(pilot) == "SitrepScreen"
            await keys(pilot, "down")  # onto a change: the pane says why
            assert guide_step(pilot) == "february"
            await keys(pilot, "c")
            await close_dialogs(pilot)
            await keys(pilot)
            assert guide_step(pilot) == "warning_rose"
            assert app.session.game.state.regions["mopti"].warning == 2  # drone +1, Tier I +1
            await keys(pilot, "n")
            assert guide_step(pilot) == "on_your_own"
            await keys(pilot, "n")
            assert not app.guide.active
            assert not panel(pilot).display

    asyncio.run(scenario())


def test_the_guide_can_be_skipped_and_ended() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await keys(pilot, "t")
            await close_dialogs(pilot)
            await keys(pilot, "n", "n", "n")  # read two explanations, skip one step
            assert guide_step(pilot) == "force_commander"
            await keys(pilot, "N")
            assert not app.guide.active
            assert not panel(pilot).display
            await keys(pilot, "n")  # no guide: n does nothing
            assert screen_name(pilot) == "PlayScreen"
            await keys(pilot, "escape", "y")  # leave: a new game has no guide
            assert app.guide is None

    asyncio.run(scenario())


def test_the_guide_file_is_validated_and_short_enough_for_80_columns() -> None:
    guide = load_guide("tutorial")
    assert guide.scenario == "tutorial"
    ids = [step.id for step in guide.steps]
    assert len(ids) == len(set(ids))
    assert {"task_drone", "commit", "ask_why", "no_warning"} <= set(ids)
    assert all(len(step.text) <= 200 for step in guide.steps)


def test_the_glossary_opens_from_the_map_orders_and_sitrep() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await playing(pilot)
            for opening in ((), ("o",), ("escape", "c", "y", "a", "enter")):
                await pilot.press(*opening)
                await settle(pilot)
                under = screen_name(pilot)
                await pilot.press("g")
                await settle(pilot)
                assert isinstance(app.screen, GlossaryScreen), under
                await pilot.press(*"TOB")
                await settle(pilot)
                assert app.screen.terms[0].term == "TOB"
                meaning = rendered(app.screen.query_one("#glossary-meaning", Static).content)
                assert "Temporary operating base" in meaning
                await pilot.press("escape")
                await settle(pilot)
                assert screen_name(pilot) == under
            assert under == "SitrepScreen"
            titles = [command.title for command in app.get_system_commands(app.screen)]
            assert "Glossary" in titles

    asyncio.run(scenario())


def test_glossary_terms_in_brackets_are_listed_as_written() -> None:
    """'[N]' is a term, not console markup: the list must show its brackets."""

    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await playing(pilot)
            await pilot.press("g")
            await settle(pilot)
            listing = app.screen.query_one(OptionList)
            first = app.screen.terms[0].term
            assert first.startswith("[N]"), first
            listing.highlighted = 1  # the meaning pane now shows another term: only the list shows [N]
            await settle(pilot)
            screen = html.unescape(app.export_screenshot()).replace("\xa0", " ")
            assert first in screen

    asyncio.run(scenario())


def test_an_order_and_a_card_option_show_their_rule_consequences() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            session = tutorial_session()
            await playing(pilot, session)
            await pilot.press("o")
            await settle(pilot)
            menu = build_menu(session.game, "srsg")
            group = next(g for g in menu if g.key == "policy:poc_definition")
            downs = [g.key for g in menu].index(group.key)
            define = [i.order for i in group.items].index(
                O.SetPolicy(name="poc_definition", value="define_poc")
            )
            await pilot.press(*["down"] * downs, "right", *["down"] * (define + 1))
            await settle(pilot)
            detail = rendered(app.screen.query_one("#order-detail", Static).content)
            assert "By the rules:" in detail
            assert f"protection +{T.POC_DEFINED_BONUS} wherever units act to protect" in detail
            assert f"−{T.POLICY_CHANGE_CREDIBILITY} credibility everywhere" in detail
            await pilot.press("escape", "e")
            await settle(pilot)
            card = next(
                session.game.index.cards[c]
                for c in session.game.state.current.cards
                if session.game.index.cards[c].choice
            )
            while app.screen.card.id != card.id:
                await pilot.press("enter")
                await settle(pilot)
            preview = rendered(app.screen.query_one("#card-preview", Static).content)
            default = next(o for o in card.choice.options if o.id == card.choice.default)
            assert "; ".join(option_consequences(session.game.context(), card, default)) in preview
            await pilot.press("up" if card.choice.options[0] != default else "down")
            await settle(pilot)
            preview = rendered(app.screen.query_one("#card-preview", Static).content)
            other = next(o for o in card.choice.options if o.id != default.id)
            assert option_consequences(session.game.context(), card, other)[0] in preview

    asyncio.run(scenario())


def test_partners_are_not_listed_under_threats() -> None:
    session = tutorial_session()
    text = rendered(region_report(session.game, "mopti"))
    threats, _, partners = text.partition("Partner forces")
    assert "Malian defence and security forces" not in threats.split("Threats", 1)[1]
    assert "Malian defence and security forces (FAMa)" in partners.split("Forces present")[0]
    assert "Dan Na Ambassagou" in threats


def test_a_broken_guide_file_is_refused_with_its_file_and_field(tmp_path, monkeypatch) -> None:
    import pytest

    from game.tui import guide as guide_module

    bad = tmp_path / "tutorial.yaml"
    bad.write_text("scenario: tutorial\nsteps:\n  - id: a\n    title: A\n    text: t\n    done_when:\n"
                   "      - {type: fly}\n", encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(guide_module, "guide_path", lambda name: bad)
    with pytest.raises(guide_module.GuideError, match=r"tutorial\.yaml: steps\.0\.done_when\.0"):
        guide_module.load_guide("tutorial")


def test_steps_of_a_turn_already_played_are_passed_over() -> None:
    from game.engine import Game
    from game.scenario.catalog import find_scenario
    from game.tui.guide import Guide

    game = Game.new(find_scenario("tutorial"), seed=3)
    guide = Guide.load("tutorial")
    assert not guide.advance(game) and guide.step.id == "welcome"  # n is needed to read it
    game.end_turn()  # the officer committed without following the first month's steps
    assert guide.advance(game)
    assert guide.step.id == "ask_why"  # January's steps are over; the SITREP's comes next


def test_f1_opens_the_rules_over_an_event_card_and_escape_returns_to_it() -> None:
    from game.tui.dialogs.card import CardDialog
    from game.tui.screens.help import HelpScreen

    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            app.play(tutorial_session())
            await settle(pilot)
            assert isinstance(app.screen, CardDialog)
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, CardDialog)

    asyncio.run(scenario())
