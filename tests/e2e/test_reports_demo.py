"""The demo gives every partner a non-empty CSR ledger with gifts and a generated report, and the
city a set of plan KPIs with targets for FY2024–FY2028."""
from datetime import date

import pytest

from deploy.demo_data import PLAN_KPIS
from tests.support.platform import eventually

pytestmark = pytest.mark.broker

TODAY = date.today()
FISCAL_YEAR = TODAY.year if TODAY.month >= 4 else TODAY.year - 1


@pytest.fixture(scope="module")
def platform(demo_platform):
    return demo_platform


@pytest.fixture(scope="module")
def loaded(demo_loaded):
    return demo_loaded


def test_every_demo_partner_has_a_ledger_and_a_report(platform, loaded):
    assert "partners' CSR reports" in loaded
    businesses = platform.call("GET", "/organisations",
                               params={"kind": "business", "limit": 200}).json()["items"]
    assert len(businesses) >= 10
    with_hours = 0
    for business in businesses:
        ledger = platform.call("GET", f"/reports/partners/{business['id']}/csr-ledger",
                               params={"fiscal_year": FISCAL_YEAR}).json()
        assert ledger["lines"] and ledger["offers_by_kind"] and ledger["headcount"], business
        assert ledger["fulfilled_by_kind"] and ledger["value_given_yen"] > 0 and ledger["people_reached"] > 0, business
        with_hours += ledger["staff_hours"] > 0
    assert with_hours >= 3

    def reported():
        jobs = platform.call("GET", "/reports/jobs", params={"limit": 500}).json()["items"]
        done = {j["partner_id"] for j in jobs
                if j["report_kind"] == "partner_annual_csr" and j["status"] == "done"}
        return done >= {b["id"] for b in businesses}
    eventually(reported, timeout=120)


def test_the_demo_city_has_plan_kpis_for_fy2024_to_fy2028(platform, loaded):
    progress = platform.call("GET", "/reports/kpi").json()
    indicators = {i["indicator"]["code"]: i for i in progress["indicators"]}
    assert set(indicators) == {code for code, *_ in PLAN_KPIS}
    for found in indicators.values():
        assert found["indicator"]["baseline"] is not None
        assert set(found["indicator"]["targets"]) == {"2024", "2025", "2026", "2027", "2028"}
    this_year = {code: next(y for y in i["years"] if y["fiscal_year"] == FISCAL_YEAR)
                 for code, i in indicators.items()}
    assert this_year["organisations_registered"]["value"] >= 74
    assert this_year["matches_completed"]["value"] > 0
    assert this_year["membership_rate"]["value"] is not None
    graded = [y["grade"] for y in this_year.values() if y["value"] is not None]
    assert graded and set(graded) <= {"S", "A", "B", "C"}
