"""Cursors are signed: only what this deployment issued comes back as a sort key."""
import base64
import json

import pytest

from services.common.errors import ValidationFailed
from services.common.pagination import decode_cursor, encode_cursor, page_of

KEY = ["2026-12-02T09:00:00+00:00", "0b7c7f3e-1111-4222-8333-444455556666"]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def test_a_cursor_round_trips_its_key_including_japanese_text():
    key = [1, 0, 3, 4, "美和ふれあいサロン", "o-1"]
    assert decode_cursor(encode_cursor(key)) == key
    assert decode_cursor(encode_cursor(KEY)) == KEY


def test_no_cursor_means_the_first_page():
    assert decode_cursor(None) is None and decode_cursor("") is None


def test_a_full_page_carries_a_cursor_and_a_short_one_does_not():
    assert decode_cursor(page_of(["a", "b"], 2, lambda item: [item]).next_cursor) == ["b"]
    assert page_of(["a"], 2, lambda item: [item]).next_cursor is None


CRAFTED = {
    "unsigned old-style cursor": b64(json.dumps(KEY).encode()),
    "wrong shape, no signature": b64(json.dumps({"a": 1}).encode()),
    "signature of another payload": (b64(json.dumps(["x"]).encode()) + "."
                                     + encode_cursor(KEY).split(".")[1]),
    "tampered payload": b64(json.dumps(["2099-01-01T00:00:00+00:00", KEY[1]]).encode()) + "."
                        + encode_cursor(KEY).split(".")[1],
    "not base64": "!!!.???",
    "non-ASCII": "カーソル",
    "lone surrogate": "\ud800",
    "huge": "A" * 5000,
}


@pytest.mark.parametrize("case", CRAFTED)
def test_a_cursor_this_deployment_did_not_issue_is_a_field_error(case):
    with pytest.raises(ValidationFailed) as refused:
        decode_cursor(CRAFTED[case])
    assert "cursor" in refused.value.fields


def test_a_signed_key_of_the_wrong_shape_is_refused_too(monkeypatch):
    for shape in ({"a": 1}, [], [[1, 2]], [{"x": 1}], "text", list(range(20))):
        with pytest.raises(ValidationFailed):
            decode_cursor(encode_cursor(shape))


def test_cursors_of_another_deployment_are_refused(monkeypatch):
    monkeypatch.setenv("KYODO_CURSOR_KEY", "one deployment")
    issued = encode_cursor(KEY)
    assert decode_cursor(issued) == KEY
    monkeypatch.setenv("KYODO_CURSOR_KEY", "another deployment")
    with pytest.raises(ValidationFailed):
        decode_cursor(issued)


def test_a_cursor_serves_only_the_ordering_that_issued_it():
    search = encode_cursor([1, 0, 3, 4, "防災", "o-1"], ordering="search")
    assert decode_cursor(search, ordering="search") == [1, 0, 3, 4, "防災", "o-1"]
    with pytest.raises(ValidationFailed):
        decode_cursor(search)
    with pytest.raises(ValidationFailed):
        decode_cursor(encode_cursor(KEY), ordering="search")
