"""Debrief reports of saved games, in Markdown or one self-contained HTML file, alone or side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape, unescape

from game import i18n
from game.engine import orders as O
from game.engine.objectives import score_lines
from game.engine.score import say_do_gap
from game.engine.sides import GREEN, RED
from game.engine.wording import words
from game.i18n import N_, _
from game.record.charts import PALETTE, Band, Line, bar_chart, line_chart, sparkline
from game.record.replay import ROLE_TITLES, Replay, TurnView, role_title
from game.scenario.loader import scenario_hash
from game.text import markdown

FORMATS = ("md", "html")


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


def month_label(month: str) -> str:
    """A turn's month ("2019-04") for the reader: as recorded in English, "avr. 2019" in French."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return month
    try:
        year, number = (int(part) for part in month.split("-")[:2])
        when = date(year, number, 1)
    except ValueError:
        return month
    from babel.dates import format_date  # Babel's locale data loads only when a report is written

    return format_date(when, "MMM y", locale=i18n.language())


def _x_labels(replay: Replay) -> list[str]:
    return [month_label(view.month) for view in replay.turns]


def _turn_at(view: TurnView) -> str:
    """ "Turn 3 (2019-06)", the prefix of a line about one turn."""
    return _("Turn {turn} ({month})").format(turn=view.number, month=month_label(view.month))


def _verdict(value: int, verdict: str) -> str:
    shown = i18n.number(value)
    return _("{value} ({verdict})").format(value=shown, verdict=i18n.recorded(verdict)) if verdict else shown


def _renewals(outcomes: list[str]) -> str:
    """Mandate outcomes as "UNSCR 2480: renewed" (the engine keeps "2480:renewed")."""
    readable = []
    for outcome in outcomes:
        resolution, __, result = outcome.partition(":")
        readable.append(
            _("UNSCR {resolution}: {result}").format(
                resolution=resolution, result=i18n.recorded(words(result))
            )
            if result
            else i18n.recorded(words(outcome))
        )
    return ", ".join(readable)


def _history_range(low: int | None, high: int | None) -> str:
    return "" if low is None or high is None else f"{i18n.number(low)}–{i18n.number(high)}"


# who killed civilians, where it is no actor of the scenario (rules.md §6: caught in the fighting)
PERPETRATORS = {"crossfire": N_("crossfire")}


def _engine_or_scenario(text: str) -> str:
    """A name that is the scenario's (a region, a group) or the engine's (a zone: "the north")."""
    named = i18n.name(text)
    return named if named != text else i18n.recorded(text)


def _placed(kind: str, name: str) -> str:
    """A share's row: "in {place}" for a region or zone ("au centre du Mali"), "by {actor}" for a group."""
    if kind == "region":
        return i18n.fit(_("in {place}"), {"place": name}).format(place=name)
    return _("by {actor}").format(actor=name)


def _percent(value: float) -> str:
    """A whole percentage: "12%" in English, "12 %" in French."""
    return _("{value}%").format(value=i18n.number(value))


MODES = {"solo": N_("solo play"), "hotseat": N_("hotseat play"), "syndicate": N_("syndicate play")}


def _lead(replay: Replay) -> list[str]:
    meta, scenario = replay.meta, replay.scenario
    seat = _("{seat}: {name}")
    seats = ", ".join(
        seat.format(seat=role_title(role), name=name) for role, name in meta.seats.items() if name
    )
    played = len(replay.turns)
    mode = _(MODES[meta.mode]) if meta.mode in MODES else meta.mode
    if replay.turns:
        months = _("{first} to {last}").format(
            first=month_label(replay.turns[0].month), last=month_label(replay.turns[-1].month)
        )
    else:
        months = _("no turn played")
    if replay.game.is_over():
        progress = _("Played {played} of {turns} turns, {months} (game over).")
    else:
        progress = _("Played {played} of {turns} turns, {months} (game in progress).")
    lines = [
        _("Game: {game} ({file}); {mode}; seed {seed}.").format(
            game=replay.label, file=replay.path.name, mode=mode, seed=replay.save.seed
        ),
        _("Seats: {seats}.").format(seats=seats or _("not recorded")),
        progress.format(played=played, turns=scenario.calendar.turns, months=months),
    ]
    if meta.parent:
        lines.append(_("Forked from {file} at turn {turn}.").format(file=meta.parent, turn=meta.fork_turn))
    return lines


