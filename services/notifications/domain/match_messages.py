"""Who hears of matching's talent, offer and match events, and the facts and link their messages use.

Events carry ids only, so messages name the need and the match by link, never a person.
"""
TALENT, ORGANISATION, PARTNER = "talent", "organisation", "partner"
OTHER_PARTY = "other_party"  # whoever did not send it

_BY = {"talent": "ご本人", "organisation": "団体", "operator": "運営者"}

# Who hears of each event; what they read is in templates/messages/<language>/<type>.j2.
AUDIENCES = {
    "matching.talent_registered": (TALENT,),
    "matching.talent_updated": (TALENT,),
    "matching.offer_posted": (PARTNER,),
    "matching.offer_updated": (PARTNER,),
    "matching.match_proposed": (TALENT, ORGANISATION),
    "matching.match_accepted": (TALENT, ORGANISATION),
    "matching.match_waitlisted": (TALENT, ORGANISATION),
    "matching.match_promoted": (TALENT, ORGANISATION),
    "matching.match_confirmed": (TALENT, ORGANISATION),
    "matching.contact_released": (TALENT, ORGANISATION),
    "matching.match_declined": (TALENT, ORGANISATION),
    "matching.match_withdrawn": (TALENT, ORGANISATION),
    "matching.match_expired": (TALENT, ORGANISATION),
    "matching.match_message_sent": (OTHER_PARTY,),
    "matching.match_hours_logged": (ORGANISATION,),
    "matching.match_completed": (TALENT, ORGANISATION),
    "matching.match_feedback_given": (TALENT, ORGANISATION),
}


def recipients(event_type: str, payload: dict) -> list[str]:
    audience = AUDIENCES[event_type]
    found = []
    if OTHER_PARTY in audience:
        sender = payload.get("by")
        return ([f"organisation:{payload['organisation_id']}"] if sender == TALENT else []) + \
               ([f"citizen:{payload['talent_id']}"] if sender == ORGANISATION else [])
    if TALENT in audience and payload.get("talent_id"):
        found.append(f"citizen:{payload['talent_id']}")
    if ORGANISATION in audience and payload.get("organisation_id"):
        found.append(f"organisation:{payload['organisation_id']}")
    if PARTNER in audience and payload.get("organisation_id"):
        found.append(f"partner:{payload['organisation_id']}")
    return found


def facts(payload: dict) -> dict:
    """What the templates may use: the payload, with optional facts present (possibly empty)
    so StrictUndefined catches only real mistakes, and a few made readable."""
    return {"by": "", "proposed_by": "", "status": "", "starts": "", "ends": "", "rating": "",
            **payload, "by_ja": _BY.get(payload.get("by") or payload.get("proposed_by"), ""),
            "changed": ", ".join(payload.get("changed") or []),
            "hours": f"{payload['hours']:g}" if payload.get("hours") is not None else ""}


def link(payload: dict) -> str:
    if payload.get("message_id"):
        return f"/api/v1/matches/{payload['match_id']}/messages"
    if payload.get("match_id"):
        return f"/api/v1/matches/{payload['match_id']}"
    if payload.get("offer_id"):
        return f"/api/v1/offers/{payload['offer_id']}"
    return f"/api/v1/talents/{payload['talent_id']}"
