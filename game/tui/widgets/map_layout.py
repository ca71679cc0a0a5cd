"""Places a scenario's regions on a grid of boxes, north at the top, keeping their relative positions."""

from __future__ import annotations

import math
from collections.abc import Sequence


def grid_shape(points: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """Columns and rows for this many regions, shaped like the area they cover."""
    count = len(points)
    if count <= 1:
        return 1, 1
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    cells = count * 1.5  # some slack, so that close neighbours still find a cell near them
    if width == 0:
        return 1, count
    if height == 0:
        return count, 1
    columns = max(1, min(count, round(math.sqrt(cells * width / height))))
    rows = max(1, min(count, math.ceil(cells / columns)))
    while columns * rows < count:
        rows += 1
    return columns, rows


def place_regions(points: dict[str, tuple[int, int]]) -> tuple[dict[str, tuple[int, int]], int, int]:
    """Each region's (column, row) cell, and the grid's columns and rows.

    Regions go to the free cell nearest their scaled position: the closest pairs are settled
    first, so two regions never share a box and each stays near where it really is.
    """
    ids = list(points)
    columns, rows = grid_shape(list(points.values()))
    xs = [x for x, _ in points.values()]
    ys = [y for _, y in points.values()]

    def scaled(value: int, low: int, high: int, cells: int) -> float:
        return 0.0 if high == low else (value - low) / (high - low) * (cells - 1)

    wanted = {
        region: (
            scaled(x, min(xs), max(xs), columns),
            (rows - 1) - scaled(y, min(ys), max(ys), rows),  # north at the top
        )
        for region, (x, y) in points.items()
    }
    pairs = sorted(
        (math.dist(wanted[region], (column, row)), ids.index(region), region, (column, row))
        for region in ids
        for column in range(columns)
        for row in range(rows)
    )
    placed: dict[str, tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    for _, _, region, cell in pairs:
        if region in placed or cell in taken:
            continue
        placed[region] = cell
        taken.add(cell)
    return {region: placed[region] for region in ids}, columns, rows


def neighbour_in_direction(cells: dict[str, tuple[int, int]], current: str, dx: int, dy: int) -> str | None:
    """The region a key press moves to from `current`: ahead in the direction, nearest first."""
    cx, cy = cells[current]
    best: tuple[float, str] | None = None
    for region, (x, y) in cells.items():
        ahead = (x - cx) * dx + (y - cy) * dy
        if region == current or ahead <= 0:
            continue
        aside = abs((x - cx) * dy) + abs((y - cy) * dx)
        cost = ahead + 2 * aside
        if best is None or cost < best[0]:
            best = (cost, region)
    return best[1] if best else None
