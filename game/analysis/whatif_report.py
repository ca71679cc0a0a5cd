"""`minusma report --whatif`: a debrief section ranking the game's decisions by their estimated effect."""

from __future__ import annotations

import math

from game.analysis.whatif import DEFAULT_POLICY, Alternative, Fork, continuation_policy
from game.analysis.whatif_output import Effect, continuation_lines, evaluate, explanation, ranked
from game.analysis.whatif_run import Progress
from game.engine.wording import plural
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
    text = f"{comparison.mean_diff:+.1f}"
    if not math.isnan(comparison.ci_low):
        text += f" ({comparison.ci_low:+.1f} to {comparison.ci_high:+.1f})"
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
        return Section("Which decisions mattered", "whatif", [Para("No turn was played: nothing to weigh.")])
    policy = continuation_policy(policy_name)
    alternatives = key_alternatives(fork, points)
    if not alternatives:
        text = "No decision of this game has an alternative the rules allow."
        return Section("Which decisions mattered", "whatif", [Para(text)])
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
    lead = (
        f"Each decision below was replaced by an alternative and the rest of the game played "
        f"{plural(runs, 'time')} with paired dice, beside the orders played ({len(alternatives)} of the "
        f"game's decisions: card decisions and policies first). Differences are the alternative minus "
        f"the game as played; * marks p < 0.05. Ranked by the difference in civilians killed."
    )
    notes = [*explanation(runs, base_seed), *continuation_lines(fork, turns, policy.name)]
    if batches.interrupted:
        notes.append("The run was interrupted: the figures cover the runs every line finished.")
    headers = [
        "#",
        "turn",
        "decision",
        "alternative",
        "civilians killed",
        "peacekeepers killed",
        "national credibility",
        "Say-Do gap",
    ]
    return Section(
        "Which decisions mattered (what-if)", "whatif", [Para(lead), Table(headers, rows), Bullets(notes)]
    )
