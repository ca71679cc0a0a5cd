"""The syndicate server: aiohttp WebSockets in front of the GameHost; each seat is pushed its view.

A connection says hello with a seat and its code (the facilitator with the facilitator secret);
wrong codes are logged and rate-limited per address; a held seat is refused unless the newcomer
asks to take it over (with the code), and then the old window is told and closed. Origin and
Host headers are checked, and connections are capped.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import socket
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from game.engine.sides import GREEN, RED
from game.engine.wording import seat_name
from game.i18n import N_, _
from game.syndicate import protocol as P
from game.syndicate import wire
from game.syndicate.credentials import RateLimiter
from game.syndicate.host import GameHost, Refused

log = logging.getLogger("minusma.host")
HELLO_SECONDS = 30.0
RETRY_SECONDS = 2.0
DEFAULT_MAX_CONNECTIONS = 32
HOST_KEY: web.AppKey[HostServer] = web.AppKey("host_server")
TAKEN_OVER = N_("another window took over the {seat} seat with its code")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def reachable_address(bind: str) -> str:
    """The address other machines reach this one by, for a server bound to every interface."""
    if bind not in ("0.0.0.0", "::", ""):
        return bind
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        address = probe.getsockname()[0]
        if address and not address.startswith("0."):
            return str(address)
    with contextlib.suppress(OSError):
        return socket.gethostbyname(socket.gethostname())
    return "127.0.0.1"


@dataclass(eq=False)
class Connection:
    """One client: its socket, its address, the seat it holds and the lease's fencing token."""

    socket: web.WebSocketResponse
    address: str
    seat: str | None = None
    token: int = 0
    sender: asyncio.Future[None] | None = None
    has_view: bool = False  # sent a whole view yet (after that, status alone when only it changed)
    queue: asyncio.Queue[dict[str, Any] | None] = field(default_factory=asyncio.Queue)


