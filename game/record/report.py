"""Debrief reports of saved games, in Markdown or one self-contained HTML file, alone or side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape, unescape

from game.engine import orders as O
from game.engine.objectives import score_lines
from game.engine.score import say_do_gap
from game.engine.sides import GREEN, RED
from game.engine.wording import words
from game.record.charts import PALETTE, Band, Line, bar_chart, line_chart, sparkline
from game.record.replay import ROLE_TITLES, Replay, TurnView
from game.scenario.loader import scenario_hash
from game.text import markdown

FORMATS = ("md", "html")
ROLE_SHORT = {
    "srsg": "SRSG",
    "force_commander": "FC",
    "police_commissioner": "PC",
    "comms_chief": "Comms",
    O.FACILITATOR: "Facilitator",
    RED: "Red",
    GREEN: "Green",
}


class ReportError(Exception):
    """Saves that cannot be reported on together, said plainly."""


# --- a small document model, rendered to Markdown or HTML -------------------------------------------


@dataclass
class Para:
    text: str


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    folded: str = ""  # in HTML, a long table folds away under this summary


@dataclass
class Chart:
    """An SVG chart for HTML; Markdown shows the fallback (sparklines in a table)."""

    svg: str
    fallback: Table


Block = Para | Bullets | Table | Chart


@dataclass
class Section:
    title: str
    anchor: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    title: str
    lead: list[str]
    sections: list[Section]


# --- building one report -----------------------------------------------------------------------------


def _x_labels(replay: Replay) -> list[str]:
    return [view.month for view in replay.turns]


def _verdict(value: int, verdict: str) -> str:
    return f"{value:,} ({verdict})" if verdict else f"{value:,}"


def _renewals(outcomes: list[str]) -> str:
    """Mandate outcomes as "UNSCR 2480: renewed" (the engine keeps "2480:renewed")."""
    readable = []
    for outcome in outcomes:
        resolution, _, result = outcome.partition(":")
        readable.append(f"UNSCR {resolution}: {words(result)}" if result else words(outcome))
    return ", ".join(readable)


def _history_range(low: int | None, high: int | None) -> str:
    return "" if low is None or high is None else f"{low:,}–{high:,}"


def _lead(replay: Replay) -> list[str]:
    meta, scenario = replay.meta, replay.scenario
    seats = ", ".join(f"{ROLE_TITLES.get(role, role)}: {name}" for role, name in meta.seats.items() if name)
    played = len(replay.turns)
    months = f"{replay.turns[0].month} to {replay.turns[-1].month}" if replay.turns else "no turn played"
    lines = [
        f"Game: {replay.label} ({replay.path.name}); {meta.mode} play; seed {replay.save.seed}.",
        f"Seats: {seats or 'not recorded'}.",
        f"Played {played} of {scenario.calendar.turns} turns, {months}"
        + (" (game over)." if replay.game.is_over() else " (game in progress)."),
    ]
    if meta.parent:
        lines.append(f"Forked from {meta.parent} at turn {meta.fork_turn}.")
    return lines


def _scorecard_section(replay: Replay) -> Section:
    card = replay.scorecard
    rows = [
        [m.name, m.period, f"{m.value:,}", _history_range(m.low, m.high), m.verdict or "-"]
        for m in card.measures
    ]
    facts = [
        f"National credibility: {card.national_credibility_start} at the start, "
        f"{card.national_credibility_end} at the end.",
        f"Civilian deaths in the centre: {card.central_share_pct}% "
        f"(history: about {card.central_share_history_pct}%).",
        f"Say–Do gap, mean per turn: {card.say_do_gap_mean_tenths / 10:.1f}.",
        f"Host-state consent {card.consent}; "
        f"Security Council support for the mandate {card.mandate_support}.",
    ]
    if card.mandate_outcomes:
        facts.append("Mandate renewals: " + _renewals(card.mandate_outcomes) + ".")
    if card.civilians_by_perpetrator:
        actors = replay.game.index.actors
        ranked = sorted(card.civilians_by_perpetrator.items(), key=lambda item: -item[1])
        facts.append(
            "Civilians killed by perpetrator: "
            + ", ".join(f"{actors[who].name if who in actors else who} {n:,}" for who, n in ranked)
            + "."
        )
    return Section(
        "Scorecard against history",
        "scorecard",
        [Table(["measure", "period", "this game", "history", "verdict"], rows), Bullets(facts)],
    )


def _shares_section(replay: Replay) -> Section | None:
    """Where and by whom civilians died, as shares of each period, beside the record."""
    shares = replay.scorecard.shares
    if not shares:
        return None
    rows = [
        [
            f"{'in' if r.kind == 'region' else 'by'} {r.name}",
            r.period,
            f"{r.value}%",
            f"{r.low}–{r.high}%",
            r.verdict,
        ]
        for r in shares
    ]
    note = Para(
        "Totals can match history while the war inside them does not: these rows compare where "
        "civilians died and who killed them with the human rights record (sources in the scenario file)."
    )
    return Section(
        "Where and by whom, against history",
        "shares",
        [Table(["share of civilian deaths", "period", "this game", "history", "verdict"], rows), note],
    )


def _credibility_chart(replay: Replay) -> Chart:
    labels = ["start", *_x_labels(replay)]
    lines = [Line("national", replay.national_credibility, colour="#000000", width=3.5)]
    for index, region in enumerate(replay.scenario.regions):
        lines.append(Line(region.name, replay.credibility[region.id], colour=PALETTE[index % len(PALETTE)]))
    svg = line_chart(
        "Credibility by region",
        labels,
        lines,
        y_label="credibility (0-100)",
        y_max=100,
        description="Credibility of the mission in each region, at the start and after every turn.",
    )
    rows = [
        [
            region.name,
            str(replay.credibility[region.id][0]),
            str(replay.credibility[region.id][-1]),
            sparkline(replay.credibility[region.id], 0, 100),
        ]
        for region in replay.scenario.regions
    ]
    rows.append(
        [
            "**national**",
            str(replay.national_credibility[0]),
            str(replay.national_credibility[-1]),
            sparkline(replay.national_credibility, 0, 100),
        ]
    )
    return Chart(svg, Table(["region", "start", "end", "turn by turn"], rows))


def _casualty_charts(replay: Replay) -> list[Chart]:
    labels = _x_labels(replay)
    charts = []
    for what, per_turn, history, colour in (
        ("Civilians killed", replay.civilians_per_turn, replay.historical_civilians(), "#d62728"),
        ("Peacekeepers killed", replay.peacekeepers_per_turn, replay.historical_peacekeepers(), "#1f77b4"),
    ):
        svg = bar_chart(
            f"{what} per turn",
            labels,
            per_turn,
            bar_label="this game",
            y_label="deaths per turn",
            band=Band("history (monthly range)", history),
            colour=colour,
            description=f"{what} in each turn of this game, beside history's monthly range.",
        )
        known = [(low + high) / 2 for pair in history if pair for low, high in [pair]]
        fallback = Table(
            ["", "total", "per turn"],
            [
                [f"{what}, this game", f"{sum(per_turn):,}", sparkline(per_turn, 0)],
                [
                    f"{what}, history (mid-range)",
                    f"{round(sum(known)):,}" if known else "-",
                    sparkline(known, 0) if known else "",
                ],
            ],
        )
        charts.append(Chart(svg, fallback))
    return charts


def _say_do_section(replay: Replay) -> Section:
    labels = _x_labels(replay)
    says = [say for say, _ in replay.say_do]
    dos = [do for _, do in replay.say_do]
    gaps = [say_do_gap(say, do) for say, do in replay.say_do]
    svg = line_chart(
        "Say–Do gap",
        labels,
        [
            Line("say (promises made)", says, colour="#ff7f0e"),
            Line("do (protection delivered)", dos, colour="#2ca02c"),
            Line("gap (say beyond do, at least 0)", gaps, colour="#d62728", dashed=True),
        ],
        y_label="points",
        description="What the mission said it would do against what it did, turn by turn.",
    )
    rows = [
        [view.month, str(say), str(do), str(say_do_gap(say, do))]
        for view, (say, do) in zip(replay.turns, replay.say_do, strict=True)
    ]
    blocks: list[Para | Bullets | Table | Chart] = [
        Chart(svg, Table(["", "turn by turn"], [["say", sparkline(says, 0)], ["do", sparkline(dos, 0)]])),
        Table(["month", "say", "do", "gap"], rows, folded="Say and Do turn by turn"),
    ]
    return Section("Say–Do gap over time", "say-do", blocks)


def _decisions_section(replay: Replay) -> Section:
    by_role: dict[str, list[str]] = {}
    for decision in replay.decisions():
        text = f"Turn {decision.turn} ({decision.month}), {decision.subject}: {decision.choice}"
        if not decision.chosen:
            text += " (default: no decision taken)"
        by_role.setdefault(decision.role, []).append(text)
    for view in replay.turns:
        for given in view.orders:
            if given.role == O.FACILITATOR and not isinstance(given.order, O.FacilitatorNote):
                by_role.setdefault(O.FACILITATOR, []).append(
                    f"Turn {view.number} ({view.month}): {given.text}"
                )
        red = [given.text for given in view.orders if given.role == RED]
        if red:  # the red cell's choices, beside the mission's
            by_role.setdefault(RED, []).append(f"Turn {view.number} ({view.month}): " + "; ".join(red))
        green = [given.text for given in view.orders if given.role == GREEN]
        green += [note for note in view.record.notes if note.startswith("The host state grants")]
        if green:  # the green cell's orders and its answers to the mission's requests
            by_role.setdefault(GREEN, []).append(f"Turn {view.number} ({view.month}): " + "; ".join(green))
    blocks: list[Para | Bullets | Table | Chart] = []
    for role in [*ROLE_TITLES, *sorted(set(by_role) - set(ROLE_TITLES))]:
        if role in by_role:
            blocks.append(Para(f"**{ROLE_TITLES.get(role, role)}**"))
            blocks.append(Bullets(by_role[role]))
    if not blocks:
        blocks.append(Para("No card decisions or policy changes were recorded."))
    return Section("Key decisions by role", "decisions", blocks)


def _sides_section(replay: Replay) -> Section:
    """The other sides' objectives and how far each got (rules.md §12.1)."""
    blocks: list[Block] = []
    for card in replay.game.side_scores():
        lines = score_lines(card)
        blocks += [Para(f"**{lines[0]}**"), Bullets(lines[1:])]
    return Section("The other sides' objectives", "sides", blocks)


