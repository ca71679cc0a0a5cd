"""Key hints in the player's language: BINDINGS keep their English, the footer shows them translated.

Textual builds each class's BINDINGS once, at import, before the language is chosen, and the footer,
the key panel and the command palette read `binding.description` straight from each node's bindings.
So a screen or widget only marks its descriptions with `N_()` (`Binding("o", "orders", N_("Orders"))`)
and does nothing else: `watch_key_hints(app)` (SafeApp, so every MINUSMA app, calls it when it
mounts) listens for every screen the app shows and for every change of that screen's bindings (focus
moves, refresh_bindings), the same signal the footer waits for before it redraws, and gives the
bindings of the screen and of its focus chain their descriptions in the current language, `_()` of
the English they were born with.
`retranslate(app)` does it again for every open screen after the language changes (the title screen's
switch) and refreshes their footers. Text built at run time (palette commands, the help's key map)
calls `_()` itself.
"""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary, WeakSet

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import Screen

from game.i18n import DEFAULT_LANGUAGE, N_, _, language

# Textual's own key hints that can reach a screen, for the catalog (its command palette key).
TEXTUAL_HINTS = (N_("palette"), N_("Open the command palette"))

# Keys by Textual's names, as the footer and the key panel name them in the player's language; English
# keeps Textual's own names (esc, ⏎, space...), so these texts are only ever shown translated.
KEY_NAMES = {
    # Translators: a key's name in the footer's key hints, short, as on the keyboard ("Échap").
    "escape": N_("Esc key"),
    # Translators: a key's name in the key hints, short ("Entrée").
    "enter": N_("Enter key"),
    # Translators: a key's name in the key hints, short ("espace").
    "space": N_("space bar"),
    # Translators: a key's name in the key hints, short ("Tab").
    "tab": N_("Tab key"),
    # Translators: a key's name in the key hints, short ("Début").
    "home": N_("Home key"),
    # Translators: a key's name in the key hints, short ("Fin").
    "end": N_("End key"),
    # Translators: a key's name in the key hints, short ("PgPréc").
    "pageup": N_("Page Up key"),
    # Translators: a key's name in the key hints, short ("PgSuiv").
    "pagedown": N_("Page Down key"),
    # Translators: a key's name in the key hints, short ("Suppr").
    "delete": N_("Delete key"),
    # Translators: a modifier key's name in the key hints, short ("Maj", as in "Maj+Tab").
    "shift": N_("Shift key"),
}

_english: WeakKeyDictionary[DOMNode, dict[str, list[tuple[str, str | None]]]] = WeakKeyDictionary()
_shown_in: WeakKeyDictionary[DOMNode, str] = WeakKeyDictionary()
_watched: WeakSet[Screen] = WeakSet()


def _translated(text: str | None) -> str | None:
    return _(text) if text else text  # _("") would be the catalog's header


def translate_node(node: DOMNode) -> None:
    """Give a node's bindings their descriptions (and tooltips) in the current language."""
    if _shown_in.get(node) == language():
        return
    bindings = node._bindings.key_to_bindings  # Textual's per-node copy of the class's BINDINGS
    english = _english.setdefault(node, {})
    for key, now in bindings.items():
        if key not in english or len(english[key]) != len(now):  # first seen (or rebound): English
            english[key] = [(binding.description, binding.tooltip) for binding in now]
        bindings[key] = [
            replace(binding, description=_translated(description) or "", tooltip=_translated(tooltip) or "")
            for binding, (description, tooltip) in zip(now, english[key], strict=True)
        ]
    _shown_in[node] = language()


def translate_screen(screen: Screen) -> None:
    """The bindings a screen's footer can show: the app's, the screen's, its focused widget's chain."""
    focused = screen.focused
    nodes: list[DOMNode] = [screen.app, screen]
    if focused is not None:
        nodes.extend(focused.ancestors_with_self)
    for node in nodes:
        translate_node(node)


def _watch_screen(screen: Screen) -> None:
    translate_screen(screen)
    if screen not in _watched:  # the app listens: a screen just pushed is not running yet
        _watched.add(screen)
        screen.bindings_updated_signal.subscribe(screen.app, translate_screen, immediate=True)


def watch_key_hints(app: App) -> None:
    """Translate the key hints of every screen `app` shows from now on (call once, when it mounts)."""
    app.screen_change_signal.subscribe(app, _watch_screen, immediate=True)
    _watch_screen(app.screen)


def retranslate(app: App) -> None:
    """After a change of language: every open screen's key hints again, and their footers redrawn."""
    for screen in app.screen_stack:
        for node in (app, screen, *screen.walk_children()):
            translate_node(node)
        screen.refresh_bindings()


def binding_label(binding: Binding) -> str:
    """A binding's description in the current language (for screens that list keys themselves)."""
    return _translated(binding.description) or ""


def _key_name(key: str) -> str | None:
    """A key's name in the current language, or None where Textual's own name stands."""
    english = KEY_NAMES.get(key)
    shown = _(english) if english else None
    return shown if shown != english else None


def key_display(binding: Binding, textual_display: str) -> str:
    """How the footer names a binding's key: Textual's `textual_display`, its key names translated
    ("Échap", "espace", "Maj+Tab" in French); a binding's own key_display ("1-4") stays."""
    if binding.key_display or language() == DEFAULT_LANGUAGE:
        return textual_display
    modifiers, key = binding.parse_key()
    named = _key_name(key)
    if named is None and not any(_key_name(modifier) for modifier in modifiers):
        return textual_display
    shown = named or format_key(key)
    if "ctrl" in modifiers:  # Textual's caret, as in ^p
        modifiers.remove("ctrl")
        shown = f"^{shown}"
    return "+".join([*(_key_name(modifier) or modifier for modifier in modifiers), shown])
