"""The player's language: `_()`, `ngettext()` and `N_()` over gettext catalogs, numbers by Babel.

One convention everywhere:

- `_("Save the game")` for text shown at once; `ngettext("{n} unit", "{n} units", n).format(n=n)` for
  text that depends on a count (French puts 0 and 1 in the singular: the catalog's plural rule decides);
- `N_("...")` marks text made where the language is not known yet (module constants, the rules
  engine's record): it returns the English unchanged, and the screen passes it through `_()`;
- named `{placeholders}` filled with `.format()` after translating, never an f-string inside `_()`.

Catalogs live in game/locale (`uv run python scripts/catalog.py` extracts, updates and compiles them).
The rules engine never calls `_()`: what it records is the same in every language, so saves,
digests and replays do not depend on who read them.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # game.i18n_record is imported at the first recorded line, not at the game's start
    from game.i18n_record import Memo, Reader

DOMAIN = "minusma"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"
LANGUAGE_ENV = "MINUSMA_LANG"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
# A scenario's names, by scenario: its id -> language -> English name -> that language's name. The
# engine's lines carry only the English, so name() looks it up in every loaded scenario's names
# merged, the scenario registered last winning where two give one English name different
# translations (tests/test_recorded.py checks that the bundled scenarios never do: name_conflicts()).
_scenario_names: dict[str, dict[str, dict[str, str]]] = {}
_names: dict[str, dict[str, str]] = {}  # the merged tables: language -> English name -> its name


def parse_language(code: str) -> str:
    """A supported language from a code such as "fr", "FR", "fr_FR.UTF-8" or "fr-CA"; ValueError if none."""
    base = code.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    if base not in LANGUAGES:
        choices = ", ".join(f"{key} ({name})" for key, name in LANGUAGES.items())
        raise ValueError(f"unknown language {code!r}: choose {choices}")
    return base


def system_language(environ: Mapping[str, str]) -> str | None:
    """The supported language the system locale asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), if any."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for code in environ.get(name, "").split(":"):
            if code and code not in ("C", "POSIX") and not code.startswith("C."):
                try:
                    return parse_language(code)
                except ValueError:
                    continue
    return None


def pick_language(flag: str | None, environ: Mapping[str, str], saved: str | None) -> str:
    """The language to play in: --lang, then $MINUSMA_LANG, then the saved setting, then the system's.

    A bad --lang or $MINUSMA_LANG raises ValueError (the player typed it); a bad saved setting is
    passed over.
    """
    if flag:
        return parse_language(flag)
    if environ.get(LANGUAGE_ENV):
        return parse_language(environ[LANGUAGE_ENV])
    if saved:
        try:
            return parse_language(saved)
        except ValueError:
            pass
    return system_language(environ) or DEFAULT_LANGUAGE


def set_language(code: str) -> str:
    """Show every later `_()` in this language; returns the language set."""
    global _translation, _language
    language_code = parse_language(code)
    if language_code == DEFAULT_LANGUAGE:
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language_code], fallback=True)
    _language = language_code
    _recorded.cache_clear()
    _pieces.clear()
    return language_code


def language() -> str:
    """The language text is shown in now ("en" or "fr")."""
    return _language


def _(message: str) -> str:
    """`message` in the player's language (unchanged in English, or where the catalog lacks it)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, by the language's own plural rule."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it now (the reader's screen will)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural pair for the catalog without translating it (game.i18n_phrases)."""
    return singular, plural


def use_names(names: Mapping[str, Mapping[str, str]], scenario: str = "") -> None:
    """Set a scenario's names in other languages ({"fr": {"Chadian battalion": "bataillon tchadien"}}).

    Registering a scenario again replaces its names and puts them above the other scenarios'.
    """
    _scenario_names.pop(scenario, None)
    _scenario_names[scenario] = {code: dict(table) for code, table in names.items()}
    _merge_names()


def _merge_names() -> None:
    _names.clear()
    for tables in _scenario_names.values():
        for code, table in tables.items():
            merged = _names.setdefault(code, {})
            for english, text in table.items():
                if text != english:
                    merged[english] = text
                else:  # a name that reads the same there overrides no scenario's translation
                    merged.setdefault(english, text)
    _recorded.cache_clear()
    _pieces.clear()


