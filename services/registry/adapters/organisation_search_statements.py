"""The ranked Japanese search as SQL statements built once per shape and reused with bound values.

Building the ranking expression (a CASE per term and title, as japanese_text.rank_key) cost
SQLAlchemy more Python per request than the database spent running it at demo scale. The
statement depends only on its shape — the dialect, how many terms and how many bigrams each has,
which filters are given, whether a cursor is — and every term, gram, filter value, cursor and
limit is a bound parameter; so one statement object serves every query of its shape, and
SQLAlchemy finds its compiled form in its cache without walking the tree again.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import (Integer, String, and_, bindparam, case, func, literal, or_, select, true,
                        tuple_)

from services.registry.adapters.tables import organisation_fields, organisation_grams, organisations
from services.registry.domain.japanese_text import search_bigrams

_NOWHERE = literal(10**9)
_KEY_PARTS = 6  # tier, terms only in the description, position, name length, name, id


@dataclass(frozen=True)
class SearchShape:
    """What the statement's SQL depends on; the values themselves are bound."""

    postgres: bool
    gram_counts: tuple[int, ...]  # per term: bigrams used, 0 for a range, -1 for none
    region: bool = False
    kind: bool = False
    statuses: bool = False
    field: bool = False
    after: bool = False


def search_values(terms: list[str], *, region=None, kind=None, statuses=None, field=None,
                  after=None, limit: int, postgres: bool,
                  frequency: Callable[[str], int] | None = None) -> tuple[SearchShape, dict]:
    """The shape of a search and the values to execute its statement with.

    Given `frequency` (how many organisations hold a gram, roughly), only the rarest bigram of
    the whole query narrows the candidates: every term is confirmed on the text anyway, and each
    further gram made the database collect and index thousands of ids that narrowed little.
    """
    values: dict = {"limit": limit, "w": "".join(terms)}
    narrowing = _narrowing(terms, frequency)
    gram_counts = []
    for i, (term, grams) in enumerate(zip(terms, narrowing)):
        values[f"t{i}"] = term
        if grams == _RANGE:
            values[f"t{i}_lo"], values[f"t{i}_hi"] = term, chr(ord(term) + 1)
            gram_counts.append(0)
        else:
            values.update({f"t{i}_g{j}": gram for j, gram in enumerate(grams)})
            gram_counts.append(len(grams) or _UNNARROWED)
    for name, value in (("region", region), ("kind", kind), ("field", field)):
        if value:
            values[name] = value
    if statuses is not None:
        values["statuses"] = list(statuses)
    if after:
        values.update({f"after{k}": part for k, part in enumerate(after)})
    shape = SearchShape(postgres, tuple(gram_counts), bool(region), bool(kind),
                        statuses is not None, bool(field), bool(after))
    return shape, values


_RANGE = "range"  # a one-character term: every gram starting with it
_UNNARROWED = -1  # a term left to the text comparison alone


def _narrowing(terms: list[str], frequency) -> list:
    """Per term, the grams that narrow its candidates, or _RANGE."""
    every = [_RANGE if len(term) == 1 else sorted(search_bigrams(term)) for term in terms]
    if frequency is None:
        return every
    grams = [(frequency(gram), i, gram) for i, term_grams in enumerate(every)
             if term_grams != _RANGE for gram in term_grams]
    if not grams:  # only one-character terms: the first one's range
        return [_RANGE if i == 0 else [] for i in range(len(terms))]
    _, chosen, gram = min(grams)
    return [[gram] if i == chosen else [] for i in range(len(terms))]


