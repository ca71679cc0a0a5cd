"""The armed groups' bot as a red cell: its choices given as red orders (for tests and headless cells)."""

from __future__ import annotations

from game.engine import Game, adversary
from game.engine import orders as O
from game.engine.sides import RED


def as_order(action: adversary.Action) -> O.Order:
    """The red-cell order that asks for the action the bot chose."""
    if action.kind == "information":
        return O.HostileNarrative(region=action.region)
    return O.ArmedStrike(target=action.kind, region=action.region, actor=action.actor, unit=action.unit)


def bot_choices(game: Game) -> list[O.Order]:
    """What the bot would choose now, as red orders (planned on a copy: its dice stay unrolled here)."""
    return [as_order(action) for action in adversary.plan(game.clone().context())]


def play_red(game: Game) -> list[O.Order]:
    """Give the bot's choices as the red cell's orders; returns those the rules took."""
    given = []
    for order in bot_choices(game):
        if game.why_illegal(order, RED) is None:
            game.apply(order, RED)
            given.append(order)
    return given
