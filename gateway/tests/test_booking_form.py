"""The room booking form's date and times become the API's city-time timestamps, and the API's
messages on starts_at / ends_at are said beside the form's own fields."""
from gateway.console.facility_screens import _booking_errors, _moment, _valid_date


def test_a_date_and_a_clock_time_are_a_japan_time_timestamp():
    assert _moment("2027-01-13", "10:00") == "2027-01-13T10:00:00+09:00"
    assert _moment("2027-01-13", "23:30") == "2027-01-13T23:30:00+09:00"


def test_what_does_not_parse_goes_to_the_api_as_typed_for_its_message():
    assert _moment("2027-13-01", "10:00") == "2027-13-01T10:00"
    assert _moment("2027-01-13", "25:00") == "2027-01-13T25:00"


def test_the_apis_fields_are_shown_beside_start_end_and_a_missing_date():
    errors = {"starts_at": ["required"], "ends_at": ["on the half hour"], "attendees": ["too many"]}
    shown = _booking_errors(errors, {"date": ""})
    assert shown == {"start": ["required"], "date": ["required"], "end": ["on the half hour"],
                     "attendees": ["too many"]}
    assert "date" not in _booking_errors({"starts_at": ["past"]}, {"date": "2027-01-13"})


def test_only_a_real_date_chooses_the_week_shown():
    assert _valid_date("2027-01-13") == "2027-01-13"
    assert _valid_date("") is None and _valid_date("2027-02-30") is None