def _scorecard_section(replay: Replay) -> Section:
    card = replay.scorecard
    rows = [
        [
            i18n.recorded(m.name),
            i18n.recorded(m.period),
            i18n.number(m.value),
            _history_range(m.low, m.high),
            i18n.recorded(m.verdict) if m.verdict else "-",
        ]
        for m in card.measures
    ]
    facts = [
        _("National credibility: {start} at the start, {end} at the end.").format(
            start=card.national_credibility_start, end=card.national_credibility_end
        ),
        _("Civilian deaths in the centre: {share} (history: about {history}).").format(
            share=_percent(card.central_share_pct), history=_percent(card.central_share_history_pct)
        ),
        _("Say–Do gap, mean per turn: {gap}.").format(gap=i18n.number(card.say_do_gap_mean_tenths / 10, 1)),
        _("Host-state consent {consent}; Security Council support for the mandate {support}.").format(
            consent=card.consent, support=card.mandate_support
        ),
    ]
    if card.mandate_outcomes:
        facts.append(_("Mandate renewals: {renewals}.").format(renewals=_renewals(card.mandate_outcomes)))
    if card.civilians_by_perpetrator:
        actors = replay.game.index.actors
        ranked = sorted(card.civilians_by_perpetrator.items(), key=lambda item: -item[1])
        killers = ", ".join(
            f"{i18n.name(actors[who].name) if who in actors else _(PERPETRATORS.get(who, who))} "
            + i18n.number(n)
            for who, n in ranked
        )
        facts.append(_("Civilians killed by perpetrator: {killers}.").format(killers=killers))
    headers = [_("measure"), _("period"), _("this game"), _("history"), _("verdict")]
    return Section(_("Scorecard against history"), "scorecard", [Table(headers, rows), Bullets(facts)])


def _shares_section(replay: Replay) -> Section | None:
    """Where and by whom civilians died, as shares of each period, beside the record."""
    shares = replay.scorecard.shares
    if not shares:
        return None
    rows = [
        [
            _placed(r.kind, _engine_or_scenario(r.name)),
            i18n.recorded(r.period),
            _percent(r.value),
            _("{low}–{high}%").format(low=r.low, high=r.high),
            i18n.recorded(r.verdict),
        ]
        for r in shares
    ]
    note = Para(
        _(
            "Totals can match history while the war inside them does not: these rows compare where "
            "civilians died and who killed them with the human rights record (sources in the scenario file)."
        )
    )
    headers = [_("share of civilian deaths"), _("period"), _("this game"), _("history"), _("verdict")]
    return Section(_("Where and by whom, against history"), "shares", [Table(headers, rows), note])


def _credibility_chart(replay: Replay) -> Chart:
    labels = [_("start"), *_x_labels(replay)]
    lines = [Line(_("national"), replay.national_credibility, colour="#000000", width=3.5)]
    for index, region in enumerate(replay.scenario.regions):
        lines.append(
            Line(i18n.name(region.name), replay.credibility[region.id], colour=PALETTE[index % len(PALETTE)])
        )
    svg = line_chart(
        _("Credibility by region"),
        labels,
        lines,
        y_label=_("credibility (0-100)"),
        y_max=100,
        description=_("Credibility of the mission in each region, at the start and after every turn."),
    )
    rows = [
        [
            i18n.name(region.name),
            str(replay.credibility[region.id][0]),
            str(replay.credibility[region.id][-1]),
            sparkline(replay.credibility[region.id], 0, 100),
        ]
        for region in replay.scenario.regions
    ]
    rows.append(
        [
            "**" + _("national") + "**",
            str(replay.national_credibility[0]),
            str(replay.national_credibility[-1]),
            sparkline(replay.national_credibility, 0, 100),
        ]
    )
    return Chart(svg, Table([_("region"), _("start"), _("end"), _("turn by turn")], rows))


