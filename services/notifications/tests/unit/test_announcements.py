"""Announcements reach everyone or their regions and fields, critical ones past every rule
(recorded); senders see 既読/未読; the public Atom feed shows public ones and new needs."""
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, time, timezone

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from services.common.actor import Actor
from services.common.envelope import Envelope
from services.common.errors import Forbidden, NotFound
from services.common.pagination import decode_cursor
from services.common.event_handling import apply_once
from services.notifications.adapters.announcement_repositories import SqlAnnouncementRepository
from services.notifications.adapters.inbox_message_repositories import SqlInboxMessageRepository
from services.notifications.adapters.tables import metadata
from services.notifications.app import announcements, inbox, subscriptions
from services.notifications.app.announcements import NewAnnouncement
from services.notifications.app.event_handlers import EVENT_HANDLERS, SUBSCRIBABLE
from services.notifications.app.subscriptions import SubscriptionChoice
from services.notifications.domain.announcement import Announcement
from services.notifications.domain.inbox_message import InboxMessage
from services.notifications.app.preference_settings import put_preferences
from services.notifications.domain.contact_address import ContactAddress
from services.notifications.entrypoints.atom_feed import atom
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork

OPERATOR = Actor("operator", None, "op-1")
YU, MIWA, WELFARE = Actor("citizen", "yu-1"), Actor("citizen", "miwa-1"), Actor("citizen", "w-1")


def people():
    uow = MemoryNotificationsUnitOfWork()
    subscriptions.subscribe(uow, YU, SubscriptionChoice(["yu"], [], [], None), SUBSCRIBABLE)
    subscriptions.subscribe(uow, MIWA, SubscriptionChoice(["miwa"], [], [], None), SUBSCRIBABLE)
    subscriptions.subscribe(uow, WELFARE, SubscriptionChoice([], ["welfare"], [], None), SUBSCRIBABLE)
    return uow


def new(regions=(), fields=(), critical=False, public=True, title="防災訓練のお知らせ"):
    return NewAnnouncement(str(uuid.uuid4()), title, "12月6日に防災訓練を行います。",
                           tuple(regions), tuple(fields), critical, public)


def test_to_everyone_reaches_every_known_recipient_once():
    uow = people()
    announcement, reached = announcements.publish(uow, OPERATOR, new())
    assert reached == 3
    again, reached_again = announcements.publish(uow, OPERATOR, new().__class__(
        announcement.id, "x", "y", (), (), False, True))
    assert again == announcement and reached_again == 3 and len(uow.messages.rows) == 3


def test_to_a_region_or_a_field_reaches_only_those():
    uow = people()
    _, reached = announcements.publish(uow, OPERATOR, new(regions=["yu"], fields=["welfare"]))
    assert reached == 2
    assert {m.recipient_id for m in uow.messages.rows.values()} == {YU.recipient_id, WELFARE.recipient_id}


def test_a_critical_notice_goes_at_night_past_digest_and_records_the_bypass():
    uow = people()
    uow.addresses.add(ContactAddress("a-1", YU.recipient_id, "email", "yu@example.jp",
                                         datetime(2026, 1, 1, tzinfo=timezone.utc),
                                         datetime(2026, 1, 1, tzinfo=timezone.utc)))
    put_preferences(uow, YU, {"channels": {"email": "weekly"}, "quiet_start": time(0),
                              "quiet_end": time(23, 59)})
    announcement, _ = announcements.publish(uow, OPERATOR, new(regions=["yu"], critical=True,
                                                               title="避難指示"))
    [delivery] = uow.deliveries.rows.values()
    assert delivery.status == "pending" and delivery.critical
    assert delivery.bypassed == "digest,quiet_hours"
    [message] = uow.messages.rows.values()
    assert message.title.startswith("【重要】お知らせ: 避難指示")


def test_read_receipts_count_reads_and_list_who_has_not_read():
    uow = people()
    announcement, _ = announcements.publish(uow, OPERATOR, new())
    [yu_message] = [m for m in uow.messages.rows.values() if m.recipient_id == YU.recipient_id]
    inbox.mark_read(uow, YU, yu_message.id)
    receipts = announcements.read_receipts(uow, OPERATOR, announcement.id)
    assert (receipts.recipients, receipts.read) == (3, 1)
    assert receipts.unread_recipients == sorted([MIWA.recipient_id, WELFARE.recipient_id])
    with pytest.raises(Forbidden):
        announcements.read_receipts(uow, Actor("organisation", "o-1"), announcement.id)
    with pytest.raises(NotFound):
        announcements.read_receipts(uow, OPERATOR, str(uuid.uuid4()))


