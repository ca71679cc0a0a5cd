"""`minusma host` as a user runs it: codes printed once, a private file, a restart keeps the codes."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

from game.syndicate.client import SyndicateClient

STARTUP = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_host(folder: Path, port: int, *extra: str) -> tuple[subprocess.Popen, list[str]]:
    host = subprocess.Popen(
        [sys.executable, "-m", "game", "host", "tutorial", "--seats", "fc,srsg", "--port", str(port), *extra],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent.parent)},
    )
    assert host.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        line = host.stdout.readline()
        if not line:
            raise AssertionError(f"the host stopped: {host.communicate(timeout=10)}")
        lines.append(line)
        if line.startswith("Ctrl-C stops the host"):
            return host, lines
    raise AssertionError("the host did not start in time")


def stop(host: subprocess.Popen) -> str:
    host.send_signal(signal.SIGINT)
    try:
        _, err = host.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        host.kill()
        _, err = host.communicate(timeout=30)
    return err


async def join(port: int, seat: str, code: str) -> int:
    client = SyndicateClient(f"ws://127.0.0.1:{port}", seat, code)
    await client.join()
    while client.view_message is None:
        await asyncio.sleep(0.01)
    turn = client.view_message["view"]["turn"]
    await client.close()
    return turn


def test_host_prints_codes_once_and_a_restart_keeps_them(tmp_path: Path) -> None:
    port = free_port()
    host, lines = start_host(tmp_path, port)
    try:
        text = "".join(lines)
        assert f"at ws://127.0.0.1:{port}" in text
        codes = dict(re.findall(r"--seat (\w+)\s+code: ([a-z0-9-]+)", text))
        assert set(codes) == {"fc", "srsg"}
        secret = re.search(r"facilitator secret \(kept hashed, shown only now\): (\S+)", text)
        assert secret is not None
        assert asyncio.run(join(port, "force_commander", codes["fc"])) == 1
        assert asyncio.run(join(port, "facilitator", secret.group(1))) == 1
        session = tmp_path / "tutorial-syndicate.db"
        assert stat.S_IMODE(session.stat().st_mode) == 0o600
        assert codes["fc"] not in session.read_bytes().decode("latin-1")
    finally:
        err = stop(host)
    assert "Traceback" not in err and codes["fc"] not in err
    again, lines = start_host(tmp_path, port)
    try:
        assert "code:" not in "".join(lines) and "given before" in "".join(lines)
        assert asyncio.run(join(port, "force_commander", codes["fc"])) == 1
    finally:
        stop(again)


def test_host_beyond_loopback_warns_and_advertises_a_reachable_address(tmp_path: Path) -> None:
    port = free_port()
    host, lines = start_host(tmp_path, port, "--bind", "0.0.0.0", "--public-address", "10.1.2.3")
    err = stop(host)
    assert f"ws://10.1.2.3:{port}" in "".join(lines) and "ws://0.0.0.0" not in "".join(lines)
    assert "WARNING: listening on 0.0.0.0" in err
