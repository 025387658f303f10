"""SQLAlchemy read model of the CSR ledger."""
from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import Session

from services.reports.adapters.tables import (csr_ledger_lines, csr_need_facts, csr_offer_facts,
                                              csr_staff_facts, partner_headcounts)
from services.reports.app.ports import NeedFact, OfferFact
from services.reports.domain.csr_ledger import LedgerLine


# Built once per table: SQLAlchemy reuses their compiled form (a replay runs them per event).
_STATEMENTS = {
    table.name: (delete(table).where(table.c[key] == bindparam("key")), insert(table),
                 select(table).where(table.c[key] == bindparam("key")))
    for table, key in ((csr_offer_facts, "offer_id"), (csr_staff_facts, "talent_id"),
                       (csr_need_facts, "need_id"), (csr_ledger_lines, "line_id"),
                       (partner_headcounts, "partner_id"))}


class SqlCsrLedgerRepository:
    def __init__(self, session: Session):
        self._session = session

    def _replace(self, table, key: str, values: dict) -> None:
        # delete then insert: one statement pair that behaves the same on SQLite and PostgreSQL
        remove, add, _ = _STATEMENTS[table.name]
        self._session.execute(remove, {"key": values[key]})
        self._session.execute(add, values)

    def _row(self, table, key_value: str):
        return self._session.execute(_STATEMENTS[table.name][2], {"key": key_value}).first()

    def record_offer(self, offer: OfferFact) -> None:
        self._replace(csr_offer_facts, "offer_id", {
            "offer_id": offer.offer_id, "partner_id": offer.partner_id, "kind": offer.kind,
            "regions": list(offer.regions), "fields": list(offer.fields), "starts": offer.starts,
            "quantity": offer.quantity, "unit": offer.unit})

    def offer(self, offer_id: str) -> OfferFact | None:
        row = self._row(csr_offer_facts, offer_id)
        if row is None:
            return None
        return OfferFact(row.offer_id, row.partner_id, row.kind, tuple(row.regions),
                         tuple(row.fields), row.starts, row.quantity, row.unit)

    def offers_of(self, partner_id: str) -> list[OfferFact]:
        rows = self._session.execute(select(csr_offer_facts).where(
            csr_offer_facts.c.partner_id == partner_id).order_by(csr_offer_facts.c.offer_id))
        return [OfferFact(r.offer_id, r.partner_id, r.kind, tuple(r.regions), tuple(r.fields),
                          r.starts, r.quantity, r.unit) for r in rows]

    def record_staff(self, talent_id: str, offer_id: str | None) -> None:
        self._replace(csr_staff_facts, "talent_id", {"talent_id": talent_id, "offer_id": offer_id})

    def staff_offer(self, talent_id: str) -> str | None:
        row = self._row(csr_staff_facts, talent_id)
        return None if row is None else row.offer_id

    def record_need(self, need: NeedFact) -> None:
        self._replace(csr_need_facts, "need_id", {
            "need_id": need.need_id, "organisation_id": need.organisation_id,
            "region": need.region, "fields": list(need.fields)})

    def need(self, need_id: str) -> NeedFact | None:
        row = self._row(csr_need_facts, need_id)
        return None if row is None else NeedFact(row.need_id, row.organisation_id, row.region,
                                                 tuple(row.fields))

    def save_line(self, line: LedgerLine) -> None:
        self._replace(csr_ledger_lines, "line_id", {
            "line_id": line.line_id, "partner_id": line.partner_id,
            "fiscal_year": line.fiscal_year, "kind": line.kind, "occurred_on": line.occurred_on,
            "source_event_ids": list(line.source_event_ids), "offer_id": line.offer_id,
            "offer_kind": line.offer_kind, "talent_id": line.talent_id,
            "organisation_id": line.organisation_id, "regions": list(line.regions),
            "hours": line.hours, "quantity": line.quantity, "unit": line.unit,
            "sdgs": list(line.sdgs), "value_yen": line.value_yen, "value_basis": line.value_basis,
            "people_reached": line.people_reached})

    def line(self, line_id: str) -> LedgerLine | None:
        row = self._row(csr_ledger_lines, line_id)
        return None if row is None else _line(row)

    def lines_for(self, partner_id: str, fiscal_year: int) -> list[LedgerLine]:
        table = csr_ledger_lines
        rows = self._session.execute(select(table).where(
            table.c.partner_id == partner_id, table.c.fiscal_year == fiscal_year).order_by(
            table.c.occurred_on, table.c.line_id))
        return [_line(row) for row in rows]

    def partners(self) -> list[str]:
        return list(self._session.execute(select(csr_ledger_lines.c.partner_id).distinct().order_by(
            csr_ledger_lines.c.partner_id)).scalars())

    def set_headcount(self, partner_id: str, headcount: int) -> None:
        self._replace(partner_headcounts, "partner_id",
                      {"partner_id": partner_id, "headcount": headcount})

    def headcount(self, partner_id: str) -> int | None:
        row = self._row(partner_headcounts, partner_id)
        return None if row is None else row.headcount


def _line(row) -> LedgerLine:
    return LedgerLine(
        line_id=row.line_id, partner_id=row.partner_id, kind=row.kind,
        occurred_on=row.occurred_on, fiscal_year=row.fiscal_year,
        source_event_ids=tuple(row.source_event_ids), offer_id=row.offer_id,
        offer_kind=row.offer_kind, talent_id=row.talent_id, organisation_id=row.organisation_id,
        regions=tuple(row.regions), hours=row.hours, quantity=row.quantity, unit=row.unit,
        sdgs=tuple(row.sdgs), value_yen=row.value_yen, value_basis=row.value_basis,
        people_reached=row.people_reached)
