"""Funding applications and results per programme, region and fiscal year (April–March)."""
from dataclasses import dataclass

APPLIED, AWARDED, REJECTED = "applied", "awarded", "rejected"


@dataclass(frozen=True)
class ApplicationFact:
    application_id: str
    programme: str
    region: str
    fiscal_year: int
    status: str
    amount_yen: int = 0


@dataclass(frozen=True)
class FundingRow:
    programme: str
    region: str
    applications: int
    awarded: int
    rejected: int
    pending: int
    awarded_yen: int


@dataclass(frozen=True)
class FundingOutcomes:
    fiscal_year: int
    programmes: list[str]  # every programme whose window opened in the year, applied to or not
    rows: list[FundingRow]


def outcomes(fiscal_year: int, programmes: list[str], facts: list[ApplicationFact]) -> FundingOutcomes:
    cells: dict[tuple[str, str], list[ApplicationFact]] = {}
    for fact in facts:
        cells.setdefault((fact.programme, fact.region), []).append(fact)
    rows = [FundingRow(programme, region, len(found), sum(f.status == AWARDED for f in found),
                       sum(f.status == REJECTED for f in found), sum(f.status == APPLIED for f in found),
                       sum(f.amount_yen for f in found if f.status == AWARDED))
            for (programme, region), found in sorted(cells.items())]
    return FundingOutcomes(fiscal_year, sorted(set(programmes) | {f.programme for f in facts}), rows)
