"""The syndicate protocol: JSON messages over a WebSocket, each validated (extra fields refused).

A client says hello with its seat and code, then sends requests; the server answers each request
that carries an `id` with `ok` or `error`, and pushes `view` messages whenever the game changes.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

PROTOCOL = 1
FACILITATOR_SEAT = "facilitator"
MAX_MESSAGE_BYTES = 64 * 1024  # an inject card is at most 20,000 characters


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


class ProtocolError(ValueError):
    """A message that is not a valid request, said in one line."""


def parse(text: str | bytes) -> AnyRequest:
    """A request from its JSON text, or ProtocolError naming what is wrong."""
    if len(text) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"the message is over {MAX_MESSAGE_BYTES:,} bytes")
    try:
        return REQUEST.validate_json(text)
    except ValidationError as error:
        first = error.errors(include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the message"
        if first["type"] == "union_tag_invalid":
            raise ProtocolError("unknown message type; known: " + ", ".join(KINDS)) from None
        raise ProtocolError(f"{where}: {first['msg']}") from None


def error(message: str, request_id: int | None = None, kind: str = "refused") -> dict[str, Any]:
    """An error for the client: one line it can show as it is."""
    return {"type": "error", "v": PROTOCOL, "id": request_id, "kind": kind, "message": message}


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
