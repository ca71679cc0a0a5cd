"""Helpers for driving the TUI with Pilot: a fixed seed, a throwaway save folder, settled screens."""

from __future__ import annotations

import contextlib

from textual.pilot import Pilot
from textual.widgets import Footer
from textual.worker import WorkerCancelled

from game.tui.app import MinusmaApp, create_app

SEED = 11
SIZES = ((120, 40), (80, 24))


def new_app(**kwargs) -> MinusmaApp:
    """The app as the CLI builds it, with a fixed seed (the save folder comes from conftest's env)."""
    return create_app(seed=kwargs.pop("seed", SEED), **kwargs)


def screen_name(pilot: Pilot) -> str:
    return type(pilot.app.screen).__name__


async def settle(pilot: Pilot) -> None:
    """Let workers and pending callbacks finish so the screen is the one a player would see."""
    await pilot.pause()  # a screen may start its workers after its first frame (the title's saves)
    with contextlib.suppress(WorkerCancelled):  # a newer look-up of the saves replaced an older one
        await pilot.app.workers.wait_for_complete()
    # A dialog may be pushed after the first frame, and a footer refills itself after the bindings
    # change: wait until the screens and their footers' keys stay the same for three pauses.
    seen, steady = None, 0
    for _ in range(60):
        await pilot.pause()
        stack = pilot.app.screen_stack
        footers = [len(footer.children) for screen in stack for footer in screen.query(Footer)]
        now = (tuple(type(screen).__name__ for screen in stack), tuple(footers))
        steady = steady + 1 if now == seen and all(footers) else 0
        seen = now
        if steady >= 3:
            break


async def close_dialogs(pilot: Pilot) -> int:
    """Close event cards (deciding later) and pass handoff screens, by keys; returns how many."""
    closed = 0
    while screen_name(pilot) in ("CardDialog", "HandoffScreen"):
        await pilot.press("escape" if screen_name(pilot) == "CardDialog" else "enter")
        await pilot.pause()
        closed += 1
    return closed


async def start_new_game(pilot: Pilot, scenario_keys: tuple[str, ...] = (), hotseat: bool = False) -> None:
    """Title → New game → (scenario) → (hotseat and names) → Start, by key presses."""
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press(*scenario_keys)
    if hotseat:
        await pilot.press("tab", "tab")  # seed, then the seats' radio set
        await pilot.press("down", "enter")  # hotseat
        for name in ("Ana", "Bo", "Chi", "Dee"):
            await pilot.press("tab", *name)
    await pilot.press("ctrl+s")
    await settle(pilot)
