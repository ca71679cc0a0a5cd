"""MinusmaApp, the app factory shared by the CLI and the tests, and run() for `minusma play`."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Tree

from game.crash import write_crash_report
from game.errors import UserError
from game.i18n import N_, _
from game.text import clean
from game.tui.key_hints import retranslate
from game.tui.safe_app import SafeApp
from game.tui.screens.title import TitleScreen
from game.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

if TYPE_CHECKING:
    from textual.timer import Timer

    from game.tui.guide import Guide
    from game.tui.session import PlaySession

# The screens a guide step may ask the player to open, by class name.
GUIDE_SCREENS = {
    "OrdersScreen": "orders",
    "SitrepScreen": "sitrep",
    "GlossaryScreen": "glossary",
    "TurnResultsScreen": "results",
    "HelpScreen": "rules",
}


TUTORIAL_SEED = 3  # the guided tutorial plays the same month-by-month story for every new officer


class MinusmaApp(SafeApp[int]):
    """The whole game in the terminal. Screens hold no rules: they call the engine through Session."""

    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so that subclasses find it too
    # The other screens' styles: not parsed before the title's first frame (issue 17).
    SCREENS_CSS_PATH = Path(__file__).parent / "screens.tcss"
    TITLE = N_("MINUSMA: Protection of Civilians")
    ENABLE_COMMAND_PALETTE = True
    # Screens under 110 columns get the class -narrow: their footers close up (app.tcss), so that the
    # map's keys fit whole in French at 100 columns too.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012 (Textual types it so)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "leave", N_("Quit"), show=False, priority=True),
        Binding("ctrl+q", "leave", N_("Quit"), show=False, priority=True),
        Binding("f1", "rules", N_("Rules"), priority=True),  # also over dialogs (an event card)
        Binding("g", "glossary", N_("Glossary")),
        Binding("n", "guide_next", N_("Next step")),
        Binding("N", "guide_end", N_("End guide"), show=False),
    ]

    def __init__(
        self,
        scenario: str | None = None,
        seed: int | None = None,
        load: str | None = None,
    ):
        super().__init__()
        self.start_scenario = scenario
        self.start_seed = seed
        self.start_load = load
        self.session: PlaySession | None = None
        self.guide: Guide | None = None  # the guided tutorial's steps, while one is running
        self._guide_timer: Timer | None = None  # also after each key: this catches mouse-only play

    def get_css_variables(self) -> dict[str, str]:
        # The cursor row of lists, trees and tables is also underlined, so that it is not told by
        # colour alone (monochrome terminals and projectors, colour-blind players).
        return {**super().get_css_variables(), "block-cursor-text-style": "bold underline"}

    def get_default_screen(self) -> TitleScreen:
        """The title is the app's first screen: one screen to build and draw before the first frame.
        It starts with its width's class (HORIZONTAL_BREAKPOINTS, as Textual picks it): set at the
        first resize, the class restyled every widget of the title before the first frame."""
        title = TitleScreen()
        width = self.console.size.width  # not self.size: before the driver's, it would fix its size
        title.add_class([name for least, name in self.HORIZONTAL_BREAKPOINTS if width >= least][-1])
        return title

    def on_mount(self, event: events.Mount) -> None:
        self.title = _(self.TITLE)
        self.call_after_refresh(self.load_screens_css)  # before a game that --scenario opens
        if self.start_load:
            self.call_after_refresh(self.open_save, self.start_load)
        elif self.start_scenario:
            self.call_after_refresh(self.start_new_game, self.start_scenario, self.start_seed)
        self.call_after_refresh(self._check_size)
        title = self.screen_stack[0]
        if isinstance(title, TitleScreen):  # its footer and saves wait for the first frame
            self.call_after_refresh(title.after_first_frame)

    def load_screens_css(self) -> None:
        """Add the other screens' styles to the stylesheet, once, after app.tcss (the same order as one
        file): after the first frame, or when a screen is opened before that."""
        path = str(self.SCREENS_CSS_PATH.resolve())
        if self.stylesheet.has_source(path, ""):
            return
        self.stylesheet.read(path)  # parsed at the update, the other sources' rules from its cache
        self.stylesheet.update(self)

    def _load_screen_css(self, screen: Screen) -> None:
        # Textual reads a screen's own styles here as it opens it: the other screens' go first.
        if not isinstance(screen, TitleScreen | TooSmallScreen):
            self.load_screens_css()
        super()._load_screen_css(screen)

    # --- games ----------------------------------------------------------------------------------
    def play(self, session: PlaySession, guide: Guide | None = None) -> None:
        """Leave whatever menus are open and play this game (with a tutorial's guide, or none)."""
        from game.tui.screens.play import PlayScreen

        self.session = session
        self.guide = guide
        self._back_to_title()
        self.push_screen(PlayScreen(session))
        if guide is not None and self._guide_timer is None:
            self._guide_timer = self.set_interval(0.5, self.guide_tick, name="guide")

    def start_guided_tutorial(self) -> None:
        """The tutorial scenario with the guide of scenarios/guides/tutorial.yaml."""
        from game.scenario.catalog import find_scenario
        from game.tui.guide import Guide, GuideError
        from game.tui.labels import ROLE_ORDER
        from game.tui.session import Session

        try:
            guide = Guide.load("tutorial")
        except GuideError as error:
            self.notify(str(error), title=_("No guided tutorial"), severity="error", timeout=10)
            return
        seed = self.start_seed if self.start_seed is not None else TUTORIAL_SEED
        seats = dict.fromkeys(ROLE_ORDER, "")
        self.play(Session.new(find_scenario("tutorial"), seed, seats, "solo"), guide)

    # --- the guided tutorial --------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        await super().on_event(event)
        if self.guide is not None and isinstance(event, events.Key | events.Click):
            self.call_after_refresh(self.guide_tick)  # the key has been handled by then

    def guide_tick(self) -> None:
        """Note what the player has done, move the guide on, and show its step on every panel."""
        from game.tui.dialogs.card import CardDialog
        from game.tui.session import seat_view

        guide, session = self.guide, self.session
        if guide is None or session is None:
            return
        seen = guide.seen
        kind = GUIDE_SCREENS.get(type(self.screen).__name__)
        if kind:
            seen.screens.add(kind)
        seen.seat = session.seat
        view = seat_view(session)
        showing_cards = any(
            isinstance(screen, CardDialog) or getattr(screen, "_card_queue", None)
            for screen in self.screen_stack
        )
        seen.cards_seen = session.seen_cards_turn == view.turn and not showing_cards
        if kind == "sitrep":
            trees = self.screen.query("#sitrep-tree").results(Tree)  # none yet while it is built
            node = next((tree.cursor_node for tree in trees), None)
            seen.why_asked = seen.why_asked or hasattr(getattr(node, "data", None), "causes")
        guide.advance(session.game, view)
        self.show_guide()

    def show_guide(self) -> None:
        from game.tui.widgets.guide_panel import GuidePanel

        for screen in self.screen_stack:
            for panel in screen.query(GuidePanel):
                panel.show(self.guide)

    def action_guide_next(self) -> None:
        if self.guide is not None:
            self.guide.skip()
            self.guide_tick()

    def action_guide_end(self) -> None:
        if self.guide is not None:
            self.guide.end()
            self.show_guide()
            self.notify(_("Guide closed. Play on: F1 has the rules, g the glossary."), timeout=4)

    def start_new_game(self, scenario: str, seed: int | None = None) -> None:
        """`minusma play --scenario NAME [--seed N]`: a solo game starts at once, as the README says."""
        import random

        from game.scenario.catalog import find_scenario
        from game.tui.labels import ROLE_ORDER
        from game.tui.session import Session

        seed = seed if seed is not None else random.randint(1, 99_999)
        self.play(Session.new(find_scenario(scenario), seed, dict.fromkeys(ROLE_ORDER, ""), "solo"))

    def open_save(self, path: str | Path) -> bool:
        from game.record.saves import SaveError
        from game.tui.session import Session

        try:
            session = Session.load(path)
        except SaveError as error:
            self.notify(str(error), title=_("Cannot open the save"), severity="error", timeout=10)
            return False
        except Exception as error:  # a file the reader did not foresee: the game goes on without it
            report = write_crash_report(error, f"opening the save {path}")
            message = (
                _("{path}: the save could not be read ({error}); details in {report}")
                if report
                else _("{path}: the save could not be read ({error})")
            )
            self.notify(
                message.format(path=path, error=type(error).__name__, report=report),
                title=_("Cannot open the save"),
                severity="error",
                timeout=10,
            )
            return False
        self.play(session)
        return True

    def leave_game(self) -> None:
        """Back to the title screen (the game was autosaved)."""
        if self.session is not None and not self.session.game.is_over():
            self.session.autosave()
        self.session = None
        self.guide = None
        self._back_to_title()

    def _back_to_title(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()
        if isinstance(self.screen, TitleScreen):
            self.screen.refresh_menu()

    def autosave_now(self) -> Path | None:
        """Save the game in progress (Ctrl-C, quit, a signal); None when there is nothing to save."""
        if self.session is None or self.session.game.is_over():
            return None
        return self.session.autosave()

    # --- the last line of defence ----------------------------------------------------------------
    def keep_after_crash(self) -> str:
        """Autosave the game in progress after a crash, check the save replays, say what was kept."""
        session = self.session
        if session is None:
            return super().keep_after_crash()
        if session.game.is_over():
            return _("The game had ended: its saves are kept.")
        from game.record.saves import load

        try:
            saved = session.autosave()
        except Exception as error:
            saved, session.save_problem = None, f"{type(error).__name__}: {error}"
        if saved is None:
            return _(
                "The game could NOT be saved now ({problem}); its earlier autosaves "
                "are kept: Continue opens the latest, at most this turn's orders are lost."
            ).format(problem=clean(session.save_problem))
        try:
            load(saved)
        except Exception:
            return _(
                "The save written now ({path}) does not replay; the game's earlier autosaves are kept: "
                "at most this turn's orders are lost."
            ).format(path=saved)
        return _(
            "The game is saved ({name}): nothing was lost; Continue on the title screen opens it."
        ).format(name=saved.name)

    # --- leaving --------------------------------------------------------------------------------
    def action_leave(self) -> None:
        """Ctrl-C or Ctrl-Q: save first, then ask; nothing is lost whatever the answer."""
        from game.tui.dialogs.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog) and self.screen.purpose == "quit":
            self.exit(0)
            return
        saved = self.autosave_now()
        if self.session is None and isinstance(self.screen, TitleScreen):
            self.exit(0)
            return
        note = (
            _("The game is saved ({name}); continue it from the title screen.").format(name=saved.name)
            if saved
            else ""
        )
        if self.session is not None and saved is None and self.session.save_problem:
            note = _("The game could NOT be saved: {problem}").format(problem=self.session.save_problem)

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(0)

        self.push_screen(
            ConfirmDialog(_("Quit MINUSMA?"), note, yes=_("Quit"), no=_("Stay"), purpose="quit"), answered
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("guide_next", "guide_end"):
            return self.guide is not None and self.guide.active and self.session is not None
        return True

    def action_rules(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_glossary(self) -> None:
        from game.tui.screens.glossary import GlossaryScreen

        if not isinstance(self.screen, GlossaryScreen):
            self.push_screen(GlossaryScreen())

    # --- the terminal's size --------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        width, height = self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        screen = self.screen
        showing = isinstance(screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not small:
            self.pop_screen()
        elif isinstance(screen, TooSmallScreen):
            screen.refresh_size()

    # --- command palette ------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()
        yield SystemCommand(_("Rules"), _("Read the rulebook and the key map"), self.action_rules)
        yield SystemCommand(
            _("Glossary"), _("Terms and acronyms: IRC, U3, TOB, EW, P1–P5…"), self.action_glossary
        )
        yield SystemCommand(_("Quit"), _("Save the game in progress and quit"), self.action_leave)
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command._replace(title=_(command.title), help=_(command.help))

    def change_language(self, code: str) -> None:
        """Play in another language from now on: every open screen's key hints follow at once, and
        the choice is remembered (a setting that cannot be written is said once, never fatal)."""
        from game.i18n import set_language
        from game.record.settings import save_setting

        set_language(code)
        self.title = _(self.TITLE)
        retranslate(self)
        problem = save_setting("language", code)
        if problem:
            self.notify(problem, title=_("Language not remembered"), severity="warning", timeout=6)


# Textual's own palette commands, for the catalog: MinusmaApp shows them through _().
TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
)


def create_app(
    scenario: str | None = None,
    seed: int | None = None,
    load: str | None = None,
    data_dir: str | Path | None = None,
) -> MinusmaApp:
    """The app as the CLI and the tests build it; data_dir overrides where saves go."""
    if data_dir is not None:
        os.environ["MINUSMA_DATA_DIR"] = str(data_dir)
    return MinusmaApp(scenario=scenario, seed=seed, load=load)


def run(scenario: str | None = None, seed: int | None = None, load: str | None = None) -> int:
    """Play in this terminal. A signal that ends the program saves the game first."""
    if scenario is not None:
        _check_scenario(scenario)
    if load is not None and not Path(load).exists():
        raise UserError(
            _(
                'no save file at {path}; run `minusma` and choose "Load a saved game" to see your saves'
            ).format(path=load)
        )
    app = create_app(scenario=scenario, seed=seed, load=load)
    try:
        result = run_app(app, on_signal=app.autosave_now)
    finally:
        app.autosave_now()
    return result if result is not None else (app.return_code or 0)  # EXIT_CRASH after a crash


def run_app(app: App, on_signal: Callable[[], object]) -> int | None:
    """Run an app in this terminal. SIGTERM and SIGHUP first call `on_signal` (save the game, free
    a seat), then end the app; Ctrl-C that reaches Python outside the app returns 130."""

    def end(signum, frame) -> None:
        on_signal()
        if signum == getattr(signal, "SIGHUP", None):
            os._exit(128 + signum)  # the terminal is gone: nothing to restore, nothing to draw
        app.call_later(app.exit, 128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), end)
    try:
        return app.run()
    except KeyboardInterrupt:
        return 130


def _check_scenario(name: str) -> None:
    from game.scenario.catalog import find_scenario
    from game.scenario.loader import ScenarioError

    try:
        find_scenario(name)
    except ScenarioError as error:
        raise UserError(str(error).splitlines()[0]) from None
