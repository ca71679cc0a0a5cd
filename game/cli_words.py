"""argparse's own words (usage, options, its errors) in the player's language, through the game's catalog."""

from __future__ import annotations

import argparse

from game import i18n
from game.i18n import N_, ngettext

# argparse asks gettext for these (Python 3.11+); marked here so the game's catalog carries them.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural_words() -> None:  # pragma: no cover - never called: it only marks argparse's plural text
    ngettext("expected %s argument", "expected %s arguments", 2)


def speak_the_players_language() -> None:
    """Make argparse's usage, headings and error lines follow `i18n.set_language` (it calls the
    module-level gettext functions it imported, so they are pointed at the game's catalog)."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
