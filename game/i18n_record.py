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
# templates that fit a whole line, or a value inside one, tried before the best reading is kept
MAX_READINGS_LINE = 6
MAX_READINGS_VALUE = 2
ALTERNATIVES = 1  # readings of a whole line tried after the first that explains it all
# A template opening with one of these is a suffix the engine appends to another line ("{name} threat
# {level}" + ", +{tempo} the army's offensive operations"): it is also looked for at the end of a text.
SUFFIX_OPENINGS = (", ", "; ", " (")
# A reading's cost, made so that the reading that leaves the fewest characters as recorded wins;
# of those that leave as few, the one whose templates hold the most fixed text (the most specific
# reading of the line, all its templates counted); then the one with the fewest templates (the
# engine's whole phrase before the same words cut into smaller templates). Each character left
# costs CHARACTER, each character of a template's fixed text -FIXED, each template 1.
CHARACTER = 1 << 32
FIXED = 64  # more than the templates of any reading


@dataclass(frozen=True)
class Reader:
    """How one language reads: its catalog (gettext, ngettext) and its scenario names."""

    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    name: Callable[[str], str]
    is_name: Callable[[str], bool] = lambda text: False  # a name, even one that reads the same
    # the translated template made to fit its values ("de {group}" before a vowel: "d’{group}")
    fit: Callable[[str, dict[str, str]], str] = lambda wording, values: wording


@dataclass(frozen=True)
class Template:
    """One catalog entry with placeholders, as a pattern that finds its values in a line."""

    english: str  # the msgid (the singular, for a plural entry)
    plural: str | None  # the plural msgid of a plural entry ("{n} turns")
    pattern: re.Pattern[str]
    greedy: re.Pattern[str] | None  # the last values taken longest ("{a} and {b}" where {a} holds " and ")
    # (opening, {a}, middle, {b}, closing) of a template of two values and the text between them:
    # where "and" is in both names, each place the middle appears may be where it splits
    pair: tuple[str, str, str, str, str] | None
    specificity: int  # characters of fixed text: among templates that match, the most specific wins
    wordless: bool  # "{order}: {reason}": its fixed text has no letters, so it explains only its values


def _pair(template: str, pieces: list[str]) -> tuple[str, str, str, str, str] | None:
    fields = list(FIELD.finditer(template))
    names = [field.group(1) for field in fields]
    if len(fields) != 2 or names[0] == names[1] or not pieces[1]:
        return None
    if any((field.group(3) or "").endswith("d") for field in fields):
        return None
    return pieces[0], names[0], pieces[1], names[1], pieces[2]


def _unescape(literal: str) -> str:
    return literal.replace("{{", "{").replace("}}", "}")


SIGNED = re.compile(r"signed\d*")  # placeholders the engine fills with signed(): "+3", "−1"


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
            number = spec.endswith("d") or SIGNED.fullmatch(name)  # {signed}: the engine's signed(n)
            regex.append(f"(?P<{name}>[+\\-−]?\\d+)" if number else free.format(name))
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
                template = Template(
                    singular, plural, pattern, greedy, _pair(english, pieces), specificity, wordless
                )
                if pieces[0]:
                    self.by_opening.setdefault(pieces[0], []).append(template)
                    if pieces[0].startswith(SUFFIX_OPENINGS):
                        self.suffixes.append((pieces[0], template))
                else:
                    self.by_piece.append((max(pieces, key=len), template))
        self.suffixes.sort(key=lambda item: _rank(item[1]))
        self.openings: dict[str, list[tuple[str, list[Template]]]] = {}  # by first character
        for opening, templates in self.by_opening.items():
            self.openings.setdefault(opening[0], []).append((opening, templates))
        # one value between marks and no words ("'{title}'"): a name between them is read at once
        self.wrappers = [
            (pieces[0], pieces[-1], template)
            for opening, templates in self.by_opening.items()
            for template in templates
            if template.wordless and template.pair is None and FIELD.fullmatch(_inner(template.english))
            for pieces in [_pattern(template.english)[1]]
            if len(pieces) == 2 and pieces[1]
        ]
        self.pieces: dict[str, list[Template]] = {}  # by_piece grouped: each piece looked for once
        for piece, template in self.by_piece:
            self.pieces.setdefault(piece, []).append(template)

    def candidates(self, text: str) -> list[Template]:
        found = [
            template
            for opening, templates in self.openings.get(text[:1], ())
            if text.startswith(opening)
            for template in templates
        ]
        for piece, templates in self.pieces.items():
            if piece in text:
                found.extend(templates)
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


