"""QuickLoader loads exactly as Schema.load does: the same dict for what is valid, the same
ValidationError messages for what is not, for every schema a consumer loads incoming events with,
every schema a producer checks its outgoing events with, and every request schema a service
loads its RPC requests with."""
import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, post_load, validate

from services.common.envelope import Envelope
from services.common.event_contracts import EnvelopeSchema
from services.common.quick_loading import QuickLoader
from services.matching.contract import requests as matching_requests
from services.matching.contract.events import PUBLISHED as MATCHING_EVENTS
from services.matching.entrypoints.consumed_events import CONSUMED as MATCHING
from services.notifications.contract import requests as notifications_requests
from services.notifications.entrypoints.consumed_events import CONSUMED as NOTIFICATIONS
from services.registry.contract import requests as registry_requests
from services.registry.contract.events import PUBLISHED as REGISTRY_EVENTS
from services.reports.contract import requests as reports_requests
from services.reports.entrypoints.consumed_events import CONSUMED as REPORTS

SAMPLE_UUID = "4039e335-eba7-4d13-8847-8f26c6ada0cd"


def consumer_schemas() -> list[Schema]:
    schemas = [EnvelopeSchema()]
    for catalogue in (MATCHING, NOTIFICATIONS, REPORTS):
        schemas.extend(contract.schema(unknown=EXCLUDE) for contract in catalogue)
    return schemas


def strict_schemas() -> list[Schema]:
    """What producers check outgoing payloads with, and every service's request schemas."""
    schemas = [contract.schema(unknown=RAISE) for catalogue in (REGISTRY_EVENTS, MATCHING_EVENTS)
               for contract in catalogue]
    for module in (registry_requests, matching_requests, notifications_requests, reports_requests):
        schemas.extend(cls() for _, cls in inspect.getmembers(module, inspect.isclass)
                       if issubclass(cls, Schema) and cls.__module__ == module.__name__
                       and not cls.__name__.startswith("_"))
    return schemas


SCHEMAS = consumer_schemas() + strict_schemas()

# Values of every JSON type, and the near misses a fast path could wrongly take as they are.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**60, max_value=2**60),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from([SAMPLE_UUID, SAMPLE_UUID.upper(), SAMPLE_UUID.replace("-", ""),
                     "{" + SAMPLE_UUID + "}", SAMPLE_UUID + "\n", "urn:uuid:" + SAMPLE_UUID,
                     "2026-04-01T09:00:00+09:00", "2026-04-01T09:00:00", "2026-04-01", "12", "1e3",
                     "verified", "352080", "352081", "registry.organisation_registered", "Bad.Type"]))
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=4), scalars, max_size=2))


def typical(schema: Schema) -> dict:
    """A valid input: each field given a value of its kind."""
    if isinstance(schema, EnvelopeSchema):
        return Envelope("registry.organisation_registered", 1, "registry", {"organisation_id": SAMPLE_UUID},
                        correlation_id="c-1", municipality_code="352080").as_dict()
    return {field.data_key or name: example(field) for name, field in schema.load_fields.items()}


def example(field: fields.Field):
    if isinstance(field, fields.List):
        return [example(field.inner)]
    examples = {fields.UUID: SAMPLE_UUID, fields.Integer: 3, fields.Float: 1.5,
                fields.AwareDateTime: "2026-04-01T09:00:00+09:00", fields.Date: "2026-04-01",
                fields.Dict: {"k": 1}, fields.Boolean: True}
    return next((value for kind, value in examples.items() if isinstance(field, kind)), "text")


@st.composite
def inputs(draw):
    schema = draw(st.sampled_from(SCHEMAS))
    data = typical(schema)
    for key in draw(st.lists(st.sampled_from(sorted(data)), max_size=3, unique=True)):
        if draw(st.booleans()):
            data[key] = draw(values)
        else:
            del data[key]
    if draw(st.booleans()):
        data["added_by_a_newer_release"] = draw(values)
    return schema, data


def outcome(load, data):
    try:
        return "loaded", load(data)
    except ValidationError as exc:
        return "refused", exc.normalized_messages()


@settings(max_examples=1500, deadline=None)
@given(inputs())
def test_quick_loading_gives_what_schema_load_gives(case):
    schema, data = case
    assert outcome(QuickLoader(schema).load, data) == outcome(schema.load, data)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda schema: type(schema).__name__)
def test_every_schema_loads_a_typical_input_alike(schema):
    data = typical(schema)
    assert outcome(QuickLoader(schema).load, data) == outcome(schema.load, data)


@pytest.mark.parametrize("schema", consumer_schemas(), ids=lambda schema: type(schema).__name__)
def test_every_consumer_schema_loads_a_valid_input_alike(schema):
    data = typical(schema)
    loaded = outcome(QuickLoader(schema).load, data)
    assert loaded == outcome(schema.load, data)
    assert loaded[0] == "loaded"


def test_a_strict_schema_refuses_an_unknown_field_with_every_field_s_message():
    schema = registry_requests.RegisterOrganisationRequest()
    data = {"name": "防災の会", "name_kana": "ぼうさいのかい", "kind": "citizen_group", "region": "yu",
            "fields": ["welfare"]}
    assert QuickLoader(schema).load(data) == schema.load(data)
    with pytest.raises(ValidationError) as refused:
        QuickLoader(schema).load({**data, "kind": "guild", "colour": "red"})
    assert set(refused.value.normalized_messages()) == {"kind", "colour"}


def test_a_canonical_uuid_is_handed_on_as_it_came_and_any_other_spelling_as_marshmallow_spells_it():
    schema = next(c.schema(unknown=EXCLUDE) for c in MATCHING if c.type == "registry.organisation_verified")
    upper = {"organisation_id": SAMPLE_UUID.upper()}
    assert QuickLoader(schema).load(upper) == schema.load(upper) == {"organisation_id": SAMPLE_UUID}


class Hooked(Schema):
    class Meta:
        unknown = EXCLUDE

    name = fields.String(required=True, validate=validate.Length(max=3))
    count = fields.Integer(load_default=0)

    @post_load
    def shout(self, data, **_):
        return {**data, "name": data["name"].upper()}


def test_a_schema_with_load_hooks_or_field_validators_loads_as_schema_load_does():
    loader = QuickLoader(Hooked())
    assert loader.load({"name": "abc"}) == {"name": "ABC", "count": 0}
    with pytest.raises(ValidationError) as refused:
        loader.load({"name": "abcd", "count": "x"})
    assert refused.value.normalized_messages() == {"name": ["Longer than maximum length 3."],
                                                   "count": ["Not a valid integer."]}
