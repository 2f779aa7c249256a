"""Talent flows derived from links: a person who left (or was formerly at) A and joined B moved
from A to B, with its date, pay and evidence; conflicts between articles are flagged; moves are
summed organization pair by pair, told person by person, and counted in a matrix."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from talent.values import format_money, same_money

EXIT_RELATIONS = ("left", "formerly_at")
ENTRY_RELATIONS = ("joined",)
PAY_RELATIONS = ("joined", "offered_by")
UNKNOWN = "?"  # an end of a move no article names


@dataclass(frozen=True)
class Evidence:
    """Where a link was read: its evidence claim, or the person's first mention there."""

    document_id: str
    title: str
    start: int
    end: int
    is_claim: bool = False  # the range is a claim's, shown whole; else a mention's sentence


@dataclass(frozen=True)
class LinkFact:
    """A link with the names and the evidence the flows need."""

    id: int
    person: str
    person_name: str
    org: str
    org_name: str
    relation: str
    date: str | None
    amount: dict | None
    note: str
    evidence: Evidence
    person_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pay:
    """One sum a person was offered by the organization they moved to."""

    amount: dict
    note: str
    evidence: Evidence

    def describe(self) -> str:
        return format_money(self.amount) + (f" {self.note}" if self.note else "")


@dataclass
class Move:
    """A person's move from one organization to another (either end may be unknown)."""

    person: str
    person_name: str
    origin: str | None
    origin_name: str
    destination: str | None
    destination_name: str
    date: str | None
    pay: list[Pay] = field(default_factory=list)  # largest first: the "in all" figure leads
    evidence: list[Evidence] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    person_aliases: tuple[str, ...] = ()

    @property
    def total(self) -> dict | None:
        """The largest sum known: an article's "in all" figure outweighs its parts."""
        return self.pay[0].amount if self.pay else None

    def pay_text(self) -> str:
        """The total, then its parts: `$400M ($80M signing bonus; $320M equity)`."""
        if not self.pay:
            return ""
        head, *parts = self.pay
        parts = [p for p in parts if not same_money(p.amount, head.amount)]
        inner = "; ".join(p.describe() for p in parts)
        return head.describe() + (f" ({inner})" if inner else "")

    @cached_property
    def search_text(self) -> str:
        """What a filter matches against, folded once."""
        names = (self.person_name, *self.person_aliases, self.origin_name, self.destination_name)
        return " ".join((*names, self.date or "")).casefold()


def derive_moves(facts: Iterable[LinkFact]) -> list[Move]:
    """Every move the links imply, with conflicts flagged; ordered by date, then person."""
    by_person: dict[str, list[LinkFact]] = defaultdict(list)
    for fact in facts:
        by_person[fact.person].append(fact)
    moves = [move for person_facts in by_person.values() for move in _moves_of(person_facts)]
    return sorted(moves, key=lambda m: (m.date or "9999", m.person_name, m.destination_name))


def filter_moves(moves: Iterable[Move], query: str) -> list[Move]:
    """The moves whose person (or an alias), organizations or date hold every word of the
    query, in any case ('openai meta 2025')."""
    words = query.casefold().split()
    return [m for m in moves if all(word in m.search_text for word in words)]


def _moves_of(facts: list[LinkFact]) -> list[Move]:
    exits = _by_org(f for f in facts if f.relation in EXIT_RELATIONS)
    entries = _by_org(f for f in facts if f.relation in ENTRY_RELATIONS)
    if not exits and not entries:
        return []
    first = facts[0]
    moves = []
    for destination, joined in entries.items() or [(None, [])]:
        origins = [(o, left) for o, left in exits.items() if o != destination] or [(None, [])]
        for origin, left in origins:
            pay = _pay(facts, destination)
            move = Move(
                first.person,
                first.person_name,
                origin,
                left[0].org_name if left else UNKNOWN,
                destination,
                joined[0].org_name if joined else UNKNOWN,
                _earliest(joined) or _earliest(left),
                sorted(pay, key=lambda p: -(p.amount.get("amount") or 0)),
                _unique([f.evidence for f in (*left, *joined)] + [p.evidence for p in pay]),
                person_aliases=first.person_aliases,
            )
            move.conflicts = _conflicts(move, left, joined, entries)
            moves.append(move)
    return moves


def _by_org(facts: Iterable[LinkFact]) -> dict[str, list[LinkFact]]:
    grouped: dict[str, list[LinkFact]] = {}
    for fact in facts:
        grouped.setdefault(fact.org, []).append(fact)
    return grouped


