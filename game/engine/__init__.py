"""The pure, deterministic rules engine: no I/O, no clock, no global random, no textual."""

from game.engine.game import Game, IllegalOrder, initial_state
from game.engine.orders import ORDER_ADAPTER, Order, describe
from game.engine.score import Scorecard, score
from game.engine.state import GameState, TurnRecord

__all__ = [
    "ORDER_ADAPTER",
    "Game",
    "GameState",
    "IllegalOrder",
    "Order",
    "Scorecard",
    "TurnRecord",
    "describe",
    "initial_state",
    "score",
]
