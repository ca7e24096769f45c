"""Chairmanship: who chairs on a date, and whom the rotation proposes next."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.bodies.rules import (
    Term,
    calendar_year_term,
    chair_on,
    next_chair,
    overlapping_terms,
    propose_next,
    rotation_order,
)
from accord.core.intervals import Interval

D = dt.date

# Summit to summit: China 2017-06-09..2018-06-10, Kyrgyzstan 2018-06-11..2019-06-14,
# then a gap (not recorded), then Russia from 2019-07-01 (open).
TERMS = [
    Term("CN", Interval(D(2017, 6, 9), D(2018, 6, 10))),
    Term("KG", Interval(D(2018, 6, 11), D(2019, 6, 14))),
    Term("RU", Interval(D(2019, 7, 1))),
]


def test_the_chair_on_the_first_day_of_a_term_is_its_party():
    assert chair_on(TERMS, D(2018, 6, 11)) == "KG"


def test_the_chair_on_the_last_day_of_a_term_is_still_its_party():
    assert chair_on(TERMS, D(2018, 6, 10)) == "CN"
    assert chair_on(TERMS, D(2019, 6, 14)) == "KG"


def test_the_chair_in_a_gap_between_terms_is_unknown():
    assert chair_on(TERMS, D(2019, 6, 15)) is None
    assert chair_on(TERMS, D(2019, 6, 30)) is None


def test_the_chair_before_the_first_term_is_unknown():
    assert chair_on(TERMS, D(2017, 6, 8)) is None


def test_an_open_term_covers_every_later_day():
    assert chair_on(TERMS, D(2019, 7, 1)) == "RU"
    assert chair_on(TERMS, D(2040, 1, 1)) == "RU"


def test_no_terms_means_no_chair():
    assert chair_on([], D(2019, 5, 15)) is None


def test_consecutive_terms_do_not_overlap():
    assert overlapping_terms(TERMS) is None


def test_terms_sharing_a_day_overlap():
    late = Term("KZ", Interval(D(2019, 6, 14), D(2019, 6, 30)))
    assert overlapping_terms([*TERMS, late]) == (TERMS[1], late)


NAMES = {
    "CN": {"en": "China", "ru": "Китай"},
    "IN": {"en": "India", "ru": "Индия"},
    "KG": {"en": "Kyrgyzstan", "ru": "Кыргызстан"},
    "KZ": {"en": "Kazakhstan", "ru": "Казахстан"},
    "PK": {"en": "Pakistan", "ru": "Пакистан"},
    "RU": {"en": "Russia", "ru": "Россия"},
    "TJ": {"en": "Tajikistan", "ru": "Таджикистан"},
    "UZ": {"en": "Uzbekistan", "ru": "Узбекистан"},
}
MEMBERS = ["RU", "CN", "UZ", "KZ", "PK", "KG", "TJ", "IN"]


def name_of(code: str, language: str) -> str:
    return NAMES[code][language]


def test_russian_alphabetical_order_follows_the_russian_names():
    order = rotation_order(MEMBERS, "russian-alphabetical", name_of, [])
    # Индия, Казахстан, Китай, Кыргызстан, Пакистан, Россия, Таджикистан, Узбекистан
    assert order == ["IN", "KZ", "CN", "KG", "PK", "RU", "TJ", "UZ"]


def test_english_alphabetical_order_follows_the_english_names():
    order = rotation_order(MEMBERS, "english-alphabetical", name_of, [])
    # China, India, Kazakhstan, Kyrgyzstan, Pakistan, Russia, Tajikistan, Uzbekistan
    assert order == ["CN", "IN", "KZ", "KG", "PK", "RU", "TJ", "UZ"]


def test_alphabetical_order_ignores_case():
    names = {"AA": "bravo", "BB": "Alpha"}
    order = rotation_order(["AA", "BB"], "english-alphabetical", lambda c, _: names[c], [])
    assert order == ["BB", "AA"]


def test_sequence_order_follows_the_given_sequence():
    order = rotation_order(["KZ", "CN", "RU"], "sequence", name_of, ["RU", "KZ", "CN"])
    assert order == ["RU", "KZ", "CN"]


def test_sequence_order_skips_parties_that_are_not_members():
    order = rotation_order(["KZ", "CN"], "sequence", name_of, ["RU", "KZ", "TJ", "CN"])
    assert order == ["KZ", "CN"]


def test_sequence_order_puts_members_missing_from_it_last_by_code():
    order = rotation_order(["UZ", "KZ", "CN", "IN"], "sequence", name_of, ["KZ"])
    assert order == ["KZ", "CN", "IN", "UZ"]


def test_rotation_order_lists_each_member_once_even_if_given_twice():
    assert rotation_order(["KZ", "KZ", "CN"], "sequence", name_of, []) == ["CN", "KZ"]


def test_a_sequence_naming_a_party_twice_counts_its_first_mention():
    order = rotation_order(["KZ", "CN", "RU"], "sequence", name_of, ["KZ", "CN", "KZ", "RU"])
    assert order == ["KZ", "CN", "RU"]


def test_a_sequence_naming_a_party_twice_still_rotates_through_every_member():
    order = rotation_order(["KZ", "CN", "RU"], "sequence", name_of, ["KZ", "CN", "KZ", "RU"])
    visited, current = [], "KZ"
    for _ in range(3):
        current = propose_next(order, current)
        visited.append(current)
    assert sorted(visited) == ["CN", "KZ", "RU"]


ORDER = ["CN", "KG", "KZ", "RU", "UZ"]  # sorted by code, as the sequence rule may give


def test_the_next_chair_is_the_member_after_the_current_one():
    assert propose_next(ORDER, "KG") == "KZ"


def test_after_the_last_member_the_rotation_wraps_to_the_first():
    assert propose_next(ORDER, "UZ") == "CN"


def test_without_a_current_chair_the_first_member_is_proposed():
    assert propose_next(ORDER, None) == "CN"


def test_with_no_members_nobody_is_proposed():
    assert propose_next([], "KG") is None
    assert propose_next([], None) is None


def test_a_current_chair_no_longer_a_member_is_followed_by_the_next_in_order():
    assert propose_next(ORDER, "KH") == "KZ"


def test_a_departed_chair_sorting_after_everyone_wraps_to_the_first_member():
    assert propose_next(ORDER, "ZW") == "CN"


def test_a_single_member_is_proposed_after_itself():
    assert propose_next(["KG"], "KG") == "KG"


def test_a_calendar_year_term_is_the_year_after_the_one_the_term_ends_in():
    after = Interval(D(2018, 6, 11), D(2019, 6, 14))
    assert calendar_year_term(after) == Interval(D(2020, 1, 1), D(2020, 12, 31))


def test_a_calendar_year_term_after_an_open_term_follows_its_start_year():
    assert calendar_year_term(Interval(D(2019, 7, 1))) == Interval(D(2020, 1, 1), D(2020, 12, 31))


codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2)


@given(data=st.data(), members=st.lists(codes, min_size=1, max_size=12, unique=True))
def test_the_rotation_visits_every_member_once_per_cycle(data, members):
    start = data.draw(st.sampled_from(members))
    visited = []
    current = start
    for _ in members:
        current = propose_next(members, current)
        visited.append(current)
    assert sorted(visited) == sorted(members)
    assert visited[-1] == start


# -- who chairs next, as known on a date ---------------------------------------------------

BRICS = ["BR", "RU", "IN", "CN", "ZA"]


def year(party: str, y: int, decided_on: dt.date | None = None) -> Term:
    return Term(party, Interval(D(y, 1, 1), D(y, 12, 31)), decided_on)


def test_a_recorded_future_term_is_the_next_chair_not_the_rotations_proposal():
    terms = [year("ZA", 2023), year("RU", 2024), year("BR", 2025)]  # the 2024/2025 swap
    found = next_chair(terms, D(2024, 6, 1), BRICS, kind="calendar-year")
    assert (found.party, found.decided, found.after) == ("BR", terms[2], terms[1])


def test_a_term_decided_at_a_meeting_is_next_only_from_the_meeting_date():
    decided = Term("RU", Interval(D(2019, 6, 15), D(2020, 11, 10)), decided_on=D(2019, 6, 14))
    terms = [Term("KG", Interval(D(2018, 6, 11), D(2019, 6, 14))), decided]
    order = ["KG", "CN", "RU"]
    before = next_chair(terms, D(2019, 6, 13), order)
    assert (before.party, before.decided) == ("CN", None)  # what the rotation proposes
    assert before.interval == Interval(D(2019, 6, 15))
    after = next_chair(terms, D(2019, 6, 14), order)
    assert (after.party, after.decided) == ("RU", decided)


def test_after_the_last_recorded_term_the_rotation_continues_the_sequence():
    terms = [year("BR", 2019), year("RU", 2020), year("IN", 2021)]
    for day in (D(2021, 6, 1), D(2022, 3, 1), D(2030, 1, 1)):
        found = next_chair(terms, day, BRICS, kind="calendar-year")
        assert (found.party, found.after, found.decided) == ("CN", terms[2], None)
        assert found.interval == Interval(D(2022, 1, 1), D(2022, 12, 31))


def test_a_chair_chosen_by_decision_out_of_turn_is_followed_by_its_successor_in_the_order():
    terms = [year("BR", 2019), year("CN", 2020, decided_on=D(2019, 3, 1))]
    assert next_chair(terms, D(2019, 2, 1), BRICS, kind="calendar-year").party == "RU"
    assert next_chair(terms, D(2019, 3, 1), BRICS, kind="calendar-year").party == "CN"
    assert next_chair(terms, D(2020, 5, 1), BRICS, kind="calendar-year").party == "ZA"


def test_without_an_order_only_a_decided_successor_is_told():
    assert next_chair([year("BR", 2019)], D(2019, 5, 1), None).party is None


@st.composite
def chair_terms(draw) -> list[Term]:
    found = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.dates(D(2000, 1, 1), D(2030, 12, 31)))
        end = draw(st.none() | st.dates(start, D(2031, 12, 31)))
        decided_on = draw(st.none() | st.dates(D(1999, 1, 1), D(2032, 12, 31)))
        found.append(Term(draw(st.sampled_from(BRICS)), Interval(start, end), decided_on))
    return found


@given(
    chair_terms(), st.dates(D(1999, 1, 1), D(2032, 12, 31)), st.sampled_from(["", "calendar-year"])
)
def test_the_next_chair_on_a_date_uses_only_the_terms_decided_by_then(terms, day, kind):
    known = [t for t in terms if t.decided_on is None or t.decided_on <= day]
    found = next_chair(terms, day, BRICS, kind=kind)
    assert found == next_chair(known, day, BRICS, kind=kind)
    assert found.decided is None or (found.decided in known and found.decided.interval.start > day)
    assert found.after is None or (found.after in known and found.after.interval.start <= day)