def _earliest(facts: list[LinkFact]) -> str | None:
    return min((f.date for f in facts if f.date), default=None)


def _pay(facts: list[LinkFact], destination: str | None) -> list[Pay]:
    return [
        Pay(f.amount, f.note, f.evidence)
        for f in facts
        if f.org == destination and f.relation in PAY_RELATIONS and f.amount
    ]


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    return list(dict.fromkeys(evidence))


def _conflicts(
    move: Move, left: list[LinkFact], joined: list[LinkFact], entries: dict[str, list[LinkFact]]
) -> list[str]:
    """What the articles disagree on about this move."""
    found = []
    # Pay: each article's largest figure is its total; two articles' totals should agree.
    totals: dict[str, Pay] = {}
    for pay in move.pay:
        totals.setdefault(pay.evidence.document_id, pay)
    heads = list(totals.values())
    for other in heads[1:]:
        if not same_money(heads[0].amount, other.amount):
            found.append(
                f"pay differs: {format_money(heads[0].amount)} in «{heads[0].evidence.title}», "
                f"{format_money(other.amount)} in «{other.evidence.title}»"
            )
    # Destination: another article has the person join somewhere else, with no dates to order
    # the two moves.
    for org, others in entries.items():
        if org == move.destination or not joined:
            continue
        apart = {f.evidence.document_id for f in others} - {f.evidence.document_id for f in joined}
        dated = move.date and _earliest(others) and move.date != _earliest(others)
        if apart and not dated:
            found.append(f"also said to have joined {others[0].org_name}")
    # Dates: a join before the leave it follows.
    left_on, joined_on = _earliest(left), _earliest(joined)
    if left_on and joined_on and _before(joined_on, left_on):
        found.append(f"joined ({joined_on}) before leaving ({left_on})")
    return found


def _before(a: str, b: str) -> bool:
    """Whether date a is strictly before date b at the precision both have (2025 is not before
    2025-07)."""
    common = min(len(a), len(b))
    return a[:common] < b[:common]


@dataclass(frozen=True)
class PairSummary:
    """The moves from one organization to another: how many people, and their known pay."""

    origin_name: str
    destination_name: str
    people: int
    paid: int  # people whose pay is known (in the most common currency)
    total: dict | None
    median: dict | None


def pair_summaries(moves: Iterable[Move]) -> list[PairSummary]:
    """Organizations pair by pair, the most people first."""
    pairs: dict[tuple[str, str], list[Move]] = defaultdict(list)
    for move in moves:
        pairs[(move.origin_name, move.destination_name)].append(move)
    summaries = []
    for (origin, destination), group in pairs.items():
        people = {m.person for m in group}
        totals = {m.person: m.total for m in group if m.total}
        currencies = Counter(t.get("currency") for t in totals.values())
        currency = currencies.most_common(1)[0][0] if currencies else None
        known = [t for t in totals.values() if t.get("currency") == currency]
        amounts = [t["amount"] for t in known]
        bound = any(t.get("at_least") for t in known)
        summaries.append(
            PairSummary(
                origin,
                destination,
                len(people),
                len(known),
                _sum_value(sum(amounts), currency, bound) if known else None,
                _sum_value(statistics.median(amounts), currency, bound) if known else None,
            )
        )
    return sorted(summaries, key=lambda s: (-s.people, s.origin_name, s.destination_name))


def _sum_value(amount: float, currency: str | None, at_least: bool) -> dict:
    value = {"amount": amount, "currency": currency, "per": None}
    return value | ({"at_least": True} if at_least else {})


def timeline(facts: Iterable[LinkFact], person: str) -> list[LinkFact]:
    """A person's links in date order (undated ones last, in the order they were made)."""
    mine = [f for f in facts if f.person == person]
    return sorted(mine, key=lambda f: (f.date is None, f.date or "", f.id))


def flow_matrix(moves: Iterable[Move], limit: int) -> tuple[list[str], list[str], Counter]:
    """The `limit` busiest origins and destinations, and people counted per (origin,
    destination)."""
    counts: Counter = Counter()
    for move in moves:
        counts[(move.origin_name, move.destination_name)] += 1
    origins, destinations = Counter(), Counter()
    for (origin, destination), n in counts.items():
        origins[origin] += n
        destinations[destination] += n
    return (
        [name for name, _ in origins.most_common(limit)],
        [name for name, _ in destinations.most_common(limit)],
        counts,
    )
