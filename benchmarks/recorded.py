"""The engine's English in French: share of a played game's lines that recorded() translates, and its speed.

Run: uv run python benchmarks/recorded.py [--scenario mali-2019] [--policy historical] [--seed 7] [--show 20]
Plays a whole game by a built-in policy, gathers every line the engine made for players
(game.analysis.lines.played_lines(), which tests/test_recorded.py reads too), and reports how many
come out of recorded() in French different from the English, the share of characters no template,
name or catalog word explains, the lines left English (--show), and recorded()'s cost per line:
a distinct line the first time (the pieces read for the lines before it kept, as in play) and
cached (every refresh after). CPU time (process_time) is reported.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from game import i18n
from game.analysis.lines import played_lines
from game.i18n import _, name, ngettext
from game.i18n_record import Reader, load, unexplained
from game.scenario.catalog import find_scenario


def scenario_names(scenario: str) -> set[str]:
    """The scenario's own words in the engine's lines: names of regions, units, aircraft, groups, cards."""
    spec = find_scenario(scenario)
    names = {item.name for item in (*spec.regions, *spec.contingents, *spec.aviation, *spec.actors)}
    names |= {
        actor.name[actor.name.rindex("(") + 1 : -1] for actor in spec.actors if actor.name.endswith(")")
    }
    names |= {unit.country for unit in spec.contingents} | {card.title for card in spec.cards}
    names |= {f"'{card.title}'" for card in spec.cards}
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="mali-2019")
    parser.add_argument("--policy", default="historical")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=20, help="how many distinct English lines to list")
    args = parser.parse_args()
    lines = played_lines(args.scenario, args.seed, args.policy)
    i18n.set_language("fr")
    i18n.recorded("warm-up: loads the catalog's templates")
    distinct_lines = list(dict.fromkeys(lines))
    start = time.process_time()
    for line in distinct_lines:
        i18n.recorded(line)
    first = (time.process_time() - start) / len(distinct_lines)
    start = time.process_time()
    french = [i18n.recorded(line) for line in lines]
    again = (time.process_time() - start) / len(lines)
    templates = load(i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot")
    total = sum(len(line) for line in distinct_lines)
    # measured twice: as the reader sees it, and counting the scenario's names (regions, units,
    # groups, cards: i18n.name()'s, not the engine's) as explained, which leaves the engine's own gaps
    reader = Reader(_, ngettext, name, i18n.is_name)
    dark = sum(unexplained(line, templates, reader) for line in distinct_lines)
    names = scenario_names(args.scenario)
    named = Reader(_, ngettext, lambda text: f"«{text}»" if text in names else name(text))
    engine_dark = sum(unexplained(line, templates, named) for line in distinct_lines)
    left = Counter(line for line, shown in zip(lines, french, strict=True) if shown == line)
    distinct = len(set(lines))
    print(f"{args.scenario} seed {args.seed}, {args.policy}: {len(lines)} lines, {distinct} distinct")
    print(f"translated: {len(lines) - left.total()} of {len(lines)} ({1 - left.total() / len(lines):.1%})")
    print(f"distinct lines left English: {len(left)} of {distinct}")
    print(f"characters of the distinct lines left as recorded: {dark / total:.1%}")
    print(f"  ... counting the scenario's names (i18n.name()'s) as explained: {engine_dark / total:.1%}")
    print(f"recorded(): {first * 1e6:.0f} µs a distinct line the first time, {again * 1e6:.1f} µs cached")
    for line, count in left.most_common(args.show):
        print(f"  {count:4d}  {line}")


if __name__ == "__main__":
    main()