Memo = dict[tuple[str, bool], tuple[str, int]]  # (piece, inside a line?) -> (its reading, its cost)


def translate(text: str, templates: Templates, reader: Reader, memo: Memo | None = None) -> str:
    """`text` in the reader's language, as far as the catalog explains it; unchanged where it does not.

    `memo` keeps the pieces read for the next lines (the same names and values recur in a game's
    lines); it belongs to one reader and one catalog.
    """
    return _Reading(templates, reader, memo).read(text, 0)[0]


def unexplained(text: str, templates: Templates, reader: Reader) -> int:
    """How many characters of `text` no template, name or word of the catalog explains (a measure)."""
    return _chars(_Reading(templates, reader).read(text, 0)[1])


class _Reading:
    """One line being read: each piece is read once (a line's pieces recur in its readings)."""

    def __init__(self, templates: Templates, reader: Reader, memo: Memo | None = None):
        self.templates, self.reader = templates, reader
        self.seen: Memo = {} if memo is None else memo

    def read(self, text: str, depth: int) -> tuple[str, int]:
        """The text translated, and the reading's cost (see CHARACTER).

        Where several templates fit (a name may hold " in ", a value ": "), the cheapest reading
        wins, then the template with more fixed text (_rank).
        """
        if not text or INTEGER.fullmatch(text):
            return text, 0  # whole numbers read the same (years and scores keep their digits together)
        key = (text, depth > 0)  # a whole line needs more fixed text than a value (MIN_FIXED_SHARE_*)
        known = self.seen.get(key)
        if known is None:
            self.seen[key] = (text, len(text) * CHARACTER)  # while it is read, a piece of it may not be it
            known = self.seen[key] = self._read(text, depth)
        return known

    def _read(self, text: str, depth: int) -> tuple[str, int]:
        reader = self.reader
        named = reader.name(text)
        if named != text or reader.is_name(text):
            return named, 0
        whole = reader.gettext(text)
        if whole != text:
            return whole, 0
        if depth > MAX_DEPTH:
            return text, len(text) * CHARACTER
        for opening, closing, template in self.templates.wrappers:
            inner = text[len(opening) : len(text) - len(closing)]
            if text.startswith(opening) and text.endswith(closing) and inner and reader.is_name(inner):
                match = template.pattern.fullmatch(text)
                if match is not None:
                    return self._fill(template, match.groupdict(), text, depth)
        # (cost, rank of the template, the text shown): the cheapest wins, then the template with the
        # most fixed text, then the msgid (see _rank)
        readings: list[tuple[int, tuple[int, bool, str], str]] = []
        full: int | None = None  # how many readings it took to find one that explains it all
        for template in self.templates.candidates(text):
            match = template.pattern.fullmatch(text)
            if match is not None and (template.plural is None or _count(match.groupdict()) is not None):
                shown, cost = self._fill(template, match.groupdict(), text, depth)
                if _chars(cost) and template.greedy is not None:  # the values split another way
                    longest = template.greedy.fullmatch(text)
                    if longest is not None and longest.groups() != match.groups():
                        other = self._fill(template, longest.groupdict(), text, depth)
                        if other[1] < cost:
                            (shown, cost), match = other, longest
                if _chars(cost) and template.pair is not None:
                    shown, cost = min((shown, cost), self._split(template, text, depth), key=_left)
                if _chars(cost) >= sum(len(value) for value in match.groups()) and (
                    template.wordless
                    or template.specificity
                    < len(text) * (MIN_FIXED_SHARE_VALUE if depth else MIN_FIXED_SHARE_LINE)
                ):
                    continue  # it would explain nothing but a little fixed text
                readings.append((cost, _rank(template), shown))
                if not _chars(cost) and full is None:
                    full = len(readings)
                most = MAX_READINGS_VALUE if depth else MAX_READINGS_LINE
                if full is not None and not depth:
                    most = min(most, full + ALTERNATIVES)
                if len(readings) == most or (depth and full is not None):
                    # inside a line, the first reading that explains it all is kept (the values of a
                    # line are short: they seldom hold a phrase other templates would read better;
                    # looking costs time)
                    break
        if readings and not _chars(min(readings)[0]):
            return min(readings)[2], min(readings)[0]
        readings.extend(self._suffixed(text, depth))
        for separator in LIST_SEPARATORS:
            if separator in text:
                shown, cost = self._list(text.split(separator), separator, depth)
                readings.append((cost, (0, False, "~list"), shown))
                break
        labelled = LABELLED.fullmatch(text)
        if labelled is not None:
            label, cost = self.read(labelled["label"], depth + 1)
            readings.append((cost, (0, False, "~labelled"), f"{label} {labelled['value']}"))
        if readings:
            cost, _rank_of, shown = min(readings)
            if _chars(cost) < len(text):
                return shown, cost
        return text, len(text) * CHARACTER

    def _suffixed(self, text: str, depth: int) -> Iterator[tuple[int, tuple[int, bool, str], str]]:
        """Readings of the text as another line followed by a suffix template (", +1 the army's...")."""
        for start, template in self.templates.suffixes_of(text):
            match = template.pattern.fullmatch(text, start)
            if match is None or (template.plural is not None and _count(match.groupdict()) is None):
                continue
            suffix, left = self._fill(template, match.groupdict(), text[start:], depth)
            if _chars(left) >= len(text) - start:
                continue
            head, cost = self.read(text[:start], depth + 1)
            yield cost + left, _rank(template), head + suffix

    def _split(self, template: Template, text: str, depth: int) -> tuple[str, int]:
        """The best reading of a two-value template split at each place its middle text appears."""
        assert template.pair is not None
        opening, first, middle, second, closing = template.pair
        inside = text[len(opening) : len(text) - len(closing)]
        best = (text, len(text) * CHARACTER)
        if inside.count(middle) < 3:
            return best  # the first and the last place: the shortest and longest matches were read
        start = inside.find(middle, 1)
        while start > 0:
            values = {first: inside[:start], second: inside[start + len(middle) :]}
            best = min(best, self._fill(template, values, text, depth), key=_left)
            start = inside.find(middle, start + 1)
        return best

    def _fill(self, template: Template, captured: dict[str, str], whole: str, depth: int) -> tuple[str, int]:
        if template.plural is not None:
            wording = self.reader.ngettext(template.english, template.plural, _count(captured) or 0)
        else:
            wording = self.reader.gettext(template.english)
        values, cost = {}, 1 - template.specificity * FIXED  # this template
        for key, value in captured.items():
            values[key], left = self.read(value, depth + 1)
            cost += left
        try:
            wording = self.reader.fit(FIELD.sub(lambda field: "{" + field.group(1) + "}", wording), values)
            return wording.format(**values), cost
        except (KeyError, IndexError, ValueError):  # a translation naming a placeholder the English lacks
            return whole, len(whole) * CHARACTER

    def _list(self, items: list[str], separator: str, depth: int) -> tuple[str, int]:
        """Items joined by the separator, each read alone, or with the next ones where an item holds the
        separator itself ("a militia's raid, over before any response arrives")."""
        shown, cost, start = [], 0, 0
        while start < len(items):
            end = start + 1
            text, left = self.read(items[start], depth + 1)
            last = len(items) if start else len(items) - 1  # all the items together: the text itself
            # an item read whole may still begin a longer one whose next part alone reads nothing
            # ("early warning level 3" + "with no response or helicopter to act on it +1")
            joining = _chars(left) or (
                start + 1 < last and _chars(self.read(items[start + 1], depth + 1)[1]) > 0
            )
            for longer in range(start + 2, last + 1) if joining else ():
                joined = self.read(separator.join(items[start:longer]), depth + 1)
                if not _chars(joined[1]):
                    (text, left), end = joined, longer
                    break
            shown.append(text)
            cost += left
            start = end
        return separator.join(shown), cost


def _inner(template: str) -> str:
    """The template without its first and last fixed text ("'{title}'" -> "{title}")."""
    fields = list(FIELD.finditer(template))
    return template[fields[0].start() : fields[-1].end()] if fields else ""


def _chars(cost: int) -> int:
    """The characters a reading of this cost left as recorded."""
    return (cost + CHARACTER // 2) // CHARACTER


def _left(reading: tuple[str, int]) -> int:
    return reading[1]


def _count(captured: dict[str, str]) -> int | None:
    """The count a plural entry turns on: its {n}, else its first whole number (None: not a count)."""
    for key in ("n",) if "n" in captured else captured:
        value = captured.get(key, "")
        if INTEGER.fullmatch(value):
            return int(value.lstrip("+-−"))
    return None
