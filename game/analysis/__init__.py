"""Headless analysis: simulated games, calibration against history, and (later) Monte Carlo runs.

Analysis acts as the umpire by design: it reads the whole GameState of the games it runs, which no
screen may do (tests/test_state_reads.py holds the allow-list).
"""
