"""Each service's repositories on SQLite and PostgreSQL, schemas built by the migrations."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade


@pytest.fixture
def session_for(database_url):
    engines = []

    def open_session(service):
        upgrade(service, database_url)
        engine = make_engine(database_url)
        engines.append(engine)
        return make_session_factory(engine)()

    yield open_session
    for engine in engines:
        engine.dispose()


def test_registry_lists_by_region_and_pages_by_cursor(session_for):
    from services.registry.adapters.organisation_repositories import SqlOrganisationRepository
    from services.registry.app.organisations import OrganisationFilter
    from services.registry.domain.organisation import Organisation

    session = session_for("registry")
    repository = SqlOrganisationRepository(session)
    start = datetime(2026, 4, 1, tzinfo=timezone.utc)
    for index in range(5):
        repository.add(Organisation(
            id=str(uuid.uuid4()), name=f"団体{index}", name_kana="ダンタイ", kind="npo",
            region="yu" if index % 2 else "miwa", fields=["welfare"], description="説明",
            status="verified", registered_at=start + timedelta(minutes=index)))
    session.commit()
    first = repository.list(OrganisationFilter(limit=2))
    rest = repository.list(OrganisationFilter(
        after=[first[-1].registered_at.isoformat(), first[-1].id], limit=10))
    assert [o.name for o in first + rest] == [f"団体{i}" for i in range(5)]
    assert all(o.registered_at.tzinfo is not None for o in rest)
    assert [o.name for o in repository.list(OrganisationFilter(region="yu"))] == ["団体1", "団体3"]


def test_matching_read_model_upserts_organisations(session_for):
    from services.matching.adapters.known_organisation_repositories import SqlKnownOrganisationRepository
    from services.matching.domain.need import KnownOrganisation

    session = session_for("matching")
    known = SqlKnownOrganisationRepository(session)
    known.save(KnownOrganisation("o1", "yu", ["welfare"], "pending"))
    known.save(KnownOrganisation("o1", "yu", ["welfare", "sports"], "verified"))
    session.commit()
    assert known.get("o1") == KnownOrganisation("o1", "yu", ["welfare", "sports"], "verified")
    assert known.get("o2") is None


def test_notifications_finds_recipients_by_region_or_field(session_for):
    from services.notifications.adapters.subscription_repositories import SqlSubscriptionRepository
    from services.notifications.domain.inbox_message import Subscription

    session = session_for("notifications")
    subscriptions = SqlSubscriptionRepository(session)
    subscriptions.replace(Subscription("citizen:a", frozenset({"yu"}), frozenset()))
    subscriptions.replace(Subscription("citizen:b", frozenset(), frozenset({"welfare", "sports"})))
    subscriptions.replace(Subscription("citizen:c", frozenset({"miwa"}), frozenset({"sports"})))
    subscriptions.replace(Subscription("citizen:c", frozenset({"nishiki"}), frozenset()))
    session.commit()
    assert subscriptions.recipients_for("yu", ["welfare"]) == ["citizen:a", "citizen:b"]
    assert subscriptions.recipients_for("miwa", ["sports"]) == ["citizen:b"]
    assert subscriptions.recipients_for("nishiki", []) == ["citizen:c"]


def test_reports_counts_facts_per_region(session_for):
    from services.reports.adapters.summary_repositories import SqlSummaryRepository

    session = session_for("reports")
    facts = SqlSummaryRepository(session)
    facts.record_organisation("o1", "yu")
    facts.record_organisation("o2", "yu")
    facts.record_need("n1", "o1", "kuga")
    session.commit()
    assert facts.organisations_by_region() == {"yu": 2}
    assert facts.needs_by_region() == {"kuga": 1}
