"""A real syndicate server on 127.0.0.1 (a free port) for tests, with its codes, in one event loop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.scenario.models import Scenario
from game.syndicate.client import SyndicateClient
from game.syndicate.credentials import Hashed, new_code
from game.syndicate.host import GameHost, seat_red_cell
from game.syndicate.server import HostServer, public_hosts, start
from game.syndicate.store import Session

SEATS = ["srsg", "force_commander", "police_commissioner", "comms_chief"]
WITH_RED = [*SEATS, "armed_groups"]
SEED = 913_577_123
SECRET = "kxq7w-facil-itato-rsecr"


@dataclass
class Hosted:
    server: HostServer
    url: str
    codes: dict[str, str]
    secret: str
    path: Path

    @property
    def host(self) -> GameHost:
        return self.server.host

    async def client(self, seat: str, code: str | None = None, **options: Any) -> SyndicateClient:
        client = SyndicateClient(self.url, seat, code if code is not None else self.codes[seat], **options)
        await client.join()
        return client


@contextlib.asynccontextmanager
async def hosting(
    scenario: Scenario, folder: Path, seats: list[str] = SEATS, **server_options: Any
) -> AsyncIterator[Hosted]:
    path = folder / "exercise.db"
    store = Session.host(path, scenario, seed=SEED, seats=seats, pin=SECRET)
    seat_red_cell(store)  # as `minusma host` does when the seats include the red cell's
    codes = {seat: new_code() for seat in seats}
    host = GameHost(store, {seat: Hashed.of(code) for seat, code in codes.items()})
    server = HostServer(host, public_hosts("127.0.0.1", 0, "127.0.0.1"), **server_options)
    runner, port = await start(server, "127.0.0.1", 0)
    server.public_hosts = public_hosts("127.0.0.1", port, "127.0.0.1")
    try:
        yield Hosted(server, f"ws://127.0.0.1:{port}", codes, SECRET, path)
    finally:
        await runner.cleanup()
        store.close()


def run(scenario: Scenario, folder: Path, body: Callable[[Hosted], Awaitable[None]], **options: Any) -> None:
    """Run `body` against a fresh server, in a fresh event loop."""

    async def main() -> None:
        async with hosting(scenario, folder, **options) as hosted:
            await body(hosted)

    asyncio.run(main())


async def until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait for a pushed message to arrive (a test fails on the assertion after, not on a time)."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            while not condition():
                await asyncio.sleep(0.01)