def _card_regions(replay: Replay, view: TurnView, card_id: str) -> str:
    """Where a card happened this turn (a generic card's region was drawn with it)."""
    regions = replay.game.index.regions
    places = replay.cards_played(view.number).get(card_id, [])
    return ", ".join(regions[r].name if r in regions else r for r in places)


def _events_section(replay: Replay) -> Section:
    items = []
    for view in replay.turns:
        for card_id in replay.seen(view.number).cards:
            card = replay.card(card_id)
            if card is None:
                items.append(f"Turn {view.number} ({view.month}): {card_id}")
                continue
            where = _card_regions(replay, view, card_id)
            source = f" Source: {card.source}." if card.source else ""
            items.append(
                f"Turn {view.number} ({view.month}): **{card.title}**"
                + (f" ({where})" if where else "")
                + f". {card.text}{source}"
            )
    return Section("Events", "events", [Bullets(items) if items else Para("No event cards were drawn.")])


def _timeline_section(replay: Replay) -> Section:
    rows = []
    for index, view in enumerate(replay.turns):
        seen = replay.seen(view.number)  # the umpire's view of the turn
        cards = ", ".join(c.title if (c := replay.card(card_id)) else card_id for card_id in seen.cards)
        roles = view.orders_by_role()
        orders = "; ".join(f"{ROLE_SHORT.get(r, r)} {len(o)}" for r, o in roles.items())
        rows.append(
            [
                str(view.number),
                view.month,
                cards or "-",
                orders or "-",
                f"{seen.civilians_killed:,}",
                str(seen.peacekeepers_killed),
                str(replay.national_credibility[index + 1]),
                seen.mandate_outcome or "",
            ]
        )
    headers = ["turn", "month", "events", "orders by seat", "civilians killed", "peacekeepers killed",
               "national credibility", "mandate"]  # fmt: skip
    return Section("Timeline", "timeline", [Table(headers, rows)])


