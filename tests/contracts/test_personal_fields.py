"""Personal data is marked once, in the response schemas, and every marked schema reports what
it dumps to the audit log (a schema that forgot the base would leak reads off the record)."""
import importlib
import inspect

import pytest
from marshmallow import Schema

from services.common.contract_schema import ResponseSchema, personal_fields

SERVICES = ("registry", "matching", "notifications", "reports")
# Field names that hold personal data wherever a response carries them...
PERSONAL_NAMES = {"email", "phone", "contact", "contacts", "address", "person", "notes"}
# ...except where they are about a place or an organisation, not a person.
NOT_PERSONAL = {("FacilitySchema", "address")}


def response_schemas():
    for service in SERVICES:
        module = importlib.import_module(f"services.{service}.contract.responses")
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, Schema) and \
                    value.__module__ == module.__name__:
                yield pytest.param(value, id=f"{service}.{name}")


@pytest.mark.parametrize("schema_class", list(response_schemas()))
def test_a_schema_with_personal_fields_reports_them_to_the_audit_log(schema_class):
    if personal_fields(schema_class):
        assert issubclass(schema_class, ResponseSchema)


@pytest.mark.parametrize("schema_class", list(response_schemas()))
def test_fields_named_like_personal_data_are_marked(schema_class):
    unmarked = {name for name, field in schema_class._declared_fields.items()
                if (field.data_key or name) in PERSONAL_NAMES
                and (field.data_key or name) not in personal_fields(schema_class)
                and (schema_class.__name__, name) not in NOT_PERSONAL}
    assert not unmarked, f"{schema_class.__name__}: mark {sorted(unmarked)} with PERSONAL"


def test_the_personal_data_the_platform_answers_with_is_marked():
    from services.matching.contract import responses as matching
    from services.notifications.contract import responses as notifications
    from services.registry.contract import responses as registry
    assert set(personal_fields(registry.RosterEntrySchema)) == {"name", "email", "phone"}
    assert {"person", "notes", "follow_ups"} <= set(personal_fields(registry.ConsultationSchema))
    assert personal_fields(registry.OrganisationSchema) == ("contacts",)
    assert personal_fields(matching.TalentSchema) == ("contact",)
    assert personal_fields(matching.MatchSchema) == ("contact",)
    assert personal_fields(notifications.ContactAddressSchema) == ("address",)
