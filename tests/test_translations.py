"""The French catalog is complete and compiled, and the language is chosen as the README says."""

from __future__ import annotations

import pytest

from game import catalogs, i18n


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


def test_every_text_shown_to_players_has_its_french_and_the_catalogs_are_compiled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = catalogs.run(check=True)
    assert status == 0, "catalog problems (run `uv run python -m game.catalogs`):\n" + capsys.readouterr().out


def test_the_flag_beats_the_environment_which_beats_the_setting_which_beats_the_system() -> None:
    system = {"LANG": "fr_FR.UTF-8"}
    assert i18n.pick_language(None, {}, None) == "en"
    assert i18n.pick_language(None, system, None) == "fr"
    assert i18n.pick_language(None, system, "en") == "en"
    assert i18n.pick_language(None, {**system, "MINUSMA_LANG": "en"}, "fr") == "en"
    assert i18n.pick_language("fr", {"MINUSMA_LANG": "en"}, "en") == "fr"
    assert i18n.pick_language(None, {"LANG": "C.UTF-8", "LANGUAGE": "de:fr"}, None) == "fr"
    assert i18n.pick_language(None, {}, "klingon") == "en"  # a damaged setting is passed over


def test_a_language_the_game_does_not_have_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown language 'de'.*en \(English\), fr \(Français\)"):
        i18n.pick_language("de", {}, None)
    assert i18n.parse_language("FR-ca") == "fr"


def test_numbers_are_written_the_languages_way() -> None:
    assert i18n.number(12345) == "12,345"
    assert i18n.percent(0.125, 1) == "12.5%"
    i18n.set_language("fr")
    assert i18n.language() == "fr"
    assert i18n.number(12345).replace("\u202f", " ").replace("\xa0", " ") == "12 345"
    assert i18n.number(2.5, 1) == "2,5"


def test_english_is_the_text_itself() -> None:
    i18n.set_language("en")
    assert i18n._("An untranslated line") == "An untranslated line"
    assert i18n.ngettext("{n} unit", "{n} units", 0).format(n=0) == "0 units"


def test_a_french_share_has_its_space_before_the_percent_sign() -> None:
    i18n.set_language("fr")
    assert i18n.percent(0.125, 1) == "12,5\u202f%"
    assert i18n.percent(0.5) == "50\u202f%"
