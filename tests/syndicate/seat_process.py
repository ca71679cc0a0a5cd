"""One seat as its own process, for tests: join, give the first allowed order, commit, print the turn.

Run: python -m tests.syndicate.seat_process ws://HOST:PORT SEAT  (the code in $MINUSMA_CODE)
"""

from __future__ import annotations

import asyncio
import os
import sys

from game.syndicate.client import SyndicateClient


async def play(address: str, seat: str) -> int:
    client = SyndicateClient(address, seat, os.environ["MINUSMA_CODE"])
    await client.join()
    while client.view_message is None:
        await asyncio.sleep(0.01)
    turn = client.view_message["view"]["turn"]
    entry = next(e for e in client.view_message["menu"] if e["reason"] is None)
    await client.request("give", order=entry["order"])
    await client.request("commit")
    while client.view_message["view"]["turn"] == turn:  # until the last seat's commit resolves it
        await asyncio.sleep(0.01)
    print(client.view_message["view"]["turn"], flush=True)
    await client.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(play(sys.argv[1], sys.argv[2])))
