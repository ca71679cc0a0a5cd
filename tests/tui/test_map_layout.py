"""The map's grid: every scenario's regions get their own box, north at the top, west on the left."""

from __future__ import annotations

import pytest

from game.scenario.catalog import find_scenario
from game.scenario.loader import load_scenario
from game.tui.widgets.map_layout import neighbour_in_direction, place_regions
from tests.conftest import FIXTURES

SCENARIOS = ["mali-2019", "tutorial", str(FIXTURES / "mini.yaml")]


@pytest.mark.parametrize("name", SCENARIOS, ids=["mali-2019", "tutorial", "mini"])
def test_each_region_has_its_own_cell_inside_the_grid(name: str) -> None:
    scenario = find_scenario(name) if not name.endswith(".yaml") else load_scenario(name)
    cells, columns, rows = place_regions({r.id: r.centre_km for r in scenario.regions})
    assert set(cells) == {r.id for r in scenario.regions}
    assert len(set(cells.values())) == len(cells), "no two regions share a box"
    assert all(0 <= c < columns and 0 <= r < rows for c, r in cells.values())
    assert rows <= 4, "the map must fit 80x24"


def test_mali_keeps_north_south_and_east_west() -> None:
    scenario = find_scenario("mali-2019")
    cells, _, _ = place_regions({r.id: r.centre_km for r in scenario.regions})
    assert cells["kidal"][1] < cells["mopti"][1] < cells["segou"][1], "Kidal north of Mopti north of Ségou"
    assert cells["bamako"][0] < cells["mopti"][0] < cells["gao"][0] < cells["menaka"][0]
    assert cells["tombouctou"][1] < cells["gao"][1]


def test_a_line_of_regions_is_a_column() -> None:
    cells, columns, rows = place_regions({"n": (0, 400), "c": (0, 200), "s": (0, 0)})
    assert (columns, rows) == (1, 3)
    assert cells == {"n": (0, 0), "c": (0, 1), "s": (0, 2)}


def test_arrow_keys_move_in_their_direction() -> None:
    cells = {"a": (0, 0), "b": (1, 0), "c": (0, 1), "d": (1, 1)}
    assert neighbour_in_direction(cells, "a", 1, 0) == "b"
    assert neighbour_in_direction(cells, "a", 0, 1) == "c"
    assert neighbour_in_direction(cells, "d", -1, 0) == "c"
    assert neighbour_in_direction(cells, "a", -1, 0) is None
