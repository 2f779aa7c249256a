"""The team server under a team's load: 20 simulated browser sessions (websocket clients on
loopback, speaking textual-serve's protocol as its page does) each log in and, at a fast
annotator's pace (a key every half second), accept the span under the cursor and undo it, over
and over: every key a saved action. Printed: keys and saved accepts per second held, key
latency (a key sent to the first screen bytes back) median and max after the first two seconds,
and memory per session; against, in the same run, one session in the browser path and the app
in a terminal (a pty, timed the same way: a key written to the first bytes back).

usage: bench_serve.py [--sessions 20] [--seconds 20] [--pace 0.5] [--smoke]"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import pty
import select
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import aiohttp
from timing import size

from store.users import add_user
from store.workspace import open_store

PASSWORD = "bench-password"
KEYS = ("a", "u")  # accept the span under the cursor, undo it: each key a saved action
WARM_UP = 2.0  # seconds of each session not counted in the maximum
QUIET = 0.05  # seconds without output: the screen has settled after a key


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=size(20, 2))
    parser.add_argument("--seconds", type=float, default=size(20, 3))
    parser.add_argument("--pace", type=float, default=0.5, help="seconds between a session's keys")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "team.db"
        names = make_team(db_path, args.sessions)
        terminal = terminal_latencies(db_path, args.seconds, args.pace)
        with server(db_path) as served:
            one = asyncio.run(load(served, db_path, names[:1], args.seconds, args.pace))
            many = asyncio.run(load(served, db_path, names, args.seconds, args.pace))
    rows = [
        ("terminal (pty), 1 session", terminal, None),
        ("browser path, 1 session", one["latencies"], one),
        (f"browser path, {args.sessions} sessions", many["latencies"], many),
    ]
    print(
        f"{'':34} {'keys/s':>8} {'accepts/s':>10} {'median ms':>10} {'max ms':>8} {'MB/session':>11}"
    )
    for name, latencies, result in rows:
        median, worst = _figures(latencies)
        keys = f"{result['keys'] / args.seconds:8.1f}" if result else f"{'':8}"
        accepts = f"{result['accepts'] / args.seconds:10.1f}" if result else f"{'':10}"
        memory = f"{result['mb_per_session']:11.0f}" if result else f"{'':11}"
        print(f"{name:34} {keys} {accepts} {median:10.1f} {worst:8.1f} {memory}")
    ratio = _figures(many["latencies"])[0] / max(_figures(terminal)[0], 1e-9)
    print(f"key median, {args.sessions} browser sessions / terminal: {ratio:.2f}x")
    print(f"server process: {many['server_mb']:.0f} MB")
    print(
        f"{args.sessions} sessions logged in and settled (first paint, jieba loaded) in "
        f"{many['settled_s']:.1f} s"
    )
    return 0


def make_team(db_path: Path, sessions: int) -> list[str]:
    """The seeds' database with a user a session and one for the terminal."""
    db = open_store(db_path)
    names = [f"u{i:02}" for i in range(1, sessions + 1)]
    for name in [*names, "terminal"]:
        add_user(db, name, PASSWORD)
    db.close()
    return names


class server:
    """`talent-tui serve` on a free loopback port, for the `with` block."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def __enter__(self) -> server:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = [sys.executable, "-m", "tui.cli", "serve", "--db", str(self.db_path)]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not _listening(self.port):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


async def load(
    served: server, db_path: Path, names: list[str], seconds: float, pace: float
) -> dict:
    """Every session at once for `seconds`; what they did, how fast, and what it cost."""
    before = _accepts(db_path)
    async with aiohttp.ClientSession() as http:
        opened = time.perf_counter()
        sockets = await asyncio.gather(*(_open(http, served.port, name) for name in names))
        # Each app loads jieba's dictionary after its first paint: typing starts once all rest.
        await asyncio.to_thread(_wait_idle, db_path)
        settled = time.perf_counter() - opened
        apps_mb = _app_memory_mb(db_path)
        results = await asyncio.gather(*(_type(ws, seconds, pace) for ws in sockets))
        server_mb = _rss_mb(served.process.pid)
        for ws in sockets:
            await ws.close()
    return {
        "latencies": [lat for keys, lats in results for lat in lats],
        "keys": sum(keys for keys, _ in results),
        "accepts": _accepts(db_path) - before,
        "mb_per_session": apps_mb / len(names),
        "server_mb": server_mb,
        "settled_s": settled,
    }


async def _open(http: aiohttp.ClientSession, port: int, name: str):
    """Log in as a browser does, open the app's websocket, wait for the first screen."""
    base = f"http://127.0.0.1:{port}"
    async with http.post(
        f"{base}/login", data={"name": name, "password": PASSWORD}, allow_redirects=False
    ) as response:
        cookie = response.cookies["talent_session"].value
    ws = await http.ws_connect(
        f"ws://127.0.0.1:{port}/ws?width=160&height=48",
        headers={"Cookie": f"talent_session={cookie}"},
    )
    await _settle(ws, first_timeout=60)
    return ws


