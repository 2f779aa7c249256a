"""What the reader's start loads: sqlite-utils without pandas and numpy (a quarter of a second
of a half-second start, for value types talent-tui never stores), the dialogs only when opened."""

from __future__ import annotations

import subprocess
import sys


def run_python(code: str, tmp_path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_command_line_keeps_pandas_and_numpy_out_of_sqlite_utils_but_importable(tmp_path):
    code = (
        "import sys\n"
        "from tui.cli.main import main\n"
        f"main(['stats', '--db', {str(tmp_path / 't.db')!r}, '--create'])\n"
        "import sqlite_utils.db as db\n"
        "print(db.pd is None, db.np is None, 'pandas' in sys.modules)\n"
        "import numpy\n"  # the LAC model needs it later, in a worker
        "print(numpy.__name__)\n"
    )
    assert run_python(code, tmp_path)[-4:] == ["True", "True", "False", "numpy"]


def test_the_reader_loads_no_dialog_before_a_key_opens_one(tmp_path):
    code = (
        "import sys\n"
        "from store.lean_import import import_sqlite_utils_lean\n"
        "import_sqlite_utils_lean()\n"
        "import tui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith('tui.screens.') and "
        "not m.startswith('tui.screens.reader') and m != 'tui.screens.help_screen'))\n"
    )
    assert run_python(code, tmp_path) == ["[]"]


def test_a_bulk_worker_loads_neither_sqlite_utils_nor_pandas(tmp_path):
    # Each worker of a big import would spend 0.35 s and tens of megabytes on them.
    code = (
        "import multiprocessing, os\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from talent.recognize.workers import init_worker\n"
        "spawn = multiprocessing.get_context('spawn')\n"
        "args = ('rules', [], [], os.getpid())\n"
        "with ProcessPoolExecutor(1, mp_context=spawn, initializer=init_worker, initargs=args) as p:\n"
        "    asked = \"sorted({'pandas', 'sqlite_utils'} & set(__import__('sys').modules))\"\n"
        "    print(p.submit(eval, asked).result())\n"
    )
    assert run_python(code, tmp_path) == ["[]"]
