"""Keeping the translation catalogs: extract the game's text, update each language's .po, compile its .mo.

Run `uv run python -m game.catalogs` after changing any text shown to players, translate the new
entries in game/locale/<lang>/LC_MESSAGES/minusma.po (an empty msgstr is a missing translation), then
run it again to compile. `--check` changes nothing and exits 1 when a catalog is stale or incomplete,
or when two templates could read one of the engine's lines and would read it differently
(ambiguous()); tests/test_translations.py and tests/test_recorded.py run the same checks.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from game.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALE_DIR

GAME_DIR = Path(__file__).parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# A fixed date keeps the files still between runs: only a change of text changes them.
STAMP = datetime(2026, 12, 1, tzinfo=UTC)
# The rules engine's counted("{n} turn", "{n} turns", n) is a plural entry, like ngettext.
KEYWORDS = {**DEFAULT_KEYWORDS, "counted": (1, 2), "N_plural": (1, 2)}
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")


def catalog_path(language: str, suffix: str = "po") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.{suffix}"


def translated_languages() -> list[str]:
    return [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]


def extract() -> Catalog:
    """Every `_()`, `ngettext()` and `N_()` text in the game's code, as a template."""
    template = Catalog(project="minusma", creation_date=STAMP, revision_date=STAMP, fuzzy=False)
    found = extract_from_dir(
        GAME_DIR,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
        directory_filter=_wanted,
    )
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _wanted(path: str) -> bool:
    return "__pycache__" not in path and "locale" not in Path(path).parts


def _write_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, no_location=True, sort_output=True, ignore_obsolete=True)
    return buffer.getvalue()


def _write_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def read_catalog(language: str) -> Catalog:
    path = catalog_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN, creation_date=STAMP, revision_date=STAMP, fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def updated(language: str, template: Catalog) -> Catalog:
    """The language's catalog with the template's entries: new ones empty, vanished ones dropped."""
    catalog = read_catalog(language)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()
    catalog.revision_date = STAMP
    catalog.fuzzy = False
    return catalog


def problems(catalog: Catalog) -> list[str]:
    """What a catalog lacks: untranslated or fuzzy entries, placeholders that differ from the English."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = [str(text) for text in (message.id if isinstance(message.id, (tuple, list)) else [message.id])]
        strings = [
            str(text or "")
            for text in (message.string if isinstance(message.string, (tuple, list)) else [message.string])
        ]
        shown = ids[0]
        if message.fuzzy:
            found.append(f"fuzzy: {shown!r}")
        elif not all(strings):
            found.append(f"untranslated: {shown!r}")
        else:
            wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
            for string in strings:
                if set(PLACEHOLDER.findall(string)) - wanted:
                    found.append(f"placeholders differ: {shown!r} -> {string!r}")
                    break
    return found


def ambiguous(template: Catalog, language: str) -> list[str]:
    """Pairs of templates recorded() could take for one another in an engine's line, read differently
    in `language` (game.i18n_record.ambiguities): a translator makes their French agree, or a
    developer makes one of the English more specific."""
    import gettext

    from game.i18n_record import Reader, Templates, ambiguities

    engine = {
        str(message.id[0] if isinstance(message.id, (tuple, list)) else message.id)
        for message in template
        if message.id and any(_reads_engine_lines(file) for file, _line in message.locations)
    }
    entries = [
        (str(message.id[0]), str(message.id[1]))
        if isinstance(message.id, (tuple, list))
        else (str(message.id), None)
        for message in template
        if message.id
    ]
    with catalog_path(language, "mo").open("rb") as file:
        translation = gettext.GNUTranslations(file)
    reader = Reader(translation.gettext, translation.ngettext, lambda text: text)
    return [
        f"ambiguous templates: {one!r} and {two!r} fit the same line and read {shown!r} and {other!r}"
        for one, two, shown, other in ambiguities(Templates(entries), engine, reader)
    ]


def _reads_engine_lines(file: str) -> bool:
    """A template of the engine's lines: the engine's own, or a phrase recorded() reads them with."""
    return Path(file).parts[:1] == ("engine",) or Path(file).name == "i18n_phrases.py"


def run(check: bool) -> int:
    template = extract()
    stale = []
    files = {TEMPLATE: _write_po(template)}
    for language in translated_languages():
        catalog = updated(language, template)
        files[catalog_path(language)] = _write_po(catalog)
        files[catalog_path(language, "mo")] = _write_mo(catalog)
        for problem in problems(catalog):
            print(f"{language}: {problem}")
            stale.append(problem)
    for language in translated_languages():
        for problem in ambiguous(template, language) if catalog_path(language, "mo").exists() else []:
            print(f"{language}: {problem}")
            stale.append(problem)
    for path, content in files.items():
        if path.exists() and path.read_bytes() == content:
            continue
        if check:
            print(f"{path.relative_to(GAME_DIR.parent)} is out of date: run `uv run python -m game.catalogs`")
            stale.append(str(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            print(f"wrote {path.relative_to(GAME_DIR.parent)}")
    return 1 if stale and check else 0


if __name__ == "__main__":
    sys.exit(run(check="--check" in sys.argv[1:]))
