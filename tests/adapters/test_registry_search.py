"""Japanese search on SQLite and PostgreSQL: the whole query table against the demo organisations,
through the repository (bigram index + normalised columns), schemas built by the migrations."""
import json
import uuid
from contextlib import ExitStack
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from services.common.database import make_engine, make_session_factory
from services.common.migrations import upgrade
from services.registry.adapters.organisation_repositories import SqlOrganisationRepository
from services.registry.app.organisations import OrganisationFilter
from services.registry.domain.organisation import Contact, Organisation
from services.registry.tests.search_queries import SEARCH_QUERIES
from tests.support.throwaway_postgres import throwaway_database

DEMO_FILE = Path(__file__).resolve().parents[2] / "deploy" / "demo" / "iwakuni.json"
START = datetime(2026, 4, 1, tzinfo=timezone.utc)


def demo_organisations() -> list[Organisation]:
    demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return [Organisation(
        id=str(uuid.uuid4()), name=o["name"], name_kana=o["kana"], kind=o["kind"],
        region=o["region"], fields=o["fields"], description=o["description"], status="verified",
        registered_at=START + timedelta(minutes=index), town=o["town"],
        founded_year=o["founded_year"], member_count=o["member_count"],
        members_in_city=o["members_in_city"]) for index, o in enumerate(demo["organisations"])]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(request, tmp_path_factory):
    """One database per engine for the whole table (the 64 queries only read)."""
    with ExitStack() as databases:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'registry.sqlite3'}"
        else:
            url = databases.enter_context(throwaway_database())
        upgrade("registry", url)
        engine = make_engine(url)
        session = make_session_factory(engine)()
        repository = SqlOrganisationRepository(session)
        for organisation in demo_organisations():
            repository.add(organisation)
        session.commit()
        yield repository
        session.close()
        engine.dispose()


def search(repository, query: str, **filters) -> list[str]:
    return [o.name for o in repository.list(OrganisationFilter(q=query, limit=200, **filters))]


@pytest.mark.parametrize("row", SEARCH_QUERIES, ids=lambda row: row["query"])
def test_the_query_table(loaded, row):
    hits = search(loaded, row["query"])
    assert row["expected"] <= set(hits), (row["why"], row["expected"] - set(hits))
    assert not (row.get("must_not", set()) & set(hits)), row["why"]
    if row.get("expected_first"):
        assert hits[0] == row["expected_first"], (row["why"], hits[:3])


def test_search_combines_with_filters_and_pages_by_rank(loaded):
    everything = search(loaded, "自治会")
    in_iwakuni = search(loaded, "自治会", region="iwakuni")
    assert in_iwakuni and set(in_iwakuni) < set(everything)
    assert search(loaded, "自治会", kind="business") == []
    with_field = search(loaded, "会", field="disaster_prevention")
    assert with_field and set(with_field) < set(search(loaded, "会"))
    seen, after = [], None
    while True:
        page = loaded.list(OrganisationFilter(q="会", limit=7, after=after))
        seen += [o.name for o in page]
        if len(page) < 7:
            break
        from services.registry.domain.directory import sort_key_for
        from services.registry.domain.japanese_text import search_terms
        after = sort_key_for(search_terms("会"))(page[-1])
    assert seen == search(loaded, "会")
    assert len(seen) == len(set(seen)) > 20


def test_a_query_that_matches_nothing_and_a_blank_query(loaded):
    assert search(loaded, "存在しない団体名") == []
    assert len(loaded.list(OrganisationFilter(q="　 ", limit=200))) == 74  # blank: the listing


