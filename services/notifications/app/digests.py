"""Daily and weekly digests: a scheduled job bundles each recipient's held deliveries into one
digest delivery per (address, period) once the period has ended in their time zone.

Idempotent: the digest's id derives from (recipient, address, period), so a second run, or two
runs at once, build one digest. It catches up: whatever is held and due is bundled, however
long the job was down, one digest per missed period. A message held for a period whose digest
was already built goes into the next one: no digest silently stops, no message is dropped.
"""
import uuid
from collections import defaultdict
from datetime import datetime

from services.notifications.app.fan_out import preferences_of
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.domain.delivery import DIGEST, PENDING, Delivery, delivery_id
from services.notifications.domain.preferences import DAILY, WEEKLY

BATCH = 5000


def build_digests(uow: NotificationsUnitOfWork, now: datetime) -> int:
    """Digests built by this run."""
    built = 0
    with uow:
        groups: dict[tuple, list[Delivery]] = defaultdict(list)
        for held in uow.deliveries.held_due(now, BATCH):
            groups[(held.recipient_id, held.channel, held.target_id, held.digest_period)].append(held)
        for (recipient_id, channel, target_id, period), items in groups.items():
            preferences = preferences_of(uow, recipient_id)
            digest = _digest(recipient_id, channel, target_id, period, items,
                             preferences.language, preferences.release_time(now), now)
            if uow.deliveries.add_new(digest):
                built += 1
                for item in items:
                    item.digested()
                    uow.deliveries.save(item)
            else:
                mode = WEEKLY if period.startswith("weekly") else DAILY
                next_period, due = preferences.digest_period(mode, now)
                for item in items:
                    item.postpone_to(next_period, due)
                    uow.deliveries.save(item)
        uow.commit()
    return built


def _digest(recipient_id: str, channel: str, target_id: str, period: str, items: list[Delivery],
            language: str, send_at: datetime, now: datetime) -> Delivery:
    source = str(uuid.uuid5(uuid.NAMESPACE_URL, f"digest/{recipient_id}/{target_id}/{period}"))
    kind, day = period.split(":", 1)
    items = sorted(items, key=lambda d: (d.created_at, d.id))
    if language == "en":
        subject = f"Your {kind} digest from {day}: {len(items)} notice(s)"
    else:
        label = "毎日" if kind == DAILY else "毎週"
        subject = f"{label}のまとめ（{day}〜、{len(items)}件）/ Your {kind} digest ({len(items)})"
    return Delivery(id=delivery_id(source, channel, target_id), recipient_id=recipient_id,
                    channel=channel, target_id=target_id,
                    source_id=source, kind=DIGEST,
                    content={"subject": subject, "link": None,
                             "items": [{"id": item.id, "subject": item.content.get("subject", item.kind),
                                        "link": item.content.get("link")} for item in items]},
                    created_at=now, next_attempt_at=send_at, status=PENDING)
