"""Scripted mission policies that drive the engine's API (the armed groups' bot is engine/adversary)."""
