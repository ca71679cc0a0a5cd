"""The syndicate protocol: JSON messages over a WebSocket, each validated (extra fields refused).

A client says hello with its seat and code, then sends requests; the server answers each request
that carries an `id` with `ok` or `error`, and pushes `view` messages whenever the game changes.

Field names and error kinds are English, the same for every reader. A message meant for a person
carries `message` (English, whole) and, when the host made it from a template, `text` (the English
template, marked `N_`) with its `values`: the reader's client shows `said(...)`, the template in its
own language with the values filled in.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game import i18n
from game.i18n import N_, _

PROTOCOL = 1
FACILITATOR_SEAT = "facilitator"
MAX_MESSAGE_BYTES = 64 * 1024  # an inject card is at most 20,000 characters
STORAGE_PROBLEM = N_("the host cannot write the game: {error}; it plays on in memory and keeps trying")


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int | None = Field(default=None, ge=0, le=2**53)


class Hello(_Message):
    """The first message: which seat (or the facilitator), with its code."""

    type: Literal["hello"]
    v: int
    seat: Annotated[str, Field(min_length=1, max_length=40)]
    code: Annotated[str, Field(min_length=1, max_length=200)] = Field(repr=False)
    name: Annotated[str, Field(max_length=60)] = ""
    takeover: bool = False
    lease: int | None = Field(default=None, ge=0, le=2**53)  # a reconnecting window's last lease


class Give(_Message):
    """An order (the engine's JSON form); validated again by the engine's own models."""

    type: Literal["give"]
    order: dict[str, Any]


class Withdraw(_Message):
    """Withdraw this seat's pending order number `index` (as the seat's view lists them)."""

    type: Literal["withdraw"]
    index: Annotated[int, Field(ge=0, le=10_000)]


class Commit(_Message):
    type: Literal["commit"]


class Ping(_Message):
    type: Literal["ping"]


class Pause(_Message):
    """Facilitator only: pause or resume."""

    type: Literal["pause"]
    paused: bool


class Force(_Message):
    """Facilitator only: resolve the turn without waiting for every seat."""

    type: Literal["force"]


class Clock(_Message):
    """Facilitator only: start this turn's clock, or extend it (negative minutes take away)."""

    type: Literal["clock"]
    minutes: Annotated[float, Field(ge=-600, le=600, allow_inf_nan=False)]
    extend: bool = False


class Note(_Message):
    """Facilitator only: a debrief note on an earlier turn."""

    type: Literal["note"]
    turn: Annotated[int, Field(ge=1, le=10_000)]
    text: Annotated[str, Field(min_length=1, max_length=50_000)]


class InjectYaml(_Message):
    """Facilitator only: a card written on the spot, in YAML (checked like the scenario's cards)."""

    type: Literal["inject_yaml"]
    text: Annotated[str, Field(min_length=1, max_length=20_000)]


AnyRequest = Hello | Give | Withdraw | Commit | Ping | Pause | Force | Clock | Note | InjectYaml
Request = Annotated[AnyRequest, Field(discriminator="type")]
REQUEST = TypeAdapter(Request)
FACILITATOR_ONLY = (Pause, Force, Clock, Note, InjectYaml)
KINDS = ("hello", "give", "withdraw", "commit", "ping", "pause", "force", "clock", "note", "inject_yaml")


class Said(Exception):
    """An error said from an English template (marked `N_`) and its values, so that whoever shows it
    can translate the template: str() is the English line; `text` and `values` go on the wire."""

    def __init__(self, text: str, **values: Any):
        self.text, self.values = text, values
        super().__init__(text.format(**values) if values else text)


class ProtocolError(Said, ValueError):
    """A message that is not a valid request, said in one line."""


def parse(text: str | bytes) -> AnyRequest:
    """A request from its JSON text, or ProtocolError naming what is wrong."""
    if len(text) > MAX_MESSAGE_BYTES:
        raise ProtocolError(N_("the message is over {count} bytes"), count=f"{MAX_MESSAGE_BYTES:,}")
    try:
        return REQUEST.validate_json(text)
    except ValidationError as error:
        first = error.errors(include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or N_("the message")
        if first["type"] == "union_tag_invalid":
            raise ProtocolError(N_("unknown message type; known: {kinds}"), kinds=", ".join(KINDS)) from None
        raise ProtocolError(N_("{where}: {problem}"), where=where, problem=first["msg"]) from None


def error(
    message: str,
    request_id: int | None = None,
    kind: str = "refused",
    values: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An error for the client: `message` an English template marked `N_` (filled with `values`), or
    a line recorded in English (the engine's refusals)."""
    said = message.format(**values) if values else message
    return {
        "type": "error",
        "v": PROTOCOL,
        "id": request_id,
        "kind": kind,
        "message": said,
        "text": message,
        "values": values or {},
    }


def refusal(problem: Exception, request_id: int | None = None, kind: str = "refused") -> dict[str, Any]:
    """The error for a Said exception (its template and values), or any other one as recorded."""
    if isinstance(problem, Said):
        return error(problem.text, request_id, kind, problem.values)
    return error(str(problem), request_id, kind)


def _in_reader_language(value: Any) -> Any:
    if isinstance(value, str):
        return _(value)
    if isinstance(value, list):
        return ", ".join(_(str(item)) for item in value)
    return value


def said(message: dict[str, Any]) -> str:
    """A message's line in the reader's language: its template translated and filled (string values,
    such as seat titles, translated too; a list joined), else its English line as the engine records
    it (i18n.recorded finds the engine's templates)."""
    text, values = message.get("text"), message.get("values")
    if isinstance(text, str) and isinstance(values, dict) and values:
        try:
            return _(text).format(**{key: _in_reader_language(value) for key, value in values.items()})
        except (KeyError, IndexError, ValueError):  # a host of another version: its English line
            return str(message.get("message", ""))
    if isinstance(text, str) and text:
        return i18n.recorded(text)
    return i18n.recorded(str(message.get("message", "")))


def ok(request_id: int | None, **extra: Any) -> dict[str, Any]:
    return {"type": "ok", "v": PROTOCOL, "id": request_id, **extra}


def request_id(text: str | bytes) -> int | None:
    """The id of a request that did not parse, if it had a sound one, so that the answer finds it."""
    try:
        data = json.loads(text) if len(text) <= MAX_MESSAGE_BYTES else None
    except ValueError:
        return None
    number = data.get("id") if isinstance(data, dict) else None
    return (
        number if isinstance(number, int) and not isinstance(number, bool) and 0 <= number <= 2**53 else None
    )


def in_reader_language(message: dict[str, Any]) -> dict[str, Any]:
    """A pushed or answered message with its person-read lines in the reader's language: the
    `message` line, the status's disk problem, the menu's reasons (the engine's, as recorded)."""
    message = dict(message)
    if "message" in message:
        message["message"] = said(message)
    status = message.get("status")
    if isinstance(status, dict) and status.get("storage_error"):
        message["status"] = {
            **status,
            "storage_problem": _(STORAGE_PROBLEM).format(error=status["storage_error"]),
        }
    menu = message.get("menu")
    if isinstance(menu, list):
        message["menu"] = [
            {**entry, "reason": i18n.recorded(entry["reason"])}
            if isinstance(entry, dict) and isinstance(entry.get("reason"), str)
            else entry
            for entry in menu
        ]
    return message
