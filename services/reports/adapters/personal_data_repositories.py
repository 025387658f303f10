"""Where reports' read models name a person (a talent id), in the caller's transaction."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from services.reports.adapters.tables import csr_ledger_lines, csr_staff_facts, kpi_talents


class SqlPersonalDataRepository:
    def __init__(self, session: Session):
        self._session = session

    def pseudonymise_talent(self, talent_id: str, alias: str) -> dict[str, int]:
        return {name: self._session.execute(update(table).where(table.c.talent_id == talent_id)
                                            .values(talent_id=alias)).rowcount
                for name, table in (("csr_staff_facts", csr_staff_facts), ("csr_ledger_lines", csr_ledger_lines),
                                    ("kpi_talents", kpi_talents))}
