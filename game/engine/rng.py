"""Deterministic dice from a SplitMix64 generator whose whole state is one integer in the game."""

from __future__ import annotations

MASK64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def seed_state(seed: int) -> int:
    """The generator state for a game seed (any integer, negative too)."""
    return (seed * 0xBF58476D1CE4E5B9 + GOLDEN_GAMMA) & MASK64


def next_value(state: int) -> tuple[int, int]:
    """Advance the generator: returns (new state, 64-bit output)."""
    state = (state + GOLDEN_GAMMA) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def below(state: int, bound: int) -> tuple[int, int]:
    """A value in [0, bound); the bias of the modulo is below 1e-17 for game-sized bounds."""
    state = (state + GOLDEN_GAMMA) & MASK64  # next_value, inlined: this is the hottest call
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, (z ^ (z >> 31)) % bound
