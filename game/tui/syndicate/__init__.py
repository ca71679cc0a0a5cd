"""Syndicate play in the terminal: a seat of a hosted game, and the facilitator's console."""
