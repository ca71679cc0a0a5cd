"""Every line the engine makes for players in one whole game: what recorded() must be able to read."""

from __future__ import annotations

from game.bots.policies import POLICIES
from game.engine import Game
from game.engine import orders as O
from game.engine.sides import GREEN, RED
from game.engine.view import MISSION_SEATS
from game.scenario.catalog import find_scenario

ORDER_TURNS = 2  # the turns whose every seat's possible orders are described, previewed and refused


def played_lines(scenario: str, seed: int, policy: str, order_turns: int = ORDER_TURNS) -> list[str]:
    """The engine's lines of a game played by a built-in policy, in the order made (duplicates kept).

    The ledger's summaries and their causes' details, the armed groups' moves, and, in the first
    `order_turns` turns, the description, preview and refusal of every order each seat could give.
    """
    game = Game.new(find_scenario(scenario), seed, undo=False)
    lines: list[str] = []
    while not game.is_over():
        if game.turn <= order_turns:
            ctx = game.context()
            for seat in (*MISSION_SEATS, O.FACILITATOR, RED, GREEN):
                for order in game.candidate_orders(seat):
                    lines.append(O.describe(order, ctx))
                    lines.extend(O.kind_of(order).preview(order, ctx))
                    lines.append(game.why_illegal(order, seat) or "")
        POLICIES[policy].play(game)
        game.end_turn()
    for record in game.records():
        lines.extend(record.adversary)
        for change in record.changes:
            lines.append(change.summary)
            lines.extend(cause.detail for cause in change.causes)
    return [line for line in lines if line]
