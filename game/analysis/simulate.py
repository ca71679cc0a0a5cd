"""Play whole games headless with a scripted policy and summarise them turn by turn."""

from __future__ import annotations

from game import i18n
from game.analysis.numbers import fixed, period_text
from game.analysis.words import renewal_text
from game.bots.policies import POLICIES, Policy, play_game
from game.engine import Game, TurnRecord, score
from game.engine.context import ScenarioIndex
from game.engine.score import Scorecard
from game.engine.wording import words
from game.i18n import _
from game.scenario.models import Scenario


class UnknownPolicy(LookupError):
    def __init__(self, name: str):
        self.name = name
        super().__init__(
            _("unknown policy {policy!r}; valid policies: {choices}").format(
                policy=name, choices=", ".join(POLICIES)
            )
        )


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
    columns = " ".join(f"{r[:5]:>5}" for r in regions)
    header = _("turn month   {regions}  civ  pk  events").format(regions=columns)
    lines = [header]
    for record in game.state.history:
        summary = turn_summary(record)
        cred = " ".join(f"{record.credibility[r]:>5}" for r in regions)
        events = ", ".join(i18n.name(card) for card in record.cards)
        outcome = (
            " " + _("[mandate: {outcome}]").format(outcome=i18n.recorded(record.mandate_outcome))
            if record.mandate_outcome
            else ""
        )
        lines.append(
            f"{record.turn:>4} {record.month} {cred} {summary['civilians_killed']:>4} "
            f"{record.peacekeepers_killed:>3}  {events}{outcome}"
        )
    return lines


def format_scorecard(card: Scorecard, index: ScenarioIndex) -> list[str]:
    """The scorecard as text, with regions and armed groups named as players know them."""
    regions = ", ".join(
        f"{i18n.name(index.region_names[r])} {a}->{b}" for r, (a, b) in card.credibility_by_region.items()
    )
    lines = [
        _("National credibility: {start} -> {end}").format(
            start=card.national_credibility_start, end=card.national_credibility_end
        ),
        _("Credibility by region: {regions}").format(regions=regions),
    ]
    for m in card.measures:
        history = _("history {low}-{high}").format(low=m.low, high=m.high) if m.low is not None else ""
        name, verdict = i18n.recorded(m.name), i18n.recorded(m.verdict)
        lines.append(f"{name:<20} {period_text(m.period):<8} {m.value:>6}  {history:<18} {verdict}")
    perpetrators = ", ".join(
        f"{i18n.name(index.actor_names[k])} {v}" for k, v in card.civilians_by_perpetrator.items()
    )
    lines.append(_("Civilians killed by perpetrator: {perpetrators}").format(perpetrators=perpetrators))
    lines.append(
        _("Share of civilian deaths in central Mali: {share}% (history ~{history}%)").format(
            share=card.central_share_pct, history=card.central_share_history_pct
        )
    )
    for share in card.shares:
        where = i18n.name(i18n.recorded(share.name))
        what = (_("share in {place}") if share.kind == "region" else _("share by {group}")).format(
            place=where, group=where
        )
        history = _("history {low}-{high}%").format(low=share.low, high=share.high)
        verdict = i18n.recorded(share.verdict)
        lines.append(
            f"{what[:46]:<46} {period_text(share.period):<8} {share.value:>3}%  {history}  {verdict}"
        )
    lines.append(
        _("Mean Say-Do gap: {gap}").format(gap=fixed(card.say_do_gap_mean_tenths / 10, 1, group=False))
    )
    renewals = ", ".join(renewal_text(entry) for entry in card.mandate_outcomes) or _("none")
    lines.append(_("Mandate renewals: {renewals}").format(renewals=renewals))
    lines.append(
        _("Host-state consent: {consent}   Mandate support: {support}").format(
            consent=card.consent, support=card.mandate_support
        )
    )
    outcomes = ", ".join(f"{i18n.recorded(words(k))} {v}" for k, v in card.outcomes.items())
    lines.append(_("Protection outcomes: {outcomes}").format(outcomes=outcomes))
    return lines
