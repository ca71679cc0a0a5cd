"""Save files, replays, forks and their verification."""
