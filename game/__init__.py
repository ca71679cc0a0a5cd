"""MINUSMA: a terminal wargame of the UN mission in Mali and its Protection of Civilians mandate."""

__version__ = "0.1.0"
