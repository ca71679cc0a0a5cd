"""Bots that drive the engine's API: the armed groups' adversary and scripted mission policies."""
