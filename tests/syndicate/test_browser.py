"""A browser takes a seat: headless chromium (the system's package) opens `minusma serve`'s page,
types the seat's code, gives an order and commits; the host sees both. Driven through the
DevTools protocol over aiohttp, no browser download. Skipped where chromium is not installed
(`apt-get install chromium`)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import shutil
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.syndicate.hosting import hosting, until

pytest.importorskip("textual_serve")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium: apt-get install chromium")
ROOT = Path(__file__).parent.parent.parent
STARTUP = 90.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Page:
    """One tab, driven with DevTools commands on a flattened session."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse, session: str):
        self.socket, self.session, self._ids = socket, session, itertools.count(1)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        await self.socket.send_str(
            json.dumps({"id": number, "method": method, "params": params, "sessionId": self.session})
        )
        while True:
            message = json.loads((await self.socket.receive()).data)
            if message.get("id") == number:
                return message

    async def type(self, text: str) -> None:
        await self.send("Input.insertText", text=text)

    async def key(self, key: str, code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.send(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                code=key,
                windowsVirtualKeyCode=code,
                **({"text": "\r"} if key == "Enter" and kind == "keyDown" else {}),
            )

    async def focus_terminal(self) -> bool:
        found = await self.send(
            "Runtime.evaluate",
            expression="(() => { const t = document.querySelector('.xterm-helper-textarea');"
            " if (t) { t.focus(); return true; } return false; })()",
            returnByValue=True,
        )
        return bool(found.get("result", {}).get("result", {}).get("value"))


async def wait_for_port(port: int) -> None:
    async with asyncio.timeout(STARTUP):
        while True:
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                return
            await asyncio.sleep(0.2)


def test_a_browser_tab_takes_a_seat_gives_an_order_and_commits(mini, tmp_path: Path) -> None:
    async def main() -> None:
        async with hosting(mini, tmp_path) as hosted:
            web = free_port()
            serve = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "game", "serve", hosted.url, "--seat", "fc", "--port", str(web),
                cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            )  # fmt: skip
            assert CHROMIUM is not None
            browser = await asyncio.create_subprocess_exec(
                CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
                f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1000", "about:blank",
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            )  # fmt: skip
            try:
                await wait_for_port(web)
                assert browser.stderr is not None
                devtools = None
                async with asyncio.timeout(STARTUP):
                    while devtools is None:
                        line = (await browser.stderr.readline()).decode()
                        found = re.search(r"DevTools listening on (ws://\S+)", line)
                        devtools = found.group(1) if found else None
                async with aiohttp.ClientSession() as http, http.ws_connect(devtools, max_msg_size=0) as ws:
                    await ws.send_str(
                        json.dumps(
                            {"id": 1, "method": "Target.createTarget", "params": {"url": "about:blank"}}
                        )
                    )
                    target = json.loads((await ws.receive()).data)["result"]["targetId"]
                    await ws.send_str(
                        json.dumps(
                            {
                                "id": 2,
                                "method": "Target.attachToTarget",
                                "params": {"targetId": target, "flatten": True},
                            }
                        )
                    )
                    session = None
                    while session is None:
                        message = json.loads((await ws.receive()).data)
                        session = (
                            message.get("result", {}).get("sessionId") if message.get("id") == 2 else None
                        )
                    page = Page(ws, session)
                    await page.send("Page.navigate", url=f"http://127.0.0.1:{web}/")
                    await asyncio.sleep(1)
                    async with asyncio.timeout(STARTUP):
                        while not await page.focus_terminal():
                            await asyncio.sleep(0.3)
                    # the seat's code screen starts behind the page; type the code until the host has the seat
                    async with asyncio.timeout(STARTUP):
                        while "force_commander" not in hosted.host.leases:
                            await page.focus_terminal()
                            await page.type(hosted.codes["force_commander"])
                            await page.key("Enter", 13)
                            await until(lambda: "force_commander" in hosted.host.leases, seconds=8)
                    await asyncio.sleep(2)  # the board draws
                    await page.type("o")
                    await page.key("ArrowDown", 40)
                    await page.key("Enter", 13)
                    await until(lambda: bool(hosted.host.game.pending_orders()), seconds=30)
                    assert len(hosted.host.game.pending_orders()) == 1
                    await page.type("c")
                    await asyncio.sleep(1)
                    await page.type("y")
                    await until(lambda: "force_commander" in hosted.host.committed, seconds=30)
                    assert "force_commander" in hosted.host.committed
            finally:
                for process in (browser, serve):
                    with contextlib.suppress(ProcessLookupError):
                        process.terminate()
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(20):
                            await process.wait()
                    if process.returncode is None:
                        process.kill()

    asyncio.run(main())
