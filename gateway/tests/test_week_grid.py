"""The room calendar's week grid: city time (JST, no daylight saving), bookings over several
hours or across midnight, week boundaries, free hours."""
from datetime import date, datetime, timedelta, timezone

from gateway.console.week_grid import (CITY_TIME, FREE, NOT_FREE, PARTLY_FREE, Span, monday_of,
                                       opening_hours, parse_moment, week_grid)

WEDNESDAY = date(2027, 1, 13)
MONDAY = date(2027, 1, 11)


def jst(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CITY_TIME)


def span(starts: datetime, ends: datetime, name: str = "b") -> Span:
    return Span(starts, ends, {"id": name})


def cell(grid, day: date, hour: int):
    return grid.rows[grid.hours.index(hour)][grid.days.index(day)]


def test_any_day_opens_its_week_from_monday_with_links_a_week_either_way():
    grid = week_grid(WEDNESDAY, (9, 21), [], [])
    assert grid.monday == MONDAY and monday_of(MONDAY) == MONDAY
    assert grid.days[0] == MONDAY and grid.days[-1] == date(2027, 1, 17) and len(grid.days) == 7
    assert grid.previous_week == date(2027, 1, 4) and grid.next_week == date(2027, 1, 18)
    assert grid.hours == tuple(range(9, 21))
    assert grid.starts_at == jst(MONDAY, 0) and grid.ends_at - grid.starts_at == timedelta(days=7)


def test_year_end_week_crosses_into_the_new_year():
    grid = week_grid(date(2026, 12, 31), (9, 21), [], [])
    assert grid.monday == date(2026, 12, 28) and grid.days[-1] == date(2027, 1, 3)


def test_opening_hours_round_a_half_hour_close_up():
    assert opening_hours("09:00", "21:00") == (9, 21)
    assert opening_hours("08:30", "17:30") == (8, 18)


def test_utc_timestamps_land_in_city_time_without_daylight_saving():
    # 01:00 UTC is 10:00 in Tokyo, in January and in July alike
    assert parse_moment("2027-01-13T01:00:00+00:00") == jst(WEDNESDAY, 10)
    assert parse_moment("2027-07-14T01:00:00+00:00").hour == 10
    booked = span(parse_moment("2027-01-13T01:00:00+00:00"), parse_moment("2027-01-13T03:00:00+00:00"))
    grid = week_grid(WEDNESDAY, (9, 21), [booked], [])
    assert [h for h in grid.hours if cell(grid, WEDNESDAY, h).bookings] == [10, 11]


def test_a_booking_over_several_hours_is_named_once_and_marks_every_hour_it_touches():
    booked = span(jst(WEDNESDAY, 10, 30), jst(WEDNESDAY, 12, 30))
    grid = week_grid(MONDAY, (9, 21), [booked], [])
    touched = [h for h in grid.hours if cell(grid, WEDNESDAY, h).bookings]
    assert touched == [10, 11, 12]
    assert [cell(grid, WEDNESDAY, h).bookings[0].first for h in touched] == [True, False, False]
    assert not cell(grid, date(2027, 1, 14), 10).bookings  # the next day is untouched


def test_a_booking_across_midnight_is_named_again_at_the_top_of_the_next_day():
    late = span(jst(WEDNESDAY, 20), jst(date(2027, 1, 14), 10))
    grid = week_grid(MONDAY, (9, 21), [late], [])
    assert grid.hours == tuple(range(0, 24))  # widened: the hours it covers are shown
    assert cell(grid, WEDNESDAY, 20).bookings[0].first
    assert cell(grid, WEDNESDAY, 23).bookings and not cell(grid, WEDNESDAY, 23).bookings[0].first
    assert cell(grid, date(2027, 1, 14), 0).bookings[0].first
    assert cell(grid, date(2027, 1, 14), 9).bookings and not cell(grid, date(2027, 1, 14), 10).bookings


def test_bookings_outside_the_week_are_left_out_and_one_over_its_edge_is_clipped():
    before = span(jst(date(2027, 1, 10), 10), jst(date(2027, 1, 10), 12), "sunday-before")
    after = span(jst(date(2027, 1, 18), 10), jst(date(2027, 1, 18), 12), "monday-after")
    edge = span(jst(date(2027, 1, 17), 20), jst(date(2027, 1, 18), 2), "over-the-edge")
    grid = week_grid(MONDAY, (9, 21), [before, after, edge], [])
    names = {placed.span.item["id"] for row in grid.rows for c in row for placed in c.bookings}
    assert names == {"over-the-edge"}
    assert grid.hours[-1] == 23  # widened to its last hour in the week, not beyond


def test_free_hours_partly_free_and_taken():
    free = [(jst(WEDNESDAY, 9), jst(WEDNESDAY, 10, 30)), (jst(WEDNESDAY, 12), jst(WEDNESDAY, 21))]
    grid = week_grid(MONDAY, (9, 21), [], free)
    assert cell(grid, WEDNESDAY, 9).free == FREE
    assert cell(grid, WEDNESDAY, 10).free == PARTLY_FREE
    assert cell(grid, WEDNESDAY, 11).free == NOT_FREE
    assert cell(grid, WEDNESDAY, 12).free == FREE
    assert cell(grid, MONDAY, 9).free == NOT_FREE  # no free interval given for Monday


def test_free_intervals_given_in_utc_count_the_same():
    utc = timezone.utc
    free = [(datetime(2027, 1, 13, 0, 0, tzinfo=utc), datetime(2027, 1, 13, 1, 0, tzinfo=utc))]
    grid = week_grid(MONDAY, (9, 21), [], free)
    assert cell(grid, WEDNESDAY, 9).free == FREE and cell(grid, WEDNESDAY, 10).free == NOT_FREE


def test_overlapping_bookings_share_a_cell_in_start_order():
    later = span(jst(WEDNESDAY, 10, 30), jst(WEDNESDAY, 11), "later")
    earlier = span(jst(WEDNESDAY, 10), jst(WEDNESDAY, 11), "earlier")
    grid = week_grid(MONDAY, (9, 21), [later, earlier], [])
    assert [p.span.item["id"] for p in cell(grid, WEDNESDAY, 10).bookings] == ["earlier", "later"]
