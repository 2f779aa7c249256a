"""Talent flows derived from links: a person who left (or was formerly at) A and joined (or
founded) B moved from A to B, with its date, pay and evidence; a dated departure that leads to
no join is a move to where the person is next known to be (or an unknown end); conflicts between articles are flagged; moves are
summed organization pair by pair, told person by person, and counted in a matrix."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from talent.values import format_money, same_money

EXIT_RELATIONS = ("left", "formerly_at")
# Founding a firm is moving to it, as joining one is.
ENTRY_RELATIONS = ("joined", "founded")
PAY_RELATIONS = ("joined", "offered_by")
UNKNOWN = "?"  # an end of a move no article names


# Plain slotted dataclasses, not frozen ones: tens of thousands are made each time the flows
# open, and a frozen one takes twice as long to build. Treat them as immutable.
@dataclass(slots=True, unsafe_hash=True)
class Evidence:
    """Where a link was read: the range of its evidence claim; without one, the document alone,
    where the person's first mention is looked up when the evidence is shown."""

    document_id: str
    title: str
    start: int = 0
    end: int = 0
    person: str = ""  # whose first mention stands for the evidence, when there is no claim

    @property
    def is_claim(self) -> bool:
        return self.end > self.start


@dataclass(slots=True)
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


@dataclass(slots=True)
class Pay:
    """One sum a person was offered by the organization they moved to."""

    amount: dict
    note: str
    evidence: Evidence

    def describe(self) -> str:
        return format_money(self.amount) + (f" {self.note}" if self.note else "")


@dataclass(slots=True)
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
    search_text: str = ""  # what a filter matches: names, aliases and date, case-folded

    @property
    def total(self) -> dict | None:
        """The largest sum known: an article's "in all" figure outweighs its parts."""
        return self.pay[0].amount if self.pay else None

    def article_titles(self) -> str:
        """The titles of the articles the move was read in, each once."""
        return "; ".join(dict.fromkeys(e.title for e in self.evidence))

    def pay_text(self) -> str:
        """The total, then its parts: `$400M ($80M signing bonus; $320M equity)`."""
        if not self.pay:
            return ""
        head, *parts = self.pay
        parts = [p for p in parts if not same_money(p.amount, head.amount)]
        inner = "; ".join(p.describe() for p in parts)
        return head.describe() + (f" ({inner})" if inner else "")


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


@dataclass(slots=True)
class _Stint:
    """What one person's links of one kind (exits or entries) say about one organization."""

    org: str
    name: str
    facts: tuple[LinkFact, ...]
    earliest: str | None
    documents: frozenset[str]


def _stints(facts: list[LinkFact]) -> tuple[dict[str, _Stint], dict[str, _Stint]]:
    """A person's exits and entries, organization by organization."""
    exits: dict[str, list[LinkFact]] = {}
    entries: dict[str, list[LinkFact]] = {}
    for fact in facts:
        if fact.relation in EXIT_RELATIONS:
            exits.setdefault(fact.org, []).append(fact)
        elif fact.relation in ENTRY_RELATIONS:
            entries.setdefault(fact.org, []).append(fact)
    return _as_stints(exits), _as_stints(entries)


def _as_stints(grouped: dict[str, list[LinkFact]]) -> dict[str, _Stint]:
    stints = {}
    for org, group in grouped.items():
        dates = [f.date for f in group if f.date]
        stints[org] = _Stint(
            org,
            group[0].org_name,
            tuple(group),
            min(dates) if dates else None,
            frozenset(f.evidence.document_id for f in group),
        )
    return stints


