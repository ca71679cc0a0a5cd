"""Every player-visible string of a whole mali-2019 game is in plain words: no snake_case ids."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from rich.console import Console

from game.bots.policies import POLICIES
from game.engine import Game
from game.engine import orders as O
from game.record.replay import Replay
from game.record.report import build_report, to_html, to_markdown
from game.record.saves import SaveMeta, save_as
from game.scenario.catalog import find_scenario
from game.tui.labels import ROLE_ORDER, cause_text, say_do_text
from game.tui.order_menu import build_menu, order_text
from game.tui.replay import views
from game.tui.screens.results import PHASES, phase_text
from game.tui.screens.sitrep import change_detail, change_title, group_changes, group_title
from game.tui.session import Session
from game.tui.widgets.region_panel import region_report

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b|(?:^|[:(=] ?)(?:true|false)\b", re.MULTILINE)  # ids, raw booleans
# Policies taking turns, so that many kinds of order, message and result appear in one game.
ROTATION = ("poc-first-mtf-air", "historical", "coa3-avoid-term", "coa2-define-poc")
MENU_TURNS = {1, 7, 19}  # the seats' whole order menus (slow to build) on a few turns


def text_of(renderable) -> str:
    console = Console(width=160, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


class VisibleText(HTMLParser):
    """The text a browser shows: no tags, attributes, styles or scripts."""

    def __init__(self, page: str):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0
        self.feed(page)

    def handle_starttag(self, tag: str, attrs) -> None:
        self._hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _menus(game: Game) -> list[tuple[str, str]]:
    found = []
    for role in ROLE_ORDER:
        stack = list(build_menu(game, role))
        while stack:
            group = stack.pop()
            found += [(f"menu group ({role})", group.label), (f"menu detail ({role})", group.detail)]
            stack.extend(group.groups)
            for item in group.items:
                found.append((f"menu item ({role})", item.label))
                found.append((f"refusal ({role})", item.reason or ""))
                found.append((f"order text ({role})", order_text(game, item.order)))
    return found


def _extra_orders(game: Game) -> None:
    """Orders the scripted policies never give: a stand-down, social media, a facilitator's override."""
    index = game.index
    for asset_id, asset in game.state.aviation.items():
        if asset.tasked_region is not None:
            game.apply(O.TaskAviation(asset=asset_id, region=None))
            break
    message = O.IssueMessage(theme="protection_promise", channel="social_media", audience="national")
    if game.why_illegal(message) is None:
        game.apply(message)
    region = index.region_order[0]
    game.apply(O.OverrideResult(kind="threat", target=f"{region}/jnim", delta=1, reason="a test override"))


@pytest.fixture(scope="module")
def whole_game(tmp_path_factory: pytest.TempPathFactory) -> tuple[Session, list[tuple[str, str]], Replay]:
    game = Game.new(find_scenario("mali-2019"), 7)
    seen: list[tuple[str, str]] = []
    while not game.is_over():
        turn = game.state.turn
        POLICIES[ROTATION[turn % len(ROTATION)]].play(game)
        if turn % 5 == 2:
            _extra_orders(game)
        if turn in MENU_TURNS:
            seen += _menus(game)
            seen += [
                (f"region panel turn {turn}", text_of(region_report(game, r)))
                for r in game.index.region_order
            ]
        seen += [("order given", O.describe(order, game.context())) for order in game.pending_orders()]
        game.end_turn()
    session = Session(game, SaveMeta(mode="solo", seats={}))
    path = save_as(game, session.meta, "plain words")
    return session, seen, Replay.open(path)


def _turn_texts(session: Session) -> list[tuple[str, str]]:
    found = []
    index = session.game.index
    for record in session.game.state.history:
        where = f"turn {record.turn}"
        found += [(f"{where} adversary", line) for line in record.adversary]
        found += [(f"{where} results", text_of(phase_text(session, record, phase))) for phase, _ in PHASES]
        found.append((f"{where} Say–Do", say_do_text(record.say, record.do)))
        for key, changes in group_changes(session, record).items():
            found.append((f"{where} SITREP group", group_title(session, record, key, changes).plain))
            for change in changes:
                found.append((f"{where} SITREP change", change_title(change).plain))
                found.append((f"{where} why?", change_detail(index, change).plain))
                found += [(f"{where} cause", cause_text(index, cause)) for cause in change.causes]
    return found


def _replay_texts(replay: Replay) -> list[tuple[str, str]]:
    found = []
    for number in range(1, len(replay.turns) + 1):
        where = f"replay turn {number}"
        found.append((f"{where} timeline", views.timeline_label(replay, number)))
        found.append((f"{where} story", text_of(views.turn_story(replay, number))))
        found.append((f"{where} regions", text_of(views.region_table(replay, number))))
        found.append((f"{where} map", views.map_text(replay, number).plain))
        for row, cells in enumerate(views.change_rows(replay, number)):
            found.append((f"{where} change row", " | ".join(str(cell) for cell in cells)))
            found.append((f"{where} change detail", views.change_detail(replay, number, row).plain))
    return found


def _ids_in(texts: list[tuple[str, str]]) -> list[str]:
    found = {}
    for where, text in texts:
        for match in SNAKE.findall(text):
            found.setdefault(match, f"{where}: {text.strip()[:160]}")
    return [f"{match!r} in {example}" for match, example in sorted(found.items())]


def test_the_game_screens_show_no_internal_ids(whole_game) -> None:
    session, orders_and_menus, _ = whole_game
    texts = orders_and_menus + _turn_texts(session)
    assert len(texts) > 5000, "the walk must see a whole game"
    ids = _ids_in(texts)
    assert not ids, "\n".join(ids)


def test_the_replay_views_show_no_internal_ids(whole_game) -> None:
    _, _, replay = whole_game
    ids = _ids_in(_replay_texts(replay))
    assert not ids, "\n".join(ids)


def test_the_debrief_report_shows_no_internal_ids(whole_game) -> None:
    _, _, replay = whole_game
    document = build_report([replay])
    markdown = re.sub(r'<a id="[\w-]+"></a>', "", to_markdown(document))  # anchors are not shown
    html = " ".join(VisibleText(to_html(document)).parts)
    ids = _ids_in([("Markdown report", markdown), ("HTML report", html)])
    assert not ids, "\n".join(ids)
