"""Choosing the language on the command line: --lang, $MINUSMA_LANG, the saved setting, the system locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import i18n
from game.cli import main
from game.record.settings import save_setting

MINI = str(Path(__file__).parent / "fixtures" / "mini.yaml")
TUTORIAL = str(Path(__file__).parent.parent / "scenarios" / "tutorial.yaml")  # all its text has French


def plain(text: str) -> str:
    """French text with its no-break spaces (before : ; % and in 1 000) as plain ones, to compare."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def validate_says(capsys: pytest.CaptureFixture[str], *options: str) -> str:
    """What `minusma validate` prints with these options: its counts show the language."""
    assert main([*options, "validate", MINI]) == 0
    return capsys.readouterr().out


def test_english_when_nothing_asks_for_another_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert "regions" in validate_says(capsys) and i18n.language() == "en"


def test_lang_on_the_top_level_command(capsys: pytest.CaptureFixture[str]) -> None:
    out = plain(validate_says(capsys, "--lang", "fr"))
    assert "régions" in out and " : ok (" in out
    assert i18n.language() == "fr"


def test_lang_on_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    # validate's own --lang also checks the scenario's French, so these use a fully translated file
    assert main(["validate", "--lang", "fr", TUTORIAL]) == 0
    assert "régions" in capsys.readouterr().out
    assert main(["validate", MINI, "--lang=en"]) == 0
    assert "regions" in capsys.readouterr().out
    assert main(["validate", "--lan", "fr", TUTORIAL]) == 0  # argparse's abbreviation
    assert "régions" in capsys.readouterr().out


def test_the_environment_variable(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINUSMA_LANG", "fr_FR.UTF-8")
    assert "régions" in validate_says(capsys)


def test_the_saved_setting(capsys: pytest.CaptureFixture[str]) -> None:
    assert save_setting("language", "fr") is None
    assert "régions" in validate_says(capsys)


def test_the_system_locale(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    assert "régions" in validate_says(capsys)


def test_the_flag_beats_the_environment_which_beats_the_setting_which_beats_the_system(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    save_setting("language", "en")
    assert "regions" in validate_says(capsys)  # the setting beats the system
    monkeypatch.setenv("MINUSMA_LANG", "fr")
    assert "régions" in validate_says(capsys)  # the environment beats the setting
    assert "regions" in validate_says(capsys, "--lang", "en")  # the flag beats the environment
    monkeypatch.setenv("MINUSMA_LANG", "en")
    assert "régions" in validate_says(capsys, "--lang", "fr")


@pytest.mark.parametrize("where", ["flag", "subcommand", "environment"])
def test_a_language_the_game_lacks_is_one_line_and_exit_2(
    where: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = {"flag": ["--lang", "de", "validate", MINI], "subcommand": ["validate", MINI, "--lang", "de"]}
    if where == "environment":
        monkeypatch.setenv("MINUSMA_LANG", "de")
    assert main(argv.get(where, ["validate", MINI])) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.err.startswith("minusma: unknown language 'de'") and "fr (Français)" in captured.err


def test_a_damaged_setting_is_passed_over(capsys: pytest.CaptureFixture[str]) -> None:
    save_setting("language", "klingon")
    assert "regions" in validate_says(capsys)


def test_help_and_argparse_errors_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_help:
        main(["--lang", "fr", "report", "--help"])
    assert exit_help.value.code == 0
    help_text = plain(capsys.readouterr().out)
    assert help_text.startswith("usage : minusma report")
    assert "affiche ce message d'aide et quitte" in help_text and "une sauvegarde, ou plusieurs" in help_text
    assert "show this help" not in help_text
    with pytest.raises(SystemExit) as exit_error:
        main(["report", "--lang", "fr"])
    assert exit_error.value.code == 2
    assert "minusma report : erreur : les arguments suivants sont requis : FICHIER" in plain(
        capsys.readouterr().err
    )


def test_a_user_error_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--lang", "fr", "--policy", "bold"]) == 2
    err = plain(capsys.readouterr().err)
    assert err.startswith("minusma: politique inconnue 'bold' ; politiques valides : ")
    assert "historical" in err and err.count("\n") == 1


def test_without_a_command_the_language_reaches_the_game(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("game.tui.app.run", lambda **kwargs: opened.append(i18n.language()) or 0)
    assert main(["--lang", "fr"]) == 0
    assert main(["play", "--lang", "en"]) == 0
    assert main(["--lang", "en", "play", "--lang", "fr"]) == 0  # the subcommand's word is the later one
    assert opened == ["fr", "en", "fr"]


def test_lang_without_a_code_is_argparse_s_one_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_error:
        main(["validate", MINI, "--lang"])
    assert exit_error.value.code == 2
    assert capsys.readouterr().err.endswith(
        "minusma validate: error: argument --lang: expected one argument\n"
    )
