"""Standing in an organization, always answered as of a date."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.core.intervals import Interval
from accord.registry.rules import (
    Holding,
    PostOn,
    Standing,
    overlapping_standing,
    parties_with_status,
    post_on,
    standing_on,
    status_valid_for,
)

D = dt.date

# India: observer until 2017-06-08, member from 2017-06-09 (open).
# Mongolia: observer from 2004-06-17 (open). Sri Lanka: dialogue partner 2009-06-16..2025-08-31.
STANDINGS = [
    Standing("CN", "member", Interval(D(2001, 6, 15))),
    Standing("IN", "observer", Interval(D(2005, 7, 5), D(2017, 6, 8))),
    Standing("IN", "member", Interval(D(2017, 6, 9))),
    Standing("MN", "observer", Interval(D(2004, 6, 17))),
    Standing("LK", "dialogue-partner", Interval(D(2009, 6, 16), D(2025, 8, 31))),
]


def test_the_day_before_joining_the_party_still_holds_its_old_status():
    assert standing_on(STANDINGS, D(2017, 6, 8))["IN"] == "observer"


def test_on_the_day_of_joining_the_party_holds_its_new_status():
    assert standing_on(STANDINGS, D(2017, 6, 9))["IN"] == "member"


def test_on_the_last_day_of_a_standing_the_party_still_holds_it():
    assert standing_on(STANDINGS, D(2025, 8, 31))["LK"] == "dialogue-partner"


def test_the_day_after_a_standing_ends_the_party_holds_none():
    assert "LK" not in standing_on(STANDINGS, D(2025, 9, 1))


def test_before_any_standing_the_party_is_left_out():
    assert "IN" not in standing_on(STANDINGS, D(2005, 7, 4))
    assert standing_on(STANDINGS, D(2001, 6, 14)) == {}


def test_members_are_counted_as_of_the_date():
    assert parties_with_status(STANDINGS, D(2017, 6, 8), ["member"]) == ["CN"]
    assert parties_with_status(STANDINGS, D(2017, 6, 9), ["member"]) == ["CN", "IN"]


def test_parties_with_any_of_several_statuses_are_sorted_by_code():
    on = D(2017, 6, 8)
    assert parties_with_status(STANDINGS, on, ["observer", "dialogue-partner"]) == [
        "IN",
        "LK",
        "MN",
    ]


def test_no_wanted_status_gives_no_parties():
    assert parties_with_status(STANDINGS, D(2019, 5, 15), []) == []


def test_consecutive_standings_of_one_party_do_not_overlap():
    assert overlapping_standing(STANDINGS) is None


def test_two_standings_of_one_party_sharing_a_day_overlap():
    observer = Standing("IN", "observer", Interval(D(2005, 7, 5), D(2017, 6, 9)))
    member = Standing("IN", "member", Interval(D(2017, 6, 9)))
    assert overlapping_standing([observer, member]) == (observer, member)


def test_an_open_standing_overlaps_any_later_one_of_the_same_party():
    observer = Standing("IR", "observer", Interval(D(2005, 7, 5)))
    member = Standing("IR", "member", Interval(D(2023, 7, 4)))
    assert overlapping_standing([member, observer]) == (member, observer)


def test_standings_of_different_parties_may_overlap():
    assert (
        overlapping_standing(
            [
                Standing("CN", "member", Interval(D(2001, 6, 15))),
                Standing("RU", "member", Interval(D(2001, 6, 15))),
            ]
        )
        is None
    )


MERGED_AWAY = D(2025, 8, 31)  # observers and dialogue partners became partners
INTRODUCED = D(2025, 9, 1)


def test_a_status_merged_away_cannot_hold_an_open_ended_membership():
    reason = status_valid_for(None, MERGED_AWAY, Interval(D(2004, 6, 17)))
    assert reason == "exists only until 2025-08-31; end the membership by then"


def test_a_status_merged_away_cannot_outlast_its_last_day():
    assert status_valid_for(None, MERGED_AWAY, Interval(D(2004, 6, 17), D(2025, 9, 1)))


def test_a_status_merged_away_may_be_held_up_to_its_last_day():
    assert status_valid_for(None, MERGED_AWAY, Interval(D(2004, 6, 17), MERGED_AWAY)) is None


def test_a_status_introduced_later_cannot_start_before_it_exists():
    reason = status_valid_for(INTRODUCED, None, Interval(D(2025, 8, 31)))
    assert reason == "exists only from 2025-09-01"


def test_a_status_introduced_later_may_start_on_its_first_day():
    assert status_valid_for(INTRODUCED, None, Interval(INTRODUCED)) is None


def test_a_status_without_limits_fits_any_interval():
    assert status_valid_for(None, None, Interval(D(1900, 1, 1))) is None


# -- posts: who holds one, since when it is vacant, who is appointed next ----------------

NOROV = Holding("norov", Interval(D(2019, 1, 1), D(2021, 12, 31)), appointed=D(2018, 6, 10))
ZHANG = Holding("zhang", Interval(D(2022, 1, 1), D(2024, 12, 31)))  # no appointment date
ACTING = Holding("acting", Interval(D(2025, 2, 1), D(2025, 5, 31)), acting=True)
NEXT = Holding("next", Interval(D(2025, 9, 1)), appointed=D(2025, 7, 4))
TERMS = [NOROV, ZHANG, ACTING, NEXT]


def test_the_next_holder_is_told_only_from_the_appointment():
    assert post_on(TERMS, D(2018, 6, 9)) == PostOn(None, None, None)
    assert post_on(TERMS, D(2018, 6, 10)).next == NOROV
    assert post_on(TERMS, D(2018, 12, 31)).next == NOROV


def test_a_term_without_an_appointment_date_is_known_from_its_start_only():
    assert post_on(TERMS, D(2021, 12, 31)) == PostOn(NOROV, None, None)
    assert post_on(TERMS, D(2022, 1, 1)) == PostOn(ZHANG, None, None)


def test_a_post_is_vacant_from_the_day_after_a_term_ends_until_the_next_begins():
    assert post_on(TERMS, D(2025, 1, 1)) == PostOn(None, None, D(2025, 1, 1))
    assert post_on(TERMS, D(2025, 8, 31)) == PostOn(None, NEXT, D(2025, 1, 1))
    assert post_on(TERMS, D(2025, 9, 1)) == PostOn(NEXT, None, None)


def test_an_acting_holder_does_not_end_the_vacancy():
    assert post_on(TERMS, D(2025, 3, 1)) == PostOn(ACTING, None, D(2025, 1, 1))
    assert post_on(TERMS, D(2025, 6, 1)).vacant_since == D(2025, 1, 1)


def test_a_full_term_comes_before_an_acting_one_on_the_same_day():
    overlapping = Holding("a", Interval(D(2020, 1, 1), D(2020, 3, 1)), acting=True)
    assert post_on([overlapping, NOROV], D(2020, 2, 1)).holder == NOROV


@st.composite
def holdings(draw) -> list[Holding]:
    found = []
    for key in range(draw(st.integers(0, 6))):
        start = draw(st.dates(D(2000, 1, 1), D(2030, 12, 31)))
        end = draw(st.none() | st.dates(start, D(2031, 12, 31)))
        appointed = draw(st.none() | st.dates(D(1999, 1, 1), start))
        found.append(Holding(str(key), Interval(start, end), appointed, draw(st.booleans())))
    return found


@given(holdings(), st.dates(D(1999, 1, 1), D(2032, 12, 31)))
def test_a_post_on_a_date_uses_only_the_terms_appointed_by_then(terms, day):
    known = [h for h in terms if (h.appointed or h.interval.start) <= day]
    answer = post_on(terms, day)
    assert answer == post_on(known, day)
    for told in (answer.holder, answer.next):
        assert told is None or told in known
    if answer.next is not None:
        assert answer.next.interval.start > day
    if answer.vacant_since is not None:
        assert answer.holder is None or answer.holder.acting
        assert answer.vacant_since <= day
