"""Debrief reports: parse the HTML and Markdown produced and check the sections, tables and charts."""

from __future__ import annotations

import re
import sys
import types
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Game
from game.engine import orders as O
from game.record.replay import Replay
from game.record.report import ReportError, build_report, render, to_html, to_markdown
from game.record.saves import SaveMeta, save_as
from game.scenario.catalog import find_scenario

VOID = {"meta", "br", "hr", "img", "input", "link"}
SINGLE_SECTIONS = [
    "scorecard",
    "sides",
    "charts",
    "say-do",
    "decisions",
    "events",
    "card-outcomes",
    "orders",
    "attacks",
    "timeline",
    "notes",
]


class Parsed(HTMLParser):
    """The parts of an HTML page the tests look at."""

    def __init__(self, text: str):
        super().__init__()
        self.stack: list[str] = []
        self.sections: dict[str, str] = {}  # id -> h2 title
        self.svgs: list[dict] = []  # per chart: title, polylines, bars, bands
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self.tags: set[str] = set()
        self._section = ""
        self._cell: list[str] | None = None
        self._text = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.add(tag)
        if tag not in VOID:
            self.stack.append(tag)
        self._text = ""
        self.links += [v for k, v in attrs if k in ("href", "src") and v]
        if tag == "section":
            self._section = attributes["id"] or ""
        elif tag == "svg":
            self.svgs.append({"title": "", "polylines": [], "bars": 0, "bands": 0})
        elif tag == "polyline" and attributes.get("class") == "series":
            self.svgs[-1]["polylines"].append(attributes["points"])
        elif tag == "rect" and attributes.get("class") == "bar":
            self.svgs[-1]["bars"] += 1
        elif tag == "polygon" and attributes.get("class") == "band":
            self.svgs[-1]["bands"] += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()
        if tag == "h2":
            self.sections[self._section] = self._text
        elif tag == "title" and "svg" in self.stack and not self.svgs[-1]["title"]:
            self.svgs[-1]["title"] = self._text
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        self._text += data
        if self._cell is not None:
            self._cell.append(data)


def md_sections(text: str) -> dict[str, str]:
    return dict(re.findall(r'<a id="([\w-]+)"></a>\n\n## (.+)', text))