def _notes_section(replay: Replay) -> Section | None:
    notes = replay.notes()
    if not notes:
        return None
    items = [f"Turn {turn}: {text}" for turn, texts in notes.items() for text in texts]
    overrides = [
        f"Turn {view.number}: {given.text}"
        for view in replay.turns
        for given in view.orders
        if isinstance(given.order, O.OverrideResult)
    ]
    blocks: list[Para | Bullets | Table | Chart] = [Bullets(items)]
    if overrides:
        blocks += [Para("Results the facilitator changed, with the reasons given:"), Bullets(overrides)]
    return Section("Facilitator's notes", "notes", blocks)


def single_report(replay: Replay) -> Document:
    """The debrief of one game."""
    from game.record.hotwash import hot_wash_sections  # it builds on this module's blocks

    if not replay.turns:
        nothing = Section(
            "Nothing to debrief yet",
            "empty",
            [Para("No turn of this game has been played: play at least one turn, then report again.")],
        )
        return Document(f"Debrief: {replay.scenario.title}", _lead(replay), [nothing])
    charts = Section(
        "Credibility and casualties",
        "charts",
        [_credibility_chart(replay), *_casualty_charts(replay)],
    )
    shares = _shares_section(replay)
    sections = [
        _scorecard_section(replay),
        _sides_section(replay),
        *([shares] if shares else []),
        charts,
        _say_do_section(replay),
        _decisions_section(replay),
        _events_section(replay),
        *hot_wash_sections(replay),
        _timeline_section(replay),
    ]
    notes = _notes_section(replay)
    if notes:
        sections.append(notes)
    return Document(f"Debrief: {replay.scenario.title}", _lead(replay), sections)


