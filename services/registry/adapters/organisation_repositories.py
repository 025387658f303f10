"""SQLAlchemy repository for organisations: rows in, domain objects out.

Organisations keep their normalised name, reading and description beside the text, a row per
field of activity, the bigram index of japanese_text (organisation_grams) and where each gram
stands (organisation_positions), all written in the same transaction as the organisation. A
search reads its hits best first from the positions and stops after a page (one term:
organisation_search_stages; several: organisation_title_merge); what those cannot settle it
ranks in SQL, every hit narrowed by the bigram index and confirmed as a substring of the
normalised columns. Every path orders by the domain's `search_key` (the same order on SQLite,
PostgreSQL and the in-memory fake).
"""
from __future__ import annotations

import time
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, tuple_, update
from sqlalchemy.orm import Session

from services.common.deferred_writes import write_later
from services.common.timestamps import as_utc
from services.registry.adapters import organisation_search_stages as stages
from services.registry.adapters.organisation_search_statements import ranked_search, search_values
from services.registry.adapters.organisation_title_merge import ranked_from_title_streams
from services.registry.adapters.tables import (organisation_fields, organisation_grams,
                                               organisation_positions, organisations)
from services.registry.app.organisations import OrganisationFilter
from services.registry.domain.directory import search_key
from services.registry.domain.japanese_text import (MatchTier, index_grams,
                                                    name_without_legal_form,
                                                    normalise_for_search, positioned_grams,
                                                    search_bigrams)
from services.registry.domain.organisation import Contact, Organisation

_COLUMNS = ("id", "name", "name_kana", "kind", "region", "fields", "description", "status",
            "registered_at", "town", "founded_year", "member_count", "members_in_city",
            "legal_form", "social_business", "business_activity", "status_reason",
            "registered_by", "updated_at")
# Built once: building the select per call was a fifth of the lookup's CPU (a read, a write).
_BY_ID = select(organisations).where(organisations.c.id == bindparam("organisation_id"))


_GRAM_FREQUENCY_SECONDS = 300.0
_GRAM_FREQUENCY_ENTRIES = 20_000
_gram_frequencies: dict[tuple, tuple[float, int]] = {}


class SqlOrganisationRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, organisation: Organisation) -> None:
        row, *index = _stored(organisation)
        write_later(self._session, _INSERTS[organisations], row)
        self._insert_index(index)

    def save(self, organisation: Organisation) -> None:
        row, *index = _stored(organisation)
        self._session.execute(update(organisations).where(organisations.c.id == organisation.id)
                              .values({k: v for k, v in row.items() if k != "id"}))
        self._session.execute(delete(organisation_fields).where(
            organisation_fields.c.organisation_id == organisation.id))
        self._session.execute(delete(organisation_grams).where(
            organisation_grams.c.organisation_id == organisation.id))
        self._session.execute(delete(organisation_positions).where(
            organisation_positions.c.organisation_id == organisation.id))
        self._insert_index(index)

    def get(self, organisation_id: str) -> Organisation | None:
        row = self._session.execute(_BY_ID, {"organisation_id": organisation_id}).first()
        return _organisation(row) if row else None

    def list(self, query: OrganisationFilter) -> list[Organisation]:
        terms = query.terms
        if terms:
            return self._search(query, terms)
        statement = self._filtered(select(organisations), query).order_by(
            organisations.c.registered_at, organisations.c.id).limit(query.limit)
        if query.after:
            statement = statement.where(
                tuple_(organisations.c.registered_at, organisations.c.id)
                > (datetime.fromisoformat(query.after[0]), query.after[1]))
        return [_organisation(row) for row in self._session.execute(statement)]

    def _search(self, query: OrganisationFilter, terms: list[str]) -> list[Organisation]:
        if stages.staged(terms):
            return self._search_in_runs(query, terms[0])
        return self._search_in_title_streams(query, terms)

    def _search_in_runs(self, query: OrganisationFilter, term: str) -> list[Organisation]:
        """One term read best first from organisation_positions (organisation_search_stages):
        a page costs a page of index rows however many organisations hold the term.
        Equal to `_search_ranked_in_python` (tested on the whole query table and by pages)."""
        bind = self._session.get_bind()
        shape, values = search_values(
            [term], region=query.region, kind=query.kind, statuses=query.statuses,
            field=query.field, limit=query.limit, postgres=bind.dialect.name == "postgresql")
        offset = stages.rarest_offset(term, lambda gram: self._gram_frequency(bind.url, gram))
        found: list[Organisation] = []
        for run, inside in stages.runs_after(query.after):
            wanted = query.limit - len(found)
            if wanted <= 0:
                break
            rows = self._session.execute(
                stages.run_statement(run, shape, inside),
                stages.run_values(term, offset, query.after, inside, wanted, values))
            found += [_organisation(row) for row in rows]
        return found

    def _search_in_title_streams(self, query: OrganisationFilter,
                                 terms: list[str]) -> list[Organisation]:
        """Several terms: merged from their title streams while the better tiers fill the page
        (organisation_title_merge); else every hit ranked in SQL."""
        bind = self._session.get_bind()
        frequency = lambda gram: self._gram_frequency(bind.url, gram)  # noqa: E731
        shape, values = self._search_values(query, terms, bind, frequency)
        if not (query.after and query.after[0] > MatchTier.SUBSTRING) and min(map(len, terms)) > 1:
            offsets = [stages.rarest_offset(term, frequency) for term in terms]
            page = ranked_from_title_streams(
                self._session, terms, offsets, stages.rarest_offset("".join(terms), frequency),
                shape, values, query.limit, query.after)
            if page is not None:
                return [_organisation(row) for row in page]
        return self._page(ranked_search(shape), values)

    def _search_values(self, query: OrganisationFilter, terms: list[str], bind, frequency):
        return search_values(
            terms, region=query.region, kind=query.kind, statuses=query.statuses,
            field=query.field, after=query.after, limit=query.limit,
            postgres=bind.dialect.name == "postgresql", frequency=frequency)

    def _page(self, statement, values) -> list[Organisation]:
        return [_organisation(row) for row in self._session.execute(statement, values)]

    def _search_ranked_in_sql(self, query: OrganisationFilter,
                              terms: list[str]) -> list[Organisation]:
        """The database computes `search_key` itself (japanese_text.rank_key: tier, terms found
        only in the description, position, name length; then name and id) and returns one page,
        so a query with thousands of hits costs a sort in SQL, not a Python rank per hit; the
        statement is built once per shape (organisation_search_statements).
        Equal to `_search_ranked_in_python` (tested on the whole query table)."""
        bind = self._session.get_bind()
        shape, values = self._search_values(
            query, terms, bind, lambda gram: self._gram_frequency(bind.url, gram))
        return self._page(ranked_search(shape), values)

    def _gram_frequency(self, database, gram: str) -> int:
        """How many organisations hold `gram`, remembered for a few minutes: it only picks the
        gram that narrows a search, so a stale figure costs speed, never a hit."""
        key, now = (database, gram), time.monotonic()
        known = _gram_frequencies.get(key)
        if known is None or now - known[0] > _GRAM_FREQUENCY_SECONDS:
            if len(_gram_frequencies) >= _GRAM_FREQUENCY_ENTRIES:
                _gram_frequencies.clear()
            count = self._session.execute(select(func.count()).select_from(organisation_grams)
                                          .where(organisation_grams.c.gram == gram)).scalar()
            known = _gram_frequencies[key] = (now, count)
        return known[1]

    def _search_ranked_in_python(self, query: OrganisationFilter,
                                 terms: list[str]) -> list[Organisation]:
        o = organisations.c
        statement = self._filtered(
            select(o.id, o.name, o.name_norm, o.kana_norm, o.description_norm), query)
        for term in terms:
            statement = statement.where(_candidates(term), or_(
                o.name_norm.contains(term, autoescape=True),
                o.kana_norm.contains(term, autoescape=True),
                o.description_norm.contains(term, autoescape=True)))
        keyed = sorted(
            (search_key(terms, row.name_norm, row.kana_norm, row.description_norm, row.name,
                        row.id), row.id)
            for row in self._session.execute(statement))
        if query.after:
            keyed = [pair for pair in keyed if pair[0] > query.after]
        ids = [organisation_id for _, organisation_id in keyed[:query.limit]]
        if not ids:
            return []
        rows = {row.id: _organisation(row) for row in self._session.execute(
            select(organisations).where(organisations.c.id.in_(ids)))}
        return [rows[organisation_id] for organisation_id in ids]

    @staticmethod
    def _filtered(statement, query: OrganisationFilter):
        if query.region:
            statement = statement.where(organisations.c.region == query.region)
        if query.kind:
            statement = statement.where(organisations.c.kind == query.kind)
        statuses = query.statuses
        if statuses is not None:
            statement = statement.where(organisations.c.status.in_(statuses))
        if query.field:
            statement = statement.where(organisations.c.id.in_(
                select(organisation_fields.c.organisation_id)
                .where(organisation_fields.c.field == query.field)))
        return statement

    def _insert_index(self, index: list[list[dict]]) -> None:
        # Held back to the next statement or the commit (deferred_writes): a unit of work that
        # registers 100 organisations sends four executemany, not 400 executes (in-process, CPU
        # per organisation registered in commits of 100: 0.59–0.60 → 0.39–0.40 ms).
        for table, rows in zip(_INDEX_TABLES, index):
            write_later(self._session, _INSERTS[table], *rows)


