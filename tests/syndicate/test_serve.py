"""`minusma serve`: a real server on a free loopback port answers the page and a websocket."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from game.cli import main
from game.syndicate.serve import INSTALL_HINT, is_loopback, serve_command

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

STARTUP = 60.0  # seconds a slow 2-core machine may take to import and bind


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.communicate(timeout=5)}")
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("the server did not listen in time")


@pytest.fixture
def session_file() -> str:
    """A hosted game's address: each tab runs `minusma join` to it (no host needed to draw the page)."""
    return "ws://127.0.0.1:9"


async def handshake(port: int) -> tuple[str, bytes | str]:
    """Open the app's websocket as the page does, ping it, and wait for the app's first output."""
    timeout = aiohttp.ClientTimeout(total=STARTUP)
    async with aiohttp.ClientSession(timeout=timeout) as client:
        url = f"ws://127.0.0.1:{port}/ws?width=100&height=30"
        async with client.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_receive=STARTUP)) as ws:
            await ws.send_json(["ping", "minusma"])
            pong, output = "", b""
            async with asyncio.timeout(STARTUP):
                while not (pong and output):
                    message = await ws.receive()
                    if message.type == aiohttp.WSMsgType.TEXT and "pong" in message.data:
                        pong = message.data
                    elif message.type == aiohttp.WSMsgType.BINARY and message.data:
                        output = message.data
                    elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        break
            return pong, output


def test_serve_answers_the_page_and_the_websocket(session_file: str) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", str(session_file), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, server)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=STARTUP) as response:
            page = response.read().decode("utf-8")
        assert response.status == 200
        assert "MINUSMA syndicate" in page and f"ws://127.0.0.1:{port}/ws" in page
        for header, status in (({"Origin": "http://evil.example"}, 403), ({"Host": "evil.example"}, 421)):
            forged = urllib.request.Request(f"http://127.0.0.1:{port}/ws", headers=header)
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(forged, timeout=STARTUP)
            assert refused.value.code == status
        # a page reached by another name gets that name for its websocket, never ws://0.0.0.0
        by_name = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": f"localhost:{port}"})
        with urllib.request.urlopen(by_name, timeout=STARTUP) as response:
            assert f"ws://localhost:{port}/ws" in response.read().decode("utf-8")
        pong, output = asyncio.run(handshake(port))
        assert pong == '["pong", "minusma"]'
        assert output, "the seat's code screen started behind the websocket and drew something"
    finally:
        server.terminate()
        try:
            out, err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            out, err = server.communicate(timeout=30)
    assert f"Serving seats of {session_file} at http://127.0.0.1:{port}" in out
    assert "WARNING" not in err, "loopback: no warning"


def test_a_warning_when_served_beyond_loopback(session_file: str) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", str(session_file), "--host", "0.0.0.0", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
    finally:
        server.terminate()
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate(timeout=30)
    assert line.startswith("minusma: WARNING: serving on 0.0.0.0, beyond this computer")


def test_loopback_and_commands() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20") and not is_loopback("example.org")
    assert serve_command("ws://h:1", "force_commander").endswith(
        "-m game join ws://h:1 --seat force_commander"
    )
    assert serve_command("ws://h:1", "facilitator").endswith("-m game facilitate ws://h:1")
    assert serve_command(None).endswith("-m game play")


def test_without_the_web_extra_one_clear_line(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    assert main(["serve"]) == 2
    assert capsys.readouterr().err.strip() == f"minusma: {INSTALL_HINT}"


def test_serve_refuses_a_wrong_session(tmp_path: Path, capsys) -> None:
    assert main(["serve", "ftp://nowhere"]) == 2
    assert "not a server address" in capsys.readouterr().err