# --- several games side by side --------------------------------------------------------------------


def check_same_scenario(replays: Sequence[Replay]) -> None:
    """Refuse to compare games of different scenarios."""
    ids = {replay.scenario.id for replay in replays}
    if len(ids) > 1:
        listing = "; ".join(f"{r.path.name}: {r.scenario.id}" for r in replays)
        raise ReportError(
            f"these saves are games of different scenarios ({listing}); "
            "a side-by-side debrief needs saves of one scenario"
        )


def comparison_report(replays: Sequence[Replay]) -> Document:
    """A plenary debrief: several games of one scenario, one column per syndicate."""
    check_same_scenario(replays)
    first = replays[0]
    names = _column_names(replays)
    lead = [f"{len(replays)} games of {first.scenario.title}, side by side."]
    hashes = {_scenario_key(r) for r in replays}
    if len(hashes) > 1:
        lead.append("Note: the scenario was changed between these games; compare with care.")
    sections = [
        _syndicates_section(replays, names),
        _compare_scorecards(replays, names),
        _compare_charts(replays, names),
        _compare_decisions(replays, names),
        _compare_timeline(replays, names),
    ]
    notes = _compare_notes(replays, names)
    if notes:
        sections.append(notes)
    return Document(f"Plenary debrief: {first.scenario.title}", lead, sections)


def _scenario_key(replay: Replay) -> str:
    return scenario_hash(replay.scenario)


def _column_names(replays: Sequence[Replay]) -> list[str]:
    names: list[str] = []
    for replay in replays:
        name = replay.label
        if name in names:
            name = f"{name} ({replay.path.name})"
        names.append(name)
    return names


def _syndicates_section(replays: Sequence[Replay], names: list[str]) -> Section:
    roles = list(ROLE_TITLES)[:4]
    rows = [[ROLE_TITLES[role], *[r.meta.seats.get(role, "") for r in replays]] for role in roles]
    rows += [
        ["save file", *[r.path.name for r in replays]],
        ["seed", *[str(r.save.seed) for r in replays]],
        ["turns played", *[str(len(r.turns)) for r in replays]],
        [
            "forked from",
            *[f"{r.meta.parent} at turn {r.meta.fork_turn}" if r.meta.parent else "" for r in replays],
        ],
    ]
    return Section("Syndicates", "syndicates", [Table(["", *names], rows)])


def _compare_scorecards(replays: Sequence[Replay], names: list[str]) -> Section:
    cards = [r.scorecard for r in replays]
    keys: list[tuple[str, str]] = []
    for card in cards:
        for m in card.measures:
            if (m.name, m.period) not in keys:
                keys.append((m.name, m.period))
    rows = []
    for name, period in keys:
        cells, history = [], ""
        for card in cards:
            found = next((m for m in card.measures if (m.name, m.period) == (name, period)), None)
            cells.append(_verdict(found.value, found.verdict) if found else "")
            if found:
                history = _history_range(m.low, m.high)
        rows.append([f"{name}, {period}", history, *cells])
    rows += [
        ["national credibility, end", "", *[str(c.national_credibility_end) for c in cards]],
        ["civilian deaths in the centre", f"~{cards[0].central_share_history_pct}%",
         *[f"{c.central_share_pct}%" for c in cards]],
        ["Say–Do gap, mean", "", *[f"{c.say_do_gap_mean_tenths / 10:.1f}" for c in cards]],
        ["host-state consent", "", *[str(c.consent) for c in cards]],
        ["mandate support", "", *[str(c.mandate_support) for c in cards]],
        ["mandate renewals", "", *[_renewals(c.mandate_outcomes) for c in cards]],
    ]  # fmt: skip
    regions = [
        [
            f"credibility, {region.name}",
            str(region.credibility),
            *[str(r.credibility[region.id][-1]) for r in replays],
        ]
        for region in replays[0].scenario.regions
    ]
    return Section(
        "Scorecards side by side",
        "scorecard",
        [Table(["measure", "history", *names], rows), Table(["region", "start", *names], regions)],
    )


