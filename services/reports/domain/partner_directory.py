"""The public list of willing businesses (協働パートナー, P2.2.2): only a business that consented,
with the name it chose to show, what it offers, where, and the SDGs its offers serve. A
withdrawal removes the listing at once."""
from dataclasses import dataclass
from datetime import datetime

from services.common.errors import invalid
from services.reports.domain.sdg_goals import goals_for

MAX_NAME, MAX_MESSAGE = 100, 500


@dataclass(frozen=True)
class Listing:
    partner_id: str
    display_name: str
    message: str
    source: str  # "profile" or "survey": where the business consented
    consented_at: datetime

    @classmethod
    def consent(cls, partner_id: str, display_name: str | None, message: str, source: str,
                now: datetime) -> "Listing":
        name = " ".join((display_name or "").split())
        if not name or len(name) > MAX_NAME:
            raise invalid(display_name=f"掲載名を{MAX_NAME}字以内で入力してください / a display "
                                       f"name of at most {MAX_NAME} characters is required")
        if len(message) > MAX_MESSAGE:
            raise invalid(message=f"{MAX_MESSAGE}字以内です / at most {MAX_MESSAGE} characters")
        return cls(partner_id, name, message.strip(), source, now)


@dataclass(frozen=True)
class DirectoryEntry:
    partner_id: str
    display_name: str
    message: str
    offer_kinds: tuple[str, ...]
    regions: tuple[str, ...]
    sdgs: tuple[int, ...]


def entry(listing: Listing, offers) -> DirectoryEntry:
    """`offers`: the partner's CSR offers as reports knows them from matching's events."""
    return DirectoryEntry(
        listing.partner_id, listing.display_name, listing.message,
        tuple(sorted({o.kind for o in offers})),
        tuple(sorted({r for o in offers for r in o.regions})),
        tuple(goals_for({f for o in offers for f in o.fields})) if offers else ())
