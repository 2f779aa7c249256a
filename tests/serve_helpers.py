"""Running the team server for a test, and finding the app processes it started."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TIMEOUT = 60.0  # seconds: a shared machine may be slow to start Chromium or an app


def wait_for(condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> object:
    """Poll until the condition holds (returning what it returned); fail naming what was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(db_path: Path) -> Iterator[int]:
    """`talent-tui serve` on a free loopback port until the block ends; yields the port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--db", str(db_path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def listening() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"the server ended: {process.stderr.read().decode()}")
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    try:
        wait_for(listening, "the server to listen")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def app_processes(db_path: Path, annotator: str) -> list[int]:
    """The app processes running on this database as this annotator (their command lines)."""
    wanted = ["--db", str(db_path.resolve()), "--annotator", annotator]
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if any(args[i : i + 4] == wanted for i in range(len(args))):
            found.append(int(cmdline.parent.name))
    return found
