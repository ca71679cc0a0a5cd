"""The armed groups' bot and community violence: who strikes where, and why, in plain terms."""

from __future__ import annotations

import re

from game.bots.policies import POLICIES, play_game
from game.engine import Game, adversary
from game.engine import orders as O
from game.engine.adjudicate import civilian_protection, resolve_civilian_attack
from game.engine.context import cause


def test_p5_reason_names_each_real_term_of_the_score(mini) -> None:
    game = Game.new(mini, seed=5)
    ctx = game.context()
    protection = civilian_protection(ctx, "centre").total
    exposure = max(1, min(6, 8 - protection))
    people = 1 + 2_000_000 // 375_000  # Centre's population, one per 375,000
    host = game.state.regions["centre"].host_presence
    score = 9 * people * exposure**2 * (6 - host)  # JNIM 3 squared; the militia is not the bot's
    strikes = [a for a in adversary.plan(ctx) if a.kind == "civilians" and a.region == "centre"]
    assert strikes, "the bot should strike the Centre, where JNIM is strong and people many"
    first = strikes[0].reason
    assert f"Centre scores {score}: {score} = armed strength 9 (threat squared: JNIM 3)" in first
    assert f"× people {people} × exposure {exposure}² (protection {protection:+d})" in first
    assert f"× state absence {6 - host} (host presence {host})" in first
    assert "Militia" not in first and "tri-border" not in first and "weak protection" not in first
    if len(strikes) > 1:
        assert re.search(r"Centre scores (\d+): .*struck once already this turn: ÷2", strikes[1].reason)
        assert f"Centre scores {score // 2}:" in strikes[1].reason


def test_heavy_protection_displaces_strikes() -> None:
    assert [adversary.exposure(p) for p in (-3, 2, 3, 5, 7, 10)] == [6, 6, 5, 3, 1, 1]


def test_more_protection_in_a_region_lowers_its_score_and_its_share_of_strikes(mini) -> None:
    game = Game.new(mini, seed=5)
    before = adversary._civilian_targets(game.context())["centre"].score
    game.apply(O.OpenBase(unit="inf_b"))
    game.apply(O.SetPosture(unit="fpu", posture="patrol"))
    game.apply(O.TaskAviation(asset="gunship", region="centre"))
    game.apply(O.SetPosture(unit="mtf", posture="quick_reaction"))
    ctx = game.context()
    assert civilian_protection(ctx, "centre").total > 2
    after = adversary._civilian_targets(ctx)["centre"].score
    assert after < before


def test_militias_raid_only_at_home_and_never_as_the_bots_choice(mini) -> None:
    game = play_game(Game.new(mini, seed=3), POLICIES["passive"])
    killed_by_militia = {
        region for region, by in game.state.tallies.civilians_killed.items() if by.get("militia")
    }
    assert killed_by_militia == {"centre"}  # the only region where the militia has a threat level
    for record in game.state.history:
        assert not any(line.startswith("civilians in") and "by Militia" in line for line in record.adversary)
    raids = [
        c
        for record in game.state.history
        for change in record.changes
        for c in change.causes
        if c.kind == "adversary" and c.ref == "community violence"
    ]
    assert raids and all("Militia raids in Centre" in c.detail for c in raids)


def test_out_of_reach_only_what_flies_or_warns_counts(mini) -> None:
    game = Game.new(mini, seed=5)
    game.apply(O.OpenBase(unit="inf_b"))
    ctx = game.context()
    near = dict(civilian_protection(ctx, "centre").items)
    far = dict(civilian_protection(ctx, "centre", in_reach=False).items)
    assert "temporary operating base (permanent presence)" in near
    assert not any("operating base" in label or "police" in label or "patrol" in label for label in far)


def test_a_partners_strike_is_not_resolved_against_protection(mini) -> None:
    game = Game.new(mini, seed=5)
    game.apply(O.OpenBase(unit="inf_b"))
    ctx = game.context()
    outcome = resolve_civilian_attack(ctx, "centre", "fama", 12, cause("card", "test", "a sweep"))
    assert outcome == "unopposed"
    assert game.state.tallies.civilians_killed["centre"]["fama"] == 12
