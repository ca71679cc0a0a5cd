"""Syndicate server speed: from the last seat's commit to every seat's new view, on loopback.

Run: uv run python benchmarks/syndicate.py [--turn 30] [--repeat 3]
Target (issue 12): within 200 ms at turn 30 with four seats and the facilitator connected.
The host is brought to the turn by forcing turns (no orders); each timing is one real turn
committed by four seat clients over WebSockets, until each seat's new view has arrived (the
facilitator's umpire view, built last, is timed apart).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from game.scenario.catalog import find_scenario
from game.syndicate.client import SyndicateClient
from game.syndicate.credentials import Hashed, new_code
from game.syndicate.host import GameHost
from game.syndicate.server import HostServer, public_hosts, start
from game.syndicate.store import Session

SEATS = ["srsg", "force_commander", "police_commissioner", "comms_chief"]
TARGET_MS = 200.0


async def measure(turn: int, repeat: int, folder: Path) -> list[tuple[float, float]]:
    scenario = find_scenario("mali-2019")
    secret = new_code()
    store = Session.host(folder / "bench.db", scenario, seed=7, seats=SEATS, pin=secret)
    codes = {seat: new_code() for seat in SEATS}
    host = GameHost(store, {seat: Hashed.of(code) for seat, code in codes.items()})
    while host.game.state.turn < turn:
        host.force()
    server = HostServer(host, public_hosts("127.0.0.1", 0, "127.0.0.1"))
    runner, port = await start(server, "127.0.0.1", 0)
    server.public_hosts = public_hosts("127.0.0.1", port, "127.0.0.1")
    url = f"ws://127.0.0.1:{port}"
    clients = [SyndicateClient(url, seat, code) for seat, code in codes.items()]
    clients.append(SyndicateClient(url, "facilitator", secret))
    for client in clients:
        await client.join()
    timings = []
    try:
        for _ in range(repeat):
            if host.game.is_over():
                break
            now = host.game.state.turn
            for client in clients[:3]:
                await client.request("commit")
            arrived: dict[str, float] = {}
            for client in clients:
                client.on_message = _stamp(client.seat, now, arrived)
            start_time = time.perf_counter()
            await clients[3].request("commit")
            while len(arrived) < len(clients):
                await asyncio.sleep(0.001)
            seats = max(arrived[seat] for seat in SEATS) - start_time
            timings.append((seats * 1000, (arrived["facilitator"] - start_time) * 1000))
    finally:
        for client in clients:
            await client.close()
        await runner.cleanup()
        store.close()
    return timings


def _stamp(seat: str, turn: int, arrived: dict[str, float]):
    def on_message(message: dict) -> None:
        if message.get("type") == "view" and message["view"]["turn"] > turn:
            arrived.setdefault(seat, time.perf_counter())

    return on_message


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turn", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        timings = asyncio.run(measure(args.turn - args.repeat, args.repeat, Path(folder)))
    for number, (ms, facilitator) in enumerate(timings, 1):
        print(f"commit {number}: every seat updated in {ms:.0f} ms, facilitator in {facilitator:.0f} ms")
    worst = max(ms for ms, _ in timings)
    print(f"worst {worst:.0f} ms (target {TARGET_MS:.0f} ms): {'met' if worst <= TARGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
