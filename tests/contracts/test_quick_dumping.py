"""QuickDumper dumps exactly as Schema.dump does: the same dict, in the same order, or the same
error, for every response schema a service answers with, whatever the object holds."""
import datetime as dt
import inspect
import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import Schema, fields

from services.common.audit import AuditContext, current_audit
from services.common.actor import Actor
from services.common.quick_dumping import QuickDumper
from services.matching.contract import responses as matching_responses
from services.notifications.contract import responses as notifications_responses
from services.registry.contract import responses as registry_responses
from services.reports.contract import responses as reports_responses


def response_schemas() -> list[Schema]:
    return [cls() for module in (registry_responses, matching_responses, notifications_responses,
                                 reports_responses)
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Schema) and cls.__module__ == module.__name__]


SCHEMAS = response_schemas()
TOKYO = dt.timezone(dt.timedelta(hours=9))

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**60, max_value=2**60), st.floats(allow_nan=False),
    st.text(max_size=8), st.sampled_from([
        dt.datetime(2026, 4, 1, 9, tzinfo=TOKYO), dt.datetime(2026, 4, 1, 9), dt.date(2026, 4, 1),
        dt.time(9, 30), "2026-04-01", "4039e335-eba7-4d13-8847-8f26c6ada0cd", b"bytes", "verified"]))
values = st.one_of(scalars, st.lists(scalars, max_size=3),
                   st.dictionaries(st.text(max_size=4), scalars, max_size=2),
                   st.builds(lambda **kw: SimpleNamespace(**kw),
                             id=scalars, name=scalars, channel=scalars, value=scalars))


def typical(field: fields.Field):
    if isinstance(field, fields.List):
        return [typical(field.inner)]
    if isinstance(field, fields.Nested):
        nested = field.schema
        item = SimpleNamespace(**{name: typical(f) for name, f in nested.fields.items()})
        return [item] if field.many else item
    examples = {fields.AwareDateTime: dt.datetime(2026, 4, 1, 9, tzinfo=TOKYO),
                fields.DateTime: dt.datetime(2026, 4, 1, 9, tzinfo=TOKYO),
                fields.Date: dt.date(2026, 4, 1), fields.Integer: 3, fields.Float: 1.5,
                fields.Boolean: True, fields.Dict: {"k": 1}, fields.Raw: {"k": [1]}}
    return next((value for kind, value in examples.items() if isinstance(field, kind)), "テキスト")


@st.composite
def objects(draw):
    schema = draw(st.sampled_from(SCHEMAS))
    attributes = {field.attribute or name: typical(field) for name, field in schema.fields.items()}
    for name in draw(st.lists(st.sampled_from(sorted(attributes) or ["none"]), max_size=3, unique=True)):
        if draw(st.booleans()):
            attributes[name] = draw(values)
        else:
            attributes.pop(name, None)
    return schema, SimpleNamespace(**attributes)


def outcome(dump, obj):
    """The dump's repr (keys in order; an object's address, as in a String of a bound method,
    left out), or the error."""
    try:
        return "dumped", re.sub(r" at 0x[0-9a-f]+", "", repr(dump(obj)))
    except Exception as exc:  # the same error, raised by the same field's _serialize
        return "raised", type(exc).__name__, str(exc)


@settings(max_examples=1500, deadline=None)
@given(objects())
def test_quick_dumping_gives_what_schema_dump_gives(case):
    schema, obj = case
    assert outcome(QuickDumper(schema).dump, obj) == outcome(schema.dump, obj)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda schema: type(schema).__name__)
def test_every_response_schema_dumps_a_typical_object_alike(schema):
    obj = SimpleNamespace(**{field.attribute or name: typical(field)
                             for name, field in schema.fields.items()})
    assert outcome(QuickDumper(schema).dump, obj) == outcome(schema.dump, obj)


def test_the_post_dump_hooks_run_as_schema_dump_runs_them():
    """An operator's answer notes the personal fields it returned, for the audit trail."""
    schema = registry_responses.OrganisationSchema()
    organisation = SimpleNamespace(id="o-1", name="会", contacts=[SimpleNamespace(
        channel="email", value="a@example.jp", visibility="public", label="")])
    noted = []
    for dump in (schema.dump, QuickDumper(schema).dump):
        context = AuditContext(Actor("operator", None, "k-1"), "get_organisation", "c-1")
        token = current_audit.set(context)
        try:
            dump(organisation)
        finally:
            current_audit.reset(token)
        noted.append((context.personal_fields, context.object_ids))
    assert noted[0] == noted[1] == ({"Organisation.contacts"}, ["o-1"])


def test_a_mapping_is_dumped_by_schema_dump():
    schema = registry_responses.OrganisationSchema()
    assert QuickDumper(schema).dump({"id": "o-1", "items": 1}) == schema.dump({"id": "o-1", "items": 1})
