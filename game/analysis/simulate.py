"""Play whole games headless with a scripted policy and summarise them turn by turn."""

from __future__ import annotations

from game.bots.policies import POLICIES, Policy, play_game
from game.engine import Game, TurnRecord, score
from game.engine.context import ScenarioIndex
from game.engine.score import Scorecard
from game.engine.wording import words
from game.scenario.models import Scenario


class UnknownPolicy(LookupError):
    def __init__(self, name: str):
        self.name = name
        super().__init__(f"unknown policy {name!r}; valid policies: {', '.join(POLICIES)}")


def policy_named(name: str) -> Policy:
    try:
        return POLICIES[name]
    except KeyError:
        raise UnknownPolicy(name) from None


def simulate(scenario: Scenario, seed: int, policy: str | Policy) -> Game:
    chosen = policy_named(policy) if isinstance(policy, str) else policy
    return play_game(Game.new(scenario, seed, undo=False), chosen)


def turn_summary(record: TurnRecord) -> dict:
    by_perpetrator: dict[str, int] = {}
    by_region: dict[str, int] = {}
    for region, tally in record.civilians_killed.items():
        for perpetrator, deaths in tally.items():
            by_perpetrator[perpetrator] = by_perpetrator.get(perpetrator, 0) + deaths
            by_region[region] = by_region.get(region, 0) + deaths
    return {
        "turn": record.turn,
        "month": record.month,
        "credibility": record.credibility,
        "civilians_killed": sum(by_region.values()),
        "civilians_killed_by_region": dict(sorted(by_region.items())),
        "civilians_killed_by_perpetrator": dict(sorted(by_perpetrator.items())),
        "civilians_killed_detail": record.civilians_killed,
        "peacekeepers_killed": record.peacekeepers_killed,
        "events": record.cards,
        "say": record.say,
        "do": record.do,
        "mandate_outcome": record.mandate_outcome,
    }


def game_summary(game: Game, policy: str) -> dict:
    return {
        "scenario": game.scenario.id,
        "seed": game.state.seed,
        "policy": policy,
        "turns": [turn_summary(r) for r in game.state.history],
        "scorecard": score(game.scenario, game.state).as_dict(),
    }


def format_turns(game: Game) -> list[str]:
    regions = [r.id for r in game.scenario.regions]
    header = "turn month   " + " ".join(f"{r[:5]:>5}" for r in regions) + "  civ  pk  events"
    lines = [header]
    for record in game.state.history:
        summary = turn_summary(record)
        cred = " ".join(f"{record.credibility[r]:>5}" for r in regions)
        events = ", ".join(record.cards)
        outcome = f" [mandate: {record.mandate_outcome}]" if record.mandate_outcome else ""
        lines.append(
            f"{record.turn:>4} {record.month} {cred} {summary['civilians_killed']:>4} "
            f"{record.peacekeepers_killed:>3}  {events}{outcome}"
        )
    return lines


def format_scorecard(card: Scorecard, index: ScenarioIndex) -> list[str]:
    """The scorecard as text, with regions and armed groups named as players know them."""
    lines = [
        f"National credibility: {card.national_credibility_start} -> {card.national_credibility_end}",
        "Credibility by region: "
        + ", ".join(f"{index.region_names[r]} {a}->{b}" for r, (a, b) in card.credibility_by_region.items()),
    ]
    for m in card.measures:
        history = f"history {m.low}-{m.high}" if m.low is not None else ""
        lines.append(f"{m.name:<20} {m.period:<8} {m.value:>6}  {history:<18} {m.verdict}")
    lines.append(
        "Civilians killed by perpetrator: "
        + ", ".join(f"{index.actor_names[k]} {v}" for k, v in card.civilians_by_perpetrator.items())
    )
    lines.append(
        f"Share of civilian deaths in central Mali: {card.central_share_pct}% "
        f"(history ~{card.central_share_history_pct}%)"
    )
    for share in card.shares:
        what = f"share {'in' if share.kind == 'region' else 'by'} {share.name}"
        lines.append(
            f"{what[:46]:<46} {share.period:<8} {share.value:>3}%  history {share.low}-{share.high}%  "
            f"{share.verdict}"
        )
    lines.append(f"Mean Say-Do gap: {card.say_do_gap_mean_tenths / 10:.1f}")
    lines.append("Mandate renewals: " + (", ".join(card.mandate_outcomes) or "none"))
    lines.append(f"Host-state consent: {card.consent}   Mandate support: {card.mandate_support}")
    lines.append("Protection outcomes: " + ", ".join(f"{words(k)} {v}" for k, v in card.outcomes.items()))
    return lines
