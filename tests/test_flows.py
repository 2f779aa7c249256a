"""Moves derived from links, their pay and conflicts, pair summaries and timelines."""

from talent.flows import (
    Evidence,
    LinkFact,
    derive_moves,
    flow_matrix,
    pair_summaries,
    timeline,
)
from talent.recognize.figures import parse_amount

ZH = Evidence("zh", "美国一周内吸引4位中国顶尖AI人才", 10, 40)
EN = Evidence("en", "Meta hires four", 5, 50)

_ids = iter(range(1, 10_000))


def fact(person, org, relation, evidence=ZH, date=None, amount=None, note="", name=None):
    return LinkFact(
        next(_ids),
        person,
        name or person,
        org,
        org,
        relation,
        date,
        parse_amount(amount) if amount else None,
        note,
        evidence,
    )


def test_left_and_joined_make_a_move_with_the_total_and_its_parts():
    facts = [
        fact("于佳慧", "OpenAI", "formerly_at"),
        fact("于佳慧", "Meta", "joined", amount="4亿美元", note="in all"),
        fact("于佳慧", "Meta", "offered_by", amount="8000万美元", note="signing bonus"),
        fact("于佳慧", "Meta", "offered_by", amount="3.2亿美元", note="equity"),
    ]
    [move] = derive_moves(facts)
    assert (move.origin_name, move.destination_name) == ("OpenAI", "Meta")
    assert move.total == {"amount": 400_000_000, "currency": "USD", "per": None}
    assert move.pay_text() == "$400M in all ($320M equity; $80M signing bonus)"
    assert move.conflicts == []
    assert move.evidence == [ZH]


def test_a_move_with_an_unknown_end():
    [joined_only] = derive_moves([fact("A", "Meta", "joined")])
    [left_only] = derive_moves([fact("B", "OpenAI", "left")])
    assert (joined_only.origin_name, joined_only.destination_name) == ("?", "Meta")
    assert (left_only.origin_name, left_only.destination_name) == ("OpenAI", "?")
    assert derive_moves([fact("C", "Meta", "works_at")]) == []


def test_the_same_amount_in_two_currencies_and_languages_is_no_conflict():
    facts = [
        fact("Yu", "OpenAI", "left"),
        fact("Yu", "Meta", "joined", amount="1亿美元"),
        fact("Yu", "Meta", "joined", evidence=EN, amount="$100 million"),
    ]
    [move] = derive_moves(facts)
    assert move.conflicts == []


def test_two_articles_with_different_pay_are_flagged():
    facts = [
        fact("Yu", "OpenAI", "left"),
        fact("Yu", "Meta", "joined", amount="4亿美元"),
        fact("Yu", "Meta", "joined", evidence=EN, amount="$300 million"),
    ]
    [move] = derive_moves(facts)
    assert move.conflicts == [
        "pay differs: $400M in «美国一周内吸引4位中国顶尖AI人才», $300M in «Meta hires four»"
    ]


def test_a_lower_bound_agrees_with_a_larger_sum():
    facts = [
        fact("Zhao", "Meta", "joined", amount="1.2亿美元以上"),
        fact("Zhao", "Meta", "joined", evidence=EN, amount="$150 million"),
    ]
    assert derive_moves(facts)[0].conflicts == []


def test_two_destinations_in_two_articles_are_flagged():
    facts = [
        fact("Ren", "OpenAI", "left"),
        fact("Ren", "Meta", "joined"),
        fact("Ren", "Google", "joined", evidence=EN),
    ]
    moves = derive_moves(facts)
    assert {m.destination_name for m in moves} == {"Meta", "Google"}
    assert all(m.conflicts for m in moves)
    assert (
        "also said to have joined Google"
        in next(m for m in moves if m.destination_name == "Meta").conflicts
    )


def test_a_join_dated_before_the_leave_is_flagged():
    facts = [
        fact("Bi", "OpenAI", "left", date="2025-07"),
        fact("Bi", "Meta", "joined", date="2025-06-20"),
    ]
    assert derive_moves(facts)[0].conflicts == ["joined (2025-06-20) before leaving (2025-07)"]
    same_month = [
        fact("Bi", "OpenAI", "left", date="2025-07"),
        fact("Bi", "Meta", "joined", date="2025"),
    ]
    assert derive_moves(same_month)[0].conflicts == []


