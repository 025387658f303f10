"""Subscribable calendar feeds: a participant's sign-ups at a secret, revocable URL.

A citizen or organisation asks for its feed URL with its API key and gives the URL to a calendar
app, which fetches it with no key. Rotating the feed bumps the participant's version, so every
URL handed out before stops working at once. The signing key is given by the caller (the
entrypoint reads it from the environment).
"""
from dataclasses import dataclass

from services.common.actor import Actor
from services.common.errors import NotFound
from services.matching.app.gatherings import GatheringView, calendar_entries, participant_of
from services.matching.app.ports import MatchingUnitOfWork
from services.matching.domain.calendar_feed import feed_token, read_feed_token
from services.matching.domain.gatherings import SignUp

UNKNOWN_FEED = "この購読URLは使えません（再発行された可能性があります） / this calendar feed URL is not valid (it may have been rotated)"


@dataclass(frozen=True)
class CalendarFeed:
    token: str
    version: int

    @property
    def path(self) -> str:
        return f"/api/v1/calendar-feeds/{self.token}.ics"


def calendar_feed(uow: MatchingUnitOfWork, actor: Actor, key: bytes) -> CalendarFeed:
    participant = participant_of(actor)
    with uow:
        version = uow.calendar_feeds.version(participant)
        return CalendarFeed(feed_token(participant, version, key), version)


def rotate_calendar_feed(uow: MatchingUnitOfWork, actor: Actor, key: bytes) -> CalendarFeed:
    participant = participant_of(actor)
    with uow:
        version = uow.calendar_feeds.rotate(participant)
        uow.commit()
        return CalendarFeed(feed_token(participant, version, key), version)


def feed_entries(uow: MatchingUnitOfWork, token: str, key: bytes) -> list[tuple[GatheringView, SignUp]]:
    """The sign-ups a feed URL shows; a forged, malformed or rotated-away token is not found."""
    found = read_feed_token(token, key)
    with uow:
        if found is None or uow.calendar_feeds.version(found[0]) != found[1]:
            raise NotFound(UNKNOWN_FEED)
        return calendar_entries(uow, found[0])
