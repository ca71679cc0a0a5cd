"""What a seat is sent: its view of the game (game.engine.view), its order menu and the cards in play,
as JSON. Built from the seat's view and its own candidate orders, never from the state itself."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter

from game.engine import Game
from game.engine import orders as O
from game.engine.view import GameView

VIEW = TypeAdapter(GameView)


class CardOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str


class CardText(BaseModel):
    """A card in play this turn as the players read it: no effects, no attack behind it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    text: str
    role: str | None = None
    prompt: str = ""
    options: list[CardOption] = []
    default: str = ""


class RawView(bytes):
    """A view already serialised (pydantic's fast JSON), spliced into its message by `encode`."""


def encode(message: dict[str, Any]) -> str:
    """A message as JSON text; a RawView inside goes in as it is."""
    raw = message.get("view")
    if not isinstance(raw, RawView):
        return json.dumps(message)
    head = json.dumps({key: value for key, value in message.items() if key != "view"})
    return f'{head[:-1]}, "view": {raw.decode("utf-8")}}}'


def view_json(view: GameView) -> Any:
    return VIEW.dump_python(view, mode="json")


def view_from_json(data: Any) -> GameView:
    """The view back from its JSON form (a client's copy): frozen dataclasses as the engine made them."""
    return VIEW.validate_python(data)


def menu(game: Game, seat: str) -> list[dict[str, Any]]:
    """The seat's candidate orders (path, label, order, reason, as plain JSON: there are hundreds a turn),
    in the engine's order, each with the engine's reason when it is not allowed now."""
    context = game.context()

    def region_name(region_id: str | None) -> str:
        if region_id is None:
            return "-"
        if region_id == "national":
            return "the national audience"
        region = game.index.regions.get(region_id)
        return region.name if region else region_id

    entries = []
    for order in game.candidate_orders(seat):
        path, label = O.menu_path(order, context, region_name)
        entries.append(
            {
                "path": [group_label for _, group_label, _ in path],
                "label": label,
                "order": order.model_dump(mode="json"),
                "reason": game.why_illegal(order, seat),
            }
        )
    return entries


def cards(game: Game, view: GameView) -> list[CardText]:
    """The cards drawn this turn and the decisions put to this seat, in the players' words."""
    wanted = list(dict.fromkeys([*view.current.cards, *(card for card, _ in view.choices)]))
    context, result = game.context(), []
    for card_id in wanted:
        try:
            card = context.card(card_id)
        except KeyError:
            continue
        choice = card.choice
        result.append(
            CardText(
                id=card.id,
                title=card.title,
                text=card.text,
                role=str(choice.role) if choice else None,
                prompt=choice.prompt if choice else "",
                options=[CardOption(id=o.id, label=o.label) for o in choice.options] if choice else [],
                default=choice.default if choice else "",
            )
        )
    return result
