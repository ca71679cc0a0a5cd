"""`analyse`, `calibrate`, `simulate` and `whatif` in French: French headings and verdicts, no English
ones, numbers the French way; JSON keys and verdicts stay English; English output as before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from game.analysis.calibrate import Calibration, CalibrationRow, calibrate, format_calibration
from game.analysis.difficulty import BAND, Check, DifficultyReport, PolicyRow, format_difficulty
from game.analysis.simulate import format_scorecard, format_turns, simulate
from game.analysis.whatif_report import whatif_section
from game.analysis.words import renewal_text, verdict_text
from game.bots.policies import POLICIES
from game.cli import main
from game.engine import Game
from game.record.replay import Replay
from game.record.report import Table
from game.record.saves import SaveMeta, save_to
from game.scenario.models import Scenario

ROOT = Path(__file__).parents[2]
MINI = str(ROOT / "tests" / "fixtures" / "mini.yaml")
NBSP = "\xa0"


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """French for the functions, and for the command line (which reads MINUSMA_LANG)."""
    monkeypatch.setenv("MINUSMA_LANG", "fr")
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _plain(text: str) -> str:
    return text.replace(NBSP, " ").replace("\u202f", " ")


def test_calibrate_in_french_has_french_headings_and_verdicts(french: None, mini: Scenario) -> None:
    cal = calibrate(mini, seeds=2, workers=1)
    text = _plain("\n".join(format_calibration(cal)))
    lines = text.splitlines()
    assert lines[0].startswith("Simulé (historical, 2 graines : moyenne et 10e-90e centiles)")
    header = lines[2].split()
    assert header[:4] == ["mesure", "période", "moyenne", "p10-p90"] and "histoire" in header
    assert "civils tués" in text and "Casques bleus tués" in text
    assert any(word in text for word in (" oui ", " BAS ", " HAUT "))
    assert "Morts civiles par mois" in text and "pire mois" in text
    assert (
        "Chaque ligne dotée d’une fourchette historique s’y trouve." in text
        or "hors de la fourchette" in text
    )
    for english in ("measure", "period ", "history", "Simulated", "civilians killed", " yes ", "worst month"):
        assert english not in text, english


def test_calibrate_rows_are_french_and_the_english_table_is_as_before() -> None:
    rows = [
        CalibrationRow("civilians killed", "2019", 1234.4, 800, 1200, "OCHA", 1100.0, 1300.0),
        CalibrationRow("share in Mopti", "2021-H1", 48.0, 40, 65, "HRPD", 40.0, 55.0, "%"),
    ]
    cal = Calibration(
        "historical", 3, rows, {"mopti": [1.0, 3.0]}, ["2019-01", "2019-02"], {"mopti": "Mopti"}
    )
    english = format_calibration(cal)
    assert (
        english[2] == f"{'measure':<44} {'period':<8} {'mean':>6} {'p10-p90':>11}  {'history':<9} ok   source"
    )
    assert (
        english[3]
        == f"{'civilians killed':<44} {'2019':<8} {1234.4:>5.0f}  {'1100-1300':>11}  800-1200  HIGH OCHA"
    )
    assert english[4] == f"{'share in Mopti':<44} 2021-H1     48%      40-55%  40-65%    yes  HRPD"
    assert "1 row outside history's range:" in english
    assert "  civilians killed 2019: 1234 against 800-1200" in english
    i18n.set_language("fr")
    french = _plain("\n".join(format_calibration(cal)))
    assert "civils tués" in french and "1 234" in french and "HAUT" in french
    assert " 2021-S1 " in french and "2021-H1" not in french
    assert "1 ligne hors de la fourchette historique :" in french
    assert "civils tués 2019 : 1 234 contre 800-1200" in french
    assert "total     4, pire mois    3" in french


def test_analyse_in_french_has_french_tables_and_notes(
    french: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["analyse", "--scenario", MINI, "--workers", "1", "--runs", "4", "--no-plots"])
    out, err = capsys.readouterr()
    assert code == 0, err
    out = _plain(out)
    assert "parties, graines 1-4 par politique" in out and "s sur 1 processus" in out
    assert "Intervalles : 95 % par la loi t de Student" in out
    assert "Crédibilité nationale à la fin (0-100) (plus haut vaut mieux)" in out
    assert "Civils tués, toute la partie (plus bas vaut mieux)" in out
    for heading in (
        "politique",
        "parties",
        "moyenne",
        "médiane",
        "IC 95 % de la moyenne",
        "écart à",
        "référence",
    ):
        assert heading in out, heading
    for english in (
        "games, seeds",
        "Intervals",
        "higher is better",
        "lower is better",
        "baseline",
        "policy ",
        "mean",
    ):
        assert english not in out, english


def test_analyse_json_keeps_english_keys_and_verdicts_in_french(french: None, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    args = ["analyse", "--scenario", MINI, "--workers", "1", "--runs", "3", "--no-plots", "--json", str(path)]
    assert main(args) == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"scenario", "runs", "summary", "games", "mandate_shares"} <= set(data)
    for table in data["summary"].values():
        for row in table["policies"].values():
            assert set(row) <= {"n", "mean", "sd", "median", "p5", "p95", "ci95", "vs_baseline"}
            verdict = row.get("vs_baseline", {}).get("verdict", "")
            assert verdict in ("", "better", "worse", "different")


def test_verdicts_and_renewals_in_french() -> None:
    assert [verdict_text(v) for v in ("better", "worse", "different", "")] == [
        "better",
        "worse",
        "different",
        "",
    ]
    assert renewal_text("2480:renewed") == "2480:renewed"
    i18n.set_language("fr")
    assert [verdict_text(v) for v in ("better", "worse", "different", "")] == [
        "mieux",
        "pire",
        "différent",
        "",
    ]
    assert _plain(renewal_text("2480:poc_first")) == "résolution 2480 : PdC en priorité"


def test_difficulty_report_in_french() -> None:
    row = PolicyRow(
        "historical", 4, {"2019": 1000.0, "whole": 2000.0}, {"2019": 0.0, "whole": 0.0}, 30.0, 0.0, {}
    )
    report = DifficultyReport(["2019"], [row], [Check("x", True, "y"), Check("z", False, "w")], BAND)
    english = format_difficulty(report)
    assert english[2].startswith("policy") and english[2].endswith("credibility at the end")
    assert "  yes  x: y" in english and "  NO   z: w" in english
    i18n.set_language("fr")
    french = [_plain(line) for line in format_difficulty(report)]
    assert french[0].startswith("Difficulté : morts civiles moyennes par période")
    assert french[2].startswith("politique") and french[2].endswith("crédibilité à la fin")
    assert "2 000" in french[3] and "partie entière" in french[2]
    assert "  oui  x: y" in french and "  NON  z: w" in french
    assert french[5].startswith("Fourchette : un jeu excellent fait au moins 5 % de morts civiles de moins")


def test_simulate_text_in_french(mini: Scenario) -> None:
    game = simulate(mini, 1, "historical")
    english = format_turns(game)[0]
    assert english.startswith("turn month   ") and english.endswith("  civ  pk  events")
    i18n.set_language("fr")
    turns = format_turns(game)
    assert turns[0].startswith("tour mois    ") and turns[0].endswith("  civ  CB  événements")
    assert len(turns[0]) <= len(english) + 4
    card = _plain("\n".join(format_scorecard(game.score(), game.index)))
    assert card.startswith("Crédibilité nationale : ")
    assert "Crédibilité par région : " in card and "Fossé moyen entre le dire et le faire : " in card
    for english_text in (
        "National credibility",
        "Credibility by region",
        "Mean Say-Do gap",
        "Mandate renewals",
    ):
        assert english_text not in card


@pytest.fixture
def saved(mini: Scenario, tmp_path: Path) -> Path:
    game = Game.new(mini, 3)
    while not game.is_over():
        POLICIES["poc-first-mtf-air"].play(game)
        game.end_turn()
    return save_to(tmp_path / "game.json", game, SaveMeta(mode="solo", seats={"srsg": "Ana"}))


def test_whatif_in_french_has_french_headings_and_notes(
    french: None, saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["whatif", str(saved), "--turn", "1", "--runs", "3", "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    out = _plain(out)
    assert out.startswith("Et si : ") and "passes appariées chacune" in out
    assert "Suite à partir du tour 1 : " in out
    assert "Fixé : tout ce qui précède le tour" in out and "Ce qui varie : les dés" in out
    assert "à la place : " in out
    for heading in ("mesure", "tel que joué", "variante", "écart", "IC 95 % de l'écart", "Civils tués"):
        assert heading in out, heading
    for english in (
        "What if",
        "Continuation from",
        "Held fixed",
        "instead:",
        "as played",
        "difference",
        "measure",
    ):
        assert english not in out, english


def test_whatif_list_and_errors_in_french(
    french: None, saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["whatif", str(saved), "--list", "--turn", "1"]) == 0
    out = _plain(capsys.readouterr().out)
    assert out.startswith("Tour 1 (") and "ordres joués" in out and "  décision 1.1 (" in out
    assert "orders played" not in out and "decision " not in out
    assert main(["whatif", str(saved), "--turn", "99"]) == 2
    err = _plain(capsys.readouterr().err)
    assert "le tour 99 n'est pas dans cette sauvegarde" in err


def test_whatif_report_section_in_french(french: None, saved: Path) -> None:
    section = whatif_section(Replay.open(saved), runs=2, points=2, workers=1)
    assert section.title == "Les décisions qui ont compté (et si ?)".replace(" ?", NBSP + "?")
    table = next(block for block in section.blocks if isinstance(block, Table))
    assert table.headers[1:5] == ["tour", "décision", "variante", "civils tués"]
    assert "Say-Do gap" not in table.headers and "fossé entre le dire et le faire" in table.headers


@pytest.mark.parametrize(
    ("command", "french_words"),
    [
        ("analyse", ("Jouer en parallèle de nombreuses parties", "--seed GRAINE", "--scheduler ADRESSE")),
        ("whatif", ("Bifurquer une partie sauvegardée", "SAUVEGARDE", "--policy POLITIQUE")),
    ],
)
def test_the_commands_help_in_french(
    french: None, command: str, french_words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = " ".join(_plain(capsys.readouterr().out).split())
    for words in french_words:
        assert words in out, words
    assert "Play many seeded games" not in out and "Fork a saved game" not in out
