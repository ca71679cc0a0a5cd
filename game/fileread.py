"""One reading path for every file a player gives the game: regular files only, bounded, clear errors.

Scenarios, policy files, a facilitator's card, saves and exports all come through here, so a pipe,
a device, a huge or hostile file is refused at once with one line that names the file and, where
it is known, the line and column: never a traceback, never a hang, never a read until memory runs out.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game import i18n
from game.errors import ReadError
from game.i18n import _

MEGABYTE = 1024 * 1024
MAX_DEPTH = 40  # deepest nesting of lists and mappings any of our formats needs (a scenario: ~8)
MAX_NUMBER_DIGITS = 30  # an integer longer than this is never a sensible value in any file we read
MAX_YAML_NODES = 5_000_000  # values after anchors and aliases are expanded (a "billion laughs" file)

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it
_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, placed at a line and column (1, 1 when the place is not known)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class FileReadError(ReadError):
    """A file could not be read or parsed; `problem` says where and why, in one line."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object, longest: int = 200) -> str:
    """A value from a file, safe to put in a one-line message: no control characters, bounded."""
    cleaned = _CONTROL.sub("?", str(text)).replace("\n", " ")
    return cleaned if len(cleaned) <= longest else cleaned[: longest - 3] + "..."


def _size(count: int) -> str:
    if count >= MEGABYTE:
        return _("{size} MB").format(size=i18n.number(count / MEGABYTE, 1))
    return _("{size} bytes").format(size=i18n.number(count))


