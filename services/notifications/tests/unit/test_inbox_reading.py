"""The inbox reads newest first, counts what is unread, and marks read only one's own."""
from datetime import datetime, timedelta, timezone

import pytest

from services.common.actor import Actor
from services.common.errors import NotFound
from services.common.pagination import decode_cursor
from services.notifications.app import inbox
from services.notifications.app.inbox import InboxQuery
from services.notifications.domain.inbox_message import InboxMessage
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork

ME, SOMEONE = Actor("citizen", "c-1"), Actor("citizen", "c-2")
T0 = datetime(2026, 4, 1, 9, tzinfo=timezone.utc)


def uow_with(count, recipient=ME):
    uow = MemoryNotificationsUnitOfWork()
    for n in range(count):
        uow.messages.add(InboxMessage(f"m-{n:02d}", recipient.recipient_id, f"e-{n:02d}",
                                      f"お知らせ {n}", "本文", "/", T0 + timedelta(minutes=n)))
    return uow


def test_newest_first_across_pages():
    uow = uow_with(5)
    first = inbox.read_inbox(uow, ME, InboxQuery(limit=2))
    second = inbox.read_inbox(uow, ME, InboxQuery(after=decode_cursor(first.next_cursor), limit=2))
    third = inbox.read_inbox(uow, ME, InboxQuery(after=decode_cursor(second.next_cursor), limit=2))
    assert [m.id for m in first.items + second.items + third.items] == \
        ["m-04", "m-03", "m-02", "m-01", "m-00"]
    assert third.next_cursor is None


def test_unread_count_falls_as_messages_are_read():
    uow = uow_with(3)
    assert inbox.read_inbox(uow, ME, InboxQuery()).unread == 3
    read = inbox.mark_read(uow, ME, "m-01", now=T0 + timedelta(hours=1))
    assert read.read_at == T0 + timedelta(hours=1)
    assert inbox.read_inbox(uow, ME, InboxQuery()).unread == 2
    assert inbox.mark_all_read(uow, ME) == 2
    assert inbox.read_inbox(uow, ME, InboxQuery()).unread == 0
    assert inbox.mark_all_read(uow, ME) == 0


def test_marking_read_twice_keeps_the_first_read():
    uow = uow_with(1)
    inbox.mark_read(uow, ME, "m-00", now=T0 + timedelta(hours=1))
    again = inbox.mark_read(uow, ME, "m-00", now=T0 + timedelta(hours=2))
    assert again.read_at == T0 + timedelta(hours=1)


def test_nobody_marks_or_sees_another_persons_message():
    uow = uow_with(2)
    with pytest.raises(NotFound):
        inbox.mark_read(uow, SOMEONE, "m-00")
    assert inbox.read_inbox(uow, SOMEONE, InboxQuery()).items == []
    assert inbox.mark_all_read(uow, SOMEONE) == 0
    assert inbox.read_inbox(uow, ME, InboxQuery()).unread == 2
