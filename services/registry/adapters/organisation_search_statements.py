"""The ranked Japanese search as SQL statements built once per shape and reused with bound values.

Building the ranking expression (a CASE per term and title, as japanese_text.rank_key) cost
SQLAlchemy more Python per request than the database spent running it at demo scale. The
statement depends only on its shape — the dialect, how many terms and how many bigrams each has,
which filters are given, whether a cursor is — and every term, gram, filter value, cursor and
limit is a bound parameter; so one statement object serves every query of its shape, and
SQLAlchemy finds its compiled form in its cache without walking the tree again.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Integer, String, and_, bindparam, case, func, literal, or_, select, tuple_

from services.registry.adapters.tables import organisation_fields, organisation_grams, organisations
from services.registry.domain.japanese_text import search_bigrams

_ESCAPE = "/"
_NOWHERE = literal(10**9)
_KEY_PARTS = 6  # tier, terms only in the description, position, name length, name, id


@dataclass(frozen=True)
class SearchShape:
    """What the statement's SQL depends on; the values themselves are bound."""

    postgres: bool
    gram_counts: tuple[int, ...]  # per term: its bigrams, or 0 for a one-character term
    region: bool = False
    kind: bool = False
    statuses: bool = False
    field: bool = False
    after: bool = False


def search_values(terms: list[str], *, region=None, kind=None, statuses=None, field=None,
                  after=None, limit: int, postgres: bool) -> tuple[SearchShape, dict]:
    """The shape of a search and the values to execute its statement with."""
    values: dict = {"limit": limit}
    _term_values(values, "w", "".join(terms))
    gram_counts = []
    for i, term in enumerate(terms):
        _term_values(values, f"t{i}", term)
        if len(term) == 1:
            values[f"t{i}_lo"], values[f"t{i}_hi"] = term, chr(ord(term) + 1)
            gram_counts.append(0)
        else:
            grams = sorted(search_bigrams(term))
            values.update({f"t{i}_g{j}": gram for j, gram in enumerate(grams)})
            gram_counts.append(len(grams))
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


@lru_cache(maxsize=512)
def ranked_search(shape: SearchShape):
    """One page of hits, best first, for every query of this shape (see `search_values`)."""
    o = organisations.c
    match = _TermMatch(func.strpos if shape.postgres else func.instr)
    whole_tier, whole_position = match("w")
    per_term = [match(f"t{i}") for i in range(len(shape.gram_counts))]
    weakest = _greatest([tier for tier, _ in per_term])
    outside = sum((case((tier == 3, 1), else_=0) for tier, _ in per_term[1:]),
                  case((per_term[0][0] == 3, 1), else_=0))
    title_positions = [case((tier < 3, position), else_=_NOWHERE) for tier, position in per_term]
    first_title = _least(title_positions)
    by_terms_position = case((first_title < _NOWHERE, first_title), else_=per_term[0][1])
    whole_wins = whole_tier <= weakest
    name = o.name.collate("C") if shape.postgres else o.name  # code-point order, as in Python
    key = (case((whole_wins, whole_tier), else_=weakest),
           case((whole_wins, case((whole_tier == 3, 1), else_=0)), else_=outside),
           case((whole_wins, whole_position), else_=by_terms_position),
           func.length(o.name_norm), name, o.id)
    statement = select(organisations)
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
    for i, grams in enumerate(shape.gram_counts):
        term = f"t{i}"
        statement = statement.where(_candidates(term, grams), or_(
            *(column.like(_param(f"{term}_in"), escape=_ESCAPE)
              for column in (o.name_norm, o.kana_norm, o.description_norm))))
    if shape.after:
        statement = statement.where(
            tuple_(*key) > tuple_(*(bindparam(f"after{k}") for k in range(_KEY_PARTS))))
    return statement.order_by(*key).limit(bindparam("limit", type_=Integer))


def _term_values(values: dict, name: str, term: str) -> None:
    escaped = (term.replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%")
               .replace("_", _ESCAPE + "_"))
    values[name], values[f"{name}_in"], values[f"{name}_pre"] = term, f"%{escaped}%", f"{escaped}%"


def _param(name: str):
    return bindparam(name, type_=String)


class _TermMatch:
    """japanese_text._term_match as SQL: (tier, position) of the bound term `name` against the
    titles (name, name without legal form, reading) and the description; 0-based positions."""

    def __init__(self, find):
        self._find = find  # instr (SQLite) / strpos (PostgreSQL): 1-based, 0 when absent

    def __call__(self, name: str):
        o = organisations.c
        term, inside, prefix = _param(name), _param(f"{name}_in"), _param(f"{name}_pre")
        titles = (o.name_norm, o.core_norm, o.kana_norm)
        in_title = [title.like(inside, escape=_ESCAPE) for title in titles]
        tier = case(
            (or_(*(title == term for title in titles)), 0),
            (or_(*(title.like(prefix, escape=_ESCAPE) for title in titles)), 1),
            (or_(*in_title), 2),
            (o.description_norm.like(inside, escape=_ESCAPE), 3), else_=4)
        first_in_title = _least([case((found, self._find(title, term) - 1), else_=_NOWHERE)
                                 for found, title in zip(in_title, titles)])
        position = case((tier <= 1, 0), (tier == 2, first_in_title),
                        (tier == 3, self._find(o.description_norm, term) - 1), else_=0)
        return tier, position


def _candidates(term: str, grams: int):
    """A condition: ids whose grams contain every bigram of the term (one semi-join per bigram,
    which both planners estimate well; a GROUP BY … HAVING count = n made PostgreSQL pick a
    quadratic nested loop at 100,000 rows). A one-character term is a range scan."""
    g = organisation_grams.c
    o = organisations.c
    if grams == 0:
        return o.id.in_(select(g.organisation_id).where(
            g.gram >= _param(f"{term}_lo"), g.gram < _param(f"{term}_hi")))
    return and_(*(o.id.in_(select(g.organisation_id).where(g.gram == _param(f"{term}_g{j}")))
                  for j in range(grams)))


def _greatest(values):
    result = values[0]
    for value in values[1:]:
        result = case((result >= value, result), else_=value)
    return result


def _least(values):
    result = values[0]
    for value in values[1:]:
        result = case((result <= value, result), else_=value)
    return result
