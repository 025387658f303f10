"""Order of the organisation directory: by registration, or by search rank when a query is given.

Stored rows keep the normalised name, reading and description (japanese_text), so a repository
ranks without normalising again; these functions are the one definition every repository and the
cursor share.
"""
from services.registry.domain.japanese_text import normalise_for_search, rank_key


def matches(terms: list[str], name_norm: str, kana_norm: str, description_norm: str) -> bool:
    """Every term a substring of the normalised name, reading or description."""
    return bool(terms) and all(
        term in name_norm or term in kana_norm or term in description_norm for term in terms)


def search_key(terms: list[str], name_norm: str, kana_norm: str, description_norm: str,
               name: str, organisation_id: str) -> list:
    """Best first; name and id make the order total, so it can serve as a cursor."""
    rank = rank_key(terms, name_norm, kana_norm, description_norm)
    return [int(rank.tier), rank.terms_only_in_description, rank.position, rank.name_length,
            name, organisation_id]


def listing_key(organisation) -> list:
    return [organisation.registered_at.isoformat(), organisation.id]


def ordering_for(terms: list[str]) -> str:
    """Names the order of a listing, so its cursors serve that order only."""
    return "search" if terms else ""


def sort_key_for(terms: list[str]):
    """The cursor key of an organisation in a listing with these search terms."""
    if not terms:
        return listing_key
    return lambda o: search_key(terms, normalise_for_search(o.name),
                                normalise_for_search(o.name_kana),
                                normalise_for_search(o.description), o.name, o.id)
