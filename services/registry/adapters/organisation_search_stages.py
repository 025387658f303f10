"""A one-term search read best first from organisation_positions, stopping after one page.

For one term of two or more characters, `rank_key` orders the hits in three runs, and each run
comes straight out of an index in that order:
1. the term is a whole title (tier EXACT): name, core or reading equal to it (their indexes),
   by name length, name, id;
2. the term in a title (PREFIX at position 0, else SUBSTRING): rows (gram, title, p + k) by
   p, name length, name, id, where the gram is the term's rarest bigram and k its offset in the
   term (the rows a frequent first bigram would bring, いわ for いわくに子育て, hold few hits);
   an organisation counts at p only if p is where the term first occurs in any of its titles,
   so each appears once, at its rank's position;
3. the term only in the description (DESCRIPTION, one term outside the titles): likewise by its
   first position in the description.
So a term with 30,000 hits costs a page of index rows and their organisations, not a score per
hit. A cursor (the last key) resumes inside its run and skips the runs before it.
"""
from __future__ import annotations

from functools import lru_cache

from sqlalchemy import (Integer, String, and_, bindparam, case, exists, func, literal, not_, or_,
                        select, tuple_)

from services.registry.adapters.organisation_search_statements import (SearchShape,
                                                                       filtered_search)
from services.registry.adapters.tables import (organisation_grams, organisation_positions,
                                               organisations)
from services.registry.domain.japanese_text import MatchTier

TITLE, DESCRIPTION = 0, 1
_NOWHERE = literal(10**9)


def staged(terms: list[str]) -> bool:
    """Whether the query is one these runs answer: one term of two or more characters."""
    return len(terms) == 1 and len(terms[0]) >= 2


def runs_after(after: list | None) -> list[tuple[str, bool]]:
    """The runs to read, each with whether the cursor applies inside it."""
    tier = after[0] if after else -1
    runs = [("exact", MatchTier.EXACT), ("title", MatchTier.SUBSTRING),
            ("description", MatchTier.DESCRIPTION)]
    return [(run, tier >= MatchTier.PREFIX if run == "title" else tier == last)
            for run, last in runs if tier <= last]


def run_values(term: str, offset: int, after: list | None, inside: bool, limit: int,
               values: dict) -> dict:
    """Bound values of one run: the shape's filter values, the term, the bigram at `offset` in
    it that finds the rows, the cursor."""
    run = {**values, "t0": term, "gram": term[offset:offset + 2], "offset": offset,
           "limit": limit}
    if inside:
        run.update({"after_position": after[2] + offset, "after_length": after[3],
                    "after_name": after[4], "after_id": after[5]})
    return run


def rarest_offset(term: str, frequency) -> int:
    """Where in the term its rarest bigram starts (`frequency`: organisations holding a gram)."""
    return min(range(len(term) - 1), key=lambda k: (frequency(term[k:k + 2]), k))


@lru_cache(maxsize=128)
def run_statement(run: str, shape: SearchShape, inside: bool):
    o = organisations.c
    term = bindparam("t0", type_=String)
    is_title = or_(o.name_norm == term, o.core_norm == term, o.kana_norm == term)
    if run == "exact":
        name = o.name.collate("C") if shape.postgres else o.name
        order = (func.length(o.name_norm), name, o.id)
        statement = select(organisations).where(is_title)
        if inside:
            statement = statement.where(tuple_(*order) > _after("length", "name", "id"))
        return filtered_search(statement, shape).order_by(*order).limit(_limit())
    p = organisation_positions.c
    find = func.strpos if shape.postgres else func.instr
    offset = bindparam("offset", type_=Integer)
    if run == "title":
        first = _least(shape, [case((find(column, term) > 0, find(column, term) - 1),
                                    else_=_NOWHERE)
                               for column in (o.name_norm, o.core_norm, o.kana_norm)])
        holds = and_(first == p.position - offset, not_(is_title))
    else:  # the core is a part of the name, so a term in no name and no reading is in no title
        holds = and_(find(o.description_norm, term) - 1 == p.position - offset,
                     find(o.name_norm, term) == 0, find(o.kana_norm, term) == 0)
    order = (p.position, p.name_length, p.name, p.organisation_id)
    statement = (select(organisations).join(organisation_positions, p.organisation_id == o.id)
                 .where(p.gram == bindparam("gram", type_=String),
                        p.field == (TITLE if run == "title" else DESCRIPTION),
                        p.position >= offset, holds))
    if inside:
        statement = statement.where(
            tuple_(*order) > _after("position", "length", "name", "id"))
    return filtered_search(statement, shape).order_by(*order).limit(_limit())


def _after(*parts: str):
    return tuple_(*(bindparam(f"after_{part}") for part in parts))


def _limit():
    return bindparam("limit", type_=Integer)


def _least(shape: SearchShape, values):
    return (func.least if shape.postgres else func.min)(*values)


@lru_cache(maxsize=32)
def title_stream(others: int):
    """The next rows of one term's title stream: its bigram at positions from its offset on,
    in (position, name length, name, id) order after a given row, only of organisations that
    also hold the other terms' bigrams (`others` of them; index probes, no row read)."""
    p, g = organisation_positions.c, organisation_grams.c
    order = (p.position, p.name_length, p.name, p.organisation_id)
    statement = select(*order).where(
        p.gram == bindparam("gram", type_=String), p.field == TITLE,
        p.position >= bindparam("offset", type_=Integer),
        tuple_(*order) > _after("position", "length", "name", "id"))
    for i in range(others):
        statement = statement.where(exists().where(
            g.gram == bindparam(f"other{i}", type_=String), g.organisation_id == p.organisation_id))
    return statement.order_by(*order).limit(bindparam("limit", type_=Integer))


@lru_cache(maxsize=64)
def organisations_among(shape: SearchShape):
    """The organisations of some ids that pass the shape's filters."""
    return filtered_search(select(organisations).where(
        organisations.c.id.in_(bindparam("ids", expanding=True))), shape)


@lru_cache(maxsize=64)
def titled_exactly(shape: SearchShape):
    """Organisations with a title equal to one of some texts (the EXACT tier's candidates)."""
    o = organisations.c
    texts = bindparam("texts", expanding=True)
    return filtered_search(select(organisations).where(
        or_(o.name_norm.in_(texts), o.core_norm.in_(texts), o.kana_norm.in_(texts))), shape)