CASUALTY_CHARTS = {
    "civilians": (
        N_("Civilians killed per turn"),
        N_("Civilians killed in each turn of this game, beside history's monthly range."),
        N_("Civilians killed, this game"),
        N_("Civilians killed, history (mid-range)"),
    ),
    "peacekeepers": (
        N_("Peacekeepers killed per turn"),
        N_("Peacekeepers killed in each turn of this game, beside history's monthly range."),
        N_("Peacekeepers killed, this game"),
        N_("Peacekeepers killed, history (mid-range)"),
    ),
}


def _casualty_charts(replay: Replay) -> list[Chart]:
    labels = _x_labels(replay)
    charts = []
    for what, per_turn, history, colour in (
        ("civilians", replay.civilians_per_turn, replay.historical_civilians(), "#d62728"),
        ("peacekeepers", replay.peacekeepers_per_turn, replay.historical_peacekeepers(), "#1f77b4"),
    ):
        title, description, this_game, in_history = (_(text) for text in CASUALTY_CHARTS[what])
        svg = bar_chart(
            title,
            labels,
            per_turn,
            bar_label=_("this game"),
            y_label=_("deaths per turn"),
            band=Band(_("history (monthly range)"), history),
            colour=colour,
            description=description,
        )
        known = [(low + high) / 2 for pair in history if pair for low, high in [pair]]
        fallback = Table(
            ["", _("total"), _("per turn")],
            [
                [this_game, i18n.number(sum(per_turn)), sparkline(per_turn, 0)],
                [
                    in_history,
                    i18n.number(round(sum(known))) if known else "-",
                    sparkline(known, 0) if known else "",
                ],
            ],
        )
        charts.append(Chart(svg, fallback))
    return charts


def _say_do_section(replay: Replay) -> Section:
    labels = _x_labels(replay)
    says = [say for say, __ in replay.say_do]
    dos = [do for __, do in replay.say_do]
    gaps = [say_do_gap(say, do) for say, do in replay.say_do]
    svg = line_chart(
        _("Say–Do gap"),
        labels,
        [
            Line(_("say (promises made)"), says, colour="#ff7f0e"),
            Line(_("do (protection delivered)"), dos, colour="#2ca02c"),
            Line(_("gap (say beyond do, at least 0)"), gaps, colour="#d62728", dashed=True),
        ],
        y_label=_("points"),
        description=_("What the mission said it would do against what it did, turn by turn."),
    )
    rows = [
        [month_label(view.month), str(say), str(do), str(say_do_gap(say, do))]
        for view, (say, do) in zip(replay.turns, replay.say_do, strict=True)
    ]
    say, do = _("say"), _("do")
    blocks: list[Para | Bullets | Table | Chart] = [
        Chart(svg, Table(["", _("turn by turn")], [[say, sparkline(says, 0)], [do, sparkline(dos, 0)]])),
        Table([_("month"), say, do, _("gap")], rows, folded=_("Say and Do turn by turn")),
    ]
    return Section(_("Say–Do gap over time"), "say-do", blocks)


def _decisions_section(replay: Replay) -> Section:
    by_role: dict[str, list[str]] = {}
    for decision in replay.decisions():
        at = _("Turn {turn} ({month})").format(turn=decision.turn, month=month_label(decision.month))
        if decision.chosen:
            text = _("{when}, {subject}: {choice}")
        else:
            text = _("{when}, {subject}: {choice} (default: no decision taken)")
        text = text.format(when=at, subject=decision.subject, choice=decision.choice)
        by_role.setdefault(decision.role, []).append(text)
    for view in replay.turns:
        for given in view.orders:
            if given.role == O.FACILITATOR and not isinstance(given.order, O.FacilitatorNote):
                by_role.setdefault(O.FACILITATOR, []).append(
                    _("{when}: {what}").format(when=_turn_at(view), what=i18n.recorded(given.text))
                )
        red = [i18n.recorded(given.text) for given in view.orders if given.role == RED]
        if red:  # the red cell's choices, beside the mission's
            by_role.setdefault(RED, []).append(
                _("{when}: {what}").format(when=_turn_at(view), what=i18n.listed(red))
            )
        green = [i18n.recorded(given.text) for given in view.orders if given.role == GREEN]
        grants = [note for note in view.record.notes if note.startswith("The host state grants")]
        green += [i18n.recorded(note) for note in grants]
        if green:  # the green cell's orders and its answers to the mission's requests
            by_role.setdefault(GREEN, []).append(
                _("{when}: {what}").format(when=_turn_at(view), what=i18n.listed(green))
            )
    blocks: list[Para | Bullets | Table | Chart] = []
    for role in [*ROLE_TITLES, *sorted(set(by_role) - set(ROLE_TITLES))]:
        if role in by_role:
            blocks.append(Para(f"**{role_title(role)}**"))
            blocks.append(Bullets(by_role[role]))
    if not blocks:
        blocks.append(Para(_("No card decisions or policy changes were recorded.")))
    return Section(_("Key decisions by role"), "decisions", blocks)


