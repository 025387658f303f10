"""Erasure in reports: the person's talent id leaves every read model, replaced by an alias, so
the partner's ledger counts the same; only operators erase; a repeat answers zeros."""
import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.reports.app import erasure
from services.reports.tests.fakes import MemoryReportsUnitOfWork
from services.reports.tests.unit.test_csr_ledger import OPERATOR, SHOP, completed, ledger, need, offer, staff


def test_an_operator_pseudonymises_a_person_and_the_ledger_still_counts_them():
    uow = MemoryReportsUnitOfWork()
    person = staff(uow, offer(uow))
    need_id, group = need(uow, "yu")
    completed(uow, person, need_id, group, 3.5)
    before = ledger(uow)
    with pytest.raises(Forbidden):
        erasure.erase_person(uow, Actor("partner", SHOP), person)
    assert erasure.erase_person(uow, OPERATOR, person) == {
        "csr_staff_facts": 1, "csr_ledger_lines": 1, "kpi_talents": 1}
    after = ledger(uow)
    assert (after.staff_hours, after.volunteers) == (before.staff_hours, before.volunteers) == (3.5, 1)
    assert person not in repr([uow.csr.staff, uow.csr.lines, uow.kpi.talents])
    assert set(erasure.erase_person(uow, OPERATOR, person).values()) == {0}
