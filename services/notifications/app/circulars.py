"""The e-回覧板: an association (or an operator on its behalf) sends a circular to its member
households; each household confirms it by the signed link in its message or in the inbox; the
association sees 既読/未読, prints the visit list of those not yet read and the circular itself."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import INVALID_INPUT, Forbidden, NotFound, ValidationFailed
from services.common.pagination import Page, page_of
from services.notifications.app.fan_out import message_id, messages_for, notify_all
from services.notifications.app.ports import Links, NotificationsUnitOfWork, RosterNames
from services.notifications.domain.circular import (NEIGHBOURHOOD_ASSOCIATION, Circular,
                                                    CircularReads, HouseholdReceipt)
from services.notifications.domain.circular_links import LIFETIME, household_of, read_link_token
from services.notifications.domain.inbox_message import InboxMessage

SENT = "notifications.circular_sent"
NOT_FOUND = "回覧板が見つかりません / no such circular"
ONLY_ASSOCIATIONS = ("回覧板を送れるのは自治会・町内会だけです / only a neighbourhood association "
                     "(自治会・町内会) sends circulars")


@dataclass(frozen=True)
class NewCircular:
    request_id: str
    organisation_id: str | None  # an operator names the association; its own key need not
    title: str
    body: str
    month: str | None
    critical: bool


@dataclass(frozen=True)
class CircularSummary:
    circular: Circular
    households: int
    read: int
    paper_households: int


@dataclass(frozen=True)
class VisitList:
    """The households that have not read it, with their names when registry answered."""
    circular: Circular
    households: list[tuple[HouseholdReceipt, str]]
    names_known: bool


def send(uow: NotificationsUnitOfWork, actor: Actor, new: NewCircular, links: Links,
         now: datetime | None = None) -> CircularSummary:
    """Receipts for every member household; a message, with its own read link, in the inbox and
    on the channels of each that has an account. The same request again sends nothing more."""
    now = now or datetime.now(timezone.utc)
    organisation_id = _association_of(actor, new)
    with uow:
        existing = uow.circulars.get(new.request_id)
        if existing is not None:
            return _summary(existing, uow.circulars.receipts(existing.id))
        _check_is_association(uow, actor, organisation_id)
        circular = Circular(new.request_id, organisation_id, actor.recipient_id, new.title,
                            new.body, new.month, new.critical, now)
        receipts = [HouseholdReceipt(circular.id, h.entry_id, h.person_id)
                    for h in uow.memberships.households_of(organisation_id)]
        uow.circulars.add(circular, receipts)
        messages = _messages(uow, circular, receipts, links, now)
        notify_all(uow, messages, SENT, {"circular_id": circular.id,
                                         "organisation_id": organisation_id,
                                         "critical": circular.critical},
                   critical=circular.critical)
        uow.commit()
    return _summary(circular, receipts)


def list_circulars(uow: NotificationsUnitOfWork, actor: Actor, organisation_id: str | None,
                   after: list | None, limit: int) -> Page:
    """The association's own circulars (an operator: any association's, or one's), newest first,
    each with its read count."""
    if not actor.is_operator:
        if actor.role != "organisation" or organisation_id not in (None, actor.subject_id):
            raise NotFound("団体が見つかりません / no such organisation")
        organisation_id = actor.subject_id
    with uow:
        found = uow.circulars.sent_by(organisation_id, after, limit)
        counts = uow.circulars.read_counts([c.id for c in found])
    summaries = [CircularSummary(c, *counts.get(c.id, (0, 0, 0))) for c in found]
    return page_of(summaries, limit, lambda s: [s.circular.sent_at.isoformat(), s.circular.id])


def reads(uow: NotificationsUnitOfWork, actor: Actor, circular_id: str,
          names: RosterNames | None = None) -> CircularReads:
    """既読/未読 per household: the association and operators only; with `names`, each
    household's name from registry (asked after our transaction, as for the visit list)."""
    with uow:
        circular = _visible(uow, actor, circular_id)
        households = uow.circulars.receipts(circular_id)
    known = names.household_names(circular.organisation_id) if names is not None else None
    return CircularReads(circular, households, known)


def opened_by_link(uow: NotificationsUnitOfWork, token: str, links: Links,
                   now: datetime | None = None) -> tuple[Circular, HouseholdReceipt]:
    """The circular a household's link names, and its receipt; nothing changes (a GET)."""
    circular_id, entry_id = household_of(links.signing_key, token,
                                         now or datetime.now(timezone.utc))
    with uow:
        circular = uow.circulars.get(circular_id)
        found = [r for r in uow.circulars.receipts(circular_id) if r.entry_id == entry_id]
    if circular is None or not found:
        raise NotFound(NOT_FOUND)
    return circular, found[0]


