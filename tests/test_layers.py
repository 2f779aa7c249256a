"""The direction of dependency: talent imports neither textual nor sqlite; store not textual."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "talent": {"textual", "rich", "sqlite3", "sqlite_utils", "store", "tui"},
    "store": {"textual", "tui"},
}


def imported_modules(package: str) -> set[str]:
    names = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_source_does_not_import_forbidden_layers(package):
    assert imported_modules(package) & FORBIDDEN[package] == set()


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_importing_a_package_loads_no_forbidden_module(package):
    modules = [p.stem for p in (ROOT / package).glob("*.py") if p.stem != "__init__"]
    code = (
        "import sys\n"
        + "".join(f"import {package}.{m}\n" for m in modules)
        + f"print(sorted(set({sorted(FORBIDDEN[package])!r}) & set(m.split('.')[0] for m in sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