def _compare_charts(replays: Sequence[Replay], names: list[str]) -> Section:
    longest = max(replays, key=lambda r: len(r.turns))
    labels = _x_labels(longest)
    national = line_chart(
        "National credibility by syndicate",
        ["start", *labels],
        [Line(name, r.national_credibility) for name, r in zip(names, replays, strict=True)],
        y_label="credibility (0-100)",
        y_max=100,
    )
    civilians = line_chart(
        "Civilians killed per turn by syndicate",
        labels,
        [Line(name, r.civilians_per_turn) for name, r in zip(names, replays, strict=True)],
        y_label="deaths per turn",
        band=Band("history (monthly range)", longest.historical_civilians()),
    )
    gaps = line_chart(
        "Say–Do gap by syndicate",
        labels,
        [Line(name, [say_do_gap(s, d) for s, d in r.say_do]) for name, r in zip(names, replays, strict=True)],
        y_label="say beyond do",
    )
    spark_rows = [
        [name, sparkline(r.national_credibility, 0, 100), sparkline(r.civilians_per_turn, 0),
         sparkline([say_do_gap(s, d) for s, d in r.say_do], 0)]
        for name, r in zip(names, replays, strict=True)
    ]  # fmt: skip
    fallback = Table(["syndicate", "national credibility", "civilians killed", "Say–Do gap"], spark_rows)
    empty = Table([], [])
    return Section(
        "Credibility, casualties and the Say–Do gap",
        "charts",
        [Chart(national, fallback), Chart(civilians, empty), Chart(gaps, empty)],
    )


def _compare_decisions(replays: Sequence[Replay], names: list[str]) -> Section:
    keyed: dict[tuple[int, str], list[str]] = {}
    for column, replay in enumerate(replays):
        for decision in replay.decisions():
            row = keyed.setdefault((decision.turn, decision.subject), [""] * len(replays))
            text = decision.choice + ("" if decision.chosen else " (default)")
            row[column] = f"{row[column]}; {text}" if row[column] else text
    rows = [[f"{turn}", subject, *cells] for (turn, subject), cells in sorted(keyed.items())]
    return Section("Key decisions side by side", "decisions", [Table(["turn", "decision", *names], rows)])


def _compare_timeline(replays: Sequence[Replay], names: list[str]) -> Section:
    longest = max(len(r.turns) for r in replays)
    rows = []
    for turn in range(1, longest + 1):
        month = next(r.turns[turn - 1].month for r in replays if len(r.turns) >= turn)
        cells = []
        for replay in replays:
            if len(replay.turns) < turn:
                cells.append("")
                continue
            seen = replay.seen(turn)
            cards = ", ".join(c.title if (c := replay.card(card_id)) else card_id for card_id in seen.cards)
            cells.append(
                f"{cards or 'no event'}; civilians killed {seen.civilians_killed:,}; "
                f"credibility {replay.national_credibility[turn]}"
            )
        rows.append([str(turn), month, *cells])
    return Section("Timeline side by side", "timeline", [Table(["turn", "month", *names], rows)])


def _compare_notes(replays: Sequence[Replay], names: list[str]) -> Section | None:
    blocks: list[Para | Bullets | Table | Chart] = []
    for name, replay in zip(names, replays, strict=True):
        notes = replay.notes()
        if notes:
            blocks.append(Para(f"**{name}**"))
            blocks.append(
                Bullets([f"Turn {turn}: {text}" for turn, texts in notes.items() for text in texts])
            )
    return Section("Facilitator's notes", "notes", blocks) if blocks else None


