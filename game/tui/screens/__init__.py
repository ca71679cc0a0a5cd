"""Full screens of the game: title, new game, saves, play, turn results, SITREP, end and help."""
