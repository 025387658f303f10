"""Consultations on fakes: operators only, the status machine, follow-ups, referrals, events."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, ValidationFailed
from services.registry.app import consultations, organisations
from services.registry.app.consultations import (AddFollowUp, ChangeStatus, ConsultationFilter,
                                                 OpenConsultation, Refer)
from services.registry.app.organisations import RegisterOrganisation
from services.registry.tests.fakes import CITY, MemoryRegistryUnitOfWork

OPERATOR = Actor("operator", "staff-1", key_id="op")


@pytest.fixture
def uow():
    return MemoryRegistryUnitOfWork()


def organisation(uow):
    return organisations.register_organisation(uow, OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name="周東ふくしネット", name_kana="シュウトウフクシネット",
        kind="npo", region="shuto", fields=["welfare"]), CITY)


def open_one(uow, **overrides):
    values = dict(consultation_id=str(uuid.uuid4()), channel="counter", topics=["funding"],
                  person="山田さん", notes="助成金の申請書の書き方について")
    return consultations.open_consultation(uow, OPERATOR, OpenConsultation(**{**values, **overrides}))


def test_an_operator_records_a_consultation_and_the_event_has_no_notes_or_names(uow):
    case = open_one(uow)
    assert case.status == "open" and case.coordinator == "operator:staff-1"
    event = uow.published[-1]
    assert event.type == "registry.consultation_opened"
    assert "山田" not in str(event.payload()) and "助成金" not in str(event.payload())


@pytest.mark.parametrize("role", ["organisation", "partner", "citizen", "service"])
def test_nobody_else_records_or_reads_consultations(uow, role):
    case = open_one(uow)
    actor = Actor(role, "x", "k")
    with pytest.raises(Forbidden):
        consultations.get_consultation(uow, actor, case.id)
    with pytest.raises(Forbidden):
        consultations.list_consultations(uow, actor, ConsultationFilter())
    with pytest.raises(Forbidden):
        consultations.open_consultation(uow, actor, OpenConsultation(
            str(uuid.uuid4()), "phone", ["other"]))


def test_the_status_machine(uow):
    case = open_one(uow)
    assert consultations.change_status(uow, OPERATOR, ChangeStatus(
        case.id, "in_progress", coordinator="田中コーディネーター")).coordinator == "田中コーディネーター"
    with pytest.raises(Conflict):
        consultations.change_status(uow, OPERATOR, ChangeStatus(case.id, "open"))
    with pytest.raises(Conflict):
        consultations.change_status(uow, OPERATOR, ChangeStatus(case.id, "closed"))
    consultations.change_status(uow, OPERATOR, ChangeStatus(case.id, "resolved"))
    closed = consultations.change_status(uow, OPERATOR, ChangeStatus(case.id, "closed"))
    assert closed.status == "closed"
    with pytest.raises(Conflict):
        consultations.add_follow_up(uow, OPERATOR, AddFollowUp(case.id, "追加"))
    statuses = [e.payload()["status"] for e in uow.published
                if e.type == "registry.consultation_status_changed"]
    assert statuses == ["in_progress", "resolved", "closed"]


def test_follow_ups_and_referrals(uow):
    case = open_one(uow, topics=["partnership", "volunteers"])
    partner = organisation(uow)
    consultations.add_follow_up(uow, OPERATOR, AddFollowUp(case.id, "電話で進捗を確認"))
    referred = consultations.refer(uow, OPERATOR, Refer(case.id, partner.id, "福祉分野の協力先"))
    assert referred.status == "referred" and referred.referrals[0].organisation_id == partner.id
    assert [f.note for f in referred.follow_ups] == ["電話で進捗を確認"]
    with pytest.raises(ValidationFailed):
        consultations.refer(uow, OPERATOR, Refer(case.id, str(uuid.uuid4())))
    listed = consultations.list_consultations(uow, OPERATOR, ConsultationFilter(topic="volunteers"))
    assert [c.id for c in listed.items] == [case.id]
    types = [e.type for e in uow.published]
    assert "registry.consultation_followed_up" in types and "registry.consultation_referred" in types


@pytest.mark.parametrize("overrides, field", [({"channel": "fax"}, "channel"),
                                              ({"topics": []}, "topics"),
                                              ({"topics": ["astrology"]}, "topics")])
def test_invalid_consultations_name_the_field(uow, overrides, field):
    with pytest.raises(ValidationFailed) as error:
        open_one(uow, **overrides)
    assert field in error.value.fields