def test_operators_list_every_announcement_newest_first_with_read_counts_page_by_page():
    uow = people()
    moments = [datetime(2026, 12, day, 9, tzinfo=timezone.utc) for day in (1, 2, 3)]
    published = [announcements.publish(uow, OPERATOR, new(title=f"お知らせ{n}", public=n != 2),
                                       now=moment)[0]
                 for n, moment in enumerate(moments)]
    [yu_message] = [m for m in uow.messages.rows.values()
                    if m.recipient_id == YU.recipient_id and m.source_event_id == published[0].id]
    inbox.mark_read(uow, YU, yu_message.id)
    first = announcements.list_announcements(uow, OPERATOR, None, 2)
    assert [s.announcement.id for s in first.items] == [published[2].id, published[1].id]
    assert first.next_cursor  # a full page: there may be more
    rest = announcements.list_announcements(uow, OPERATOR, decode_cursor(first.next_cursor), 2)
    assert [(s.announcement.id, s.recipients, s.read) for s in rest.items] == [
        (published[0].id, 3, 1)]
    assert rest.next_cursor is None
    assert not announcements.list_announcements(
        uow, OPERATOR, [moments[0].isoformat(), published[0].id], 2).items
    for someone in (YU, Actor("organisation", "o-1"), Actor("partner", "p-1")):
        with pytest.raises(Forbidden):
            announcements.list_announcements(uow, someone, None, 2)


def test_a_private_announcement_is_seen_by_its_recipients_only():
    uow = people()
    announcement, _ = announcements.publish(uow, OPERATOR, new(regions=["yu"], public=False))
    assert announcements.get_announcement(uow, YU, announcement.id).id == announcement.id
    with pytest.raises(NotFound):
        announcements.get_announcement(uow, MIWA, announcement.id)


def test_the_atom_feed_lists_public_announcements_and_new_needs_newest_first():
    uow = people()
    announcements.publish(uow, OPERATOR, new(title="公開のお知らせ"),
                          now=datetime(2026, 12, 1, tzinfo=timezone.utc))
    announcements.publish(uow, OPERATOR, new(title="内部のお知らせ", public=False))
    envelope = Envelope("matching.need_posted", 1, "matching", {
        "need_id": str(uuid.uuid4()), "organisation_id": str(uuid.uuid4()), "title": "夏祭りの設営",
        "kind": "volunteer_shift", "region": "yu", "fields": [], "slots": 3}, "c").as_dict()
    apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], EVENT_HANDLERS["matching.need_posted"])
    document = ET.fromstring(atom(announcements.public_feed(uow), "https://kyodo.example.jp",
                                  {"yu": "由宇"}))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in document.findall("a:entry", ns)]
    assert titles == ["募集: 夏祭りの設営", "公開のお知らせ"]
    summary = document.find("a:entry/a:summary", ns).text
    assert summary == "由宇で3名を募集しています。"


def test_a_need_that_stops_being_open_leaves_the_feed_and_comes_back_if_it_reopens():
    uow = MemoryNotificationsUnitOfWork()
    need_ids = [str(uuid.uuid4()) for _ in range(3)]

    def event(event_type, payload):
        envelope = Envelope(event_type, 1, "matching", payload, "c").as_dict()
        apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], EVENT_HANDLERS[event_type])

    for number, need_id in enumerate(need_ids):
        event("matching.need_posted", {"need_id": need_id, "organisation_id": str(uuid.uuid4()),
                                       "title": f"募集{number}", "kind": "volunteer_shift",
                                       "region": "yu", "fields": [], "slots": 1})
    for need_id, reason in zip(need_ids, ("filled", "cancelled")):
        event("matching.need_closed", {"need_id": need_id, "organisation_id": str(uuid.uuid4()),
                                       "reason": reason})
    assert [n.need_id for n in announcements.public_feed(uow).needs] == [need_ids[2]]
    event("matching.need_reopened", {"need_id": need_ids[0], "organisation_id": str(uuid.uuid4())})
    assert {n.need_id for n in announcements.public_feed(uow).needs} == {need_ids[0], need_ids[2]}
    assert uow.messages.rows == {}  # the feed's bookkeeping tells nobody anything


def test_the_sql_repositories_list_newest_first_after_a_cursor_and_count_reads():
    """The SQL side of the operators' list (SQLite here; PostgreSQL in the console's tests)."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    moments = [datetime(2026, 12, day, 9, tzinfo=timezone.utc) for day in (1, 2, 3)]
    made = [Announcement(str(uuid.uuid4()), OPERATOR.recipient_id, f"お知らせ{n}", "本文", (), (),
                         False, True, moment) for n, moment in enumerate(moments)]
    with Session(engine) as session:
        repository, messages = SqlAnnouncementRepository(session), SqlInboxMessageRepository(session)
        for announcement in made:
            repository.add(announcement)
        for recipient, read_at in (("a", moments[2]), ("b", None)):
            messages.add(InboxMessage(str(uuid.uuid4()), recipient, made[0].id, "t", "b", "/x",
                                      moments[0], read_at))
        assert [a.id for a in repository.latest(None, 2)] == [made[2].id, made[1].id]
        assert [a.id for a in repository.latest([moments[1].isoformat(), made[1].id], 5)] == [
            made[0].id]
        assert messages.read_counts([made[0].id, made[1].id]) == {made[0].id: (2, 1)}
