"""HelpScreen: the rulebook (rules.md, or rules.fr.md in French) rendered as Markdown, and the key map."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import MarkdownViewer, Static, TabbedContent, TabPane

from game import i18n
from game.i18n import N_, _
from game.tui.widgets.footer import Footer

PACKAGE_DIR = Path(__file__).resolve().parents[2]

KEYS = (
    (N_("Anywhere"), "F1", N_("these rules and keys")),
    (N_("Anywhere"), "Ctrl-P", N_("command palette: every main action by name")),
    (N_("Anywhere"), "Ctrl-Q / Ctrl-C", N_("save the game and ask to quit")),
    (N_("Anywhere"), "g", N_("glossary: terms and acronyms, searchable")),
    (N_("Tutorial"), "n / N", N_("guided tutorial: next step (or skip it) / end the guide")),
    (
        N_("Title"),
        "n t c l r F2 q",
        N_("new game, guided tutorial, continue, load, replay, Français / English, quit"),
    ),
    (N_("Map"), N_("arrows / click"), N_("select a region (its details on the right)")),
    (N_("Map"), N_("Tab"), N_("move between the map and the region details")),
    (N_("Map"), "o", N_("orders of the current seat")),
    (N_("Map"), "1 2 3 4", N_("solo: act as SRSG, Force Commander, Police Commissioner, Comms Chief")),
    (N_("Map"), "c", N_("solo: commit the turn")),
    (N_("Map"), "d", N_("hotseat: done, pass the keyboard to the next seat")),
    (N_("Map"), "e / r / s", N_("event cards again / last SITREP / save under a name")),
    (N_("Map"), N_("Escape"), N_("leave the game (it is saved)")),
    (
        N_("Orders"),
        N_("arrows, Enter"),
        N_("open a group; give the highlighted order (✓ allowed, ✗ refused: why)"),
    ),
    (
        N_("Orders"),
        N_("p, w / Delete"),
        N_("pending orders; withdraw the order under the cursor, else the last"),
    ),
    (N_("Orders"), N_("Escape"), N_("back to the map")),
    (N_("Event card"), N_("arrows, Enter / Escape"), N_("choose an option / decide later")),
    (N_("Turn results"), N_("Space / a / s"), N_("next phase / show all / go to the SITREP")),
    (N_("SITREP"), N_("arrows, Enter"), N_("open a region; pick a change to see its causes")),
    (N_("SITREP"), "x / c", N_("expand all / continue")),
    (N_("End"), "r / t", N_("replay this game / title screen")),
    (N_("Replay"), "← → / g", N_("previous and next turn / go to a turn")),
    (N_("Replay"), "1 2 3 4 / t", N_("tabs: the turn, its changes, the map, the charts / next tab")),
    (N_("Replay"), "f / a / w", N_("take command from this turn / a debrief note / what if here?")),
    (
        N_("What if"),
        N_("Space / r / Escape"),
        N_("tick an alternative / play them many times / back (stops a run)"),
    ),
)


def rules_path(language: str = "en") -> Path | None:
    """The rulebook in `language` (rules.fr.md for "fr"), else English: in the checkout, or copied in game."""
    names = ["rules.md"] if language == "en" else [f"rules.{language}.md", "rules.md"]
    for name in names:
        for candidate in (PACKAGE_DIR.parent / name, PACKAGE_DIR / f"_{name}"):
            if candidate.is_file():
                return candidate
    return None


def key_table() -> Table:
    table = Table(expand=True)
    for column in (_("where"), _("keys"), _("what")):
        table.add_column(column)
    for where, keys, what in KEYS:
        table.add_row(_(where), _(keys), _(what))
    return table


class HelpScreen(Screen[None]):
    """Escape closes; the rulebook has its table of contents on the left."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", N_("Close")),
        Binding("k", "show_tab('keys')", N_("Keys")),
        Binding("u", "show_tab('rules')", N_("Rules")),
    ]

    def compose(self) -> ComposeResult:
        path = rules_path(i18n.language())
        text = (
            path.read_text(encoding="utf-8") if path else _("# Rules\n\nThe rulebook (rules.md) is missing.")
        )
        with TabbedContent(initial="rules", id="help-tabs"):
            with TabPane(_("Rules"), id="rules"):
                yield MarkdownViewer(text, show_table_of_contents=False, id="rules-text")
            with TabPane(_("Key map"), id="keys"):
                yield Static(key_table(), id="key-table")
        yield Footer()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
