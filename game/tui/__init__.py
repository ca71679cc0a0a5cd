"""The Textual terminal interface: title, new game, map, orders, SITREP, scorecard and help."""
