"""TitleScreen: new game, continue the latest game, load or replay a save, rules, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import LANGUAGES, N_, _, language

if TYPE_CHECKING:
    from game.record.saves import SaveInfo
    from game.tui.app import MinusmaApp

BANNER = """\
 __  __ ___ _  _ _   _ ___ __  __   _
|  \\/  |_ _| \\| | | | / __|  \\/  | /_\\
| |\\/| || || .` | |_| \\__ \\ |\\/| |/ _ \\
|_|  |_|___|_|\\_|\\___/|___/_|  |_/_/ \\_\\"""

# Its lines padded to one width, so that centring each line (app.tcss) keeps the letters in place:
# a centred full-width Static costs the first frame less than a Center container around the banner.
BANNER_BLOCK = "\n".join(line.ljust(max(map(len, BANNER.splitlines()))) for line in BANNER.splitlines())

TAGLINE = N_(
    "Protection of Civilians in Mali, 2019–2021.\nLead the UN mission as its SRSG, Force Commander, "
    "Police Commissioner and Chief of Communications: alone, or as a syndicate."
)
# The menu, in its order; "continue" is filled in once the saves are looked up.
MENU = (
    ("new", N_("New game")),
    ("guided", N_("Tutorial (guided)")),
    ("continue", N_("Continue (looking for saves…)")),
    ("load", N_("Load a saved game")),
    ("replay", N_("Replay a saved game")),
    ("rules", N_("Rules and keys")),
    ("language", N_("Français")),
    ("quit", N_("Quit")),
)


def other_language() -> str:
    """The language the switch goes to: French from English, English from French."""
    return next(code for code in LANGUAGES if code != language())


class TitleScreen(Screen[None]):
    """The first screen. The saves are looked up after the first frame, off the main thread."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The menu and the key map show every key; the footer only some, so that the rules and the
        # glossary keys still fit 80 columns in French.
        Binding("n", "choose('new')", N_("New game")),
        Binding("t", "choose('guided')", N_("Tutorial"), show=False),
        Binding("c", "choose('continue')", N_("Continue")),
        Binding("l", "choose('load')", N_("Load"), show=False),
        Binding("r", "choose('replay')", N_("Replay"), show=False),
        # Translators: the switch names the other language in that language: "English" in French.
        Binding("f2", "choose('language')", N_("Français")),
        Binding("q", "choose('quit')", N_("Quit"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.latest: SaveInfo | None = None
        self.failure: str | None = None
        self.looked_up = False  # whether the saves have been looked up (the Continue line says so)

    def compose(self) -> ComposeResult:
        # The screen itself centres these (app.tcss): no container around them but the menu's Center
        yield Static(BANNER_BLOCK, id="banner")
        yield Static(_(TAGLINE), id="tagline")
        with Center():
            yield OptionList(
                *[Option(_(label), id=key, disabled=key == "continue") for key, label in MENU],
                id="title-menu",
            )

    _footer_waits = False  # the first frame came while a game was open: mount the footer on return

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()  # the app calls after_first_frame once the frame is drawn

    async def after_first_frame(self) -> None:
        """The footer and the saves' lookup wait for the first frame: the footer is rebuilt at each
        of the start's binding changes, and the lookup's thread imports the engine, holding the GIL."""
        if not self.is_attached:  # the app is already closing (quit at once, or a benchmark)
            return
        if not self.is_current:  # a game was opened at once (play --scenario): the footer comes on resume
            self._footer_waits = True
            return
        from game.tui.widgets.footer import Footer  # Textual's footer module: not before the first frame

        await self.mount(Footer(compact=True))  # fits 80 columns
        self.refresh_bindings()  # a footer fills itself when the bindings change
        self.refresh_menu()

    def on_screen_resume(self) -> None:
        if self.query("Footer"):  # not the first time: on_mount's callback looks the saves up then
            self.refresh_menu()
        elif self._footer_waits:
            self._footer_waits = False
            self.call_after_refresh(self.after_first_frame)

    @work(thread=True, exclusive=True, group="saves")
    def refresh_menu(self) -> None:
        """Find the latest save (imports the engine, so not before the first frame)."""
        from game.tui.screens.saves import find_saves

        saves, failure = find_saves()
        latest = next((info for info in saves if info.problem is None), None)
        self.app.call_from_thread(self._show_latest, latest, failure)

    def _show_latest(self, latest: SaveInfo | None, failure: str | None = None) -> None:
        from game.text import clean

        self.latest, self.looked_up = latest, True
        menu = self.query_one(OptionList)
        self.failure = failure
        if latest is None and failure:
            label = _("Continue (saves unreadable: see Load)")
        elif latest is None:
            label = _("Continue (no saved game yet)")
        elif latest.over:
            label = _("Continue: {name} (finished)").format(name=latest.name)
        else:
            label = _("Continue: {name} (turn {turn}, {month})").format(
                name=latest.name, turn=latest.turn, month=latest.month
            )
        menu.replace_option_prompt("continue", Text(clean(label)))  # a save's name is not markup
        if latest is None:
            menu.disable_option("continue")
        else:
            menu.enable_option("continue")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option.id or "")

    def action_choose(self, choice: str) -> None:
        app = cast("MinusmaApp", self.app)
        if choice == "new":
            from game.tui.screens.new_game import NewGameScreen

            app.push_screen(NewGameScreen(seed=getattr(app, "start_seed", None)))
        elif choice == "guided":
            app.start_guided_tutorial()
        elif choice == "continue":
            if self.latest is None:
                self.notify(_("There is no saved game yet: start a new one."), severity="warning")
            else:
                app.open_save(self.latest.path)
        elif choice in ("load", "replay"):
            from game.tui.screens.saves import SavesScreen

            app.push_screen(SavesScreen(replay=choice == "replay"))
        elif choice == "rules":
            app.action_rules()
        elif choice == "language":
            app.change_language(other_language())
            self.show_language()
        elif choice == "quit":
            app.exit(0)

    def show_language(self) -> None:
        """Redraw the title's words in the language just chosen (the key hints follow by themselves)."""
        self.query_one("#tagline", Static).update(_(TAGLINE))
        menu = self.query_one(OptionList)
        for key, label in MENU:
            if key != "continue":
                menu.replace_option_prompt(key, _(label))
        if self.looked_up:
            self._show_latest(self.latest, self.failure)
        else:
            menu.replace_option_prompt("continue", _("Continue (looking for saves…)"))
