"""The debrief in French: `minusma report --lang fr` writes French headings, numbers and months, lang="fr"."""

from __future__ import annotations

from pathlib import Path

from game import i18n
from game.cli import main
from game.record.replay import Replay
from game.record.report import build_report, month_label, to_html, to_markdown
from tests.record.test_report import Parsed, md_sections


def plain(text: str) -> str:
    """French text with its no-break spaces (before : ; % and in 1 000) as plain ones, to compare."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


ENGLISH_WORDS = ("Scorecard", "Timeline", "Key decisions", "Orders by seat", "turn by turn", "Contents:")


def headings(page: Parsed) -> set[str]:
    """The section titles, the table headers and the charts' titles of a page."""
    table_heads = {cell for table in page.tables if table for cell in table[0] if cell}
    return set(page.sections.values()) | table_heads | {svg["title"] for svg in page.svgs}


def report_in(language: str, files: list[Path], fmt: str = "html") -> str:
    i18n.set_language(language)
    document = build_report([Replay.open(file) for file in files])
    return to_html(document) if fmt == "html" else to_markdown(document)


def test_the_french_report_has_lang_fr_and_french_headings_only(mini_save: Path) -> None:
    english = report_in("en", [mini_save])
    french = plain(report_in("fr", [mini_save]))
    assert '<html lang="en">' in english and '<html lang="fr">' in french
    english_page, french_page = Parsed(english), Parsed(french)
    assert list(french_page.sections) == list(english_page.sections), "the same sections, in French"
    assert french_page.sections["scorecard"] == "Tableau de bord face à l'histoire"
    assert french_page.sections["say-do"] == "Le fossé entre le dire et le faire au fil du temps"
    assert french_page.sections["timeline"] == "Chronologie"
    left_in_english = headings(english_page) & headings(french_page)
    # the names of the scenario's regions, and words the same in both languages, may stay
    assert left_in_english <= {"", "source", "verdict", "total", "options"} | {
        region.name for region in Replay.open(mini_save).scenario.regions
    }, left_in_english
    assert not any(word in french for word in ENGLISH_WORDS)
    assert "Débriefing : " in french and "Postes : " in french and "RSSG" in french


def test_the_french_markdown_report_says_contents_and_its_sections_in_french(mini_save: Path) -> None:
    french = plain(report_in("fr", [mini_save], "md"))
    assert "Sommaire : " in french
    assert md_sections(french)["orders"] == "Ordres par poste"
    assert "Contents:" not in french


def test_the_side_by_side_report_in_french(mini_save: Path, played, mini, meta) -> None:
    from game.record.saves import save_as

    other = save_as(played(mini, seed=9), meta, "syndicate B")
    page = Parsed(report_in("fr", [mini_save, other]))
    assert page.sections["syndicates"] == "Groupes de travail"
    assert page.sections["timeline"] == "Chronologies côte à côte"
    assert not any(word in " ".join(headings(page)) for word in ENGLISH_WORDS)


def test_months_and_numbers_are_written_the_languages_way() -> None:
    assert month_label("2019-04") == "2019-04"
    i18n.set_language("fr")
    assert month_label("2019-04") == "avr. 2019"
    assert month_label("someday") == "someday"
    assert i18n.number(1234).replace("\u202f", " ") == "1 234"


def test_report_command_with_lang_fr(mini_save: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "debrief.html"
    assert main(["report", "--lang", "fr", str(mini_save), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"{out} écrit (html, 1 partie)\n"
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Chronologie" in page
    assert main(["--lang", "en", "report", str(mini_save), "-o", str(out)]) == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == f"wrote {out} (html, 1 game)\n"


def test_report_errors_in_french_are_one_line(mini_save: Path, tmp_path: Path, capsys) -> None:
    assert main(["report", "--lang", "fr", str(mini_save), "-o", str(tmp_path)]) == 2
    err = plain(capsys.readouterr().err)
    assert err.count("\n") == 1 and "est un dossier ; donnez un nom de fichier pour le rapport" in err
    missing = tmp_path / "none.json"
    assert main(["report", "--lang", "fr", str(missing)]) == 2
    assert "fichier introuvable" in capsys.readouterr().err
    cut = tmp_path / "cut.json"
    cut.write_text(mini_save.read_text(encoding="utf-8")[:500], encoding="utf-8")
    assert main(["report", "--lang", "fr", str(cut)]) == 2
    err = plain(capsys.readouterr().err)
    assert err.count("\n") == 1 and "la sauvegarde est tronquée" in err and "sauvegarde automatique" in err


def test_chart_values_are_written_the_languages_way() -> None:
    from game.record.charts import value_text

    assert [value_text(v) for v in (0, 2.5, 1000, 0.25)] == ["0", "2.5", "1000", "0.25"]  # as before
    i18n.set_language("fr")
    french = [plain(value_text(v)) for v in (0, 2.5, 1000, 0.25)]
    assert french == ["0", "2,5", "1 000", "0,25"]


def test_lists_take_a_no_break_space_before_the_semicolon_in_french() -> None:
    assert i18n.listed(["a", "b"]) == "a; b"
    i18n.set_language("fr")
    try:
        assert i18n.listed(["a", "b"]) == "a\u00a0; b"
    finally:
        i18n.set_language("en")


def test_the_french_debrief_cites_the_cards_sources_in_french(played, meta, tmp_path: Path) -> None:
    from game.record.saves import save_as
    from game.scenario.catalog import scenarios_dir
    from game.scenario.loader import load_scenario

    tutorial = load_scenario(scenarios_dir() / "tutorial.yaml")
    save = save_as(played(tutorial, seed=3, turns=1), meta, "syndicate A")
    english = plain(report_in("en", [save], "md"))
    french = plain(report_in("fr", [save], "md"))
    assert "Source: MINUSMA human rights inquiry (2019)" in english, "Koulogon is drawn on turn 1"
    assert "Source : Enquête de la Division des droits de l'homme et de la protection de la MINUSMA" in french
    assert "human rights inquiry" not in french and "Special Advisers" not in french