def _sides_section(replay: Replay) -> Section:
    """The other sides' objectives and how far each got (rules.md §12.1)."""
    blocks: list[Block] = []
    for card in replay.game.side_scores():
        lines = [i18n.recorded(line) for line in score_lines(card)]
        blocks += [Para(f"**{lines[0]}**"), Bullets(lines[1:])]
    return Section(_("The other sides' objectives"), "sides", blocks)


def _card_regions(replay: Replay, view: TurnView, card_id: str) -> str:
    """Where a card happened this turn (a generic card's region was drawn with it)."""
    regions = replay.game.index.regions
    places = replay.cards_played(view.number).get(card_id, [])
    return ", ".join(i18n.name(regions[r].name) if r in regions else r for r in places)


def _card_title(replay: Replay, card_id: str) -> str:
    card = replay.card(card_id)
    return i18n.name(card.title) if card else card_id


def _events_section(replay: Replay) -> Section:
    items = []
    for view in replay.turns:
        for card_id in replay.seen(view.number).cards:
            card = replay.card(card_id)
            if card is None:
                items.append(_("{when}: {what}").format(when=_turn_at(view), what=card_id))
                continue
            where = _card_regions(replay, view, card_id)
            line = _("{when}: **{card}** ({where}). {text}") if where else _("{when}: **{card}**. {text}")
            line = line.format(
                when=_turn_at(view), card=i18n.name(card.title), where=where, text=i18n.name(card.text)
            )
            if card.source:
                line += " " + _("Source: {source}.").format(source=card.shown("source"))
            items.append(line)
    blocks: list[Block] = [Bullets(items) if items else Para(_("No event cards were drawn."))]
    return Section(_("Events"), "events", blocks)


ROLE_SHORT = {
    "srsg": N_("SRSG"),
    "force_commander": N_("FC"),
    "police_commissioner": N_("PC"),
    "comms_chief": N_("Comms"),
    O.FACILITATOR: N_("Facilitator"),
    RED: N_("Red"),
    GREEN: N_("Green"),
}


def _timeline_section(replay: Replay) -> Section:
    rows = []
    for index, view in enumerate(replay.turns):
        seen = replay.seen(view.number)  # the umpire's view of the turn
        cards = ", ".join(_card_title(replay, card_id) for card_id in seen.cards)
        roles = view.orders_by_role()
        orders = i18n.listed(
            f"{_(ROLE_SHORT[r]) if r in ROLE_SHORT else r} {len(o)}" for r, o in roles.items()
        )
        rows.append(
            [
                str(view.number),
                month_label(view.month),
                cards or "-",
                orders or "-",
                i18n.number(seen.civilians_killed),
                str(seen.peacekeepers_killed),
                str(replay.national_credibility[index + 1]),
                i18n.recorded(seen.mandate_outcome or ""),
            ]
        )
    headers = [_("turn"), _("month"), _("events"), _("orders by seat"), _("civilians killed"),
               _("peacekeepers killed"), _("national credibility"), _("mandate")]  # fmt: skip
    return Section(_("Timeline"), "timeline", [Table(headers, rows)])


def _note_lines(notes: dict[int, list[str]]) -> list[str]:
    return [
        _("Turn {turn}: {text}").format(turn=turn, text=text)
        for turn, texts in notes.items()
        for text in texts
    ]


def _notes_section(replay: Replay) -> Section | None:
    notes = replay.notes()
    if not notes:
        return None
    overrides = [
        _("Turn {turn}: {text}").format(turn=view.number, text=i18n.recorded(given.text))
        for view in replay.turns
        for given in view.orders
        if isinstance(given.order, O.OverrideResult)
    ]
    blocks: list[Para | Bullets | Table | Chart] = [Bullets(_note_lines(notes))]
    if overrides:
        blocks += [Para(_("Results the facilitator changed, with the reasons given:")), Bullets(overrides)]
    return Section(_("Facilitator's notes"), "notes", blocks)