def name_conflicts() -> list[tuple[str, str, dict[str, str]]]:
    """(language, English name, {scenario: its translation}) where loaded scenarios disagree."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for scenario, tables in _scenario_names.items():
        for code, table in tables.items():
            for english, text in table.items():
                if text != english:  # one left in English is no other translation
                    found.setdefault((code, english), {})[scenario] = text
    return [
        (code, english, texts) for (code, english), texts in found.items() if len(set(texts.values())) > 1
    ]


def name(english: str) -> str:
    """A scenario's name (region, unit, group...) in the player's language; unchanged where it is the same."""
    return _names.get(_language, {}).get(english, english)


def is_name(english: str) -> bool:
    """Whether a loaded scenario names something so (in the player's language's table, if not English)."""
    return english in _names.get(_language, {})


def recorded(text: str) -> str:
    """A line the rules engine recorded in English (ledger, SITREP, refusals), in the player's language.

    The engine makes its lines from `N_()` templates; game.i18n_record finds the template and
    translates it and its values. Text it does not know is shown as recorded.
    """
    if not text or _language == DEFAULT_LANGUAGE:
        return text
    return _recorded(_language, text)


@lru_cache(maxsize=16384)  # a screen shows the same few hundred lines at every refresh
def _recorded(language_code: str, text: str) -> str:
    if len(_pieces) > MAX_PIECES:
        _pieces.clear()
    from game.i18n_record import load, translate

    return translate(text, load(LOCALE_DIR / f"{DOMAIN}.pot"), _reader(), _pieces)


def fit(wording: str, values: dict[str, str]) -> str:
    """A translated template made to fit the values it is filled with: French elides "de" before a
    vowel ("menace de {group}" with "État islamique..." reads "menace d’État islamique...") and
    contracts "à" and "de" with a name's article ("à {place}" with "le centre du Mali" reads "au
    centre du Mali")."""
    if _language != "fr":
        return wording
    wording = CONTRACTED.sub(lambda found: _contracted(found, values), wording)
    return ELIDED.sub(
        lambda de: "d’{" + de[1] + "}" if values.get(de[1], "")[:1] in VOWELS else de[0], wording
    )


def _contracted(found: re.Match[str], values: dict[str, str]) -> str:
    value = values.get(found[2], "")
    for article, contraction in CONTRACTIONS[found[1].lower()].items():
        if value.startswith(article):
            joined = contraction.capitalize() if found[1][0].isupper() else contraction
            return joined + " " + value[len(article) :].replace("{", "{{").replace("}", "}}")
    return found[0]


ELIDED = re.compile(r"(?<![\w’'])de \{(\w+)\}")
CONTRACTED = re.compile(r"(?<![\w’'])([àÀ]|[dD]e) \{(\w+)\}")
CONTRACTIONS = {"à": {"le ": "au", "les ": "aux"}, "de": {"le ": "du", "les ": "des"}}
VOWELS = set("AEIOUYÉÈÊÀÂÎÔÛaeiouyéèêàâîôû")  # not "h": "de Hombori"


@lru_cache(maxsize=1)
def _reader() -> Reader:
    """How game.i18n_record reads a line in the player's language: this module's lookups."""
    from game.i18n_record import Reader

    return Reader(gettext=_, ngettext=ngettext, name=name, is_name=is_name, fit=fit)


# The pieces of recorded lines already read (names, values, nested lines), for the next lines: kept
# while the language and the names stay, emptied with _recorded's cache.
_pieces: Memo = {}
MAX_PIECES = 65536


def listed(items: Iterable[str]) -> str:
    """Items joined the language's way: "a; b" in English, "a ; b" in French (a no-break space)."""
    return ("\u00a0; " if _language == "fr" else "; ").join(items)


def number(value: float, digits: int = 0) -> str:
    """A number written the language's way: 1,234.5 in English, 1 234,5 in French."""
    from babel.numbers import format_decimal  # Babel's locale data loads only when a number is shown

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_language)


def percent(fraction: float, digits: int = 0) -> str:
    """A share written the language's way: 12.5% in English, 12,5 % in French (a narrow no-break space)."""
    sign = "\u202f%" if _language == "fr" else "%"
    return number(fraction * 100, digits) + sign
