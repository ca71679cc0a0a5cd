"""Widgets shared by the screens: the map, the region panel, the status bar and the order tree."""