async def _settle(ws, first_timeout: float) -> float | None:
    """Wait for output, then for QUIET seconds without any; the time to the first bytes."""
    started = time.perf_counter()
    first = None
    timeout = first_timeout
    while True:
        try:
            message = await ws.receive(timeout=timeout)
        except TimeoutError:
            return first
        if message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise SystemExit("the server closed a session")
        if message.type == aiohttp.WSMsgType.BINARY and first is None:
            first = time.perf_counter() - started
            timeout = QUIET
        elif first is not None:
            timeout = QUIET


async def _type(ws, seconds: float, pace: float) -> tuple[int, list[float]]:
    """A key every `pace` seconds (or as soon as the screen settles, if slower), for `seconds`;
    the latencies after the warm-up."""
    started = time.perf_counter()
    latencies, keys = [], 0
    while time.perf_counter() - started < seconds:
        await _settle(ws, first_timeout=0.001)  # what came after the last key settled
        sent = time.perf_counter()
        await ws.send_str(json.dumps(["stdin", KEYS[keys % len(KEYS)]]))
        latency = await _settle(ws, first_timeout=10)
        keys += 1
        if latency is not None and time.perf_counter() - started > WARM_UP:
            latencies.append(latency)
        await asyncio.sleep(max(0.0, pace - (time.perf_counter() - sent)))
    return keys, latencies


def terminal_latencies(db_path: Path, seconds: float, pace: float) -> list[float]:
    """The same keys to the app in a pty, timed the same way."""
    command = [sys.executable, "-m", "tui.cli", "--db", str(db_path), "--annotator", "terminal"]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app in a 160x48 terminal
        fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8")
        os.execv(command[0], command)
    try:
        _read_settled(fd, 60)
        started, latencies, keys = time.perf_counter(), [], 0
        while time.perf_counter() - started < seconds:
            _read_settled(fd, 0.001)  # what came after the last key settled
            sent = time.perf_counter()
            os.write(fd, KEYS[keys % len(KEYS)].encode())
            latency = _read_settled(fd, 10)
            keys += 1
            if latency is not None and time.perf_counter() - started > WARM_UP:
                latencies.append(latency)
            time.sleep(max(0.0, pace - (time.perf_counter() - sent)))
        os.write(fd, b"q")
        _read_settled(fd, 5)
    finally:
        os.close(fd)
        os.waitpid(pid, 0)
    return latencies


def _read_settled(fd: int, first_timeout: float) -> float | None:
    started, first, timeout = time.perf_counter(), None, first_timeout
    while True:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return first
        try:
            os.read(fd, 65536)
        except OSError:
            return first
        if first is None:
            first = time.perf_counter() - started
        timeout = QUIET


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _accepts(db_path: Path) -> int:
    """Accepts saved so far (each its own action in the log)."""
    db = open_store(db_path, suggest=False, create=False)
    try:
        return db.execute(
            "SELECT count(*) FROM actions WHERE description LIKE 'accept %'"
        ).fetchone()[0]
    finally:
        db.close()


def _app_pids(db_path: Path) -> list[int]:
    """The app processes the server started on this database (not the terminal's)."""
    wanted = str(db_path.resolve()).encode()
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"tui.cli" in args and wanted in args and not {b"serve", b"terminal"} & set(args):
            pids.append(int(cmdline.parent.name))
    return pids


def _app_memory_mb(db_path: Path) -> float:
    """The resident memory of every app process the server started on this database."""
    return sum(_rss_mb(pid) for pid in _app_pids(db_path))


def _wait_idle(db_path: Path, timeout: float = 120) -> None:
    """Until the apps together use under a tenth of a core for half a second."""
    deadline = time.monotonic() + timeout
    ticks = os.sysconf("SC_CLK_TCK")
    before = _cpu_ticks(db_path)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_ticks(db_path)
        if (now - before) / ticks < 0.05:
            return
        before = now


def _cpu_ticks(db_path: Path) -> int:
    total = 0
    for pid in _app_pids(db_path):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def _rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def _figures(latencies: list[float]) -> tuple[float, float]:
    if not latencies:
        return float("nan"), float("nan")
    return statistics.median(latencies) * 1000, max(latencies) * 1000


if __name__ == "__main__":
    sys.exit(main())
