"""The direction of dependency: talent imports neither textual nor sqlite; store not textual."""

import ast
import statistics
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


PACKAGES = ("talent", "store", "tui")
MAX_LINES = 400
MEDIAN_LINES = 150


def project_modules() -> dict[str, Path]:
    """Every module of the three packages by dotted name (a package by its __init__)."""
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def import_graph() -> dict[str, set[str]]:
    """Which project modules each module imports, anywhere in it (inside functions and
    TYPE_CHECKING blocks too: a lazy import still ties the two modules together)."""
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_itself_through_others():
    assert circles(import_graph()) == []


def test_modules_are_small():
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in project_modules().items()
    }
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
    assert statistics.median(sizes.values()) < MEDIAN_LINES


def test_the_app_module_names_no_dialog():
    """The reader's keys open the dialogs; the app only wires the reader and the services."""
    source = (ROOT / "tui" / "app.py").read_text(encoding="utf-8")
    dialogs = [p.stem for p in (ROOT / "tui" / "screens").glob("*.py") if p.stem != "help_screen"]
    assert [d for d in dialogs if d in source and d != "__init__"] == []
