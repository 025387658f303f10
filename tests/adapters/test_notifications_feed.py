"""The public feed's open needs on SQLite and PostgreSQL (schema from the migrations): a filled,
closed or cancelled need leaves it, a reopened one comes back, a close arriving twice is one."""
import uuid

import pytest

from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.migrations import upgrade
from services.notifications.adapters.tables import MESSAGING
from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork
from services.notifications.app import announcements
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.contract.events import PUBLISHED
from services.notifications.entrypoints.consumed_events import CONSUMED


@pytest.fixture
def make_uow(database_url):
    upgrade("notifications", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    yield lambda: SqlNotificationsUnitOfWork(factory, "notifications", PUBLISHED, MESSAGING)
    engine.dispose()


def consume(make_uow, event_type, payload):
    envelope = Envelope(event_type, 1, "matching", payload, "c").as_dict()
    return apply_once(make_uow(), envelope, CONSUMED.load_incoming(envelope)[1],
                      EVENT_HANDLERS[event_type])


def open_needs(make_uow):
    return {n.need_id for n in announcements.public_feed(make_uow()).needs}


def test_only_open_needs_stay_in_the_feed(make_uow):
    filled, cancelled, kept = (str(uuid.uuid4()) for _ in range(3))
    organisation = str(uuid.uuid4())
    for need_id in (filled, cancelled, kept):
        consume(make_uow, "matching.need_posted", {
            "need_id": need_id, "organisation_id": organisation, "title": "見守り",
            "kind": "volunteer_shift", "region": "yu", "fields": [], "slots": 1})
    for need_id, reason in ((filled, "filled"), (cancelled, "cancelled"), (filled, "filled")):
        assert consume(make_uow, "matching.need_closed",
                       {"need_id": need_id, "organisation_id": organisation, "reason": reason})
    assert open_needs(make_uow) == {kept}
    consume(make_uow, "matching.need_reopened", {"need_id": filled, "organisation_id": organisation})
    assert open_needs(make_uow) == {kept, filled}