def read_by_link(uow: NotificationsUnitOfWork, token: str, links: Links,
                 now: datetime | None = None) -> HouseholdReceipt:
    """The household's 「確認しました」 from the link in its message (no key: the token is the
    credential); its inbox copy is marked read too."""
    now = now or datetime.now(timezone.utc)
    circular_id, entry_id = household_of(links.signing_key, token, now)
    with uow:
        found = [r for r in uow.circulars.receipts(circular_id) if r.entry_id == entry_id]
        if not found:  # the association's roster changed or the data was erased since
            raise NotFound(NOT_FOUND)
        receipt = found[0]
        if receipt.person_id is None:
            _mark(uow, [receipt], now)
        else:
            _mark_person(uow, circular_id, receipt.person_id, now)
            message = uow.messages.get(message_id(circular_id, f"citizen:{receipt.person_id}"))
            if message is not None:
                message.mark_read(now)
                uow.messages.save(message)
        uow.commit()
    receipt.mark_read(now)
    return receipt


def note_inbox_read(uow: NotificationsUnitOfWork, message: InboxMessage, now: datetime) -> None:
    """A circular read in the inbox counts as its household's read (called inside the inbox's
    own unit of work)."""
    role, _, person_id = message.recipient_id.partition(":")
    if role == "citizen" and uow.circulars.get(message.source_event_id) is not None:
        _mark_person(uow, message.source_event_id, person_id, now)


def note_all_read(uow: NotificationsUnitOfWork, recipient_id: str, now: datetime) -> None:
    role, _, person_id = recipient_id.partition(":")
    if role == "citizen":
        uow.circulars.mark_all_read_of(person_id, now)


def visit_list(uow: NotificationsUnitOfWork, actor: Actor, circular_id: str,
               names: RosterNames) -> VisitList:
    """The 班長's list: every household not yet read, paper ones included, with names from
    registry (asked after our own transaction: a slow registry holds no connection here)."""
    with uow:
        circular = _visible(uow, actor, circular_id)
        unread = CircularReads(circular, uow.circulars.receipts(circular_id)).unread
    known = names.household_names(circular.organisation_id)
    return VisitList(circular, [(r, (known or {}).get(r.entry_id, "")) for r in unread],
                     known is not None)


def printable(uow: NotificationsUnitOfWork, actor: Actor, circular_id: str,
              names: RosterNames) -> tuple[Circular, str]:
    """The circular and its association's name (blank when registry does not answer)."""
    with uow:
        circular = _visible(uow, actor, circular_id)
    return circular, names.organisation_name(circular.organisation_id) or ""


def _association_of(actor: Actor, new: NewCircular) -> str:
    if new.critical and not actor.is_operator:
        raise Forbidden("重要（critical）の指定は運営者だけです / only operators mark a circular "
                        "critical")
    if actor.is_operator:
        if not new.organisation_id:
            raise ValidationFailed(INVALID_INPUT, {"organisation_id": [
                "運営者は自治会を指定してください / operators name the association"]})
        return new.organisation_id
    if actor.role != "organisation" or new.organisation_id not in (None, actor.subject_id):
        raise Forbidden("自団体の回覧板だけ送れます / only your own association's circulars")
    return actor.subject_id


def _check_is_association(uow: NotificationsUnitOfWork, actor: Actor, organisation_id: str) -> None:
    if uow.memberships.kind_of(organisation_id) == NEIGHBOURHOOD_ASSOCIATION:
        return
    if actor.is_operator:
        raise ValidationFailed(INVALID_INPUT, {"organisation_id": [
            "自治会・町内会が見つかりません / no such neighbourhood association"]})
    raise Forbidden(ONLY_ASSOCIATIONS)


def _visible(uow: NotificationsUnitOfWork, actor: Actor, circular_id: str) -> Circular:
    """Another organisation's (or a citizen's) request is answered as missing."""
    circular = uow.circulars.get(circular_id)
    if circular is None or not (actor.is_operator or
                                actor.recipient_id == f"organisation:{circular.organisation_id}"):
        raise NotFound(NOT_FOUND)
    return circular


def _messages(uow: NotificationsUnitOfWork, circular: Circular, receipts: list[HouseholdReceipt],
              links: Links, now: datetime) -> list[InboxMessage]:
    """One per person with an account (listed twice, still one), each with its own link."""
    entry_of = {}
    for receipt in receipts:
        if receipt.person_id is not None:
            entry_of.setdefault(f"citizen:{receipt.person_id}", receipt.entry_id)
    facts = {"title": circular.title, "body": circular.body, "month_label": circular.month_label,
             "critical": circular.critical}
    messages = messages_for(uow, list(entry_of), SENT, facts, "", circular.id, now)
    expires_at = now + LIFETIME
    for message in messages:
        token = read_link_token(links.signing_key, circular.id, entry_of[message.recipient_id],
                                expires_at)
        message.link = f"/api/v1/circulars/read/{token}"
    return messages


def _mark_person(uow: NotificationsUnitOfWork, circular_id: str, person_id: str,
                 now: datetime) -> None:
    _mark(uow, [r for r in uow.circulars.receipts(circular_id) if r.person_id == person_id], now)


def _mark(uow: NotificationsUnitOfWork, receipts: list[HouseholdReceipt], now: datetime) -> None:
    for receipt in receipts:
        receipt.mark_read(now)
    uow.circulars.save_receipts(receipts)


def _summary(circular: Circular, receipts: list[HouseholdReceipt]) -> CircularSummary:
    return CircularSummary(circular, len(receipts), sum(r.read_at is not None for r in receipts),
                           sum(r.paper for r in receipts))
