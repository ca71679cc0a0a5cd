"""Scripted mission policies that drive the engine's API (the armed groups' bot is engine/adversary).

Bots act as the umpire by design: they read the whole GameState, which no screen may do
(tests/test_state_reads.py holds the allow-list).
"""
