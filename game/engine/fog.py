"""Fog of war: what the players may see of the armed groups' strength (rules.md §2)."""

from __future__ import annotations

from game.engine import tables as T
from game.engine.state import GameState

BANDS = T.THREAT_BANDS


def threat_band(level: int) -> str:
    return next(name for lowest, name in BANDS if level >= lowest)


def visible_threat(state: GameState, region: str) -> dict[str, str]:
    """Each group's threat as the mission sees it: exact with warning 2+, a band otherwise."""
    regional = state.regions[region]
    exact = regional.warning >= T.WARNING_REVEALS_CARDS
    return {
        actor: str(level) if exact else threat_band(level)
        for actor, level in sorted(regional.threat.items())
        if level > 0 or exact
    }
