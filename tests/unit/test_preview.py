"""Consequences before choices: the preview of an order or a card option comes from the rules' data."""

from __future__ import annotations

import pytest

from game.engine import Game
from game.engine import orders as O
from game.engine import tables as T
from game.engine.preview import card_consequences, effect_line, option_consequences, order_consequences
from game.scenario.catalog import find_scenario, scenario_names
from game.scenario.models import ModifierEffect


@pytest.fixture
def game() -> Game:
    return Game.new(find_scenario("tutorial"), seed=3)


def test_every_policy_order_has_a_preview(game: Game) -> None:
    ctx = game.context()
    for name, values in O.POLICY_VALUES.items():
        for value in values:
            lines = order_consequences(ctx, O.SetPolicy(name=name, value=value))
            assert lines and all(line and "_" not in line for line in lines), (name, value)


def test_the_preview_numbers_come_from_the_tables(game: Game, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = game.context()
    define = O.SetPolicy(name="poc_definition", value="define_poc")
    before = order_consequences(ctx, define)
    assert f"protection +{T.POC_DEFINED_BONUS}" in before[0]
    assert f"−{T.POLICY_CHANGE_CREDIBILITY} credibility everywhere" in before[-1]
    monkeypatch.setattr(T, "POC_DEFINED_BONUS", 4)
    monkeypatch.setattr(T, "POLICY_CHANGE_CREDIBILITY", 7)
    after = order_consequences(ctx, define)
    assert "protection +4" in after[0] and "−7 credibility everywhere" in after[-1]
    monkeypatch.setattr(T, "U3_BUDGET_COST", 9)
    u3 = order_consequences(ctx, O.SetPolicy(name="irc_under_u3", value="true"))
    assert any("budget −9 every turn" in line for line in u3)


def test_changing_the_poc_line_again_warns_of_the_cost_now(game: Game) -> None:
    game.apply(O.SetPolicy(name="poc_definition", value="define_poc"), "srsg")
    game.end_turn()
    lines = order_consequences(game.context(), O.SetPolicy(name="poc_definition", value="avoid_term"))
    assert lines[-1].startswith("changing the PoC line after the first turn")
    assert f"−{T.POLICY_CHANGE_CREDIBILITY}" in lines[-1]
    game.apply(O.SetPolicy(name="poc_definition", value="avoid_term"), "srsg")
    game.end_turn()
    back = order_consequences(game.context(), O.SetPolicy(name="poc_definition", value="define_poc"))
    total = T.POLICY_CHANGE_CREDIBILITY + T.POLICY_REVERSAL_CREDIBILITY
    assert f"−{total} everywhere" in back[-1] and "back to a line the mission dropped" in back[-1]


def test_a_card_option_previews_its_scenario_effects(game: Game) -> None:
    ctx = game.context()
    card = game.index.cards["ogossagou_2019"]
    public, quiet = card.choice.options
    lines = option_consequences(ctx, card, public)
    assert lines[0] == "if the attack still kills: credibility +3 in Mopti"
    assert lines[1].startswith("if the attack is prevented or deterred: credibility +1 in Mopti")
    assert lines[2] == "host-state consent −3"
    assert option_consequences(ctx, card, quiet)[0].endswith("credibility −1 in Mopti")
    effects = card_consequences(ctx, card)
    assert effects[0].startswith("an attack on civilians in Mopti by Dan Na Ambassagou: 134–160 killed")
    dioura = card_consequences(ctx, game.index.cards["dioura_2019"])
    assert dioura == ["an attack on the host state's forces in Mopti: 23 soldiers killed"]


def test_tasking_the_drone_previews_the_warning(game: Game) -> None:
    ctx = game.context()
    isr = next(a for a in game.index.scenario.aviation if a.kind == "isr")
    lines = order_consequences(ctx, O.TaskAviation(asset=isr.id, region="mopti"))
    gain = T.WARNING_ISR_LONG if isr.range_km >= 300 else T.WARNING_ISR_TACTICAL
    assert lines[0] == f"early warning +{gain} in Mopti from the next turn's situation phase"


def test_ground_protection_previews_say_what_reach_leaves_out(monkeypatch: pytest.MonkeyPatch) -> None:
    game = Game.new(find_scenario("mali-2019"), seed=3)
    ctx = game.context()
    unit = next(u for u in game.state.units.values() if u.region == "mopti")
    dispersion = game.index.regions["mopti"].dispersion
    assert dispersion > 0
    patrol = order_consequences(ctx, O.SetPosture(unit=unit.id, posture="patrol"))
    assert f"1d6 ≤ {dispersion} in Mopti, ≤ {dispersion + T.MAJOR_ATTACK_REACH} for a large" in patrol[1]
    monkeypatch.setattr(T, "MAJOR_ATTACK_REACH", 4)
    base = order_consequences(ctx, O.OpenBase(unit=unit.id))
    assert f"≤ {dispersion + 4} for a large attack" in base[1]
    react = order_consequences(ctx, O.SetPosture(unit=unit.id, posture="quick_reaction"))
    assert react[-1].endswith("a response by air still does, except against a militia's raid")
    assert f"≤ {dispersion + T.MILITIA_RAID_REACH} for a militia's raid" in patrol[1]


@pytest.mark.parametrize("scenario_id", scenario_names())
def test_every_card_and_option_of_every_scenario_has_a_preview(scenario_id: str) -> None:
    game = Game.new(find_scenario(scenario_id), seed=1)
    ctx = game.context()
    for card in game.scenario.cards:
        assert all(line for line in card_consequences(ctx, card)), card.id
        for option in card.choice.options if card.choice else []:
            assert all(line for line in option_consequences(ctx, card, option)), (card.id, option.id)


def test_every_modifier_a_card_may_set_reads_in_words(game: Game) -> None:
    """A card reaching the army's operations (host_operations) crashed the card dialog (KeyError)."""
    keys = ModifierEffect.model_fields["key"].annotation.__args__
    for key in keys:
        line = effect_line(game.context(), ModifierEffect(type="modifier", key=key, value=1, turns=2), [])
        assert "2 turns" in line and "_" not in line, key
