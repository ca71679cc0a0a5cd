"""Headless analysis: simulated games, calibration against history, and (later) Monte Carlo runs."""
