"""HelpScreen: the rulebook (rules.md, or rules.fr.md in French) rendered as Markdown, and the key map."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, MarkdownViewer, Static, TabbedContent, TabPane

from game import i18n

PACKAGE_DIR = Path(__file__).resolve().parents[2]

KEYS = (
    ("Anywhere", "F1", "these rules and keys"),
    ("Anywhere", "Ctrl-P", "command palette: every main action by name"),
    ("Anywhere", "Ctrl-Q / Ctrl-C", "save the game and ask to quit"),
    ("Anywhere", "g", "glossary: terms and acronyms, searchable"),
    ("Tutorial", "n / N", "guided tutorial: next step (or skip it) / end the guide"),
    ("Title", "n t c l r q", "new game, guided tutorial, continue, load, replay, quit"),
    ("Map", "arrows / click", "select a region (its details on the right)"),
    ("Map", "Tab", "move between the map and the region details"),
    ("Map", "o", "orders of the current seat"),
    ("Map", "1 2 3 4", "solo: act as SRSG, Force Commander, Police Commissioner, Comms Chief"),
    ("Map", "c", "solo: commit the turn"),
    ("Map", "d", "hotseat: done, pass the keyboard to the next seat"),
    ("Map", "e / r / s", "event cards again / last SITREP / save under a name"),
    ("Map", "Escape", "leave the game (it is saved)"),
    ("Orders", "arrows, Enter", "open a group; give the highlighted order (✓ allowed, ✗ refused: why)"),
    ("Orders", "p, w / Delete", "pending orders; withdraw the order under the cursor, else the last"),
    ("Orders", "Escape", "back to the map"),
    ("Event card", "arrows, Enter / Escape", "choose an option / decide later"),
    ("Turn results", "Space / a / s", "next phase / show all / go to the SITREP"),
    ("SITREP", "arrows, Enter", "open a region; pick a change to see its causes"),
    ("SITREP", "x / c", "expand all / continue"),
    ("End", "r / t", "replay this game / title screen"),
    ("Replay", "← → / g", "previous and next turn / go to a turn"),
    ("Replay", "1 2 3 4 / t", "tabs: the turn, its changes, the map, the charts / next tab"),
    ("Replay", "f / a / w", "take command from this turn / a debrief note / what if here?"),
    ("What if", "Space / r / Escape", "tick an alternative / play them many times / back (stops a run)"),
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
    for column in ("where", "keys", "what"):
        table.add_column(column)
    for row in KEYS:
        table.add_row(*row)
    return table


class HelpScreen(Screen[None]):
    """Escape closes; the rulebook has its table of contents on the left."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Close"),
        Binding("k", "show_tab('keys')", "Keys"),
        Binding("u", "show_tab('rules')", "Rules"),
    ]

    def compose(self) -> ComposeResult:
        path = rules_path(i18n.language())
        text = path.read_text(encoding="utf-8") if path else "# Rules\n\nThe rulebook (rules.md) is missing."
        with TabbedContent(initial="rules", id="help-tabs"):
            with TabPane("Rules", id="rules"):
                yield MarkdownViewer(text, show_table_of_contents=False, id="rules-text")
            with TabPane("Key map", id="keys"):
                yield Static(key_table(), id="key-table")
        yield Footer()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
