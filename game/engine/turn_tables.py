"""What the turn's phases look up every turn and that never changes during a game (turn.py).

The armed groups in the order the rules roll for them, the aircraft's hours at full means, the
harassing-fire rolls' purposes: the answers depend on the scenario alone, so they are worked out
once per scenario index (a game, or an analysis worker's thousands of games) instead of every turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from game.engine import tables as T
from game.engine.context import ScenarioIndex
from game.scenario.models import AviationKind


@dataclass(frozen=True, slots=True)
class TurnTables:
    drifting: tuple[tuple[str, bool], ...]  # every armed group by id (threat drift's order), and if terrorist
    harassing_mission: tuple[str, ...]  # the groups that attack peacekeepers, by id
    harassing_army: tuple[str, ...]  # the groups that attack the host forces, by id
    militias: tuple[str, ...]  # the community militias, by id
    international: tuple[str, ...]  # the international forces, by id
    harassing_purposes: dict[tuple[str, str, str], str]  # (group, front, region): its roll's purpose
    monthly_hours: dict[str, int]  # each aircraft's hours a month before modifiers
    civilian_capacity: int  # the civilian teams' capacity before modifiers


# Looked up a dozen times a turn: lru_cache's lookup (by the index's identity) is the fastest
# there is. It keeps the last few indexes alive: a game's, or an analysis worker's one.
@lru_cache(maxsize=8)
def turn_tables(index: ScenarioIndex) -> TurnTables:
    """The index's tables, made the first time a turn asks."""
    return TurnTables(
        drifting=tuple((actor, kind == "terrorist") for actor, kind in sorted(index.armed_actors.items())),
        harassing_mission=tuple(sorted(index.actors_striking("peacekeepers"))),
        harassing_army=tuple(sorted(index.actors_striking("host_forces"))),
        militias=tuple(sorted(index.militias)),
        international=tuple(
            sorted(a for a in index.partner_forces if index.actors[a].kind == "international")
        ),
        harassing_purposes={
            (actor, front, region): f"harassing fire by {index.actor_names[actor]} on the {front} "
            f"in {index.region_names[region]}"
            for actor in {*index.actors_striking("peacekeepers"), *index.actors_striking("host_forces")}
            for front in T.HARASS_FRONTS
            for region in index.region_order
        },
        monthly_hours={
            asset.id: asset.hours_per_month * (1 if asset.kind == AviationKind.ISR else asset.aircraft)
            for asset in index.aviation.values()
        },
        civilian_capacity=sum(team.capacity for team in index.scenario.civilian_teams),
    )
