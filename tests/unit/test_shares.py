"""The scorecard's shares of civilian deaths by region, zone and perpetrator, beside history."""

from __future__ import annotations

from game.bots.policies import POLICIES, play_game
from game.engine import Game, score
from game.scenario.catalog import find_scenario


def test_shares_add_up_and_carry_history_verdicts() -> None:
    scenario = find_scenario("mali-2019")
    game = play_game(Game.new(scenario, 4, undo=False), POLICIES["historical"])
    card = score(scenario, game.state)
    by_period: dict[tuple[str, str], int] = {}
    for share in card.shares:
        assert 0 <= share.value <= 100
        assert share.verdict in ("as history", "more than history", "less than history")
        if share.kind == "perpetrator":
            by_period[("perpetrator", share.period)] = (
                by_period.get(("perpetrator", share.period), 0) + share.value
            )
    # every perpetrator is in a group, so the groups' shares make the whole (less rounding)
    for period in ("2019", "2020", "2021-H1"):
        assert 96 <= by_period[("perpetrator", period)] <= 100
    mopti_2020 = next(s for s in card.shares if s.name == "Mopti" and s.period == "2020")
    deaths = [r.civilians_killed for r in game.state.history if r.month.startswith("2020")]
    total = sum(sum(by.values()) for month in deaths for by in month.values())
    mopti = sum(sum(month.get("mopti", {}).values()) for month in deaths)
    assert mopti_2020.value == mopti * 100 // total
    assert card.as_dict()["shares"][0]["low_pct"] == card.shares[0].low


def test_a_period_being_played_gets_no_share_verdict() -> None:
    scenario = find_scenario("mali-2019")
    game = Game.new(scenario, 4, undo=False)
    for _ in range(3):
        POLICIES["historical"].play(game)
        game.end_turn()
    card = score(scenario, game.state)
    assert card.shares and all(
        s.verdict == "so far (period not over)" for s in card.shares if s.period == "2019"
    )
    assert not any(s.period == "2020" for s in card.shares)
