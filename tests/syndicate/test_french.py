"""The syndicate in French: the commands' output and errors, the host's refusals in the seat's language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import i18n
from game.cli import EXIT_USER_ERROR, main
from game.engine import orders as O
from game.syndicate import protocol as P
from game.syndicate.client import ClientError
from game.syndicate.store import Session
from tests.syndicate.hosting import SECRET, SEED, Hosted, run

PATROL = O.SetPosture(unit="inf_b", posture="patrol").model_dump(mode="json")


def plain(text: str) -> str:
    """French text with its no-break spaces (before : ; and inside « ») as plain ones, to compare."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def session_file(mini, tmp_path: Path) -> Path:
    path = tmp_path / "exercise.db"
    Session.host(path, mini, seed=SEED, seats=["srsg", "force_commander"], pin=SECRET).close()
    return path


def test_status_in_french_and_a_wrong_secret_refused_in_french(
    session_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--lang", "fr", "status", str(session_file)]) == 0
    out = plain(capsys.readouterr().out)
    assert ": tour 1 (" in out and "non validé" in out and "Commandant de la Force" in out
    assert "turn" not in out and "not committed" not in out

    monkeypatch.setenv("MINUSMA_SECRET", "not-the-secret-at-all")
    assert main(["--lang", "fr", "status", str(session_file)]) == EXIT_USER_ERROR
    assert plain(capsys.readouterr().err).strip().endswith("mauvais secret de l'animateur")

    i18n.set_language("en")
    assert main(["status", str(session_file)]) == EXIT_USER_ERROR
    assert capsys.readouterr().err.strip() == "minusma: wrong facilitator secret"


def test_the_facilitator_sees_pending_orders_counted_in_french(
    session_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINUSMA_SECRET", SECRET)
    assert main(["--lang", "fr", "status", str(session_file)]) == 0
    assert "0 ordre en attente" in plain(capsys.readouterr().out)


def test_a_missing_session_file_and_a_backup_said_in_french(
    session_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "fr", "status", str(tmp_path / "none.db")]) == EXIT_USER_ERROR
    assert "ce fichier de session n'existe pas ; hébergez-en un avec `minusma host`" in plain(
        capsys.readouterr().err
    )
    copy = tmp_path / "copy.db"
    assert main(["--lang", "fr", "backup", str(session_file), "-o", str(copy)]) == 0
    said = plain(capsys.readouterr().out)
    assert f"{copy} écrit (la partie au tour 1 ; hébergez-la de nouveau avec" in said
    assert main(["--lang", "fr", "backup", str(session_file), "-o", str(copy)]) == EXIT_USER_ERROR
    assert "existe déjà ; choisissez un autre nom de fichier" in plain(capsys.readouterr().err)


def test_an_export_said_in_french_with_its_plural(
    session_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINUSMA_SECRET", SECRET)
    out = tmp_path / "game.save"
    assert main(["--lang", "fr", "export", str(session_file), "-o", str(out)]) == 0
    said = plain(capsys.readouterr().out)
    assert f"{out} écrit (0 tour joué, tour 1 en cours)" in said and "Débriefing : minusma report" in said


def test_the_host_refuses_a_bad_code_in_the_seats_language(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        i18n.set_language("fr")
        with pytest.raises(ClientError) as refused:
            await hosted.client("srsg", code="guess-guess-guess-guess")
        assert refused.value.kind == "code"
        assert plain(str(refused.value)) == "mauvais code pour le poste « RSSG »"
        i18n.set_language("en")
        with pytest.raises(ClientError) as refused:
            await hosted.client("force_commander", code="guess-guess-guess-guess")
        assert str(refused.value) == "wrong code for the Force Commander"

    run(mini, tmp_path, body)


def test_a_refused_request_is_shown_in_the_seats_language(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        seat = await hosted.client("force_commander")
        await seat.request("commit")
        i18n.set_language("fr")
        with pytest.raises(ClientError) as refused:
            await seat.request("give", order=PATROL)
        assert plain(str(refused.value)) == "le poste « Commandant de la Force » a déjà validé le tour 1"
        with pytest.raises(ClientError) as refused:
            await seat.request("pause", paused=True)
        assert plain(str(refused.value)) == "seul l'animateur peut faire cela"
        i18n.set_language("en")
        with pytest.raises(ClientError) as refused:
            await seat.request("give", order=PATROL)
        assert str(refused.value) == "the Force Commander has already committed turn 1"
        await seat.close()

    run(mini, tmp_path, body)


def test_a_message_is_said_from_its_template_or_as_recorded() -> None:
    refusal = P.error(P.N_("wrong code for the {seat}"), 3, "code", {"seat": "SRSG"})
    assert refusal["message"] == "wrong code for the SRSG"  # the English line stays whole on the wire
    i18n.set_language("fr")
    assert plain(P.said(refusal)) == "mauvais code pour le poste « RSSG »"
    # a host of another version sends only its English line: it is shown as it is
    assert P.said({"type": "error", "message": "something new"}) == "something new"
    # a template whose values do not fit falls back to the English line
    broken = {**refusal, "values": {"other": 1}}
    assert P.said(broken) == "wrong code for the SRSG"
    status = {"type": "status", "status": {"storage_problem": "English", "storage_error": "disk full"}}
    shown = P.in_reader_language(status)["status"]["storage_problem"]
    assert plain(shown) == (
        "l'hôte ne peut pas écrire la partie : disk full ; il continue en mémoire et réessaie"
    )


def test_a_bad_protocol_message_is_refused_in_french() -> None:
    with pytest.raises(P.ProtocolError) as refused:
        P.parse('{"type": "dance"}')
    assert str(refused.value).startswith("unknown message type; known: hello, give")
    i18n.set_language("fr")
    assert plain(P.said(P.refusal(refused.value))).startswith("type de message inconnu ; connus : hello")


def test_the_facilitators_actions_are_noted_in_the_hosts_language(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        i18n.set_language("fr")  # as `minusma --lang fr host` sets it in the host's process
        console = await hosted.client("facilitator", code=hosted.secret)
        await console.request("pause", paused=True)
        await console.request("pause", paused=False)
        await console.close()

    run(mini, tmp_path, body)
    notes = Session(tmp_path / "exercise.db").debrief_notes()[1]
    assert "] L'animateur a mis la partie en pause.\n[" in notes and notes.endswith(
        "L'animateur a repris la partie."
    )


def test_minusma_host_in_french_at_80_columns(tmp_path: Path) -> None:
    from tests.syndicate.test_host_command import free_port, stop

    command = ["--lang", "fr", "host", "tutorial", "--seats", "fc,red", "--port", str(free_port())]
    host = subprocess.Popen(
        [sys.executable, "-m", "game", *command],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent.parent)},
    )
    assert host.stdout is not None
    lines = []
    while not lines or not lines[-1].startswith("Ctrl-C"):
        line = host.stdout.readline()
        assert line, f"the host stopped: {host.communicate(timeout=10)}"
        lines.append(plain(line.rstrip("\n")))
    stop(host)
    said = "\n".join(lines)
    assert "Chaque officier rejoint avec le code de son poste (affiché une seule fois) :" in said
    assert "  Commandant de la Force :\n    minusma join" in said
    assert "  Cellule rouge des groupes armés :\n    minusma join" in said
    assert "    secret de l'animateur (haché, montré une fois) : " in said
    assert lines[-1] == "Ctrl-C arrête l'hôte ; la partie est conservée dans le fichier de session."
    assert all(len(line) <= 80 for line in lines if "Tutorial" not in line)  # the scenario's title is its own
