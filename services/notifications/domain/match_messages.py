"""In-app messages for matching's talent, offer and match events: Japanese first, English after.

Events carry ids only, so messages name the need and the match by link, never a person.
"""
from dataclasses import dataclass

TALENT, ORGANISATION, PARTNER = "talent", "organisation", "partner"
OTHER_PARTY = "other_party"  # whoever did not send it


@dataclass(frozen=True)
class Template:
    audience: tuple[str, ...]
    title: str
    body: str


_BY = {"talent": "ご本人", "organisation": "団体", "operator": "運営者"}

TEMPLATES = {
    "matching.talent_registered": Template(
        (TALENT,), "プロフィールを登録しました / Your profile is registered",
        "あなたに合う募集をお知らせします。 / We will tell you about opportunities that fit you."),
    "matching.talent_updated": Template(
        (TALENT,), "プロフィールを更新しました / Your profile was updated",
        "更新内容: {changed} / Changed: {changed}"),
    "matching.offer_posted": Template(
        (PARTNER,), "CSRの提供を公開しました / Your CSR offer is published",
        "提供期間 {starts}〜{ends}。合う募集は「提供に合う募集」で確認できます。 / Period {starts}–{ends}; "
        "see the needs it fits under the offer."),
    "matching.offer_updated": Template(
        (PARTNER,), "CSRの提供を更新しました / Your CSR offer was updated",
        "状態: {status}、更新内容: {changed} / Status: {status}; changed: {changed}"),
    "matching.match_proposed": Template(
        (TALENT, ORGANISATION), "新しい招待・応募があります / A new invitation or application",
        "{by_ja}から提案がありました。承諾か辞退を選んでください。 / Proposed by the {proposed_by}; please accept or decline."),
    "matching.match_accepted": Template(
        (TALENT, ORGANISATION), "承諾されました / Accepted",
        "{by_ja}が承諾しました。確定をお待ちください。 / Accepted by the {by}; awaiting confirmation."),
    "matching.match_waitlisted": Template(
        (TALENT, ORGANISATION), "順番待ちになりました / Waitlisted",
        "募集枠が満員のため順番待ちです。空きが出ると自動で繰り上がります。 / The need is full: waitlisted, "
        "promoted automatically when a place frees."),
    "matching.match_promoted": Template(
        (TALENT, ORGANISATION), "順番待ちから繰り上がりました / Promoted from the waitlist",
        "空きが出たため承諾済みになりました。 / A place freed up: the match is now accepted."),
    "matching.match_confirmed": Template(
        (TALENT, ORGANISATION), "マッチが確定しました / The match is confirmed",
        "活動が確定しました。 / The activity is confirmed."),
    "matching.contact_released": Template(
        (TALENT, ORGANISATION), "連絡先を団体に開示しました / Contact details released",
        "確定したマッチのため、連絡先を団体が見られるようになりました。 / The organisation can now see the "
        "talent's contact details for this confirmed match."),
    "matching.match_declined": Template(
        (TALENT, ORGANISATION), "辞退されました / Declined",
        "{by_ja}が辞退しました。 / Declined by the {by}."),
    "matching.match_withdrawn": Template(
        (TALENT, ORGANISATION), "取り下げられました / Withdrawn",
        "{by_ja}が取り下げました。 / Withdrawn by the {by}."),
    "matching.match_expired": Template(
        (TALENT, ORGANISATION), "期限切れになりました / Expired",
        "期限内に返答がなかったため終了しました。 / Nobody answered in time; the proposal expired."),
    "matching.match_message_sent": Template(
        (OTHER_PARTY,), "新しいメッセージがあります / A new message",
        "{by_ja}からメッセージが届きました。連絡先は確定まで開示されません。 / A message from the {by}; "
        "contact details stay private until the match is confirmed."),
    "matching.match_hours_logged": Template(
        (ORGANISATION,), "活動時間の承認をお願いします / Please approve the hours",
        "{hours}時間の活動が記録されました。 / {hours} h were logged."),
    "matching.match_completed": Template(
        (TALENT, ORGANISATION), "活動が完了しました / Completed",
        "{hours}時間の活動が承認されました。ありがとうございました。 / {hours} h approved. Thank you."),
    "matching.match_feedback_given": Template(
        (TALENT, ORGANISATION), "評価が届きました / Feedback received",
        "{by_ja}から評価（{rating}/5）が届きました。 / The {by} rated it {rating}/5."),
}


def recipients(template: Template, payload: dict) -> list[str]:
    found = []
    if OTHER_PARTY in template.audience:
        sender = payload.get("by")
        return ([f"organisation:{payload['organisation_id']}"] if sender == TALENT else []) + \
               ([f"citizen:{payload['talent_id']}"] if sender == ORGANISATION else [])
    if TALENT in template.audience and payload.get("talent_id"):
        found.append(f"citizen:{payload['talent_id']}")
    if ORGANISATION in template.audience and payload.get("organisation_id"):
        found.append(f"organisation:{payload['organisation_id']}")
    if PARTNER in template.audience and payload.get("organisation_id"):
        found.append(f"partner:{payload['organisation_id']}")
    return found


def render(event_type: str, payload: dict) -> tuple[str, str, str]:
    """(title, body, link) for an event."""
    template = TEMPLATES[event_type]
    facts = {**payload, "by_ja": _BY.get(payload.get("by") or payload.get("proposed_by"), ""),
             "changed": ", ".join(payload.get("changed") or []),
             "hours": f"{payload['hours']:g}" if payload.get("hours") is not None else ""}
    if payload.get("message_id"):
        link = f"/api/v1/matches/{payload['match_id']}/messages"
    elif payload.get("match_id"):
        link = f"/api/v1/matches/{payload['match_id']}"
    elif payload.get("offer_id"):
        link = f"/api/v1/offers/{payload['offer_id']}"
    else:
        link = f"/api/v1/talents/{payload['talent_id']}"
    return template.title, template.body.format(**facts), link