@dataclass
class HostServer:
    host: GameHost
    public_hosts: set[str]  # host[:port] values a client may name in its Host header
    allowed_origins: set[str] = field(default_factory=set)
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    limiter: RateLimiter = field(default_factory=RateLimiter)
    connections: set[Connection] = field(default_factory=set)
    _retry: asyncio.Future[None] | None = None
    _broadcasts: set[asyncio.Future[None]] = field(default_factory=set)
    _sending: asyncio.Lock = field(default_factory=asyncio.Lock)

    # --- the web application ----------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application(client_max_size=P.MAX_MESSAGE_BYTES)
        app[HOST_KEY] = self
        app.router.add_get("/", self.index)
        app.router.add_get("/ws", self.websocket)
        app.on_startup.append(self._start_retrying)
        app.on_cleanup.append(self._stop_retrying)
        app.on_shutdown.append(self._close_all)
        return app

    async def index(self, request: web.Request) -> web.Response:
        refusal = self._refuse_request(request)
        if refusal is not None:
            return refusal
        return web.Response(
            text=_("minusma syndicate server: join with `minusma join ws://HOST:PORT`") + "\n"
        )

    def _refuse_request(self, request: web.Request) -> web.Response | None:
        """A foreign Host (DNS rebinding) or Origin (another web page in a browser) is refused."""
        host = request.headers.get("Host", "")
        if host.lower() not in self.public_hosts:
            log.warning("refused a connection from %s naming host %r", request.remote, host[:80])
            return web.Response(status=421, text=_("this server does not answer to that host name") + "\n")
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() not in self.allowed_origins:
            log.warning("refused a connection from %s with origin %r", request.remote, origin[:80])
            return web.Response(status=403, text=_("connections from web pages are not accepted here") + "\n")
        return None

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        refusal = self._refuse_request(request)
        if refusal is not None:
            return refusal
        if len(self.connections) >= self.max_connections:
            log.warning("refused %s: already %d connections", request.remote, len(self.connections))
            return web.Response(
                status=503, text=_("the server has too many connections; try again soon") + "\n"
            )
        ws = web.WebSocketResponse(heartbeat=20, max_msg_size=P.MAX_MESSAGE_BYTES * 16)
        await ws.prepare(request)
        connection = Connection(ws, request.remote or "?")
        self.connections.add(connection)
        sender = connection.sender = asyncio.ensure_future(self._send_loop(connection))
        try:
            await self._serve(connection)
        finally:
            self.connections.discard(connection)
            if connection.seat is not None:
                self.host.release(connection.seat, connection)
                self.broadcast()
            connection.queue.put_nowait(None)
            with contextlib.suppress(Exception):
                await sender
            await ws.close()
        return ws

    async def _send_loop(self, connection: Connection) -> None:
        while (message := await connection.queue.get()) is not None:
            try:
                await connection.socket.send_str(wire.encode(message))
            except (ConnectionError, RuntimeError):
                return

    def send(self, connection: Connection, message: dict[str, Any]) -> None:
        connection.queue.put_nowait(message)

    # --- one connection ----------------------------------------------------------------------
    async def _serve(self, connection: Connection) -> None:
        ws = connection.socket
        try:
            async with asyncio.timeout(HELLO_SECONDS):
                while connection.seat is None:
                    message = await ws.receive()
                    if message.type != WSMsgType.TEXT:
                        return
                    if not await self._hello(connection, message.data) and ws.closed:
                        return
        except TimeoutError:
            self.send(connection, P.error(N_("no hello within 30 seconds"), kind="protocol"))
            return
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                self.send(connection, P.error(N_("send JSON text messages"), kind="protocol"))
                continue
            self._request(connection, message.data)

    async def _hello(self, connection: Connection, data: str) -> bool:
        try:
            request = P.parse(data)
        except P.ProtocolError as error:
            self.send(connection, P.refusal(error, kind="protocol"))
            return False
        if not isinstance(request, P.Hello):
            self.send(
                connection, P.error(N_("say hello first (your seat and its code)"), request.id, "protocol")
            )
            return False
        if request.v != P.PROTOCOL:
            self.send(
                connection,
                P.error(
                    N_(
                        "this server speaks protocol {server}, the client {client}; "
                        "use the same minusma version as the host"
                    ),
                    request.id,
                    "version",
                    {"server": P.PROTOCOL, "client": request.v},
                ),
            )
            return False
        host, seat, who = self.host, request.seat, connection.address
        if not host.knows_seat(seat):
            seats = ", ".join([*host.seats, P.FACILITATOR_SEAT])
            self.send(
                connection,
                P.error(
                    N_("this game has no seat {seat}; its seats are {seats}"),
                    request.id,
                    values={"seat": repr(seat), "seats": seats},
                ),
            )
            return False
        now = time.monotonic()
        wait = self.limiter.wait(who, seat, now)
        if wait > 0:
            log.warning("refused %s for the %s seat: still waiting %.0f s after wrong codes", who, seat, wait)
            self.send(
                connection,
                P.error(
                    N_("too many wrong codes; wait {seconds} s before trying again"),
                    request.id,
                    "wait",
                    {"seconds": round(wait)},
                ),
            )
            return False
        loop = asyncio.get_running_loop()
        right = await loop.run_in_executor(None, host.check_code, seat, request.code)
        if not right:
            wait = self.limiter.failed(who, seat, time.monotonic())
            log.warning("wrong code for the %s seat from %s", seat, who)
            said = (
                N_("wrong code for the {seat}; wait {seconds} s before the next try")
                if wait
                else N_("wrong code for the {seat}")
            )
            values = {"seat": _seat_title(seat), "seconds": round(wait)}
            self.send(connection, P.error(said, request.id, "code", values))
            return False
        self.limiter.succeeded(who, seat)
        held = host.leases.get(seat)
        same_window = held is not None and request.lease == held.token  # its old connection is dead
        if held is not None:
            if not request.takeover and not same_window:
                self.send(
                    connection,
                    P.error(
                        N_(
                            "the {seat} seat is open in another window; close it, or join "
                            "again with --takeover to take the seat from it"
                        ),
                        request.id,
                        "held",
                        {"seat": _seat_title(seat)},
                    ),
                )
                return False
            old = next((c for c in self.connections if c is held.holder), None)
            if old is not None and not same_window:
                self.send(
                    old,
                    {
                        "type": "closed",
                        "v": P.PROTOCOL,
                        "message": TAKEN_OVER.format(seat=_seat_title(seat)),
                        "text": TAKEN_OVER,
                        "values": {"seat": _seat_title(seat)},
                    },
                )
                old.seat = None
                old.queue.put_nowait(None)
                if old.sender is not None:
                    with contextlib.suppress(Exception):
                        await old.sender  # the message goes out before the socket closes
                await old.socket.close()
            elif old is not None:
                old.seat = None
                old.queue.put_nowait(None)
                await old.socket.close()
            log.info("%s %s the %s seat", who, "resumed" if same_window else "took over", seat)
        lease = host.hold(seat, connection)
        connection.seat, connection.token = seat, lease.token
        if request.name and seat != P.FACILITATOR_SEAT:
            host.set_name(seat, request.name)
        log.info("%s joined as the %s", who, seat)
        self.send(
            connection,
            P.ok(request.id, seat=seat, lease=lease.token, seats=host.seats, title=host.game.scenario.title),
        )
        self.broadcast()
        return True

    def _request(self, connection: Connection, data: str) -> None:
        host, seat = self.host, connection.seat
        if seat is None or not host.holds(seat, connection, connection.token):
            self.send(connection, P.error(N_("this window no longer holds its seat"), kind="lease"))
            return
        try:
            request = P.parse(data)
        except P.ProtocolError as error:
            self.send(connection, P.refusal(error, P.request_id(data), kind="protocol"))
            return
        facilitator = seat == P.FACILITATOR_SEAT
        turn = host.game.turn
        views: set[str] = set()  # whose view changed; everyone else is sent the new status only
        try:
            if isinstance(request, P.FACILITATOR_ONLY) and not facilitator:
                raise Refused(N_("only the facilitator can do that"))
            answer: dict[str, Any] = {}
            match request:
                case P.Hello():
                    raise Refused(N_("this window already holds a seat"))
                case P.Ping():
                    self.send(connection, P.ok(request.id))
                    return
                case P.Give(order=order):
                    host.give(seat, order)
                    views = set(self.everyone()) if facilitator else {seat, P.FACILITATOR_SEAT}
                case P.InjectYaml(text=text):
                    host.inject_yaml(text)
                    views = set(self.everyone())
                case P.Withdraw(index=index):
                    answer["dropped"] = host.withdraw(seat, index)
                    views = set(self.everyone()) if facilitator else {seat, P.FACILITATOR_SEAT}
                case P.Commit():
                    was_open = {cell: host.cell_open(cell) for cell in (GREEN, RED)}
                    answer["resolved"] = host.commit(seat)
                    opened = {cell for cell in (GREEN, RED) if host.cell_open(cell) and not was_open[cell]}
                    if opened:  # a cell may order: its new view
                        views = {*opened, P.FACILITATOR_SEAT}
                case P.Pause(paused=paused):
                    host.pause(paused)
                case P.Force():
                    host.force()
                case P.Clock(minutes=minutes, extend=extend):
                    host.set_clock(minutes, extend)
                case P.Note(turn=note_turn, text=text):
                    host.note(note_turn, text)
                    views = {P.FACILITATOR_SEAT}
        except Refused as error:
            self.send(connection, P.refusal(error, request.id))
            return
        self.send(connection, P.ok(request.id, **answer))
        self.broadcast(set(self.everyone()) if host.game.turn != turn else views)

    def everyone(self) -> list[str]:
        return [*self.host.seats, P.FACILITATOR_SEAT]

    # --- pushing views ---------------------------------------------------------------------------
    def broadcast(self, views: set[str] | None = None) -> None:
        """Send the windows of `views` (None: every seat) their seat's new view, and every other
        window the new status (who has committed, the clock). Runs as a task: each window is sent
        its message as soon as it is built, seats before the facilitator (the slowest view)."""
        task = asyncio.ensure_future(self._broadcast(views))
        self._broadcasts.add(task)
        task.add_done_callback(self._broadcasts.discard)

    async def _broadcast(self, views: set[str] | None) -> None:
        async with self._sending:  # one at a time, so a window never gets an older view after a newer
            built: dict[str, dict[str, Any]] = {}
            last = P.FACILITATOR_SEAT
            for connection in sorted(self.connections, key=lambda c: c.seat == last):
                seat = connection.seat
                if seat is None or connection not in self.connections:
                    continue
                if seat not in built:
                    wanted = views is None or seat in views or not connection.has_view
                    built[seat] = self.host.message(seat) if wanted else self.host.status_message(seat)
                message = built[seat]
                if message["type"] == "status" and not connection.has_view:
                    message = built[seat] = self.host.message(seat)
                connection.has_view = connection.has_view or message["type"] == "view"
                self.send(connection, message)
                await asyncio.sleep(0)  # let it go out before the next view is built

    async def _start_retrying(self, app: web.Application) -> None:
        async def retry() -> None:
            while True:
                await asyncio.sleep(RETRY_SECONDS)
                if self.host.unsaved:
                    before = self.host.change
                    self.host.flush()
                    if self.host.change != before:
                        self.broadcast(set())

        self._retry = asyncio.ensure_future(retry())

    async def _stop_retrying(self, app: web.Application) -> None:
        if self._retry is not None:
            self._retry.cancel()

    async def _close_all(self, app: web.Application) -> None:
        for connection in list(self.connections):
            stopped = N_("the host has stopped; reconnecting when it is back")
            self.send(
                connection, {"type": "connection", "v": P.PROTOCOL, "connected": False, "message": stopped}
            )
            connection.queue.put_nowait(None)
            await connection.socket.close()


def _seat_title(seat: str) -> str:
    """The seat's English title, which the reader's client translates."""
    return N_("facilitator") if seat == P.FACILITATOR_SEAT else seat_name(seat)


def public_hosts(bind: str, port: int, advertised: str) -> set[str]:
    """The Host header values this server answers to: its addresses, with and without the port."""
    names = {bind, advertised, "localhost", "127.0.0.1", "[::1]"}
    if bind in ("0.0.0.0", "::"):
        names.add(socket.gethostname())
    hosts = set()
    for name in names:
        if name:
            hosts.update({name.lower(), f"{name.lower()}:{port}"})
    return hosts


async def start(server: HostServer, bind: str, port: int) -> tuple[web.AppRunner, int]:
    """Listen on bind:port (0: any free port); returns the runner (to clean up) and the port."""
    runner = web.AppRunner(server.app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, bind, port)
    await site.start()
    sockets = getattr(site._server, "sockets", None) or []
    actual = sockets[0].getsockname()[1] if sockets else port
    return runner, int(actual)
