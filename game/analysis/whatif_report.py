"""`minusma report --whatif`: a debrief section ranking the game's decisions by their estimated effect."""

from __future__ import annotations

import math

from game.analysis.numbers import fixed
from game.analysis.whatif import DEFAULT_POLICY, Alternative, Fork, continuation_policy
from game.analysis.whatif_output import Effect, continuation_lines, evaluate, explanation, ranked
from game.analysis.whatif_run import Progress
from game.analysis.words import interval
from game.i18n import _, ngettext
from game.record.replay import Replay
from game.record.report import Bullets, Para, Section, Table

DEFAULT_POINTS = 10
KIND_PRIORITY = {"card": 0, "policy": 1, "unit": 2, "aviation": 3, "poc": 4, "message": 5}


def key_alternatives(fork: Fork, points: int) -> list[Alternative]:
    """The decisions to weigh, at most `points`: card decisions and policies first (the key
    decisions of the debrief), then orders to units, aviation, PoC tiers and messages; earlier turns
    first within a kind. Each with its first alternative."""
    found = [point for turn in range(1, fork.turns + 1) for point in fork.decision_points(turn)]
    found.sort(key=lambda point: (KIND_PRIORITY.get(point.kind, 9), point.turn))
    chosen = sorted(found[:points], key=lambda point: (point.turn, point.id))
    return [point.alternatives[0] for point in chosen]


def difference_text(effect: Effect, key: str) -> str:
    """A measure's mean difference with its 95% CI, and * when it is significant; - when unknown."""
    table = effect.table(key)
    row = table.rows[-1] if table and len(table.rows) == 2 else None
    comparison = row.comparison if row else None
    if comparison is None or math.isnan(comparison.mean_diff):
        return "-"
    text = fixed(comparison.mean_diff, 1, sign=True, group=False)
    if not math.isnan(comparison.ci_low):
        ends = interval(
            fixed(comparison.ci_low, 1, sign=True, group=False),
            fixed(comparison.ci_high, 1, sign=True, group=False),
        )
        text += f" ({ends})"
    return text + (" *" if comparison.significant else "")


def whatif_section(
    replay: Replay,
    runs: int,
    points: int = DEFAULT_POINTS,
    workers: int | None = None,
    base_seed: int = 1,
    policy_name: str = DEFAULT_POLICY,
    progress: Progress | None = None,
) -> Section:
    """Play the key decisions' alternatives `runs` times each and rank them by effect."""
    fork = Fork(replay)
    if not replay.turns:
        return Section(
            _("Which decisions mattered"), "whatif", [Para(_("No turn was played: nothing to weigh."))]
        )
    policy = continuation_policy(policy_name)
    alternatives = key_alternatives(fork, points)
    if not alternatives:
        text = _("No decision of this game has an alternative the rules allow.")
        return Section(_("Which decisions mattered"), "whatif", [Para(text)])
    batches, found = evaluate(fork, alternatives, runs, base_seed, policy, workers, progress=progress)
    turns = sorted({alternative.turn for alternative in alternatives})
    rows = []
    months = {view.number: view.month for view in replay.turns}
    for position, effect in enumerate(ranked(found), start=1):
        alternative = effect.alternative
        rows.append(
            [
                str(position),
                f"{alternative.turn} ({months[alternative.turn]})",
                alternative.point,
                alternative.name,
                *(difference_text(effect, key) for key in ("civilians_killed", "peacekeepers_killed")),
                *(difference_text(effect, key) for key in ("national_credibility", "say_do_gap")),
            ]
        )
    lead = ngettext(
        "Each decision below was replaced by an alternative and the rest of the game played "
        "{runs} time with paired dice, beside the orders played ({decisions} of the "
        "game's decisions: card decisions and policies first). Differences are the alternative minus "
        "the game as played; * marks p < 0.05. Ranked by the difference in civilians killed.",
        "Each decision below was replaced by an alternative and the rest of the game played "
        "{runs} times with paired dice, beside the orders played ({decisions} of the "
        "game's decisions: card decisions and policies first). Differences are the alternative minus "
        "the game as played; * marks p < 0.05. Ranked by the difference in civilians killed.",
        runs,
    ).format(runs=runs, decisions=len(alternatives))
    notes = [*explanation(runs, base_seed), *continuation_lines(fork, turns, policy.name)]
    if batches.interrupted:
        notes.append(_("The run was interrupted: the figures cover the runs every line finished."))
    headers = [
        "#",
        _("turn"),
        _("decision"),
        _("alternative"),
        _("civilians killed"),
        _("peacekeepers killed"),
        _("national credibility"),
        _("Say-Do gap"),
    ]
    return Section(
        _("Which decisions mattered (what-if)"), "whatif", [Para(lead), Table(headers, rows), Bullets(notes)]
    )
