"""The bundled gazetteer (talent/data/gazetteer.tsv) and a fast matcher over its aliases."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from talent.recognize.base import Mention

ORIGIN = "gazetteer"


@dataclass(frozen=True)
class Entry:
    """One real entity: its label, canonical name and the aliases it goes by."""

    label: str
    name: str
    aliases: tuple[str, ...]


def _gazetteer_text() -> str:
    return resources.files("talent").joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")


@cache
def bundled_entries() -> tuple[Entry, ...]:
    """Every entry of the bundled gazetteer."""
    entries = []
    for line in _gazetteer_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, name, *rest = line.split("\t")
        aliases = [name] + [a for a in (rest[0].split("|") if rest else []) if a]
        entries.append(Entry(label, name, tuple(dict.fromkeys(aliases))))
    return tuple(entries)


def gazetteer_version() -> str:
    """A short hash of the gazetteer, part of the recognizer's version."""
    return hashlib.sha256(_gazetteer_text().encode("utf-8")).hexdigest()[:8]


def trie_pattern(words: list[str]) -> str:
    """A regex matching any of the words, longest first, that shares prefixes (fast to run)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        # Greedy optional: the longer alias is tried first.
        return f"(?:{body})?"
    return body


def _is_latin(alias: str) -> bool:
    return alias.isascii()


_LATIN_TOKEN = re.compile(r"[A-Za-z0-9]+")
_LATIN_WORD_CHAR = re.compile(r"[A-Za-z0-9_&]")


class Gazetteer:
    """Matches known aliases: Chinese ones anywhere, Latin ones as whole words. Latin aliases of
    four or more characters ignore case ("Deepseek" for "DeepSeek") but must start capitalised."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.by_alias: dict[str, Entry] = {}
        for entry in entries:
            for alias in entry.aliases:
                self.by_alias.setdefault(alias, entry)
        han = [a for a in self.by_alias if not _is_latin(a)]
        self._han = re.compile(trie_pattern(han)) if han else None
        # Latin aliases by their first alphanumeric run, lowercased, longest first.
        self._latin: dict[str, list[tuple[str, str]]] = {}
        for alias in self.by_alias:
            first = _LATIN_TOKEN.match(alias) if _is_latin(alias) else None
            if first:
                self._latin.setdefault(first.group().lower(), []).append((alias.lower(), alias))
        for candidates in self._latin.values():
            candidates.sort(key=lambda pair: -len(pair[0]))

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """(start, end, entry) of every alias in the text; overlaps are left to the caller."""
        found = []
        if self._han:
            found += [
                (m.start(), m.end(), self.by_alias[m.group()]) for m in self._han.finditer(text)
            ]
        covered = 0
        for token in _LATIN_TOKEN.finditer(text):
            start = token.start()
            candidates = self._latin.get(token.group().lower())
            if not candidates or start < covered:
                continue
            if start and (text[start - 1] in ".&-" or _LATIN_WORD_CHAR.match(text, start - 1)):
                continue
            for folded, alias in candidates:
                end = start + len(alias)
                piece = text[start:end]
                exact = piece == alias
                # Short aliases (US, MIT) must match exactly; long ones may differ in case only
                # when written capitalised, so "meta-analysis" or "apple" are not names.
                if not exact and (
                    len(alias) < 4
                    or piece.lower() != folded
                    or not (piece[0].isupper() or piece[0].isdigit())
                ):
                    continue
                if _LATIN_WORD_CHAR.match(text, end) or (
                    text[end : end + 1] == "-" and _LATIN_WORD_CHAR.match(text, end + 1)
                ):
                    continue
                found.append((start, end, self.by_alias[alias]))
                covered = end
                break
        return found

    def mentions(self, text: str, priority: int = 3) -> list[Mention]:
        """The matches as mentions."""
        return [
            Mention(s, e, entry.label, ORIGIN, None, priority) for s, e, entry in self.find(text)
        ]


@cache
def bundled_gazetteer() -> Gazetteer:
    """The matcher over the bundled gazetteer, built once."""
    return Gazetteer(bundled_entries())


@cache
def _entries_by_alias() -> dict[tuple[str, str], Entry]:
    return {
        (entry.label, alias.casefold()): entry
        for entry in bundled_entries()
        for alias in entry.aliases
    }


def entry_for(label: str, text: str) -> Entry | None:
    """The gazetteer entry that knows this text as one of its aliases, if any."""
    return _entries_by_alias().get((label, text.casefold()))