def test_profiles_round_trip_and_updates_reindex(database_url):
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    session = make_session_factory(engine)()
    repository = SqlOrganisationRepository(session)
    organisation = Organisation(
        id=str(uuid.uuid4()), name="錦川清流の会", name_kana="ニシキガワセイリュウノカイ",
        kind="citizen_group", region="nishiki", fields=["environment"], description="川の清掃",
        status="pending", registered_at=START, town="広瀬", founded_year=2001, member_count=12,
        members_in_city=12, contacts=[Contact("email", "a@example.jp", "members", "事務局")],
        legal_form="none", social_business=True, business_activity="鮎の加工販売",
        registered_by="citizen:x")
    repository.add(organisation)
    session.commit()
    stored = repository.get(organisation.id)
    assert stored == organisation
    assert stored.contacts == [Contact("email", "a@example.jp", "members", "事務局")]
    assert [o.id for o in repository.list(OrganisationFilter(q="せいりゅう"))] == [organisation.id]
    stored.name, stored.name_kana, stored.fields = "錦川ホタルの会", "ニシキガワホタルノカイ", ["tourism"]
    repository.save(stored)
    session.commit()
    assert repository.list(OrganisationFilter(q="せいりゅう")) == []
    assert [o.id for o in repository.list(OrganisationFilter(q="ほたる", field="tourism"))] == [
        organisation.id]
    assert repository.list(OrganisationFilter(field="environment")) == []
    assert repository.list(OrganisationFilter(verified=True)) == []
    session.close()
    engine.dispose()


def test_ranking_in_sql_equals_the_python_ranking(loaded):
    """The repository orders in the database; it must agree with `search_key` exactly."""
    from services.registry.domain.japanese_text import search_terms
    compared = 0
    extra = ("会", "ー", "npo", "株式会社", "岩国", "会 会", "岩国 会", "npo 岩国", "自治会 会",
             "まちづくり 協議会", "防災 会 岩国")
    for row in SEARCH_QUERIES + [{"query": q} for q in extra]:
        terms = search_terms(row["query"])
        if not terms:
            continue  # a blank query is the plain listing
        query = OrganisationFilter(q=row["query"], limit=200)
        in_sql = [o.id for o in loaded._search_ranked_in_sql(query, terms)]
        in_python = [o.id for o in loaded._search_ranked_in_python(query, terms)]
        assert in_sql == in_python, row["query"]
        compared += 1
    assert compared >= 70


def test_one_term_read_in_runs_equals_the_python_ranking_page_by_page(loaded):
    """A one-term search reads organisation_positions best first and stops after a page; every
    page, resumed from the last key as the cursor does, must be the Python ranking's."""
    from services.registry.adapters.organisation_search_stages import staged
    from services.registry.domain.directory import sort_key_for
    from services.registry.domain.japanese_text import search_terms
    compared = 0
    extra = ("会", "ー", "npo", "株式会社", "岩国", "自治会", "いわくに", "ほうさい", "の会", "じちかい")
    for row in SEARCH_QUERIES + [{"query": q} for q in extra]:
        terms = search_terms(row["query"])
        if not staged(terms):
            continue
        expected = [o.id for o in loaded._search_ranked_in_python(
            OrganisationFilter(q=row["query"], limit=200), terms)]
        for filters in ({}, {"region": "iwakuni"}, {"field": "disaster_prevention"}):
            wanted = [o.id for o in loaded._search_ranked_in_python(
                OrganisationFilter(q=row["query"], limit=200, **filters), terms)]
            assert [o.id for o in loaded._search_in_runs(
                OrganisationFilter(q=row["query"], limit=200, **filters), terms[0])] == wanted
        paged, after = [], None
        while True:
            page = loaded._search_in_runs(OrganisationFilter(q=row["query"], limit=3, after=after),
                                          terms[0])
            paged += [o.id for o in page]
            if len(page) < 3:
                break
            after = sort_key_for(terms)(page[-1])
        assert paged == expected, row["query"]
        compared += 1
    assert compared >= 60


@pytest.mark.parametrize("chunk", [1, 3, 64])
def test_several_terms_merged_from_title_streams_equal_the_python_ranking_page_by_page(
        loaded, chunk, monkeypatch):
    """Several terms are ranked from their merged title streams, stopping once the page is
    settled; every page, at any size, must still be the Python ranking's. Streams read a few
    rows at a time, so at demo scale the merge stops early as it does over 100,000."""
    from services.registry.adapters import organisation_title_merge
    monkeypatch.setattr(organisation_title_merge, "_CHUNK", chunk)
    from services.registry.domain.directory import sort_key_for
    from services.registry.domain.japanese_text import search_terms
    compared = 0
    extra = ("岩国 会", "npo 岩国", "自治会 会", "まちづくり 協議会", "防災 会 岩国", "自治会 いわくに",
             "ネットワーク 岩国", "会 会", "子育て 支援")
    for row in SEARCH_QUERIES + [{"query": q} for q in extra]:
        terms = search_terms(row["query"])
        if len(terms) < 2:
            continue
        expected = [o.id for o in loaded._search_ranked_in_python(
            OrganisationFilter(q=row["query"], limit=200), terms)]
        for limit in (1, 2, 5):
            paged, after = [], None
            while True:
                page = loaded._search_in_title_streams(
                    OrganisationFilter(q=row["query"], limit=limit, after=after), terms)
                paged += [o.id for o in page]
                if len(page) < limit:
                    break
                after = sort_key_for(terms)(page[-1])
            assert paged == expected, (row["query"], limit)
        compared += 1
    assert compared >= 15