@lru_cache(maxsize=512)
def ranked_search(shape: SearchShape):
    """One page of hits, best first, for every query of this shape (see `search_values`).

    Three steps, so that each row's text is searched once per term: `hits` (materialised) finds
    the organisations containing every term and where each term occurs in each title and the
    description; `ranked` turns those positions into the rank key and keeps one page; the page is
    joined back to the full rows. Written as one expression, the key repeated every LIKE and
    instr per reference (tens per row), which cost more than the search itself.
    """
    o = organisations.c
    find = func.strpos if shape.postgres else func.instr
    terms = [f"t{i}" for i in range(len(shape.gram_counts))]
    # The whole query typed without spaces ("w") is the one term when there is one.
    whole = "w" if len(terms) > 1 else "t0"
    found = []
    for name in dict.fromkeys([whole, *terms]):
        term = _param(name)
        found += [case((or_(o.name_norm == term, o.core_norm == term, o.kana_norm == term), 1),
                       else_=0).label(f"{name}_exact"),
                  find(o.name_norm, term).label(f"{name}_name"),
                  find(o.core_norm, term).label(f"{name}_core"),
                  find(o.kana_norm, term).label(f"{name}_kana"),
                  find(o.description_norm, term).label(f"{name}_description")]
    hits = select(o.id, o.name, func.length(o.name_norm).label("name_length"), *found)
    hits = filtered_search(hits, shape)
    for i, grams in enumerate(shape.gram_counts):
        term = _param(f"t{i}")
        hits = hits.where(_candidates(f"t{i}", grams), or_(
            *(find(column, term) > 0 for column in (o.name_norm, o.kana_norm, o.description_norm))))
    h = hits.cte("hits").prefix_with("MATERIALIZED").c
    least = func.least if shape.postgres else func.min  # min(a, b) is SQLite's scalar form
    greatest = func.greatest if shape.postgres else func.max
    whole_tier, whole_position = _tier_and_position(h, whole, least)
    per_term = [_tier_and_position(h, name, least) for name in terms]
    weakest = _of(greatest, [tier for tier, _ in per_term])
    outside = sum((case((tier == 3, 1), else_=0) for tier, _ in per_term[1:]),
                  case((per_term[0][0] == 3, 1), else_=0))
    first_title = _of(least, [case((tier < 3, position), else_=_NOWHERE) for tier, position in per_term])
    by_terms_position = case((first_title < _NOWHERE, first_title), else_=per_term[0][1])
    whole_wins = whole_tier <= weakest
    name = h.name.collate("C") if shape.postgres else h.name  # code-point order, as in Python
    key = (case((whole_wins, whole_tier), else_=weakest),
           case((whole_wins, case((whole_tier == 3, 1), else_=0)), else_=outside),
           case((whole_wins, whole_position), else_=by_terms_position),
           h.name_length, name, h.id)
    ranked = select(*(part.label(f"k{k}") for k, part in enumerate(key)))
    if shape.after:
        ranked = ranked.where(
            tuple_(*key) > tuple_(*(bindparam(f"after{k}") for k in range(_KEY_PARTS))))
    page = ranked.order_by(*key).limit(bindparam("limit", type_=Integer)).subquery("page")
    ordered = [page.c[f"k{k}"] for k in range(_KEY_PARTS)]
    if shape.postgres:
        ordered[4] = ordered[4].collate("C")
    return (select(organisations).join(page, o.id == page.c.k5).order_by(*ordered))


def filtered_search(statement, shape: SearchShape):
    """The filters of a search shape (region, kind, statuses, field) on `statement`."""
    o = organisations.c
    if shape.region:
        statement = statement.where(o.region == bindparam("region", type_=String))
    if shape.kind:
        statement = statement.where(o.kind == bindparam("kind", type_=String))
    if shape.statuses:
        statement = statement.where(o.status.in_(bindparam("statuses", expanding=True)))
    if shape.field:
        statement = statement.where(o.id.in_(
            select(organisation_fields.c.organisation_id)
            .where(organisation_fields.c.field == bindparam("field", type_=String))))
    return statement


def _tier_and_position(hits, name: str, least):
    """japanese_text._term_match from a hit's positions: (tier, 0-based position)."""
    exact, description = hits[f"{name}_exact"], hits[f"{name}_description"]
    titles = [hits[f"{name}_{title}"] for title in ("name", "core", "kana")]
    tier = case((exact == 1, 0), (or_(*(p == 1 for p in titles)), 1),
                (or_(*(p > 0 for p in titles)), 2), (description > 0, 3), else_=4)
    first_in_title = _of(least, [case((p > 0, p - 1), else_=_NOWHERE) for p in titles])
    position = case((tier <= 1, 0), (tier == 2, first_in_title), (tier == 3, description - 1),
                    else_=0)
    return tier, position


def _of(function, values):
    return values[0] if len(values) == 1 else function(*values)


def _param(name: str):
    return bindparam(name, type_=String)


def _candidates(term: str, grams: int):
    """A condition: ids whose grams contain every bigram of the term (one semi-join per bigram,
    which both planners estimate well; a GROUP BY … HAVING count = n made PostgreSQL pick a
    quadratic nested loop at 100,000 rows). A one-character term is a range scan."""
    g = organisation_grams.c
    o = organisations.c
    if grams == _UNNARROWED:
        return true()
    if grams == 0:
        return o.id.in_(select(g.organisation_id).where(
            g.gram >= _param(f"{term}_lo"), g.gram < _param(f"{term}_hi")))
    return and_(*(o.id.in_(select(g.organisation_id).where(g.gram == _param(f"{term}_g{j}")))
                  for j in range(grams)))
