"""Erasure in notifications: an operator erases everything kept for a person's citizen
recipient (addresses, the deliveries to them and their attempts, inbox, preferences); others'
data stays; a repeat answers zeros."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.common.event_handling import apply_once
from services.notifications.app import erasure
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.notifications.tests.unit.test_contact_addresses import (CITIZEN, TALENT, channels,
                                                                     confirmed_address, match_confirmed,
                                                                     send_all)

OPERATOR = Actor("operator", key_id="op")


def test_an_operator_erases_a_persons_addresses_inbox_and_deliveries():
    uow, chans = MemoryNotificationsUnitOfWork(), channels()
    confirmed_address(uow, chans)
    other = Actor("citizen", str(uuid.uuid4()))
    confirmed_address(uow, chans, actor=other, address="jiro@example.jp")
    envelope, payload = match_confirmed()
    apply_once(uow, envelope, payload, EVENT_HANDLERS["matching.match_confirmed"])
    send_all(uow, chans)
    assert any(m.recipient_id == CITIZEN.recipient_id for m in uow.messages.rows.values())
    with pytest.raises(Forbidden):
        erasure.erase_person(uow, CITIZEN, TALENT)
    erased = erasure.erase_person(uow, OPERATOR, TALENT)
    assert erased["contact_addresses"] == 1 and erased["deliveries"] >= 2 and erased["inbox_messages"] >= 1
    assert erased["delivery_attempts"] >= 2
    kept = repr([uow.addresses.rows, uow.deliveries.rows, uow.deliveries.attempts, uow.messages.rows,
                 uow.preferences.rows, uow.subscriptions.rows])
    assert "taro@example.jp" not in kept and CITIZEN.recipient_id not in kept
    assert "jiro@example.jp" in kept
    assert set(erasure.erase_person(uow, OPERATOR, TALENT).values()) == {0}
