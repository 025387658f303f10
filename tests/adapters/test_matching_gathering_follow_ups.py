"""Calendar feeds and a room lost after scheduling, on SQLite and PostgreSQL with the schema the
migrations build: rotation is stored and revokes the old URL; losing the room ends every sign-up
and frees its seats in the same transaction as the gathering's refusal."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import NotFound
from services.matching.app import calendar_feeds, gatherings
from services.matching.app.gatherings import SignUpFor
from tests.adapters.test_matching_gatherings import create, make_uow  # noqa: F401 (fixture)

KEY = b"adapter test feed key"


def test_feed_versions_are_stored_and_rotation_revokes_the_old_url(make_uow):
    person = Actor("citizen", str(uuid.uuid4()))
    gathering = create(make_uow, 5)
    gatherings.sign_up(make_uow(), person, SignUpFor(str(uuid.uuid4()), gathering.id))
    first = calendar_feeds.calendar_feed(make_uow(), person, KEY)
    assert [v.gathering.id for v, _ in calendar_feeds.feed_entries(make_uow(), first.token, KEY)] == [gathering.id]
    second = calendar_feeds.rotate_calendar_feed(make_uow(), person, KEY)
    third = calendar_feeds.rotate_calendar_feed(make_uow(), person, KEY)
    assert (first.version, second.version, third.version) == (0, 1, 2)
    for revoked in (first.token, second.token):
        with pytest.raises(NotFound):
            calendar_feeds.feed_entries(make_uow(), revoked, KEY)
    assert len(calendar_feeds.feed_entries(make_uow(), third.token, KEY)) == 1