def single_report(replay: Replay) -> Document:
    """The debrief of one game."""
    from game.record.hotwash import hot_wash_sections  # it builds on this module's blocks

    title = _("Debrief: {scenario}").format(scenario=i18n.name(replay.scenario.title))
    if not replay.turns:
        nothing = Section(
            _("Nothing to debrief yet"),
            "empty",
            [Para(_("No turn of this game has been played: play at least one turn, then report again."))],
        )
        return Document(title, _lead(replay), [nothing])
    charts = Section(
        _("Credibility and casualties"),
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
    return Document(title, _lead(replay), sections)


# --- several games side by side --------------------------------------------------------------------


def check_same_scenario(replays: Sequence[Replay]) -> None:
    """Refuse to compare games of different scenarios."""
    ids = {replay.scenario.id for replay in replays}
    if len(ids) > 1:
        listing = "; ".join(f"{r.path.name}: {r.scenario.id}" for r in replays)
        raise ReportError(
            _(
                "these saves are games of different scenarios ({listing}); "
                "a side-by-side debrief needs saves of one scenario"
            ).format(listing=listing)
        )


def comparison_report(replays: Sequence[Replay]) -> Document:
    """A plenary debrief: several games of one scenario, one column per syndicate."""
    check_same_scenario(replays)
    first = replays[0]
    names = _column_names(replays)
    scenario = i18n.name(first.scenario.title)
    lead = [_("{count} games of {scenario}, side by side.").format(count=len(replays), scenario=scenario)]
    hashes = {_scenario_key(r) for r in replays}
    if len(hashes) > 1:
        lead.append(_("Note: the scenario was changed between these games; compare with care."))
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
    return Document(_("Plenary debrief: {scenario}").format(scenario=scenario), lead, sections)


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
    rows = [[role_title(role), *[r.meta.seats.get(role, "") for r in replays]] for role in roles]
    forked = _("{file} at turn {turn}")
    rows += [
        [_("save file"), *[r.path.name for r in replays]],
        [_("seed"), *[str(r.save.seed) for r in replays]],
        [_("turns played"), *[str(len(r.turns)) for r in replays]],
        [
            _("forked from"),
            *[
                forked.format(file=r.meta.parent, turn=r.meta.fork_turn) if r.meta.parent else ""
                for r in replays
            ],
        ],
    ]
    return Section(_("Syndicates"), "syndicates", [Table(["", *names], rows)])


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
                history = _history_range(found.low, found.high)
        rows.append([f"{i18n.recorded(name)}, {i18n.recorded(period)}", history, *cells])
    gap = [i18n.number(c.say_do_gap_mean_tenths / 10, 1) for c in cards]
    rows += [
        [_("national credibility, end"), "", *[str(c.national_credibility_end) for c in cards]],
        [_("civilian deaths in the centre"), "~" + _percent(cards[0].central_share_history_pct),
         *[_percent(c.central_share_pct) for c in cards]],
        [_("Say–Do gap, mean"), "", *gap],
        [_("host-state consent"), "", *[str(c.consent) for c in cards]],
        [_("mandate support"), "", *[str(c.mandate_support) for c in cards]],
        [_("mandate renewals"), "", *[_renewals(c.mandate_outcomes) for c in cards]],
    ]  # fmt: skip
    regions = [
        [
            _("credibility, {region}").format(region=i18n.name(region.name)),
            str(region.credibility),
            *[str(r.credibility[region.id][-1]) for r in replays],
        ]
        for region in replays[0].scenario.regions
    ]
    return Section(
        _("Scorecards side by side"),
        "scorecard",
        [
            Table([_("measure"), _("history"), *names], rows),
            Table([_("region"), _("start"), *names], regions),
        ],
    )


def _compare_charts(replays: Sequence[Replay], names: list[str]) -> Section:
    longest = max(replays, key=lambda r: len(r.turns))
    labels = _x_labels(longest)
    national = line_chart(
        _("National credibility by syndicate"),
        [_("start"), *labels],
        [Line(name, r.national_credibility) for name, r in zip(names, replays, strict=True)],
        y_label=_("credibility (0-100)"),
        y_max=100,
    )
    civilians = line_chart(
        _("Civilians killed per turn by syndicate"),
        labels,
        [Line(name, r.civilians_per_turn) for name, r in zip(names, replays, strict=True)],
        y_label=_("deaths per turn"),
        band=Band(_("history (monthly range)"), longest.historical_civilians()),
    )
    gaps = line_chart(
        _("Say–Do gap by syndicate"),
        labels,
        [Line(name, [say_do_gap(s, d) for s, d in r.say_do]) for name, r in zip(names, replays, strict=True)],
        y_label=_("say beyond do"),
    )
    spark_rows = [
        [name, sparkline(r.national_credibility, 0, 100), sparkline(r.civilians_per_turn, 0),
         sparkline([say_do_gap(s, d) for s, d in r.say_do], 0)]
        for name, r in zip(names, replays, strict=True)
    ]  # fmt: skip
    headers = [_("syndicate"), _("national credibility"), _("civilians killed"), _("Say–Do gap")]
    empty = Table([], [])
    return Section(
        _("Credibility, casualties and the Say–Do gap"),
        "charts",
        [Chart(national, Table(headers, spark_rows)), Chart(civilians, empty), Chart(gaps, empty)],
    )


def _compare_decisions(replays: Sequence[Replay], names: list[str]) -> Section:
    keyed: dict[tuple[int, str], list[str]] = {}
    for column, replay in enumerate(replays):
        for decision in replay.decisions():
            row = keyed.setdefault((decision.turn, decision.subject), [""] * len(replays))
            text = (
                decision.choice if decision.chosen else _("{choice} (default)").format(choice=decision.choice)
            )
            row[column] = f"{row[column]}; {text}" if row[column] else text
    rows = [[f"{turn}", subject, *cells] for (turn, subject), cells in sorted(keyed.items())]
    headers = [_("turn"), _("decision"), *names]
    return Section(_("Key decisions side by side"), "decisions", [Table(headers, rows)])


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
            cards = ", ".join(_card_title(replay, card_id) for card_id in seen.cards)
            cells.append(
                _("{events}; civilians killed {killed}; credibility {credibility}").format(
                    events=cards or _("no event"),
                    killed=i18n.number(seen.civilians_killed),
                    credibility=replay.national_credibility[turn],
                )
            )
        rows.append([str(turn), month_label(month), *cells])
    headers = [_("turn"), _("month"), *names]
    return Section(_("Timeline side by side"), "timeline", [Table(headers, rows)])


def _compare_notes(replays: Sequence[Replay], names: list[str]) -> Section | None:
    blocks: list[Para | Bullets | Table | Chart] = []
    for name, replay in zip(names, replays, strict=True):
        notes = replay.notes()
        if notes:
            blocks.append(Para(f"**{name}**"))
            blocks.append(Bullets(_note_lines(notes)))
    return Section(_("Facilitator's notes"), "notes", blocks) if blocks else None


def build_report(replays: Sequence[Replay]) -> Document:
    if not replays:
        raise ReportError(_("give at least one save file"))
    return single_report(replays[0]) if len(replays) == 1 else comparison_report(replays)


# --- rendering -------------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return markdown(text.replace("\n", " "))


def _md_table(table: Table) -> list[str]:
    if not table.headers:
        return []
    lines = [
        "| " + " | ".join(_md_cell(h) or " " for h in table.headers) + " |",
        "|" + "|".join("---" for __ in table.headers) + "|",
    ]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def to_markdown(document: Document) -> str:
    """Every text is escaped (names and notes come from files and players); anchors are the builders'."""
    lines = [f"# {_md_cell(document.title)}", ""]
    lines += [*(_md_cell(line) for line in document.lead), ""]
    lines += [
        _("Contents:") + " " + " · ".join(f"[{_md_cell(s.title)}](#{s.anchor})" for s in document.sections),
        "",
    ]
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
        f'<html lang="{i18n.language()}"><head><meta charset="utf-8">',
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
        raise ReportError(_("unknown report format {format}; use md or html").format(format=repr(fmt)))
    return to_markdown(document) if fmt == "md" else to_html(document)
