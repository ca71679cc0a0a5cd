"""Cards tell this game's story: outcomes of card attacks gate later effects and cards (rules.md §4.9)."""

from __future__ import annotations

import pytest

from game.engine import Game
from game.engine import orders as O
from game.engine import tables as T
from game.engine.cards import recently_drawn, story
from game.scenario.catalog import find_scenario
from game.scenario.models import Scenario

ALL_PREVENTED = ((-99, "prevented", 0),)
ALL_UNOPPOSED = ((-99, "unopposed", 100),)


def _to_month(game: Game, month: str) -> None:
    while game.state.month < month:
        game.end_turn()


def _card_details(record, card_id: str) -> list[str]:
    return [
        cause.detail
        for change in record.changes
        for cause in change.causes
        if cause.kind == "card" and cause.ref == card_id
    ]


def test_a_prevented_ogossagou_says_so_and_changes_what_follows(monkeypatch: pytest.MonkeyPatch) -> None:
    game = Game.new(find_scenario("mali-2019"), seed=5)
    _to_month(game, "2019-03")
    assert "ogossagou_2019" in game.state.current.cards
    game.apply(O.DecideCard(card="ogossagou_2019", option="demand_accountability"), "srsg")
    monkeypatch.setattr(T, "OUTCOME_TABLE", ALL_PREVENTED)
    record = game.end_turn()
    result = game.state.card_results["ogossagou_2019"]
    assert (result.outcome, result.deaths) == ("prevented", 0)
    assert result.unopposed >= 134
    told = story(game.context(), "ogossagou_2019")
    assert told is not None and "prevented" in told and "no one killed" in told
    details = _card_details(record, "ogossagou_2019")
    assert any("turned back" in d for d in details)
    assert not any("speaks for the victims" in d for d in details)
    _to_month(game, "2020-02")
    assert "ogossagou_2020_spared" in game.state.current.cards
    assert "ogossagou_2020" not in game.state.current.cards


def test_a_massacre_at_ogossagou_brings_the_second_one(monkeypatch: pytest.MonkeyPatch) -> None:
    game = Game.new(find_scenario("mali-2019"), seed=5)
    _to_month(game, "2019-03")
    game.apply(O.DecideCard(card="ogossagou_2019", option="demand_accountability"), "srsg")
    monkeypatch.setattr(T, "OUTCOME_TABLE", ALL_UNOPPOSED)
    record = game.end_turn()
    result = game.state.card_results["ogossagou_2019"]
    assert result.outcome == "unopposed" and result.deaths == result.unopposed >= 134
    details = _card_details(record, "ogossagou_2019")
    assert any("speaks for the victims" in d for d in details)
    _to_month(game, "2020-02")
    assert "ogossagou_2020" in game.state.current.cards
    assert "ogossagou_2020_spared" not in game.state.current.cards


def test_an_effect_that_waits_for_the_outcome_is_queued_only_when_it_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from game.engine import turn

    for table, expected in ((ALL_PREVENTED, False), (ALL_UNOPPOSED, True)):
        game = Game.new(find_scenario("mali-2019"), seed=5)
        _to_month(game, "2019-03")
        assert not any(info.source == "Ogossagou massacre" for info in game.state.pending_info)
        monkeypatch.setattr(T, "OUTCOME_TABLE", table)
        sources: list[str] = []
        real = turn._information

        def seen(ctx, actions, real=real, sources=sources):
            sources.extend(info.source for info in ctx.state.pending_info)
            return real(ctx, actions)

        monkeypatch.setattr(turn, "_information", seen)
        game.end_turn()
        monkeypatch.setattr(turn, "_information", real)
        assert ("Ogossagou massacre" in sources) is expected


def test_card_outcome_conditions_must_name_an_attack_card(mini: Scenario) -> None:
    data = mini.model_dump(mode="json")
    data["cards"].append(
        {
            "id": "follow_up",
            "title": "F",
            "kind": "generic",
            "text": "t",
            "regions": ["centre"],
            "conditions": [{"type": "card_outcome", "card": "nosuch", "outcomes": ["prevented"]}],
        }
    )
    with pytest.raises(ValueError, match="nosuch"):
        Scenario.model_validate(data)


def test_if_outcome_needs_an_attack_on_the_card() -> None:
    from game.scenario.models import Card

    with pytest.raises(ValueError, match="if_outcome"):
        Card.model_validate(
            {
                "id": "c",
                "title": "C",
                "kind": "generic",
                "text": "t",
                "effects": [{"type": "consent", "delta": 1, "if_outcome": ["prevented"]}],
            }
        )


def test_a_generic_card_waits_before_it_can_come_again() -> None:
    game = Game.new(find_scenario("mali-2019"), seed=2)
    generic = {card.id for card in game.index.scenario.cards if card.kind == "generic"}
    seen: list[tuple[int, set[str]]] = []
    for _ in range(20):
        record = game.end_turn()
        seen.append((record.turn, set(record.cards) & generic))
    for turn, cards in seen:
        later = [c for t, c in seen if turn < t < turn + T.GENERIC_CARD_GAP_TURNS]
        assert not any(cards & other for other in later), (turn, cards)
    assert recently_drawn(game.context()) >= set(game.state.history[-1].cards)
