"""An operator sees an organisation's network on its detail, declares a tie (the API's field
errors first), follows it to the other organisation, and removes it again."""
import uuid

import pytest
from selenium.webdriver.support.select import Select

pytestmark = pytest.mark.broker


def _verified_organisation(platform, name: str, kind: str = "npo") -> str:
    created = platform.call("POST", "/organisations", body={
        "name": f"{name}{uuid.uuid4().hex[:6]}", "name_kana": "きょうどうかい", "kind": kind,
        "region": "yu", "fields": ["welfare"]})
    assert created.status_code == 201, created.text
    organisation_id = created.json()["id"]
    assert platform.call("POST", f"/organisations/{organisation_id}/verify").status_code == 200
    return organisation_id


def test_declare_follow_and_remove_a_tie(platform, console_url, account, browser):
    member = _verified_organisation(platform, "由宇ささえあい会")
    council = _verified_organisation(platform, "岩国市ボランティア連絡協議会")
    browser.log_in(console_url, account("operator"))
    browser.open(f"{console_url}/organisations/{member}")
    assert browser.find("#no-ties").text == "登録されたつながりはありません。"
    browser.check_screen("operator-organisation-network-empty")

    browser.submit("#declare-tie")  # nothing filled in: the API names both fields
    assert browser.find("#e-kind").text.startswith("必須項目です")
    assert browser.find("#e-related_organisation_id").text.startswith("必須項目です")
    Select(browser.find("#f-kind")).select_by_value("member_of")
    browser.fill("#f-related_organisation_id", str(uuid.uuid4()))  # no such organisation
    browser.submit("#declare-tie")
    assert "審査済みの団体" in browser.find("#e-related_organisation_id").text
    assert Select(browser.find("#f-kind")).first_selected_option.get_attribute("value") == "member_of"
    browser.check_screen("operator-organisation-network-errors")

    browser.fill("#f-related_organisation_id", council)
    browser.submit("#declare-tie")
    assert browser.find("[role=status]").text == "つながりを登録しました。"
    [row] = browser.finds("#ties tbody tr")
    assert row.text.startswith("加盟先") and "岩国市ボランティア連絡協議会" in row.text
    browser.check_screen("operator-organisation-network")

    browser.follow("岩国市ボランティア連絡協議会")
    assert browser.path == f"/console/organisations/{council}"
    [row] = browser.finds("#ties tbody tr")
    assert row.text.startswith("加盟団体") and "由宇ささえあい会" in row.text
    assert browser.finds("#ties button") == []  # the member declared it: theirs to remove
    browser.check_screen("operator-organisation-network-member-side")

    browser.follow("由宇ささえあい会")
    browser.submit("#ties button[type=submit]")
    assert browser.find("[role=status]").text == "つながりを削除しました。"
    assert browser.finds("#no-ties")
    network = platform.call("GET", f"/organisations/{member}/network").json()
    assert network["ties"] == []
