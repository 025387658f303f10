"""Preferences decide each delivery (immediate, after quiet hours, held for a digest, off, over
the cap); critical notices go past them and say so; digests are built once per period, catch
up after downtime, and never stop — all on a fake clock in Asia/Tokyo (no DST)."""
import uuid
from datetime import datetime, time, timedelta, timezone

import pytest

from services.common.actor import Actor
from services.common.errors import ValidationFailed
from services.notifications.app import digests, fan_out, sending
from services.notifications.app.fan_out import notify
from services.notifications.app.preference_settings import get_preferences, put_preferences
from services.notifications.app.ports import Channels, Links
from services.notifications.domain.delivery import DIGEST, DIGESTED, HELD, PENDING, SENT
from services.notifications.domain.contact_address import ContactAddress
from services.notifications.domain.inbox_message import InboxMessage
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.notifications.tests.recording_channels import (RecordingEmailChannel,
                                                             RecordingLineChannel,
                                                             RecordingWebhookChannel)

ME = Actor("citizen", "c-1")
JST = timezone(timedelta(hours=9))
LINKS = Links("https://kyodo.example.jp", b"k")


def at(day, hour, minute=0):
    """A moment given in Japan time, as the UTC instant the service works in."""
    return datetime(2026, 12, day, hour, minute, tzinfo=JST).astimezone(timezone.utc)


def uow_with_address(**preferences):
    uow = MemoryNotificationsUnitOfWork()
    uow.addresses.add(ContactAddress("addr-1", ME.recipient_id, "email", "me@example.jp",
                                         at(1, 0), at(1, 0)))
    if preferences:
        put_preferences(uow, ME, preferences)
    return uow


def message(uow, when, critical=False, n=[0]):
    n[0] += 1
    source = str(uuid.uuid4())
    notify(uow, InboxMessage(fan_out.message_id(source, ME.recipient_id), ME.recipient_id, source,
                             f"お知らせ{n[0]}", "本文", f"/api/v1/needs/{n[0]}", when),
           "matching.need_posted", {}, critical=critical)
    return source


def deliveries(uow, **where):
    return [d for d in uow.deliveries.rows.values()
            if all(getattr(d, k) == v for k, v in where.items())]


def test_defaults_are_japanese_tokyo_and_immediate():
    found = get_preferences(MemoryNotificationsUnitOfWork(), ME)
    assert (found.language, found.time_zone, found.mode("email")) == ("ja", "Asia/Tokyo", "immediate")


@pytest.mark.parametrize("wanted, field", [
    ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ({"language": "fr"}, "language"),
    ({"quiet_start": time(22)}, "quiet_hours"),
    ({"channels": {"webhook": "daily"}}, "channels"),
])
def test_bad_preferences_are_refused_and_nothing_changes(wanted, field):
    uow = MemoryNotificationsUnitOfWork()
    with pytest.raises(ValidationFailed) as refused:
        put_preferences(uow, ME, wanted)
    assert field in refused.value.fields and uow.preferences.rows == {}


def test_quiet_hours_hold_mail_until_they_end_in_the_recipients_zone():
    uow = uow_with_address(quiet_start=time(22), quiet_end=time(7))
    message(uow, at(2, 23, 30))
    message(uow, at(3, 6, 59))
    message(uow, at(3, 12))
    assert sorted(d.next_attempt_at for d in deliveries(uow, status=PENDING)) == \
        [at(3, 7), at(3, 7), at(3, 12)]


def test_off_means_nothing_by_mail_but_the_inbox_still_has_it():
    uow = uow_with_address(channels={"email": "off"})
    message(uow, at(2, 12))
    assert deliveries(uow) == [] and len(uow.messages.rows) == 1


def test_over_the_daily_cap_the_rest_go_to_the_next_digest():
    uow = uow_with_address(daily_cap=2)
    for minute in range(4):
        message(uow, at(2, 12, minute))
    assert len(deliveries(uow, status=PENDING)) == 2
    held = deliveries(uow, status=HELD)
    assert len(held) == 2 and {d.digest_period for d in held} == {"daily:2026-12-02"}
    message(uow, at(3, 0, 1))  # a new day in Tokyo: the cap starts again
    assert len(deliveries(uow, status=PENDING)) == 3


