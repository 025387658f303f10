"""The contract base refuses, once for every request schema, what no client should send."""
import pytest
from marshmallow import fields

from services.common.contract_schema import StrictSchema, json_type_errors


class Slot(StrictSchema):
    starts = fields.AwareDateTime(required=True)
    seats = fields.Integer()


class Example(StrictSchema):
    name = fields.String()
    name_kana = fields.String()
    description = fields.String()
    tags = fields.List(fields.String())
    labels = fields.Dict(keys=fields.String(), values=fields.String())
    answers = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True))
    slots = fields.Integer()
    hours = fields.Float()
    public = fields.Boolean()
    on = fields.Date()
    at = fields.AwareDateTime()
    slot = fields.Nested(Slot)
    more = fields.List(fields.Nested(Slot))


def errors_of(data: dict) -> dict:
    return Example().validate(data)


GOOD = {"name": "美和ふれあいサロン", "name_kana": "ﾐﾜﾌﾚｱｲｻﾛﾝ", "description": "一行目\n二行目\tタブ",
        "tags": ["防災"], "labels": {"色": "赤"}, "slots": 3, "hours": 1.5, "public": True,
        "on": "1900-01-01", "at": "2199-12-31T23:59:59+09:00",
        "slot": {"starts": "2026-12-06T10:00:00+09:00", "seats": 2}}


def test_ordinary_japanese_text_numbers_and_dates_pass():
    assert errors_of(GOOD) == {}


@pytest.mark.parametrize("text", ["\x00", "a\x07b", "\x1b[31m", "\x7f", "\x85", "\ud800", "a\udfffb", "\uffff"])
def test_control_characters_and_lone_surrogates_are_refused_in_every_string(text):
    errors = errors_of({"description": text, "tags": [text], "labels": {text: "x", "y": text}})
    assert set(errors) == {"description", "tags", "labels"}
    assert "control characters" in errors["description"][0]


@pytest.mark.parametrize("override", ["\u202e", "\u202a", "\u2066", "\u2069"])
def test_bidi_overrides_are_refused_in_names_but_not_in_free_text(override):
    errors = errors_of({"name": f"美和{override}サロン", "name_kana": override,
                        "description": f"説明{override}"})
    assert set(errors) == {"name", "name_kana"}


@pytest.mark.parametrize("field, value", [
    ("on", "1899-12-31"), ("on", "0001-01-01"), ("on", "9999-12-31"), ("on", "2200-01-01"),
    ("at", "0001-01-01T00:00:00+09:00"), ("at", "9999-12-31T23:59:59-09:00"),
    ("at", "1887-06-01T00:00:00+09:00")])
def test_dates_outside_1900_to_2199_are_refused(field, value):
    assert field in errors_of({field: value})


def test_dates_inside_nested_schemas_are_bounded_too():
    errors = errors_of({"slot": {"starts": "0001-01-01T00:00:00+00:00"},
                        "more": [{"starts": "2026-01-01T00:00:00Z"}, {"starts": "9999-01-01T00:00:00Z"}]})
    assert "starts" in errors["slot"] and 1 in errors["more"] and 0 not in errors["more"]


def test_integers_beyond_what_json_and_databases_hold_are_refused():
    assert "slots" in errors_of({"slots": 2 ** 63})
    assert "slots" in errors_of({"slots": str(10 ** 30)})
    assert errors_of({"slots": 2 ** 53 - 1}) == {}
    assert "hours" in errors_of({"hours": 1e300}) and "hours" in errors_of({"hours": "-1e16"})
    assert errors_of({"hours": 1e15}) == {}


def test_json_bodies_get_strict_types_but_query_strings_stay_text():
    body = {"slots": 1.5, "hours": "1", "public": "true", "slot": {"starts": "x", "seats": "2"},
            "more": [{"starts": "x", "seats": 2}, {"starts": "x", "seats": True}]}
    errors = json_type_errors(Example(), body)
    assert set(errors) == {"slots", "hours", "public", "slot", "more"}
    assert set(errors["slot"]) == {"seats"} and set(errors["more"]) == {1}
    assert json_type_errors(Example(), {"slots": 2, "hours": 1, "public": False, "name": None}) == {}
    # The same schema reads a query string's text as numbers.
    assert errors_of({"slots": "10"}) == {}


def test_free_form_values_are_checked_all_the_way_down():
    assert errors_of({"answers": {"q1": "はい", "q2": ["a", "b"], "q3": 4, "q4": None}}) == {}
    for bad in ("\x00", ["ok", "\ud800"], {"nested": ["\x1b"]}, 2 ** 64, [1e300]):
        assert "answers" in errors_of({"answers": {"q1": bad}}), bad
