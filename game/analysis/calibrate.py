"""Calibration: simulated casualties averaged over many seeds beside the historical record."""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis.simulate import simulate
from game.engine import score
from game.scenario.models import Scenario


@dataclass
class CalibrationRow:
    measure: str
    period: str
    mean: float
    low: int
    high: int
    source: str

    @property
    def within(self) -> bool:
        return self.low <= self.mean <= self.high


def calibrate(
    scenario: Scenario, seeds: int = 50, policy: str = "historical"
) -> tuple[list[CalibrationRow], dict]:
    """Mean of each historical measure over `seeds` games, and the mean central share."""
    sums: dict[tuple[str, str], int] = {}
    central = 0
    for seed in range(1, seeds + 1):
        card = score(scenario, simulate(scenario, seed, policy).state)
        for m in card.measures:
            sums[(m.name, m.period)] = sums.get((m.name, m.period), 0) + m.value
        central += card.central_share_pct
    rows = []
    for name, measures in (
        ("civilians killed", scenario.history.civilians_killed),
        ("peacekeepers killed", scenario.history.peacekeepers_killed),
    ):
        for m in measures:
            if (name, m.period) in sums:
                rows.append(
                    CalibrationRow(name, m.period, sums[(name, m.period)] / seeds, m.low, m.high, m.source)
                )
    extra = {
        "central_share_pct": central / seeds,
        "central_share_history_pct": scenario.history.central_share_pct,
    }
    return rows, extra


def format_calibration(rows: list[CalibrationRow], extra: dict, seeds: int, policy: str) -> list[str]:
    lines = [f"Simulated ({policy}, mean of {seeds} seeds) against history", ""]
    lines.append(f"{'measure':<20} {'period':<8} {'simulated':>9}  {'history':<11} ok   source")
    for row in rows:
        mark = "yes" if row.within else "NO"
        lines.append(
            f"{row.measure:<20} {row.period:<8} {row.mean:>9.1f}  "
            f"{row.low:>4}-{row.high:<6} {mark:<4} {row.source}"
        )
    lines.append("")
    lines.append(
        f"Share of civilian deaths in central Mali: {extra['central_share_pct']:.0f}% "
        f"(history ~{extra['central_share_history_pct']}%)"
    )
    return lines
