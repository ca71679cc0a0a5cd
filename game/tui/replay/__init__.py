"""The replay viewer: step through a saved game turn by turn, chart it, and fork it."""

from game.tui.replay.screen import ForkedGame, ReplayScreen

__all__ = ["ForkedGame", "ReplayScreen"]
