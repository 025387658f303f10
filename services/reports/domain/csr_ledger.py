"""A business partner's CSR ledger, built from matching's events only.

One line per source: a completed match of the partner's staff (approved hours only), an offer
the partner posted, or a gift one of its offers gave (keyed by the event that recorded it). Every
line keeps the ids of the events it came from. Breakdowns by region hide small cells so that no
volunteer can be singled out.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from services.reports.domain.fiscal_year import fiscal_year_label

STAFF_HOURS, OFFER, GIFT = "staff_hours", "offer", "gift"
DEFAULT_MIN_CELL = 5


@dataclass(frozen=True)
class LedgerLine:
    line_id: str  # the match id (staff hours), the offer id, or the gift's event id
    partner_id: str
    kind: str  # STAFF_HOURS, OFFER or GIFT
    occurred_on: date
    fiscal_year: int
    source_event_ids: tuple[str, ...]
    offer_id: str | None = None
    offer_kind: str | None = None
    talent_id: str | None = None
    organisation_id: str | None = None  # the group supported (staff hours, a gift's recipient)
    regions: tuple[str, ...] = ()
    hours: float = 0.0
    quantity: float | None = None
    unit: str | None = None
    sdgs: tuple[int, ...] = ()
    value_yen: int | None = None  # a gift's value, on its stated basis
    value_basis: str | None = None
    people_reached: int = 0  # staff hours (as the organisation counted) and gifts


@dataclass(frozen=True)
class RegionCell:
    region: str
    matches: int | None
    hours: float | None
    volunteers: int | None
    suppressed: bool


@dataclass(frozen=True)
class OfferKindTotal:
    kind: str
    offers: int
    quantities: dict[str, float]  # unit → total (the stated value basis; 円 for money)


@dataclass(frozen=True)
class FulfilledKindTotal:
    """The gifts of one kind: how many, how much per unit, their yen by value basis."""
    kind: str
    offers: int
    quantities: dict[str, float]  # unit → total given
    value_yen: int
    value_bases: dict[str, int]  # basis → yen
    people_reached: int
    source_event_ids: tuple[str, ...]


@dataclass
class PartnerLedger:
    partner_id: str
    fiscal_year: int
    fiscal_year_label: str
    min_cell: int
    headcount: int | None
    staff_hours: float
    completed_matches: int
    volunteers: int
    participation_rate: float | None
    organisations_supported: int
    regions_supported: int
    regions: list[RegionCell]
    offers_by_kind: list[OfferKindTotal]
    sdgs: dict[int, int]
    fulfilled_by_kind: list[FulfilledKindTotal] = field(default_factory=list)
    value_given_yen: int = 0
    people_reached: int = 0
    lines: list[LedgerLine] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.lines


def build_ledger(partner_id: str, fiscal_year: int, lines: list[LedgerLine],
                 headcount: int | None, min_cell: int = DEFAULT_MIN_CELL) -> PartnerLedger:
    lines = sorted((line for line in lines if line.fiscal_year == fiscal_year
                    and line.partner_id == partner_id),
                   key=lambda line: (line.occurred_on, line.line_id))
    hours_lines = [line for line in lines if line.kind == STAFF_HOURS]
    offer_lines = [line for line in lines if line.kind == OFFER]
    gift_lines = [line for line in lines if line.kind == GIFT]
    supporting = hours_lines + gift_lines
    volunteers = len({line.talent_id for line in hours_lines})
    regions = _region_cells(hours_lines, min_cell)
    suppressed = {cell.region for cell in regions if cell.suppressed}
    sdgs = Counter(goal for line in lines for goal in line.sdgs)
    return PartnerLedger(
        partner_id=partner_id, fiscal_year=fiscal_year,
        fiscal_year_label=fiscal_year_label(fiscal_year), min_cell=min_cell, headcount=headcount,
        staff_hours=round(sum(line.hours for line in hours_lines), 2),
        completed_matches=len(hours_lines), volunteers=volunteers,
        participation_rate=(round(volunteers / headcount, 4) if headcount else None),
        organisations_supported=len({line.organisation_id for line in supporting if line.organisation_id}),
        regions_supported=len({r for line in supporting for r in line.regions}),
        regions=regions, offers_by_kind=_offer_totals(offer_lines),
        sdgs=dict(sorted(sdgs.items())),
        fulfilled_by_kind=_gift_totals(gift_lines),
        value_given_yen=sum(line.value_yen or 0 for line in gift_lines),
        people_reached=sum(line.people_reached for line in supporting),
        lines=[_hide_suppressed_region(line, suppressed) for line in lines])


def _region_cells(hours_lines: list[LedgerLine], min_cell: int) -> list[RegionCell]:
    per_region = defaultdict(list)
    for line in hours_lines:
        for region in line.regions:
            per_region[region].append(line)
    cells = {}
    for region, found in per_region.items():
        people = len({line.talent_id for line in found})
        cells[region] = (len(found), round(sum(line.hours for line in found), 2), people)
    small = {region for region, (_, _, people) in cells.items() if people < min_cell}
    # One hidden cell could be worked out from the total and the others: hide the next
    # smallest too (secondary suppression).
    if len(small) == 1 and len(cells) > 1:
        shown = sorted((people, region) for region, (_, _, people) in cells.items()
                       if region not in small)
        small.add(shown[0][1])
    return [RegionCell(region, None, None, None, True) if region in small
            else RegionCell(region, *cells[region], False)
            for region in sorted(cells)]


def _offer_totals(offer_lines: list[LedgerLine]) -> list[OfferKindTotal]:
    counts, quantities = Counter(), defaultdict(lambda: defaultdict(float))
    for line in offer_lines:
        counts[line.offer_kind] += 1
        if line.quantity is not None and line.unit:
            quantities[line.offer_kind][line.unit] += line.quantity
    return [OfferKindTotal(kind, counts[kind], dict(quantities[kind])) for kind in sorted(counts)]


def _gift_totals(gift_lines: list[LedgerLine]) -> list[FulfilledKindTotal]:
    per_kind = defaultdict(list)
    for line in gift_lines:
        per_kind[line.offer_kind].append(line)
    totals = []
    for kind, found in sorted(per_kind.items()):
        quantities, bases = defaultdict(float), defaultdict(int)
        for line in found:
            quantities[line.unit] += line.quantity or 0.0
            bases[line.value_basis] += line.value_yen or 0
        totals.append(FulfilledKindTotal(
            kind=kind, offers=len(found), quantities=dict(sorted(quantities.items())),
            value_yen=sum(bases.values()), value_bases=dict(sorted(bases.items())),
            people_reached=sum(line.people_reached for line in found),
            source_event_ids=tuple(e for line in found for e in line.source_event_ids)))
    return totals


def _hide_suppressed_region(line: LedgerLine, suppressed: set[str]) -> LedgerLine:
    """A staff-hours line names no region whose cell is hidden (it would single a person out)."""
    if line.kind != STAFF_HOURS or not suppressed.intersection(line.regions):
        return line
    return replace(line, regions=tuple(r for r in line.regions if r not in suppressed))