def md_tables(text: str) -> list[list[list[str]]]:
    tables, current = [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.fixture
def single(mini_save) -> Replay:
    return Replay.open(mini_save)


def test_the_html_report_is_one_self_contained_page_with_every_section(single) -> None:
    page = Parsed(to_html(build_report([single])))
    assert list(page.sections) == SINGLE_SECTIONS
    assert page.sections["say-do"] == "Say–Do gap over time"
    assert all(link.startswith("#") for link in page.links), "nothing is fetched from outside the file"
    assert "script" not in page.tags and "img" not in page.tags and "link" not in page.tags
    assert not page.stack, "every tag is closed"


def test_the_html_charts_are_inline_svg_with_a_line_per_region_and_a_bar_per_turn(mini, single) -> None:
    page = Parsed(to_html(build_report([single])))
    charts = {svg["title"]: svg for svg in page.svgs}
    assert set(charts) == {
        "Credibility by region",
        "Civilians killed per turn",
        "Peacekeepers killed per turn",
        "Say–Do gap",
    }
    credibility = charts["Credibility by region"]
    assert len(credibility["polylines"]) == len(mini.regions) + 1  # and the national line
    assert all(len(points.split()) == mini.calendar.turns + 1 for points in credibility["polylines"])
    for casualties in ("Civilians killed per turn", "Peacekeepers killed per turn"):
        assert charts[casualties]["bars"] == mini.calendar.turns
        assert charts[casualties]["bands"] >= 1, "history's range is drawn behind the bars"
    assert len(charts["Say–Do gap"]["polylines"]) == 3


def test_the_scorecard_table_holds_every_measure_against_history(single) -> None:
    page = Parsed(to_html(build_report([single])))
    scorecard = page.tables[0]
    assert scorecard[0] == ["measure", "period", "this game", "history", "verdict"]
    measures = single.scorecard.measures
    assert len(scorecard) == 1 + len(measures)
    for row, measure in zip(scorecard[1:], measures, strict=True):
        assert row[:3] == [measure.name, measure.period, f"{measure.value:,}"]
        assert row[4] == (measure.verdict or "-")


def test_the_timeline_has_a_row_per_turn_with_its_events(mini, single) -> None:
    page = Parsed(to_html(build_report([single])))
    (timeline,) = [t for t in page.tables if t[0][:3] == ["turn", "month", "events"]]
    assert [row[0] for row in timeline[1:]] == [str(n) for n in range(1, mini.calendar.turns + 1)]
    titles = {card.id: card.title for card in mini.cards}
    for row, view in zip(timeline[1:], single.turns, strict=True):
        for card in view.record.cards:
            assert titles[card] in row[2]


def test_the_markdown_report_has_the_same_sections_tables_and_sparklines(mini, single) -> None:
    text = to_markdown(build_report([single]))
    assert list(md_sections(text)) == SINGLE_SECTIONS
    tables = md_tables(text)
    for table in tables:
        assert len(table[1]) == len(table[0]) and set("".join(table[1])) <= {"-"}
        assert all(len(row) == len(table[0]) for row in table), table[0]
    (credibility,) = [t for t in tables if t[0] == ["region", "start", "end", "turn by turn"]]
    assert [row[0] for row in credibility[2:-1]] == [r.name for r in mini.regions]
    assert all(
        len(row[3]) == mini.calendar.turns + 1 and set(row[3]) <= set("▁▂▃▄▅▆▇█") for row in credibility[2:]
    )
    assert "Turn 1: Watch the centre." in text and "Turn 2: Why Gao?" in text
    assert "the host state is angry" in text


def test_no_notes_section_without_notes(mini, played) -> None:
    path = save_as(played(mini, turns=2), SaveMeta(mode="solo", seats={"srsg": "Ana"}), "quiet")
    text = render(build_report([Replay.open(path)]), "md")
    assert "notes" not in md_sections(text)
    assert "Played 2 of 4 turns" in text and "(game in progress)" in text


def test_player_text_is_escaped(mini) -> None:
    game = Game.new(mini, 2)
    game.apply(O.FacilitatorNote(text="<script>alert(1)</script> | a pipe & more"))
    game.end_turn()
    path = save_as(game, SaveMeta(mode="hotseat", seats={"srsg": "<b>Eve</b>"}), "escape")
    replay = Replay.open(path)
    html = to_html(build_report([replay]))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html
    markdown = to_markdown(build_report([replay]))
    assert "\\| a pipe \\& more" in markdown


def test_several_saves_side_by_side_one_column_each(mini, mini_save, played) -> None:
    other = save_as(played(mini, seed=8, policy="passive"), SaveMeta(mode="solo", seats={"srsg": "Bo"}), "B")
    replays = [Replay.open(mini_save), Replay.open(other)]
    page = Parsed(to_html(build_report(replays)))
    assert list(page.sections) == ["syndicates", "scorecard", "charts", "decisions", "timeline", "notes"]
    syndicates = page.tables[0]
    assert syndicates[0] == ["", "syndicate A", "B"]
    assert ["SRSG", "Ana", "Bo"] in syndicates
    scorecard = page.tables[1]
    assert scorecard[0] == ["measure", "history", "syndicate A", "B"]
    national = next(row for row in scorecard if row[0] == "national credibility, end")
    assert national[2:] == [str(r.scorecard.national_credibility_end) for r in replays]
    measures = replays[0].scorecard.measures
    assert len({(m.low, m.high) for m in measures}) > 1, "measures with different ranges, to tell rows apart"
    for measure in measures:  # each row shows its own measure's history, not the last one's
        row = next(row for row in scorecard if row[0] == f"{measure.name}, {measure.period}")
        assert row[1] == f"{measure.low:,}–{measure.high:,}"
    charts = {svg["title"]: svg for svg in page.svgs}
    assert len(charts["National credibility by syndicate"]["polylines"]) == 2
    assert len(charts["Civilians killed per turn by syndicate"]["polylines"]) == 2
    markdown = to_markdown(build_report(replays))
    assert md_tables(markdown)[0][0] == ["", "syndicate A", "B"]


def test_saves_of_different_scenarios_are_refused(mini_save, meta, played) -> None:
    tutorial = save_as(played(find_scenario("tutorial"), turns=1), meta, "tutorial game")
    with pytest.raises(ReportError, match=r"different scenarios .*syndicate-A\.json: mini.*tutorial"):
        build_report([Replay.open(mini_save), Replay.open(tutorial)])


# --- the command line -------------------------------------------------------------------------------


def test_report_command_writes_html_or_markdown(mini_save, tmp_path, capsys) -> None:
    out = tmp_path / "debrief.html"
    assert main(["report", str(mini_save), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert Parsed(out.read_text(encoding="utf-8")).sections
    out_md = tmp_path / "debrief.txt"
    assert main(["report", str(mini_save), "--format", "md", "-o", str(out_md)]) == 0
    assert out_md.read_text(encoding="utf-8").startswith("# Debrief: Test scenario")
    capsys.readouterr()
    assert main(["report", str(mini_save)]) == 0
    assert capsys.readouterr().out.startswith("# Debrief")


def test_report_command_errors_are_one_line(mini_save, meta, played, tmp_path, capsys) -> None:
    assert main(["report", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "file not found" in err and "Traceback" not in err
    tutorial = save_as(played(find_scenario("tutorial"), turns=1), meta, "t")
    out = tmp_path / "compare.html"
    assert main(["report", str(mini_save), str(tutorial), "-o", str(out)]) == 2
    assert "different scenarios" in capsys.readouterr().err and not out.exists()
    assert main(["report", str(mini_save), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_replay_command_checks_the_save_first(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["replay", str(bad)]) == 2
    assert "not a MINUSMA save" in capsys.readouterr().err


def test_replay_command_needs_a_turn_played(mini, meta, capsys) -> None:
    fresh = save_as(Game.new(mini, 4), meta, "fresh")
    assert main(["replay", str(fresh)]) == 2
    assert "nothing to replay" in capsys.readouterr().err


def test_replay_command_offers_the_fork_to_play(mini_save, monkeypatch, capsys) -> None:
    forked = Path("/saves/fork.json")
    monkeypatch.setattr("game.tui.replay.app.run_replay", lambda replay: forked)
    opened: list[str] = []
    tui_app = types.ModuleType("game.tui.app")
    tui_app.run = lambda scenario, seed, load: opened.append(load) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "game.tui.app", tui_app)
    assert main(["replay", str(mini_save)]) == 0
    assert opened == [str(forked)] and "saved the fork as /saves/fork.json" in capsys.readouterr().out


def test_a_game_with_no_turn_played_gets_a_short_report(mini, mini_save, meta) -> None:
    fresh = Replay.open(save_as(Game.new(mini, 4), meta, "fresh"))
    page = Parsed(to_html(build_report([fresh])))
    assert page.sections == {"empty": "Nothing to debrief yet"}
    side_by_side = Parsed(to_html(build_report([fresh, Replay.open(mini_save)])))
    timeline = next(t for t in side_by_side.tables if t[0][:2] == ["turn", "month"])
    assert all(row[2] == "" for row in timeline[1:]), "the unplayed game's column stays empty"


def test_the_debrief_shows_red_decisions_beside_blue_and_every_sides_objectives(mini, meta) -> None:
    from game.bots.policies import POLICIES
    from game.bots.red import play_red
    from game.engine import Game
    from game.engine import orders as O

    game = Game.new(mini, 5)
    game.apply(O.HandSide(side="armed_groups", to="human"))
    while not game.is_over():
        POLICIES["historical"].play(game)
        play_red(game)
        game.end_turn()
    replay = Replay.open(save_as(game, meta, "red cell"))
    text = to_markdown(build_report([replay]))
    decisions = text.split("## Key decisions by role")[1].split("\n## ")[0]
    assert "**Armed groups (red cell)**" in decisions
    assert "Turn 1 (" in decisions and "Strike civilians:" in decisions
    sides = text.split("## The other sides' objectives")[1].split("\n## ")[0]
    assert "The armed groups (red), played by a human cell" in sides
    assert "The host state (green), played by its rules" in sides
    assert "Total " in sides


def test_the_debrief_shows_green_decisions_and_answers_beside_blue(mini, meta) -> None:
    from game.bots.policies import POLICIES
    from game.engine import Game
    from game.engine import orders as O

    game = Game.new(mini.model_copy(update={"host_state_seat": True}), 5)
    game.apply(O.HandSide(side="host_state", to="human"))
    refused = False
    while not game.is_over():
        POLICIES["historical"].play(game)
        flights = [o for o in game.legal_orders("force_commander") if o.type == "task_aviation" and o.region]
        if flights:
            game.apply(flights[0], "force_commander")
        refusals = [o for o in game.legal_orders("host_state") if o.type == "refuse_consent"]
        if refusals and not refused:
            game.apply(refusals[0], "host_state")
            refused = True
        game.end_turn()
    text = to_markdown(build_report([Replay.open(save_as(game, meta, "green cell"))]))
    decisions = text.split("## Key decisions by role")[1].split("\n## ")[0]
    assert "**Host state (green cell)**" in decisions
    assert "The host state refuses" in decisions and "The host state grants" in decisions
    sides = text.split("## The other sides' objectives")[1].split("\n## ")[0]
    assert "The host state (green), played by a human cell" in sides
