"""Reading the rules engine's English lines back through the catalog's templates, in another language.

The engine fills `N_("{unit} repelled an attack")` templates with `.format()` and records the English.
To show such a line in French, find the template it was made from (each template becomes a regular
expression with one named group per placeholder), translate the template with the catalog, translate
each captured value the same way (a value may be another template's line, a scenario's name, a word
of the catalog; a number stays as it is), and fill the translation. Text no template explains comes
back as it was.

This module knows nothing of the language chosen: game.i18n passes it a `Reader`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(![rsa])?(?::([^{}]*))?\}")
INTEGER = re.compile(r"[+\-−]?\d+")  # the engine's previews write minus as "−"
LABELLED = re.compile(r"(?P<label>.+) (?P<value>[+\-−]?\d+)")  # "state absent +1", "ISR Heron +2"
LIST_SEPARATORS = ("; ", ", ")
MAX_DEPTH = 12  # a template's value inside a template's value...: the engine nests a few levels
# A template whose values all stay as recorded (names the catalog does not know) must be this much of
# the text, a whole line or a value inside one: " in " alone does not make "Publish the findings in
# full" (a card's option) an engine line.
MIN_FIXED_SHARE_LINE = 0.1
MIN_FIXED_SHARE_VALUE = 0.15
MAX_READINGS = 6  # templates that fit one piece, tried before the best reading so far is kept
# A template opening with one of these is a suffix the engine appends to another line ("{name} threat
# {level}" + ", +{tempo} the army's offensive operations"): it is also looked for at the end of a text.
SUFFIX_OPENINGS = (", ", "; ", " (")


@dataclass(frozen=True)
class Reader:
    """How one language reads: its catalog (gettext, ngettext) and its scenario names."""

    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    name: Callable[[str], str]


@dataclass(frozen=True)
class Template:
    """One catalog entry with placeholders, as a pattern that finds its values in a line."""

    english: str  # the msgid (the singular, for a plural entry)
    plural: str | None  # the plural msgid of a plural entry ("{n} turns")
    pattern: re.Pattern[str]
    greedy: re.Pattern[str] | None  # the last values taken longest ("{a} and {b}" where {a} holds " and ")
    specificity: int  # characters of fixed text: among templates that match, the most specific wins
    wordless: bool  # "{order}: {reason}": its fixed text has no letters, so it explains only its values


def _unescape(literal: str) -> str:
    return literal.replace("{{", "{").replace("}}", "}")


def _pattern(template: str, greedy: bool = False) -> tuple[re.Pattern[str], list[str]]:
    """The regular expression of a template, and its fixed pieces of text.

    Each value is as short as the line allows (the first " and " ends "{a} and {b}"'s {a}), or with
    `greedy` as long.
    """
    regex, pieces, seen, position = [], [], set(), 0
    for field in FIELD.finditer(template):
        piece = _unescape(template[position : field.start()])
        pieces.append(piece)
        regex.append(re.escape(piece))
        name, spec = field.group(1), field.group(3) or ""
        if name in seen:
            regex.append(f"(?P={name})")
        else:
            seen.add(name)
            free = "(?P<{}>.*)" if greedy else "(?P<{}>.*?)"
            regex.append(f"(?P<{name}>[+\\-−]?\\d+)" if spec.endswith("d") else free.format(name))
        position = field.end()
    piece = _unescape(template[position:])
    pieces.append(piece)
    regex.append(re.escape(piece))
    return re.compile("".join(regex), re.DOTALL), pieces


class Templates:
    """Every template of the catalog, indexed by its opening text or else by its longest fixed piece."""

    def __init__(self, entries: Iterable[tuple[str, str | None]]):
        self.by_opening: dict[str, list[Template]] = {}
        self.by_piece: list[tuple[str, Template]] = []
        self.suffixes: list[tuple[str, Template]] = []  # (opening, template) of the suffix templates
        for singular, plural in entries:
            for english in (singular, plural) if plural else (singular,):
                if not FIELD.search(english):
                    continue
                pattern, pieces = _pattern(english)
                specificity = sum(len(piece) for piece in pieces)
                if not any(piece.strip() for piece in pieces):
                    continue  # "{a}{b}": nothing to recognise it by
                wordless = not any(character.isalpha() for piece in pieces for character in piece)
                several = (
                    sum(1 for field in FIELD.finditer(english) if not (field.group(3) or "").endswith("d"))
                    > 1
                )
                greedy = _pattern(english, greedy=True)[0] if several else None
                template = Template(singular, plural, pattern, greedy, specificity, wordless)
                if pieces[0]:
                    self.by_opening.setdefault(pieces[0], []).append(template)
                    if pieces[0].startswith(SUFFIX_OPENINGS):
                        self.suffixes.append((pieces[0], template))
                else:
                    self.by_piece.append((max(pieces, key=len), template))
        self.opening_lengths = sorted({len(opening) for opening in self.by_opening}, reverse=True)
        self.suffixes.sort(key=lambda item: _rank(item[1]))

    def candidates(self, text: str) -> list[Template]:
        found = [
            template
            for length in self.opening_lengths
            if length <= len(text)
            for template in self.by_opening.get(text[:length], ())
        ]
        found.extend(template for piece, template in self.by_piece if piece in text)
        found.sort(key=_rank)
        return found

    def suffixes_of(self, text: str) -> Iterator[tuple[int, Template]]:
        """(where it starts, template) of each suffix template whose opening appears after the start."""
        for opening, template in self.suffixes:
            start = text.rfind(opening, 1)
            while start > 0:
                yield start, template
                start = text.rfind(opening, 1, start)


def _rank(template: Template) -> tuple[int, bool, str]:
    """The order templates are tried and preferred in: the most fixed text first (fewest characters
    left to placeholders in a line both fit), then a plural entry (its French agrees with its count),
    then the msgid, so that a tie is always settled alike. `python -m game.catalogs --check` fails
    where a tie between two templates would change the French of an engine's line (ambiguities())."""
    return -template.specificity, template.plural is None, template.english


def ambiguities(templates: Templates, engine: set[str], reader: Reader) -> list[tuple[str, str, str, str]]:
    """(msgid, msgid, French, French) of each pair of templates that fit the same line, rank alike
    but for their msgids, and read it differently (spaces aside); one of them the engine's (`engine`).

    The line tried is the first template with each value a token of its own; where the second fits
    it too, the first's tokens are its values.
    """
    every = [template for group in templates.by_opening.values() for template in group]
    every += [template for _piece, template in templates.by_piece]
    alike: dict[tuple[int, bool], list[Template]] = {}
    for template in every:
        alike.setdefault(_rank(template)[:2], []).append(template)
    found: dict[frozenset[str], tuple[str, str, str, str]] = {}
    for group in alike.values():
        for first in group:
            for english in filter(None, (first.english, first.plural)):
                tokens: dict[str, str] = {}
                line = FIELD.sub(partial(_token, tokens=tokens), english)
                for second in group:
                    pair = frozenset((first.english, second.english))
                    if second is first or pair in found or not pair & engine:
                        continue
                    match = second.pattern.fullmatch(line)
                    if match is None or (second.plural is not None and _count(match.groupdict()) is None):
                        continue
                    one, two = _french(first, tokens, reader), _french(second, match.groupdict(), reader)
                    if " ".join(one.replace("\u202f", " ").replace("\xa0", " ").split()) != " ".join(
                        two.replace("\u202f", " ").replace("\xa0", " ").split()
                    ):
                        found[pair] = (first.english, second.english, one, two)
    return sorted(found.values())


def _token(field: re.Match[str], tokens: dict[str, str]) -> str:
    """A value no catalog knows for a placeholder (a number for a count or a {:d})."""
    name = field.group(1)
    if name not in tokens:
        number = name == "n" or (field.group(3) or "").endswith("d")
        tokens[name] = str(len(tokens) + 2) if number else f"Q{len(tokens)}q"
    return tokens[name]


def _french(template: Template, values: dict[str, str], reader: Reader) -> str:
    if template.plural is not None:
        wording = reader.ngettext(template.english, template.plural, _count(values) or 0)
    else:
        wording = reader.gettext(template.english)
    try:
        return FIELD.sub(lambda field: "{" + field.group(1) + "}", wording).format(**values)
    except (KeyError, IndexError, ValueError):
        return wording


@lru_cache(maxsize=4)
def load(path: Path) -> Templates:
    """The templates of a catalog template (.pot) file, read once (none if the file is missing)."""
    from babel.messages.pofile import read_po  # Babel's catalog reader loads only when needed

    try:
        with path.open("rb") as file:
            catalog = read_po(file)
    except OSError:  # an install without its catalogs: lines are shown as recorded
        return Templates([])
    entries: list[tuple[str, str | None]] = []
    for message in catalog:
        if isinstance(message.id, (tuple, list)):
            entries.append((str(message.id[0]), str(message.id[1])))
        elif message.id:
            entries.append((str(message.id), None))
    return Templates(entries)


def translate(text: str, templates: Templates, reader: Reader) -> str:
    """`text` in the reader's language, as far as the catalog explains it; unchanged where it does not."""
    return _Reading(templates, reader).read(text, 0)[0]


def unexplained(text: str, templates: Templates, reader: Reader) -> int:
    """How many characters of `text` no template, name or word of the catalog explains (a measure)."""
    return _Reading(templates, reader).read(text, 0)[1]


class _Reading:
    """One line being read: each piece is read once (a line's pieces recur in its readings)."""

    def __init__(self, templates: Templates, reader: Reader):
        self.templates, self.reader = templates, reader
        self.seen: dict[str, tuple[str, int]] = {}

    def read(self, text: str, depth: int) -> tuple[str, int]:
        """The text translated, and how many of its characters nothing explained (left as recorded).

        Where several templates fit (a name may hold " in ", a value ": "), the reading that
        leaves the fewest characters unexplained wins, then the template with more fixed text.
        """
        if not text or INTEGER.fullmatch(text):
            return text, 0  # whole numbers read the same (years and scores keep their digits together)
        known = self.seen.get(text)
        if known is None:
            self.seen[text] = (text, len(text))  # while it is being read, a piece of it may not be it
            known = self.seen[text] = self._read(text, depth)
        return known

    def _read(self, text: str, depth: int) -> tuple[str, int]:
        reader = self.reader
        for whole in (reader.name(text), reader.gettext(text)):
            if whole != text:
                return whole, 0
        if depth > MAX_DEPTH:
            return text, len(text)
        # (characters unexplained, rank of the template, the text shown): the least left unexplained
        # wins, then the template with the most fixed text, then the msgid (see _rank)
        readings: list[tuple[int, tuple[int, str], str]] = []
        for template in self.templates.candidates(text):
            match = template.pattern.fullmatch(text)
            if match is not None and (template.plural is None or _count(match.groupdict()) is not None):
                shown, unexplained = self._fill(template, match, depth)
                if unexplained and template.greedy is not None:  # the values split another way
                    longest = template.greedy.fullmatch(text)
                    if longest is not None and longest.groups() != match.groups():
                        other = self._fill(template, longest, depth)
                        if other[1] < unexplained:
                            (shown, unexplained), match = other, longest
                if unexplained >= sum(len(value) for value in match.groups()) and (
                    template.wordless
                    or template.specificity
                    < len(text) * (MIN_FIXED_SHARE_VALUE if depth else MIN_FIXED_SHARE_LINE)
                ):
                    continue  # it would explain nothing but a little fixed text
                readings.append((unexplained, _rank(template), shown))
                if unexplained == 0 or len(readings) == MAX_READINGS:
                    break
        if readings and min(readings)[0] == 0:
            return min(readings)[2], 0
        readings.extend(self._suffixed(text, depth))
        for separator in LIST_SEPARATORS:
            if separator in text:
                shown, unexplained = self._list(text.split(separator), separator, depth)
                readings.append((unexplained, (0, "~list"), shown))
                break
        labelled = LABELLED.fullmatch(text)
        if labelled is not None:
            label, unexplained = self.read(labelled["label"], depth + 1)
            readings.append((unexplained, (0, "~labelled"), f"{label} {labelled['value']}"))
        if readings:
            unexplained, _rank_of, shown = min(readings)
            if unexplained < len(text):
                return shown, unexplained
        return text, len(text)

    def _suffixed(self, text: str, depth: int) -> Iterator[tuple[int, tuple[int, str], str]]:
        """Readings of the text as another line followed by a suffix template (", +1 the army's...")."""
        for start, template in self.templates.suffixes_of(text):
            match = template.pattern.fullmatch(text, start)
            if match is None or (template.plural is not None and _count(match.groupdict()) is None):
                continue
            suffix, left = self._fill(template, match, depth)
            if left >= len(text) - start:
                continue
            head, unexplained = self.read(text[:start], depth + 1)
            yield unexplained + left, _rank(template), head + suffix

    def _fill(self, template: Template, match: re.Match[str], depth: int) -> tuple[str, int]:
        captured = match.groupdict()
        if template.plural is not None:
            wording = self.reader.ngettext(template.english, template.plural, _count(captured) or 0)
        else:
            wording = self.reader.gettext(template.english)
        values, unexplained = {}, 0
        for key, value in captured.items():
            values[key], left = self.read(value, depth + 1)
            unexplained += left
        try:
            return FIELD.sub(lambda field: "{" + field.group(1) + "}", wording).format(**values), unexplained
        except (KeyError, IndexError, ValueError):  # a translation naming a placeholder the English lacks
            return match.string, len(match.string)

    def _list(self, items: list[str], separator: str, depth: int) -> tuple[str, int]:
        """Items joined by the separator, each read alone, or with the next ones where an item holds the
        separator itself ("a militia's raid, over before any response arrives")."""
        shown, unexplained, start = [], 0, 0
        while start < len(items):
            end = start + 1
            text, left = self.read(items[start], depth + 1)
            last = len(items) if start else len(items) - 1  # all the items together: the text itself
            for longer in range(start + 2, last + 1) if left else ():
                joined = self.read(separator.join(items[start:longer]), depth + 1)
                if joined[1] == 0:
                    (text, left), end = joined, longer
                    break
            shown.append(text)
            unexplained += left
            start = end
        return separator.join(shown), unexplained


def _count(captured: dict[str, str]) -> int | None:
    """The count a plural entry turns on: its {n}, else its first whole number (None: not a count)."""
    for key in ("n",) if "n" in captured else captured:
        value = captured.get(key, "")
        if INTEGER.fullmatch(value):
            return int(value.lstrip("+-−"))
    return None
