"""A user's keymap.toml: keys changed by binding id (the ids of tui/keymap.py), checked once at
start. An unknown id, a key another binding of the same screen already has, or a file that is
not TOML is left out and named in one line; every other key applies."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from textual.keys import (
    _normalize_key_list,
)  # Textual's own spelling of keys ("?" -> question_mark)

from talent.display import safe_string
from tui.keymap import CHAINS, GROUPS

KEYMAP_FILE = "keymap.toml"


def keymap_path() -> Path:
    """Where a user's keymap lives: the user config folder (~/.config/talent-tui on Linux)."""
    return platformdirs.user_config_path("talent-tui") / KEYMAP_FILE


def shown_path() -> str:
    """The keymap's path as a user would type it (~ for the home folder)."""
    path, home = keymap_path(), Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


@dataclass
class UserKeymap:
    """The keys a user's file changes, by binding id, and what was left out of it and why."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def problem_line(self, path: Path) -> str:
        """One line for the user naming every problem, or "" when there is none."""
        if not self.problems:
            return ""
        return safe_string(
            f"{path}: " + "; ".join(self.problems) + " (the defaults kept; ? lists ids)"
        )


def _flatten(table: dict, prefix: str = "") -> dict[str, object]:
    """`[reading] accept = "y"` and `reading.accept = "y"` both mean id reading.accept."""
    flat: dict[str, object] = {}
    for name, value in table.items():
        binding_id = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{binding_id}."))
        else:
            flat[binding_id] = value
    return flat


def _keys_of(value: object) -> str | None:
    """A value's keys as Textual writes them ("y" or "y,ctrl+y"), or None if it is no key list."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not value:
        return None
    keys = [item.strip() for item in value if isinstance(item, str)]
    if len(keys) != len(value) or not all(keys):
        return None
    return _normalize_key_list(",".join(keys))


def read_keymap(path: Path) -> UserKeymap:
    """The keymap in `path` (none at all when the file does not exist)."""
    result = UserKeymap()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return result
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        result.problems.append(f"not read ({error})")
        return result
    known = {binding.id: binding for group in GROUPS.values() for binding in group}
    wanted: dict[str, str] = {}
    for binding_id, value in _flatten(table).items():
        keys = _keys_of(value)
        if binding_id not in known:
            result.problems.append(f"unknown id {binding_id!r}")
        elif keys is None:
            result.problems.append(f"{binding_id!r} is not a key or list of keys")
        else:
            wanted[binding_id] = keys
    clashing = _clashes(wanted)
    for binding_id, other in sorted(clashing.items()):
        result.problems.append(f"{binding_id!r} = {wanted[binding_id]!r} is {other}'s key")
    result.keys = {i: k for i, k in wanted.items() if i not in clashing}
    return result


def _clashes(wanted: dict[str, str]) -> dict[str, str]:
    """The ids given a key that another binding live at the same time holds (a key a binding
    already had by default is no clash: `e` is both word end and export, by design)."""
    clashing: dict[str, str] = {}
    for chain in CHAINS:
        holders: dict[str, set[str]] = {}
        for binding in chain:
            for one_key in wanted.get(binding.id, binding.key).split(","):
                holders.setdefault(one_key, set()).add(binding.id)
        for binding in chain:
            if binding.id not in wanted:
                continue
            for one_key in set(wanted[binding.id].split(",")) - set(binding.key.split(",")):
                others = holders[one_key] - {binding.id}
                if others:
                    clashing[binding.id] = min(others)
    return clashing
