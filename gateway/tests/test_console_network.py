"""The organisation detail's network rows: the ties touching the organisation, each seen from
its side (member of / has as member / partner), removable only by the side that declared it."""
from gateway.console.network_screens import ties_of

HOME, COUNCIL, FRIEND, FAR = "o-home", "o-council", "o-friend", "o-far"


def _tie(tie_id, organisation_id, related_id, kind):
    return {"id": tie_id, "organisation_id": organisation_id, "related_organisation_id": related_id,
            "kind": kind, "declared_at": "2026-12-01T00:00:00+00:00"}


NETWORK = {
    "nodes": [{"organisation": {"id": oid, "name": name}, "distance": hops} for oid, name, hops in (
        (HOME, "由宇ささえあい会", 0), (COUNCIL, "岩国市社会福祉協議会", 1), (FRIEND, "美和こども食堂", 1),
        (FAR, "周東の会", 2))],
    "ties": [_tie("t1", HOME, COUNCIL, "member_of"), _tie("t2", FRIEND, HOME, "partner_of"),
             _tie("t3", FAR, COUNCIL, "member_of")],
}


def test_rows_are_the_ties_of_this_organisation_seen_from_its_side():
    rows = ties_of(HOME, NETWORK)
    assert [(row["relation"], row["other_name"], row["removable"]) for row in rows] == [
        ("tie_member_of", "岩国市社会福祉協議会", True), ("tie_partner_of", "美和こども食堂", False)]


def test_a_member_seen_from_the_council_and_an_unnamed_one_by_its_id():
    network = {"nodes": NETWORK["nodes"][1:2], "ties": NETWORK["ties"]}
    rows = ties_of(COUNCIL, network)
    assert [(row["relation"], row["other_id"], row["other_name"], row["removable"]) for row in rows] == [
        ("tie_has_member", FAR, FAR, False), ("tie_has_member", HOME, HOME, False)]


def test_no_ties_no_rows():
    assert ties_of(HOME, {"nodes": [], "ties": []}) == []
