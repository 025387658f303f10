"""Announcements: publish one (to everyone, regions or fields), see who has read it, and the
public feed of announcements and newly posted needs."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.common.pagination import Page, page_of
from services.notifications.app.fan_out import messages_for, notify_all
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.domain.announcement import Announcement, PostedNeed, ReadReceipts

PUBLISHED = "notifications.announcement_published"
FEED_SIZE = 50


@dataclass(frozen=True)
class NewAnnouncement:
    request_id: str
    title: str
    body: str
    regions: tuple[str, ...]
    fields: tuple[str, ...]
    critical: bool
    public: bool


@dataclass(frozen=True)
class AnnouncementSummary:
    """An announcement in the operators' list, with how many it reached and how many read it."""
    announcement: Announcement
    recipients: int
    read: int


@dataclass(frozen=True)
class Feed:
    announcements: list[Announcement]
    needs: list[PostedNeed]


def publish(uow: NotificationsUnitOfWork, actor: Actor, new: NewAnnouncement,
            now: datetime | None = None) -> tuple[Announcement, int]:
    """The announcement and how many people it reached (each in the inbox and by their
    channels; a critical one at once, whatever their preferences say)."""
    now = now or datetime.now(timezone.utc)
    with uow:
        existing = uow.announcements.get(new.request_id)
        if existing is not None:  # the same request again
            return existing, len(uow.messages.receipts(existing.id))
        announcement = Announcement(new.request_id, actor.recipient_id, new.title, new.body,
                                    new.regions, new.fields, new.critical, new.public, now)
        uow.announcements.add(announcement)
        recipients = (uow.subscriptions.known_recipients() if announcement.to_everyone else
                      sorted({r for region in new.regions or ("",)
                              for r in uow.subscriptions.recipients_for(region, list(new.fields))}))
        facts = {"title": new.title, "body": new.body, "critical": new.critical}
        notify_all(uow, messages_for(uow, recipients, PUBLISHED, facts,
                                     f"/api/v1/announcements/{announcement.id}", announcement.id,
                                     now),
                   PUBLISHED, {"announcement_id": announcement.id, "critical": new.critical},
                   critical=new.critical)
        uow.commit()
    return announcement, len(recipients)


def read_receipts(uow: NotificationsUnitOfWork, actor: Actor,
                  announcement_id: str) -> ReadReceipts:
    with uow:
        announcement = uow.announcements.get(announcement_id)
        if announcement is None:
            raise NotFound("お知らせが見つかりません / no such announcement")
        if announcement.author_id != actor.recipient_id and not actor.is_operator:
            raise Forbidden("送った人と運営者だけが見られます / only its sender and operators")
        receipts = uow.messages.receipts(announcement_id)
    unread = sorted(recipient for recipient, read_at in receipts if read_at is None)
    return ReadReceipts(announcement_id, len(receipts), len(receipts) - len(unread), unread)


def list_announcements(uow: NotificationsUnitOfWork, actor: Actor, after: list | None,
                       limit: int) -> Page:
    """Every announcement, newest first, each with its read count: operators only (they
    publish them; the public see the feed)."""
    if not actor.is_operator:
        raise Forbidden("運営者のみの操作です / operators only")
    with uow:
        found = uow.announcements.latest(after, limit)
        counts = uow.messages.read_counts([a.id for a in found])
    summaries = [AnnouncementSummary(a, *counts.get(a.id, (0, 0))) for a in found]
    return page_of(summaries, limit,
                   lambda s: [s.announcement.published_at.isoformat(), s.announcement.id])


def get_announcement(uow: NotificationsUnitOfWork, actor: Actor,
                     announcement_id: str) -> Announcement:
    """Public ones for anyone; the others for those it was sent to, its sender and operators."""
    with uow:
        announcement = uow.announcements.get(announcement_id)
        visible = announcement is not None and (
            announcement.public or actor.is_operator or announcement.author_id == actor.recipient_id
            or any(r == actor.recipient_id for r, _ in uow.messages.receipts(announcement_id)))
    if not visible:
        raise NotFound("お知らせが見つかりません / no such announcement")
    return announcement


def on_need_posted_for_feed(uow: NotificationsUnitOfWork, event_id: str, payload: dict,
                            now: datetime) -> None:
    uow.announcements.add_posted_need(PostedNeed(
        payload["need_id"], payload["organisation_id"], payload["title"], payload["region"],
        payload["slots"], now))


def on_need_closed(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    """Filled, closed or cancelled: the feed lists open needs only."""
    uow.announcements.close_posted_need(payload["need_id"], payload["reason"])


def on_need_reopened(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.announcements.reopen_posted_need(payload["need_id"])


def public_feed(uow: NotificationsUnitOfWork) -> Feed:
    with uow:
        return Feed(uow.announcements.public_latest(FEED_SIZE),
                    uow.announcements.posted_needs_latest(FEED_SIZE))
