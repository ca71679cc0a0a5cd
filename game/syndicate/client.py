"""A seat's (or the facilitator's) connection to the syndicate server: requests, pushed views, reconnects.

The code is kept in memory only, to join again after a dropped connection; it is never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp

from game.i18n import N_, _
from game.syndicate import protocol as P

RECONNECT_FIRST = 0.5
RECONNECT_LONGEST = 10.0
ANSWER_SECONDS = 30.0


class ClientError(Exception):
    """The server refused, or could not be reached; `kind` says which (code, held, wait, ...)."""

    def __init__(self, message: str, kind: str = "refused"):
        super().__init__(message)
        self.kind = kind


def socket_url(address: str) -> str:
    """ws://HOST:PORT (or http://...) as the server's WebSocket address; ClientError if it is not one."""
    text = address.strip()
    if "://" not in text:
        text = f"ws://{text}"
    parts = urlsplit(text)
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    if scheme not in ("ws", "wss") or not parts.hostname:
        raise ClientError(
            _("{address} is not a server address; give it as ws://HOST:PORT").format(address=repr(address)),
            "address",
        )
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ClientError(
            _("{address} has a port that is not a number").format(address=repr(address)), "address"
        ) from None
    return urlunsplit((scheme, parts.netloc, parts.path if parts.path not in ("", "/") else "/ws", "", ""))


class SyndicateClient:
    """Connect with `join()`; then `request()` and the latest pushed view in `view_message`.

    `on_message(message)` is called for each pushed message (views, `closed`, `connection` changes).
    """

    def __init__(
        self,
        address: str,
        seat: str,
        code: str,
        name: str = "",
        on_message: Callable[[dict[str, Any]], None] | None = None,
    ):
        self.url = socket_url(address)
        self.seat = seat
        self._code = code
        self.name = name
        self.on_message = on_message or (lambda message: None)
        self.view_message: dict[str, Any] | None = None
        self.closed_reason: str | None = None  # set when the server closed us for good
        self.lease: int | None = None  # the seat's fencing token: a reconnect resumes only this hold
        self._ids = itertools.count(1)
        self._answers: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._http: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._stopping = False
        self._reconnecting: asyncio.Future[None] | None = None
        self.connected = asyncio.Event()

    def __repr__(self) -> str:  # the code stays out of tracebacks and logs
        return f"SyndicateClient({self.url!r}, seat={self.seat!r})"

    async def join(self, takeover: bool = False) -> dict[str, Any]:
        """Connect and take the seat; ClientError says why not. Starts reading pushed messages."""
        try:
            return await self._join(takeover)
        except ClientError:
            if self._reader is None and self._http is not None:  # never joined: nothing to keep
                await self._http.close()
                self._http = None
            raise

    async def _join(self, takeover: bool) -> dict[str, Any]:
        self._http = self._http or aiohttp.ClientSession()
        try:
            self._socket = await self._http.ws_connect(self.url, max_msg_size=0, heartbeat=20)
        except aiohttp.WSServerHandshakeError as error:
            raise ClientError(
                _("the server at {address} refused the connection ({status})").format(
                    address=self.url, status=error.status
                ),
                "http",
            ) from None
        except (aiohttp.ClientError, OSError) as error:
            raise ClientError(
                _("cannot reach the server at {address} ({error})").format(address=self.url, error=error),
                "unreachable",
            ) from None
        hello = {"type": "hello", "v": P.PROTOCOL, "seat": self.seat, "code": self._code, "id": 0}
        if self.name:
            hello["name"] = self.name
        if takeover:
            hello["takeover"] = True
        if self.lease is not None:
            hello["lease"] = self.lease
        await self._socket.send_str(json.dumps(hello))
        while True:
            message = await self._socket.receive()
            if message.type != aiohttp.WSMsgType.TEXT:
                raise ClientError(_("the server closed the connection"), "closed")
            answer = json.loads(message.data)
            if answer.get("type") == "error":
                await self._socket.close()
                raise ClientError(P.said(answer) or _("refused"), str(answer.get("kind", "refused")))
            if answer.get("type") == "ok" and answer.get("id") == 0:
                self.lease = answer.get("lease")
                break
        self.connected.set()
        self._reader = asyncio.ensure_future(self._read())
        return answer

    async def request(self, kind: str, **fields: Any) -> dict[str, Any]:
        """Send a request and wait for its answer; ClientError with the server's reason when refused."""
        if self._socket is None or self._socket.closed:
            raise ClientError(_("not connected to the host; reconnecting"), "closed")
        request_id = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._answers[request_id] = future
        try:
            await self._socket.send_str(json.dumps({"type": kind, "id": request_id, **fields}))
            async with asyncio.timeout(ANSWER_SECONDS):
                answer = await future
        except TimeoutError:
            raise ClientError(_("the host did not answer"), "timeout") from None
        finally:
            self._answers.pop(request_id, None)
        if answer.get("type") == "error":
            raise ClientError(P.said(answer), str(answer.get("kind", "refused")))
        return answer

    async def send_raw(self, text: str) -> None:
        """Send any text (for tests of what the server does with a malformed message)."""
        assert self._socket is not None
        await self._socket.send_str(text)

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = P.in_reader_language(json.loads(message.data))
            answer_to = data.get("id")
            if data.get("type") in ("ok", "error") and answer_to in self._answers:
                self._answers[answer_to].set_result(data)
                continue
            if data.get("type") == "view":
                self.view_message = data
            elif data.get("type") == "status" and self.view_message is not None:
                self.view_message = {**self.view_message, "status": data["status"]}
            elif data.get("type") == "closed":
                self.closed_reason = str(data.get("message"))
            self.on_message(data)
        self.connected.clear()
        for future in self._answers.values():
            if not future.done():
                future.set_result(P.error(N_("the connection to the host was lost"), kind="closed"))
        if not self._stopping and self.closed_reason is None:
            self._reconnecting = asyncio.ensure_future(self._reconnect())

    async def _reconnect(self) -> None:
        """Join again with the same code, waiting longer each time; the seat's drafts are on the host."""
        self.on_message(
            {"type": "connection", "connected": False, "message": _("connection lost; reconnecting")}
        )
        delay = RECONNECT_FIRST
        while not self._stopping:
            await asyncio.sleep(delay)
            try:
                await self.join()  # with our lease: our own stale hold, never another window's
            except ClientError as error:
                if error.kind in ("code", "version", "held"):  # another window has the seat now
                    held = _("another window took this seat while the connection was lost")
                    self.closed_reason = held if error.kind == "held" else str(error)
                    self.on_message({"type": "closed", "message": self.closed_reason})
                    return
                delay = min(RECONNECT_LONGEST, delay * 2)
                continue
            self.on_message({"type": "connection", "connected": True, "message": _("reconnected")})
            return

    async def drop(self) -> None:
        """Lose the connection as a network fault would (the client reconnects by itself)."""
        if self._socket is not None:
            await self._socket.close()

    async def close(self) -> None:
        self._stopping = True
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        if self._http is not None:
            await self._http.close()
