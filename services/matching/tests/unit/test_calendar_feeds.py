"""Subscribable calendar feeds against the fakes: the URL shows the participant's own sign-ups,
needs no key, and stops working once rotated; forged or tampered tokens are not found."""
import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.matching.app import calendar_feeds
from services.matching.domain.calendar_feed import feed_token, read_feed_token
from services.matching.tests.fakes import MemoryMatchingUnitOfWork
from services.matching.tests.unit.test_gatherings import citizen, create, join, known_organisation

KEY = b"test calendar feed key"


@pytest.fixture
def uow():
    memory = MemoryMatchingUnitOfWork()
    known_organisation(memory)
    return memory


def test_the_feed_shows_the_participants_own_sign_ups_with_the_link_of_a_held_place(uow):
    alice, bob = citizen(), citizen()
    mine, theirs = create(uow, capacity=1), create(uow, title="子ども食堂の集い")
    join(uow, alice, mine)
    join(uow, bob, theirs)
    feed = calendar_feeds.calendar_feed(uow, alice, KEY)
    assert feed.path == f"/api/v1/calendar-feeds/{feed.token}.ics" and feed.version == 0
    entries = calendar_feeds.feed_entries(uow, feed.token, KEY)
    assert [(view.gathering.id, view.link_released) for view, _ in entries] == [(mine.id, True)]


def test_rotating_invalidates_the_old_url_and_the_new_one_works(uow):
    alice = citizen()
    join(uow, alice, create(uow))
    old = calendar_feeds.calendar_feed(uow, alice, KEY)
    new = calendar_feeds.rotate_calendar_feed(uow, alice, KEY)
    assert new.version == 1 and new.token != old.token
    with pytest.raises(NotFound):
        calendar_feeds.feed_entries(uow, old.token, KEY)
    assert len(calendar_feeds.feed_entries(uow, new.token, KEY)) == 1
    assert calendar_feeds.calendar_feed(uow, alice, KEY) == new


@pytest.mark.parametrize("tamper", [
    lambda token: token.replace(".", ".B" if ".A" in token else ".A", 1)[:len(token)],  # signature changed
    lambda token: feed_token("citizen:someone-else", 0, KEY).split(".")[0] + "." + token.split(".")[1],
    lambda token: "not-a-token",
    lambda token: token.split(".")[0],
])
def test_a_tampered_or_forged_token_is_not_found(uow, tamper):
    alice = citizen()
    join(uow, alice, create(uow))
    token = calendar_feeds.calendar_feed(uow, alice, KEY).token
    with pytest.raises(NotFound):
        calendar_feeds.feed_entries(uow, tamper(token), KEY)


def test_a_token_signed_with_another_key_is_not_found(uow):
    alice = citizen()
    token = calendar_feeds.calendar_feed(uow, alice, b"another deployment").token
    with pytest.raises(NotFound):
        calendar_feeds.feed_entries(uow, token, KEY)


def test_only_citizens_and_organisations_have_a_feed(uow):
    with pytest.raises(Forbidden):
        calendar_feeds.calendar_feed(uow, Actor("operator", "staff-1"), KEY)


def test_a_token_reads_back_the_participant_and_version():
    token = feed_token("organisation:abc", 7, KEY)
    assert read_feed_token(token, KEY) == ("organisation:abc", 7)
    assert read_feed_token(token, b"other") is None
