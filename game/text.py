"""Text from files and other players made safe to show: control characters escaped, Markdown escaped."""

from __future__ import annotations

import re
import unicodedata

# Characters a terminal may act on, or that reorder what is shown: C0 and C1 controls (ESC starts every
# escape sequence), DEL, and the Unicode direction overrides and isolates ("Trojan source").
_DIRECTION = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_DIRECTION}\u2028\u2029]")
_UNSAFE_KEEPING_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_DIRECTION}\u2028\u2029]")

# Markdown's inline punctuation, and HTML's (a Markdown renderer passes raw HTML through).
_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~#!])")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object, lines: bool = False) -> str:
    """`text` as it may reach a terminal: each control character is shown escaped (ESC as `\\x1b`).

    One-line text (names) has its line breaks and tabs escaped too; with `lines`, newlines are kept
    and tabs become spaces, for multi-line text such as a card's body or a debrief note.
    """
    text = unicodedata.normalize("NFC", str(text))
    if lines:
        return _UNSAFE_KEEPING_LINES.sub(_shown, text.replace("\t", "    "))
    return _UNSAFE.sub(_shown, text)


def markdown(text: object) -> str:
    """`text` cleaned and escaped for Markdown: it reads as typed, never as markup or raw HTML.

    The report's own bold, written `**like this**` by its builders, is kept.
    """
    parts = clean(text).split("**")
    return "**".join(_MARKDOWN.sub(r"\\\1", part) for part in parts)