def build_report(replays: Sequence[Replay]) -> Document:
    if not replays:
        raise ReportError("give at least one save file")
    return single_report(replays[0]) if len(replays) == 1 else comparison_report(replays)


# --- rendering -------------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return markdown(text.replace("\n", " "))


def _md_table(table: Table) -> list[str]:
    if not table.headers:
        return []
    lines = [
        "| " + " | ".join(_md_cell(h) or " " for h in table.headers) + " |",
        "|" + "|".join("---" for _ in table.headers) + "|",
    ]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def to_markdown(document: Document) -> str:
    """Every text is escaped (names and notes come from files and players); anchors are the builders'."""
    lines = [f"# {_md_cell(document.title)}", ""]
    lines += [*(_md_cell(line) for line in document.lead), ""]
    lines += ["Contents: " + " · ".join(f"[{_md_cell(s.title)}](#{s.anchor})" for s in document.sections), ""]
    for section in document.sections:
        lines += [f'<a id="{section.anchor}"></a>', "", f"## {_md_cell(section.title)}", ""]
        for block in section.blocks:
            match block:
                case Para(text=text):
                    lines += [_md_cell(text), ""]
                case Bullets(items=items):
                    lines += [*(f"- {_md_cell(item)}" for item in items), ""]
                case Table():
                    lines += _md_table(block)
                case Chart(svg=svg, fallback=fallback):
                    title = unescape(svg.split("<title>", 1)[1].split("</title>", 1)[0])
                    lines += [f"**{_md_cell(title)}**", ""] if fallback.headers else []
                    lines += _md_table(fallback)
    return "\n".join(lines).rstrip() + "\n"


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }
h1 { border-bottom: 3px solid #1f5fa8; padding-bottom: .3em; }
h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
p.lead { margin: .2em 0; color: #444; }
nav { background: #f3f6fa; padding: .6em 1em; border-radius: 6px; margin: 1em 0; }
nav a { margin-right: 1em; }
details { margin: .5em 0; } summary { cursor: pointer; color: #1f5fa8; }
table { border-collapse: collapse; margin: .8em 0; font-size: 13px; }
th, td { border: 1px solid #d0d0d0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td:first-child, td:nth-child(2) { white-space: nowrap; }
tr:nth-child(even) td { background: #fafafa; }
figure { margin: 1em 0; }
svg.chart { max-width: 100%; height: auto; border: 1px solid #e0e0e0; }
@media print { nav { display: none; } h2 { page-break-before: auto; } }
"""


def _inline_html(text: str) -> str:
    """Escape text, then allow the one markup the builders use: **bold**."""
    parts = escape(text).split("**")
    return "".join(f"<strong>{part}</strong>" if index % 2 else part for index, part in enumerate(parts))


def _html_table(table: Table) -> list[str]:
    if not table.headers:
        return []
    out = [
        "<table>",
        "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in table.headers) + "</tr></thead>",
    ]
    out.append("<tbody>")
    out += ["<tr>" + "".join(f"<td>{_inline_html(c)}</td>" for c in row) + "</tr>" for row in table.rows]
    out.append("</tbody></table>")
    if table.folded:
        out = [f"<details><summary>{escape(table.folded)}</summary>", *out, "</details>"]
    return out


def to_html(document: Document) -> str:
    """One self-contained HTML file: inline CSS and inline SVG, no scripts, no links out."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head><body>",
        f"<h1>{escape(document.title)}</h1>",
    ]
    out += [f'<p class="lead">{_inline_html(line)}</p>' for line in document.lead]
    out.append(
        "<nav>"
        + "".join(f'<a href="#{s.anchor}">{escape(s.title)}</a>' for s in document.sections)
        + "</nav>"
    )
    for section in document.sections:
        out.append(f'<section id="{section.anchor}"><h2>{escape(section.title)}</h2>')
        for block in section.blocks:
            match block:
                case Para(text=text):
                    out.append(f"<p>{_inline_html(text)}</p>")
                case Bullets(items=items):
                    out.append("<ul>" + "".join(f"<li>{_inline_html(i)}</li>" for i in items) + "</ul>")
                case Table():
                    out += _html_table(block)
                case Chart(svg=svg):
                    out.append(f"<figure>{svg}</figure>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render(document: Document, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r}; use md or html")
    return to_markdown(document) if fmt == "md" else to_html(document)