def test_pairs_count_people_and_sum_known_pay():
    facts = [fact(p, "OpenAI", "formerly_at") for p in ("于佳慧", "赵盛佳", "毕树超", "任泓宇")] + [
        fact("于佳慧", "Meta", "joined", amount="4亿美元"),
        fact("赵盛佳", "Meta", "joined", amount="1.2亿美元以上"),
        fact("毕树超", "Meta", "joined", amount="1.2亿美元以上"),
        fact("任泓宇", "Meta", "joined"),
    ]
    [pair] = pair_summaries(derive_moves(facts))
    assert (pair.origin_name, pair.destination_name, pair.people, pair.paid) == (
        "OpenAI",
        "Meta",
        4,
        3,
    )
    assert pair.total["amount"] == 640_000_000 and pair.total["at_least"]
    assert pair.median["amount"] == 120_000_000


def test_a_timeline_is_in_date_order_with_undated_links_last():
    facts = [
        fact("Yu", "Meta", "joined"),
        fact("Yu", "Google", "formerly_at", date="2019"),
        fact("Yu", "OpenAI", "left", date="2025-06"),
        fact("Zhao", "Meta", "joined", date="2001"),
    ]
    assert [f.org for f in timeline(facts, "Yu")] == ["Google", "OpenAI", "Meta"]


def test_the_matrix_counts_people_between_the_busiest_organizations():
    facts = [fact(p, "OpenAI", "left") for p in "abc"] + [fact(p, "Meta", "joined") for p in "abc"]
    facts += [fact("d", "Google", "left"), fact("d", "Anthropic", "joined")]
    origins, destinations, counts = flow_matrix(derive_moves(facts), limit=1)
    assert (origins, destinations) == (["OpenAI"], ["Meta"])
    assert counts[("OpenAI", "Meta")] == 3 and counts[("Google", "Anthropic")] == 1


def test_with_dates_a_join_comes_from_the_last_organization_left_before_it():
    facts = [
        fact("Yu", "Google", "formerly_at", date="2019"),
        fact("Yu", "OpenAI", "left", date="2024-05"),
        fact("Yu", "Meta", "joined", date="2025-06"),
    ]
    [move] = derive_moves(facts)
    assert (move.origin_name, move.destination_name) == ("OpenAI", "Meta")
    undated = [
        fact("Li", "Google", "formerly_at"),
        fact("Li", "OpenAI", "left"),
        fact("Li", "Meta", "joined"),
    ]
    assert {m.origin_name for m in derive_moves(undated)} == {"Google", "OpenAI"}


def _route(moves) -> list[tuple[str, str, str | None]]:
    return [(m.origin_name, m.destination_name, m.date) for m in moves]


def test_every_dated_departure_is_a_move_and_founding_is_a_destination():
    tata = [
        fact("Mistry", "Tata Sons", "joined", date="2012"),
        fact("Mistry", "Tata Sons", "left", date="2016"),
        fact("Mistry", "Shapoorji Pallonji", "founded", date="2017"),
    ]
    assert _route(derive_moves(tata)) == [
        ("?", "Tata Sons", "2012"),
        ("Tata Sons", "Shapoorji Pallonji", "2017"),
    ]
    # Left with nowhere named next: a move to an unknown end, dated when it happened.
    assert _route(derive_moves(tata[:2])) == [
        ("?", "Tata Sons", "2012"),
        ("Tata Sons", "?", "2016"),
    ]


def test_a_departure_before_a_later_one_leads_to_that_organization():
    chain = [
        fact("Ng", "Baidu", "left", date="2016"),
        fact("Ng", "Landing AI", "left", date="2018"),
        fact("Ng", "Coursera", "joined", date="2020"),
    ]
    assert _route(derive_moves(chain)) == [
        ("Baidu", "Landing AI", "2016"),
        ("Landing AI", "Coursera", "2020"),
    ]
