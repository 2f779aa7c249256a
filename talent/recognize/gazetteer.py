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


class Gazetteer:
    """Matches known aliases: Chinese ones exactly, Latin ones on word boundaries."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.by_alias: dict[str, Entry] = {}
        for entry in entries:
            for alias in entry.aliases:
                self.by_alias.setdefault(alias, entry)
                if _is_latin(alias) and len(alias) >= 4:
                    # "Deepseek" for "DeepSeek": long Latin names match without regard to case.
                    self.by_alias.setdefault(alias.lower(), entry)
        latin = [a for a in self.by_alias if _is_latin(a)]
        han = [a for a in self.by_alias if not _is_latin(a)]
        exact_latin = [a for a in latin if len(a) < 4]
        folded_latin = [a.lower() for a in latin if len(a) >= 4]
        # ASCII boundaries: in Chinese text a Latin name sits right between Han characters.
        boundary = r"(?<![A-Za-z0-9_.&-])(?:{})(?![A-Za-z0-9_&]|-[A-Za-z0-9])"
        self._latin_exact = (
            re.compile(boundary.format(trie_pattern(exact_latin))) if exact_latin else None
        )
        self._latin_folded = (
            re.compile(boundary.format(trie_pattern(folded_latin)), re.IGNORECASE)
            if folded_latin
            else None
        )
        self._han = re.compile(trie_pattern(han)) if han else None

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """(start, end, entry) of every alias in the text; overlaps are left to the caller."""
        found = []
        if self._han:
            found += [
                (m.start(), m.end(), self.by_alias[m.group()]) for m in self._han.finditer(text)
            ]
        if self._latin_exact:
            found += [
                (m.start(), m.end(), self.by_alias[m.group()])
                for m in self._latin_exact.finditer(text)
            ]
        if self._latin_folded:
            for m in self._latin_folded.finditer(text):
                word = m.group()
                # A lowercase word ("meta-analysis", "apple") is not a name.
                if word[0].isupper() or word[0].isdigit():
                    found.append(
                        (m.start(), m.end(), self.by_alias.get(word) or self.by_alias[word.lower()])
                    )
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