def test_a_critical_notice_goes_at_once_past_every_rule_and_records_which():
    uow = uow_with_address(channels={"email": "daily"}, quiet_start=time(22), quiet_end=time(7))
    message(uow, at(2, 23), critical=True)
    [sent] = deliveries(uow, status=PENDING)
    assert sent.next_attempt_at == at(2, 23) and sent.critical
    assert sent.bypassed == "digest,quiet_hours"


def test_a_daily_digest_is_built_once_after_the_day_ends_and_sent():
    uow = uow_with_address(channels={"email": "daily"})
    message(uow, at(2, 9))
    message(uow, at(2, 18))
    assert digests.build_digests(uow, at(2, 23, 59)) == 0  # the day is not over in Tokyo
    assert digests.build_digests(uow, at(3, 0, 5)) == 1
    assert digests.build_digests(uow, at(3, 0, 10)) == 0  # run twice: one digest
    [digest] = deliveries(uow, kind=DIGEST)
    assert digest.content["subject"].startswith("毎日のまとめ（2026-12-02〜、2件）")
    assert len(deliveries(uow, status=DIGESTED)) == 2
    chans = Channels(RecordingEmailChannel(), RecordingWebhookChannel(), RecordingLineChannel())
    claimed = sending.claim_due(uow, 10, clock=lambda: at(3, 0, 10))
    assert [sending.send(uow, chans, LINKS, d.id, clock=lambda: at(3, 0, 10)) for d in claimed] == [SENT]
    [mail] = chans.email.sent
    assert "・お知らせ" in mail.text and mail.unsubscribe_url


def test_catch_up_after_downtime_sends_each_missed_day_once():
    uow = uow_with_address(channels={"email": "daily"})
    for day in (2, 3, 4):
        message(uow, at(day, 12))
    assert digests.build_digests(uow, at(5, 8)) == 3  # the job was down for three days
    assert digests.build_digests(uow, at(5, 9)) == 0
    assert sorted(d.content["subject"].split("/")[0] for d in deliveries(uow, kind=DIGEST)) == [
        "毎日のまとめ（2026-12-02〜、1件）", "毎日のまとめ（2026-12-03〜、1件）",
        "毎日のまとめ（2026-12-04〜、1件）"]
    message(uow, at(5, 12))  # and it goes on: the next day's digest comes too
    assert digests.build_digests(uow, at(6, 0, 1)) == 1


def test_a_weekly_digest_covers_monday_to_sunday_in_tokyo():
    uow = uow_with_address(channels={"email": "weekly"})
    message(uow, at(7, 9))   # Monday 7 December 2026
    message(uow, at(13, 23))  # Sunday
    assert digests.build_digests(uow, at(13, 23, 59)) == 0
    assert digests.build_digests(uow, at(14, 0, 0)) == 1
    [digest] = deliveries(uow, kind=DIGEST)
    assert "2026-12-07" in digest.content["subject"] and "2件" in digest.content["subject"]


def test_a_digest_falling_in_quiet_hours_waits_for_them_to_end():
    uow = uow_with_address(channels={"email": "daily"}, quiet_start=time(22), quiet_end=time(7))
    message(uow, at(2, 12))
    digests.build_digests(uow, at(3, 0, 5))
    [digest] = deliveries(uow, kind=DIGEST)
    assert digest.next_attempt_at == at(3, 7)


def test_a_late_arrival_for_a_built_digest_goes_into_the_next_one():
    uow = uow_with_address(channels={"email": "daily"})
    message(uow, at(2, 12))
    digests.build_digests(uow, at(3, 0, 5))
    # Held for the 2nd but committed after its digest was built (a slow transaction).
    late = message(uow, at(2, 23, 59))
    assert digests.build_digests(uow, at(3, 0, 6)) == 0
    [item] = [d for d in deliveries(uow) if d.source_id == late]
    assert (item.status, item.digest_period) == (HELD, "daily:2026-12-03")
    assert digests.build_digests(uow, at(4, 0, 1)) == 1


def test_english_digest_subjects_for_english_readers():
    uow = uow_with_address(channels={"email": "daily"}, language="en")
    message(uow, at(2, 12))
    digests.build_digests(uow, at(3, 1))
    [digest] = deliveries(uow, kind=DIGEST)
    assert digest.content["subject"] == "Your daily digest from 2026-12-02: 1 notice(s)"
