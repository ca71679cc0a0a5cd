"""Nothing outside game/engine reads GameState internals: screens, the replay viewer, saves and the
report go through the engine's API and render from views (Game.observe; issue 11)."""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parent.parent / "game"

# Modules that act as the umpire by design: they may read the whole state.
UMPIRES = {
    "game/bots": "bots choose orders for a seat from the full state, as a facilitator would",
    "game/analysis": "calibration and statistics over many games read every number",
    "game/record/saves.py": "a save digests the whole state (state_digest, encoding it once for speed)",
}


# Modules still to move to views: this list may only shrink.
PENDING: set[str] = set()


def _allowed(relative: str) -> bool:
    return relative in PENDING or any(relative == p or relative.startswith(p + "/") for p in UMPIRES)


def _holds_a_game(node: ast.expr) -> bool:
    """`game.state`, `self.game.state`, `ctx.state`...; not a Textual worker's `event.state`."""
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return "game" in name.lower() or name in ("ctx", "context", "copy", "clone")


def state_reads(source: str) -> list[tuple[int, str]]:
    """Lines reading a game's state, importing GameState, or the engine's state module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "state" and _holds_a_game(node.value):
            found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.ImportFrom) and node.module == "game.engine.state":
            found.append((node.lineno, f"from {node.module} import ..."))
        elif isinstance(node, ast.ImportFrom) and any(a.name == "GameState" for a in node.names):
            found.append((node.lineno, "import GameState"))
    return found


def test_only_the_engine_and_the_umpires_read_the_state() -> None:
    offences = []
    for path in sorted(GAME.rglob("*.py")):
        relative = path.relative_to(GAME.parent).as_posix()
        if relative.startswith("game/engine/") or _allowed(relative):
            continue
        offences += [f"{relative}:{line}: {text}" for line, text in state_reads(path.read_text("utf-8"))]
    assert not offences, "render from Game.observe (game/engine/view.py) instead:\n" + "\n".join(offences)


def test_the_check_finds_a_state_read() -> None:
    assert state_reads("x = session.game.state.turn\n") == [(1, "session.game.state")]
    assert state_reads("from game.engine import GameState\n") == [(1, "import GameState")]
    assert state_reads("view = session.game.observe('srsg')\n") == []
    assert state_reads("done = event.state == WorkerState.SUCCESS\n") == []
    assert state_reads("n = self.replay.game.state.turn\n") == [(1, "self.replay.game.state")]