def _candidates(term: str):
    """A condition: ids whose grams contain every bigram of the term (one semi-join per bigram,
    which both planners estimate well; a GROUP BY … HAVING count = n made PostgreSQL pick a
    quadratic nested loop at 100,000 rows). A one-character term is a range scan."""
    g = organisation_grams.c
    o = organisations.c
    if len(term) == 1:
        return o.id.in_(select(g.organisation_id).where(g.gram >= term,
                                                        g.gram < chr(ord(term) + 1)))
    return and_(*(o.id.in_(select(g.organisation_id).where(g.gram == gram))
                  for gram in sorted(search_bigrams(term))))


_INDEX_TABLES = (organisation_fields, organisation_grams, organisation_positions)
# One statement object per table: deferred writes group their rows by statement.
_INSERTS = {table: insert(table) for table in (organisations, *_INDEX_TABLES)}


def stored_rows(batch: list[Organisation]) -> list[tuple]:
    """(table, rows) that store a batch of organisations, in the order they are inserted: what
    `add` writes, for a benchmark's bulk load (COPY on PostgreSQL)."""
    stored = [_stored(o) for o in batch]
    return [(organisations, [row for row, *_ in stored]),
            *((table, [row for _, *index in stored for row in index[i]])
              for i, table in enumerate(_INDEX_TABLES))]


def _stored(organisation: Organisation) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """The organisation's row, then its rows in organisation_fields, organisation_grams and
    organisation_positions. Its texts are normalised once here: doing it for each table was a
    tenth of a registration's CPU."""
    name_norm, kana_norm, description_norm = (
        normalise_for_search(organisation.name), normalise_for_search(organisation.name_kana),
        normalise_for_search(organisation.description))
    core_norm = name_without_legal_form(name_norm)
    row = {name: getattr(organisation, name) for name in _COLUMNS}
    row.update(contacts=[asdict(c) for c in organisation.contacts], name_norm=name_norm,
               kana_norm=kana_norm, description_norm=description_norm, core_norm=core_norm)
    fields = [{"field": f, "organisation_id": organisation.id}
              for f in dict.fromkeys(organisation.fields)]
    grams = [{"gram": g, "organisation_id": organisation.id}
             for g in sorted(index_grams(name_norm, kana_norm, description_norm))]
    static = {"name_length": len(name_norm), "name": organisation.name,
              "organisation_id": organisation.id}
    positions = ([{"gram": g, "field": stages.TITLE, "position": p, **static}
                  for g, p in positioned_grams(name_norm, core_norm, kana_norm)]
                 + [{"gram": g, "field": stages.DESCRIPTION, "position": p, **static}
                    for g, p in positioned_grams(description_norm)])
    return row, fields, grams, positions


def _organisation(row) -> Organisation:
    data = {name: value for name, value in row._mapping.items() if name in _COLUMNS}
    data["registered_at"] = as_utc(data["registered_at"])
    data["updated_at"] = as_utc(data["updated_at"]) if data.get("updated_at") else None
    data["contacts"] = [Contact(**c) for c in (row._mapping["contacts"] or [])]
    return Organisation(**data)
