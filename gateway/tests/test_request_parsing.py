"""Request bodies: size and depth bounded, JSON's own types kept, nothing escapes as a 500."""
import json

import pytest
from marshmallow import fields
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from gateway.request_parsing import MAX_JSON_DEPTH, Rejected, json_body, validated
from services.common.contract_schema import StrictSchema


def request_with(data: bytes) -> Request:
    return Request(EnvironBuilder(method="POST", data=data, content_type="application/json").get_environ())


def refused(data: bytes) -> Rejected:
    with pytest.raises(Rejected) as rejection:
        json_body(request_with(data))
    return rejection.value


def test_nesting_deeper_than_the_limit_is_400_however_deep():
    assert refused(b"[" * 30_000 + b"]" * 30_000).status == 400  # would be a RecursionError
    nested = {"a": 1}
    for _ in range(MAX_JSON_DEPTH):
        nested = {"a": nested}
    assert "nested" in refused(json.dumps(nested).encode()).detail
    shallow = {"a": [{"b": [1, 2]}]}
    assert json_body(request_with(json.dumps(shallow).encode())) == shallow


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_javascript_constants_are_not_json(constant):
    assert refused(b'{"a": ' + constant + b"}").status == 400


def test_no_body_at_all_is_an_empty_object_and_another_type_is_415():
    assert json_body(Request(EnvironBuilder(method="POST").get_environ())) == {}
    assert json_body(request_with(b"")) == {}
    assert json_body(Request(EnvironBuilder(method="POST", content_type="text/plain").get_environ())) == {}
    with pytest.raises(Rejected) as rejection:
        json_body(Request(EnvironBuilder(method="POST", data=b"{}", content_type="text/plain").get_environ()))
    assert rejection.value.status == 415


class Booking(StrictSchema):
    attendees = fields.Integer(required=True)


def test_body_numbers_are_strict_and_query_numbers_are_text():
    with pytest.raises(Rejected) as rejection:
        validated(Booking, {"attendees": 1.5}, json_fields={"attendees": 1.5})
    assert rejection.value.status == 422 and "attendees" in rejection.value.errors
    with pytest.raises(Rejected):
        validated(Booking, {"attendees": "2"}, json_fields={"attendees": "2"})
    assert validated(Booking, {"attendees": 2}, json_fields={"attendees": 2}) == {"attendees": 2}
    # From the path or the query string, text is how numbers come.
    assert validated(Booking, {"attendees": "2"}, json_fields={}) == {"attendees": "2"}