def test_registry_0012_indexes_the_organisations_already_stored(database_url):
    """Stored before organisation_positions existed (schema back at registry_0011), found by
    position after the upgrade, in the Python ranking's order."""
    from alembic import command

    from services.common.migrations import alembic_config
    from services.registry.domain.japanese_text import search_terms
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    session = make_session_factory(engine)()
    repository = SqlOrganisationRepository(session)
    for organisation in demo_organisations():
        repository.add(organisation)
    session.commit()
    session.close()
    command.downgrade(alembic_config("registry", database_url), "registry_0011")
    upgrade("registry", database_url)
    session = make_session_factory(engine)()
    repository = SqlOrganisationRepository(session)
    for q in ("自治会", "ｼﾞﾁｶｲ", "災害", "防災", "岩国 防災", "自治会 玖珂"):
        query = OrganisationFilter(q=q, limit=200)
        found = [o.id for o in repository.list(query)]
        assert found and found == [o.id for o in repository._search_ranked_in_python(
            query, search_terms(q))], q
    session.close()
    engine.dispose()


def _crafted(name: str, kana: str, description: str = "") -> Organisation:
    return Organisation(
        id=str(uuid.uuid4()), name=name, name_kana=kana, kind="citizen_group", region="iwakuni",
        fields=["disaster_prevention"], description=description, status="verified",
        registered_at=START)


@pytest.mark.parametrize("chunk", [1, 2])
def test_the_title_streams_stop_only_when_nothing_unread_can_rank_before_the_page(
        database_url, chunk, monkeypatch):
    """Organisations whose order in the streams is not their rank: a whole query later in a
    title than its first term, a long name that the whole query starts, a name and reading
    each starting with one term, an exact title, a description. Read a row at a time, each page
    must still be the Python ranking's."""
    from services.registry.adapters import organisation_title_merge
    from services.registry.domain.directory import sort_key_for
    from services.registry.domain.japanese_text import search_terms
    monkeypatch.setattr(organisation_title_merge, "_CHUNK", chunk)
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    session = make_session_factory(engine)()
    repository = SqlOrganisationRepository(session)
    for organisation in [
        _crafted("防災の岩国防災会", "ボウサイノイワクニボウサイカイ"),
        _crafted("北岩国防災", "キタイワクニボウサイ"),
        _crafted("岩国の防災クラブ連絡協議会", "イワクニノボウサイクラブ"),
        _crafted("岩国防災ネットワーク拡大版の会", "イワクニボウサイネットワーク"),
        _crafted("岩国みらい", "ボウサイイワクニ"),
        _crafted("岩国防災", "イワクニボウサイ"),
        _crafted("山口の会", "ヤマグチノカイ", "岩国で防災訓練をしています"),
        _crafted("防災岩国", "ボウサイイワクニ"),
    ]:
        repository.add(organisation)
    session.commit()
    for q in ("岩国 防災", "防災 岩国", "岩国 ぼうさい", "国防 災会", "ぼうさい いわくに"):
        terms = search_terms(q)
        expected = [o.id for o in repository._search_ranked_in_python(
            OrganisationFilter(q=q, limit=200), terms)]
        for limit in (1, 2, 3):
            paged, after = [], None
            while True:
                page = repository.list(OrganisationFilter(q=q, limit=limit, after=after))
                paged += [o.id for o in page]
                if len(page) < limit:
                    break
                after = sort_key_for(terms)(page[-1])
            assert paged == expected, (q, limit)
    session.close()
    engine.dispose()
