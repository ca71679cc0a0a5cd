"""A syndicate hosted again from its export: a new session file holding the save's turns and orders."""

from __future__ import annotations

from pathlib import Path

from game.engine import ORDER_ADAPTER, Game
from game.engine import orders as O
from game.engine.sides import GREEN, RED
from game.engine.view import MISSION_SEATS
from game.record import saves
from game.syndicate import store as S
from game.syndicate.store import SEATABLE


def session_from_save(save_path: str | Path, out: Path, secret: str) -> S.Session:
    """Replay the save (checked turn by turn, saves.SaveError when it does not replay), then write a
    session with every turn's orders, its digests, the names and the notes. Refuses an existing file."""
    game, meta = saves.load(save_path)  # the whole check: a save that does not replay is refused here
    seats = [seat for seat in meta.seats if seat in SEATABLE]  # the red cell's seat is kept too
    if not set(seats) - {RED, GREEN}:
        seats = [*MISSION_SEATS, *(seat for seat in seats if seat in (RED, GREEN))]
    session = S.Session.host(out, game.scenario, game.seed, seats, secret)
    replay = Game.new(game.scenario, game.seed, undo=False)
    writes: list[S.Write] = []
    order_id = 0

    def log(turn: int, raw: dict) -> None:
        nonlocal order_id
        order = ORDER_ADAPTER.validate_python(raw)
        role = O.order_role(order, replay.context())
        replay.apply(order, role)
        order_id += 1
        writes.append(S.order_write(order_id, turn, role, order))

    for record in game.records():
        for raw in record.orders:
            log(record.turn, raw)
        replay.end_turn()
        writes.append(S.turn_write(record.turn, replay.digest(), False))
    for raw in game.pending_log():
        log(game.turn, raw)
    writes += [S.meta_write(f"name:{seat}", name[:60]) for seat, name in meta.seats.items() if name]
    writes += [S.meta_write(f"note:{turn}", text) for turn, text in meta.notes.items()]
    writes.append(S.meta_write("game_id", meta.game_id))
    session.write_all(writes)
    return session