def read_bytes(path: str | Path, what: str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; `what` names it ("a scenario", marked
    with N_() and shown through `_()`).

    Opened without blocking and checked with fstat before any read, so a FIFO, /dev/zero, a socket
    or a folder is refused at once instead of hanging or filling memory.
    """
    file = str(path)
    what = _(what)

    def fail(message: str) -> FileReadError:
        return FileReadError(Problem(file, 1, 1, message))

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise fail(_("file not found")) from None
    except IsADirectoryError:
        raise fail(_("this is a folder; give the path of {what}").format(what=what)) from None
    except PermissionError:
        raise fail(_("permission denied: this user may not read the file")) from None
    except OSError as error:
        raise fail(_("cannot open it: {reason}").format(reason=error.strerror or error)) from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise fail(_("this is a folder; give the path of {what}").format(what=what))
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISFIFO(info.st_mode):
                raise fail(_("this is a pipe, not a file; give the path of {what}").format(what=what))
            raise fail(_("this is a device or socket, not a file; give the path of {what}").format(what=what))
        if info.st_size > limit:
            raise fail(
                _("the file is {size}; {what} is at most {limit}, so it is refused").format(
                    size=_size(info.st_size), what=what, limit=_size(limit)
                )
            )
        chunks, total = [], 0
        while True:
            chunk = os.read(handle, min(MEGABYTE, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while it was read
                raise fail(
                    _("the file is over {limit}; {what} is at most that, so it is refused").format(
                        limit=_size(limit), what=what
                    )
                )
        return b"".join(chunks)
    except BlockingIOError:
        raise fail(_("the file cannot be read now (it is locked or not ready); try again")) from None
    except OSError as error:
        raise fail(_("cannot read it: {reason}").format(reason=error.strerror or error)) from None
    finally:
        os.close(handle)


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text (a byte-order mark is accepted and dropped); a bad byte is named at its line and column."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileReadError(Problem(file, 1, 1, _("the file is UTF-16 text; save it as UTF-8")))
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = position(raw, error.start)
        raise FileReadError(
            Problem(
                file,
                line,
                column,
                _("byte {byte} is not UTF-8 text; save the file as UTF-8").format(
                    byte=f"0x{raw[error.start]:02x}"
                ),
            )
        ) from None


def position(raw: bytes | str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of an offset into a file's bytes or text."""
    newline = b"\n" if isinstance(raw, bytes) else "\n"
    line_start = raw.rfind(newline, 0, offset) + 1  # type: ignore[arg-type]  # newline matches raw
    before = raw[line_start:offset]
    column = len(before.decode("utf-8", "replace")) if isinstance(before, bytes) else len(before)
    return raw.count(newline, 0, offset) + 1, column + 1  # type: ignore[arg-type]  # newline matches raw


def read_text(path: str | Path, what: str, limit: int) -> str:
    """A regular file's UTF-8 text, through read_bytes and decode."""
    return decode(read_bytes(path, what, limit), str(path))


# --- YAML -----------------------------------------------------------------------------------------


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _check_scalar(node: yaml.ScalarNode, file: str) -> None:
    if node.tag == _INT_TAG and len(node.value) > MAX_NUMBER_DIGITS + 2:
        digits = len(node.value.lstrip("+-").replace("_", ""))
        if digits > MAX_NUMBER_DIGITS:
            line, column = _mark(node)
            message = _("a number of {digits} digits; no value here is that long").format(digits=digits)
            raise FileReadError(Problem(file, line, column, message))


def _check_keys(node: yaml.MappingNode, file: str) -> None:
    """Duplicate keys, named at the second with the line of the first."""
    first: dict[str, yaml.Node] = {}
    for key, __ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE_TAG:
            continue
        if key.value in first:
            line, column = _mark(key)
            earlier = first[key.value].start_mark.line + 1
            raise FileReadError(
                Problem(
                    file,
                    line,
                    column,
                    _(
                        "duplicate key {key} (lines {first} and {second}): the second would silently "
                        "replace the first; keep one"
                    ).format(key=repr(key.value), first=earlier, second=line),
                )
            )
        first[key.value] = key


def check_tree(root: yaml.Node, file: str) -> None:
    """Refuse a composed YAML tree with duplicate keys or over-long integers, or one that is too
    deep, refers to itself, or expands beyond reason through anchors and aliases.

    Iterative and linear in the number of distinct nodes (scalars are checked where they sit).
    """
    if isinstance(root, yaml.ScalarNode):
        _check_scalar(root, file)
        return
    scalar = yaml.ScalarNode
    done: dict[int, tuple[int, int]] = {}  # collection node id -> (height, expanded size)
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            height, size = 1, 1
            for child in _children(node):
                if type(child) is scalar:
                    height, size = max(height, 2), size + 1
                else:
                    child_height, child_size = done[id(child)]
                    height, size = max(height, child_height + 1), size + child_size
            done[key] = (height, size)
            if height > MAX_DEPTH or size > MAX_YAML_NODES:
                line, column = _mark(node)
                message = (
                    _("nested more than {depth} levels deep; no file needs that").format(depth=MAX_DEPTH)
                    if height > MAX_DEPTH
                    else _("anchors and aliases here expand to millions of values")
                )
                raise FileReadError(Problem(file, line, column, message))
            continue
        if key in done:
            continue
        if key in on_path:
            line, column = _mark(node)
            problem = Problem(file, line, column, _("an alias refers to the value that contains it"))
            raise FileReadError(problem)
        if isinstance(node, yaml.MappingNode):
            _check_keys(node, file)
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if type(child) is scalar:
                _check_scalar(child, file)
            elif id(child) not in done:
                stack.append((child, False))


def parse_yaml(text: str, file: str) -> tuple[Any, yaml.Node | None]:
    """Parse YAML once (libyaml when available) into plain data and its node tree, for positions.

    Raises FileReadError for invalid YAML, duplicate keys, over-long integers, deep nesting or
    self-referring aliases, each at its line and column.
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        check_tree(root, file)
        return loader.construct_document(root), root
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise FileReadError(
            Problem(file, line, column, _("not valid YAML: {reason}").format(reason=_one_line(error.problem)))
        ) from None
    except yaml.reader.ReaderError as error:
        line, column = position(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or " ")
        raise FileReadError(
            Problem(
                file,
                line,
                column,
                _("a control character ({code}) that YAML does not allow").format(code=f"#x{code:02x}"),
            )
        ) from None
    except yaml.YAMLError as error:
        reason = _one_line(error)
        raise FileReadError(
            Problem(file, 1, 1, _("not valid YAML: {reason}").format(reason=reason))
        ) from None
    except (ValueError, RecursionError, OverflowError) as error:  # a value the constructor cannot build
        reason = _one_line(error)
        raise FileReadError(
            Problem(file, 1, 1, _("not valid YAML: {reason}").format(reason=reason))
        ) from None
    finally:
        loader.dispose()


def _one_line(text: object) -> str:
    return next(iter(str(text).splitlines()), "")


# --- JSON -----------------------------------------------------------------------------------------

_LONG_NUMBER = re.compile(rf"-?\d{{{MAX_NUMBER_DIGITS + 1},}}")
_CONSTANT = re.compile(r"-?\b(?:Infinity|NaN)\b")
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class _Refused(Exception):
    def __init__(self, message: str, offset: int = 0):
        self.message, self.offset = message, offset


def _json_depth_offset(text: str, limit: int) -> int:
    """Where a JSON text first nests deeper than `limit` (a scan used only to place an error)."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                return match.start()
        elif token in ("]", "}"):
            depth -= 1
    return 0


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether parsed JSON nests lists and mappings more than `limit` levels deep."""
    # level by level, from the top: a list of each level's containers is made in one comprehension
    # per container, twice as fast as a stack of (container, depth) pairs
    level = [value] if isinstance(value, _CONTAINERS) else []
    for _depth in range(limit):
        below: list[Any] = []
        for item in level:
            below += [
                c for c in (item.values() if isinstance(item, dict) else item) if isinstance(c, _CONTAINERS)
            ]
        if not below:
            return False
        level = below
    return True


_CONTAINERS = (dict, list)


def parse_json(text: str, file: str) -> Any:
    """Strict JSON: no NaN or Infinity, no duplicate keys, no huge integers, bounded nesting.

    Raises FileReadError with the line and column; json.JSONDecodeError passes through for the
    caller to word (a cut-short save is not the same as a damaged one).
    """

    def big_int(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
            found = _LONG_NUMBER.search(text)
            raise _Refused(
                _("a number of {digits} digits; no value here is that long").format(digits=len(digits)),
                found.start() if found else 0,
            )
        return int(digits)

    def finite(digits: str) -> float:
        number = float(digits)
        if math.isinf(number):
            found = re.search(re.escape(digits), text)
            raise _Refused(
                _("{number} is too large a number").format(number=digits), found.start() if found else 0
            )
        return number

    def constant(name: str) -> Any:
        found = _CONSTANT.search(text)
        raise _Refused(
            _("{name} is not a number JSON allows").format(name=name), found.start() if found else 0
        )

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            seen: set[str] = set()
            duplicate = next(key for key, __ in items if key in seen or seen.add(key))  # type: ignore[func-returns-value]  # add() is None: falsy
            matches = [m.start() for m in re.finditer(re.escape(json.dumps(duplicate)) + r"\s*:", text)]
            message = _("duplicate key {key}").format(key=repr(duplicate))
            raise _Refused(message, matches[1] if len(matches) > 1 else 0)
        return result

    try:
        value = json.loads(
            text, parse_int=big_int, parse_float=finite, parse_constant=constant, object_pairs_hook=pairs
        )
    except _Refused as refused:
        line, column = position(text, refused.offset)
        raise FileReadError(Problem(file, line, column, refused.message)) from None
    except RecursionError:
        value = None
        deep = True
    else:
        deep = _deeper_than(value, MAX_DEPTH)
    if deep:
        line, column = position(text, _json_depth_offset(text, MAX_DEPTH))
        raise FileReadError(
            Problem(
                file,
                line,
                column,
                _("nested more than {depth} levels deep; no file needs that").format(depth=MAX_DEPTH),
            )
        )
    return value
