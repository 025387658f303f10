"""A need stops being open when its last slot is taken (and opens again when one is freed), or
when its organisation closes or cancels it: each time matching says so in an event."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from services.matching.app import matches, needs
from services.matching.tests.unit.test_talents_and_matches import (GROUP, OPERATOR, new_talent,
                                                                   post_need, propose, uow)  # noqa: F401


def need_events(uow):
    return [(e.type, e.payload().get("reason")) for e in uow.published
            if e.type in ("matching.need_closed", "matching.need_reopened")]


def test_the_last_slot_taken_closes_the_need_and_a_freed_one_reopens_it(uow):
    need = post_need(uow, slots=2)
    people = [new_talent(uow) for _ in range(2)]
    proposed = [propose(uow, GROUP, need, p) for p in people]
    matches.accept(uow, Actor("citizen", people[0]), proposed[0].id)
    assert need_events(uow) == []
    matches.accept(uow, Actor("citizen", people[1]), proposed[1].id)
    assert need_events(uow) == [("matching.need_closed", "filled")]
    [closed] = [e for e in uow.published if e.type == "matching.need_closed"]
    assert closed.payload() == {"need_id": need.id, "organisation_id": need.organisation_id,
                                "reason": "filled"}
    matches.withdraw(uow, Actor("citizen", people[0]), proposed[0].id)
    assert need_events(uow)[-1] == ("matching.need_reopened", None)
    assert uow.needs.rows[need.id].status == "open"


def test_its_organisation_closes_or_cancels_it_once_and_proposals_stop(uow):
    closed, cancelled = post_need(uow), post_need(uow)
    assert needs.end_need(uow, GROUP, closed.id, "closed").status == "closed"
    assert needs.end_need(uow, GROUP, closed.id, "closed").status == "closed"  # again: no change
    assert needs.end_need(uow, OPERATOR, cancelled.id, "cancelled").status == "cancelled"
    assert need_events(uow) == [("matching.need_closed", "closed"),
                                ("matching.need_closed", "cancelled")]
    with pytest.raises(Conflict):
        needs.end_need(uow, GROUP, closed.id, "cancelled")
    with pytest.raises(Conflict):
        propose(uow, GROUP, closed, new_talent(uow))
    assert closed.id not in {n.id for n in uow.needs.open_needs()}


def test_only_its_organisation_or_an_operator_and_only_known_reasons(uow):
    need = post_need(uow)
    with pytest.raises(NotFound):
        needs.end_need(uow, Actor("organisation", str(uuid.uuid4())), need.id, "closed")
    with pytest.raises(Forbidden):
        needs.end_need(uow, Actor("citizen", str(uuid.uuid4())), need.id, "closed")
    with pytest.raises(ValidationFailed):
        needs.end_need(uow, GROUP, need.id, "filled")  # matching decides that, not a person
    assert need_events(uow) == [] and uow.needs.rows[need.id].status == "open"
