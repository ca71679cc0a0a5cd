"""Syndicate play: a game shared by several seats and a facilitator through one session file."""
