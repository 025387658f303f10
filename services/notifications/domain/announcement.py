"""Announcements (お知らせ) the support center publishes to everyone or to regions and fields.

A critical one (安否確認, disaster and legal notices) goes past digests, caps and quiet hours;
a public one is also in the public Atom feed. Reads are the recipients' own 「確認しました」
in the inbox, counted for the sender.
"""
from dataclasses import dataclass
from datetime import datetime

from services.common.errors import invalid


@dataclass(frozen=True)
class Announcement:
    id: str
    author_id: str
    title: str
    body: str
    regions: tuple[str, ...]  # with fields empty too: everyone
    fields: tuple[str, ...]
    critical: bool
    public: bool
    published_at: datetime

    def __post_init__(self):
        if not self.title.strip():
            raise invalid(title="件名を入れてください / a title is required")

    @property
    def to_everyone(self) -> bool:
        return not self.regions and not self.fields


@dataclass(frozen=True)
class PostedNeed:
    """A need as the public feed shows it (matching's facts; no person in it)."""
    need_id: str
    organisation_id: str
    title: str
    region: str
    slots: int
    posted_at: datetime


@dataclass(frozen=True)
class ReadReceipts:
    """既読/未読 for one announcement."""
    announcement_id: str
    recipients: int
    read: int
    unread_recipients: list[str]
