"""The audit kernel without a database: what an RPC records, and when it records nothing."""
import pytest
from marshmallow import fields

from services.common.actor import Actor
from services.common.audit import (READ, WRITE, AuditContext, audited, current_audit,
                                   request_object_ids)
from services.common.contract_schema import PERSONAL, ResponseSchema


class PersonSchema(ResponseSchema):
    id = fields.String()
    name = fields.String(metadata=PERSONAL)
    phone = fields.String(data_key="tel", metadata=PERSONAL)
    role = fields.String()


class FakeUow:
    def __init__(self):
        self.entries = []

    def append_audit(self, entry):
        self.entries.append(entry)


class Service:
    name = "probe"

    def __init__(self):
        self.uow = FakeUow()

    def read_person(self, actor, request):
        return PersonSchema().dump({"id": request["person_id"], "name": "山田花子", "phone": "",
                                    "role": "member"})

    def read_role(self, actor, request):
        return PersonSchema(only=("id", "role")).dump({"id": "p1", "role": "member"})

    def fail(self, actor, request):
        PersonSchema().dump({"id": "p1", "name": "山田花子"})
        raise ValueError("after the dump")


OPERATOR = Actor("operator", key_id="key-1")


def test_an_operator_reading_personal_data_leaves_a_read_entry_naming_the_fields_returned():
    service = Service()
    result = audited(service, Service.read_person, OPERATOR, {"person_id": "p7"})
    assert result["name"] == "山田花子"
    [entry] = service.uow.entries
    assert entry["kind"] == READ and entry["action"] == "read_person"
    assert entry["key_id"] == "key-1" and entry["role"] == "operator"
    # The empty phone was not returned, so it is not named.
    assert entry["personal_fields"] == ["Person.name"]
    assert entry["object_ids"] == " p7 "


@pytest.mark.parametrize("role", ["organisation", "partner", "citizen", "service"])
def test_other_roles_reading_personal_data_leave_no_read_entry(role):
    service = Service()
    audited(service, Service.read_person, Actor(role, subject_id="s1"), {"person_id": "p7"})
    assert service.uow.entries == []


def test_a_response_without_personal_fields_leaves_no_read_entry():
    service = Service()
    audited(service, Service.read_role, OPERATOR, {})
    assert service.uow.entries == []


def test_a_call_that_fails_leaves_no_read_entry_and_no_context_behind():
    service = Service()
    with pytest.raises(ValueError):
        audited(service, Service.fail, OPERATOR, {})
    assert service.uow.entries == []
    # Outside a call, dumping records nothing anywhere.
    assert PersonSchema().dump({"id": "p1", "name": "x"})["name"] == "x"


def test_request_object_ids_are_the_id_fields_but_not_the_request_id():
    request = {"organisation_id": "o1", "entry_id": "e1", "request_id": "r1", "name": "n",
               "flag_id": True, "limit": 5}
    assert request_object_ids(request) == ["o1", "e1"]


def test_a_write_entry_names_actor_action_objects_and_correlation():
    context = AuditContext(Actor("partner", subject_id="b1", key_id="k2"), "post_offer", "c-1",
                           ["o1"])
    context.note_objects(["o1", "n2", None])
    entry = context.entry(WRITE)
    assert (entry["kind"], entry["action"], entry["subject_id"], entry["correlation_id"]) == (
        WRITE, "post_offer", "b1", "c-1")
    assert entry["object_ids"].split() == ["o1", "n2"] and entry["personal_fields"] == []


def test_a_call_that_wrote_leaves_no_read_entry_for_the_object_it_answers():
    service = Service()

    def write_then_answer(self, actor, request):
        current_audit.get().wrote = True  # what the unit of work does at commit
        return self.read_person(actor, request)
    audited(service, write_then_answer, OPERATOR, {"person_id": "p7"})
    assert service.uow.entries == []
