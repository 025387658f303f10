"""An organisation's network on its detail screen: its ties to other organisations (a member of
a council, partners), each linked, and declaring or removing a tie (operators may)."""
from werkzeug.wrappers import Response

TIE_KINDS = ("member_of", "partner_of")


def network_values(context, organisation_id: str) -> dict:
    """What the detail template's network section shows: the ties of this organisation, each
    with the other side's name and which way it points. None when the API did not answer."""
    outcome = context.api("getNetwork", {"organisation_id": organisation_id, "depth": "1"})
    if outcome.status != 200:
        return {"ties": None, "tie_kinds": TIE_KINDS}
    return {"ties": ties_of(organisation_id, outcome.body), "tie_kinds": TIE_KINDS}


def ties_of(organisation_id: str, network: dict) -> list[dict]:
    """Ties touching this organisation, as rows: the other organisation (id, name), the text key
    of the relation as seen from here, and whether it is this organisation's to remove (a tie is
    removed by the organisation that declared it)."""
    names = {node["organisation"]["id"]: node["organisation"]["name"] for node in network["nodes"]}
    rows = []
    for tie in network["ties"]:
        ours = tie["organisation_id"] == organisation_id
        if not ours and tie["related_organisation_id"] != organisation_id:
            continue  # two hops away
        other = tie["related_organisation_id"] if ours else tie["organisation_id"]
        relation = tie["kind"] if ours or tie["kind"] == "partner_of" else "has_member"
        rows.append({"id": tie["id"], "other_id": other, "other_name": names.get(other, other),
                     "relation": f"tie_{relation}", "declared_at": tie["declared_at"],
                     "removable": ours})
    return sorted(rows, key=lambda row: (row["relation"], row["other_name"]))


def declare(context, organisation_id: str) -> Response:
    from gateway.console import operator_screens  # it shows the network: imported when used
    form = context.request.form
    values = {"related_organisation_id": form.get("related_organisation_id", "").strip(),
              "kind": form.get("kind", "").strip()}
    data = {"organisation_id": organisation_id,
            **{name: value for name, value in values.items() if value}}
    outcome = context.api("declareTie", data, form.get("form_key", ""))
    if refused := context.refused_fields(outcome):
        return operator_screens.organisation(context, organisation_id, refused,
                                             status=422, tie=values)
    if outcome.status == 404 and values["related_organisation_id"]:
        return operator_screens.organisation(context, organisation_id, {"related_organisation_id": [
            outcome.body.get("detail") or context.text("not_found")]}, status=422, tie=values)
    if outcome.status != 201:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/organisations/{organisation_id}", done="tie_declared")


def remove(context, organisation_id: str, tie_id: str) -> Response:
    outcome = context.api("removeTie", {"organisation_id": organisation_id, "tie_id": tie_id},
                          context.request.form.get("form_key", ""))
    if outcome.status != 200:
        return context.outcome_error(outcome)
    return context.redirect(f"/console/organisations/{organisation_id}", done="tie_removed")