def _moves_of(facts: list[LinkFact]) -> list[Move]:
    exits, entries = _stints(facts)
    if not exits and not entries:
        return []
    first = facts[0]
    person = " ".join((first.person_name, *first.person_aliases))
    offers = _pay_by_org(facts)
    moves = []
    origins_used: set[str] = set()
    for entry in list(entries.values()) or [None]:
        pay = offers.get(entry.org, []) if entry else []
        # What the articles disagree on about this join holds for each origin it may have.
        disagreements = _pay_conflicts(pay) + (
            _destination_conflicts(entry, entries) if entry else []
        )
        for exit_ in _origins(exits, entry):
            if exit_:
                origins_used.add(exit_.org)
            origin_name = exit_.name if exit_ else UNKNOWN
            destination_name = entry.name if entry else UNKNOWN
            date = (entry and entry.earliest) or (exit_ and exit_.earliest) or None
            evidence = [f.evidence for stint in (exit_, entry) if stint for f in stint.facts]
            moves.append(
                Move(
                    first.person,
                    first.person_name,
                    exit_.org if exit_ else None,
                    origin_name,
                    entry.org if entry else None,
                    destination_name,
                    date,
                    pay,
                    list(dict.fromkeys(evidence + [p.evidence for p in pay])),
                    disagreements + _date_conflicts(exit_, entry),
                    first.person_aliases,
                    f"{person} {origin_name} {destination_name} {date or ''}".casefold(),
                )
            )
    # A dated departure no join came from is still a move: to where the person is next known
    # to have been (a later stint elsewhere), else to `?`.
    for exit_ in exits.values():
        departed = [f.date for f in exit_.facts if f.relation == "left" and f.date]
        if exit_.org in origins_used or not departed:
            continue
        when = min(departed)
        later = [
            stint
            for stint in (*exits.values(), *entries.values())
            if stint.org != exit_.org and stint.earliest and _before(when, stint.earliest)
        ]
        nxt = min(later, key=lambda stint: stint.earliest or "") if later else None
        destination_name = nxt.name if nxt else UNKNOWN
        moves.append(
            Move(
                first.person,
                first.person_name,
                exit_.org,
                exit_.name,
                nxt.org if nxt else None,
                destination_name,
                when,
                [],
                list(dict.fromkeys(f.evidence for f in exit_.facts)),
                [],
                first.person_aliases,
                f"{person} {exit_.name} {destination_name} {when}".casefold(),
            )
        )
    return moves


def _origins(exits: dict[str, _Stint], entry: _Stint | None) -> list[_Stint | None]:
    """Where a join came from: the latest organization left on or before it; without dates,
    every organization left (each a possible move); none known, an unknown origin."""
    candidates = [e for e in exits.values() if entry is None or e.org != entry.org]
    if not candidates:
        return [None]
    if entry is None or entry.earliest is None:
        return candidates
    latest_before = earliest_after = None
    undated = []
    for exit_ in candidates:
        if exit_.earliest is None:
            undated.append(exit_)
        elif not _before(entry.earliest, exit_.earliest):
            if latest_before is None or exit_.earliest > latest_before.earliest:
                latest_before = exit_
        elif earliest_after is None or exit_.earliest < earliest_after.earliest:
            earliest_after = exit_
    if latest_before is not None:
        return [latest_before]
    # Every dated exit after the join: the earliest, which the conflicts then flag.
    return undated or [earliest_after]


def _pay_by_org(facts: list[LinkFact]) -> dict[str, list[Pay]]:
    """What the person was offered, organization by organization, largest first."""
    offers: dict[str, list[Pay]] = {}
    for f in facts:
        if f.amount and f.relation in PAY_RELATIONS:
            offers.setdefault(f.org, []).append(Pay(f.amount, f.note, f.evidence))
    for pay in offers.values():
        pay.sort(key=lambda p: -(p.amount.get("amount") or 0))
    return offers


def _pay_conflicts(pay: list[Pay]) -> list[str]:
    """Each article's largest figure is its total; two articles' totals should agree."""
    totals: dict[str, Pay] = {}
    for offer in pay:
        totals.setdefault(offer.evidence.document_id, offer)
    first, *others = list(totals.values()) or [None]
    return [
        f"pay differs: {format_money(first.amount)} in «{first.evidence.title}», "
        f"{format_money(other.amount)} in «{other.evidence.title}»"
        for other in others
        if not same_money(first.amount, other.amount)
    ]


def _destination_conflicts(entry: _Stint, entries: dict[str, _Stint]) -> list[str]:
    """Another article has the person join somewhere else, with no dates to order the two."""
    return [
        f"also said to have joined {other.name}"
        for other in entries.values()
        if other.org != entry.org
        and other.documents - entry.documents
        and not (entry.earliest and other.earliest and entry.earliest != other.earliest)
    ]


def _date_conflicts(exit_: _Stint | None, entry: _Stint | None) -> list[str]:
    """A join dated before the leave it follows."""
    if not (exit_ and entry and exit_.earliest and entry.earliest):
        return []
    if _before(entry.earliest, exit_.earliest):
        return [f"joined ({entry.earliest}) before leaving ({exit_.earliest})"]
    return []


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
