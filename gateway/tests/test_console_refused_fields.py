"""Which API answers put a console form back on screen with its field errors."""

from gateway.console.app import PageContext
from gateway.dispatch import Outcome


def test_a_422_naming_fields_gives_them_back():
    errors = {"title": ["Missing data for required field."]}
    assert PageContext.refused_fields(Outcome(422, {"errors": errors}, False)) == errors


def test_a_422_without_field_errors_is_not_a_form_refusal():
    assert PageContext.refused_fields(Outcome(422, {"detail": "bad cursor"}, False)) is None
    assert PageContext.refused_fields(Outcome(422, {"errors": {}}, False)) is None


def test_other_answers_are_not_form_refusals():
    for status in (200, 201, 404, 409, 503):
        assert PageContext.refused_fields(Outcome(status, {"errors": {"x": ["y"]}}, False)) is None
