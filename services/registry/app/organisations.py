"""Registry use cases for organisations: one function per command or query.

Who may do what (the gateway only checks roles; the object-level rules are here):
- register: an operator (verified at once) or a citizen key, the group's future representative
  (pending until an operator reviews it);
- verify / reject (with a reason): operators;
- update: operators, or the organisation's own key; only operators change kind (and only
  verify/reject changes the status);
- read: everyone reads verified organisations with the contacts their audience may see;
  pending and rejected ones only operators and the owner.
"""
from dataclasses import dataclass, field
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.common.pagination import Page, page_of
from services.registry.app.ports import RegistryUnitOfWork
from services.registry.contract.vocabulary import STATUSES
from services.registry.domain import organisation as organisations
from services.registry.domain.city_profile import CityProfile
from services.registry.domain.directory import ordering_for, sort_key_for
from services.registry.domain.japanese_text import search_terms
from services.registry.domain.organisation import Organisation, audience, may_see, view_for

PROFILE_FIELDS = ("town", "founded_year", "member_count", "members_in_city", "contacts",
                  "legal_form", "social_business", "business_activity")
UPDATABLE_FIELDS = ("name", "name_kana", "kind", "region", "fields", "description",
                    *PROFILE_FIELDS)
OPERATOR_ONLY_CHANGES = ("kind",)


@dataclass(frozen=True)
class RegisterOrganisation:
    organisation_id: str  # chosen by the caller, so a retried request creates nothing new
    name: str
    name_kana: str
    kind: str
    region: str
    fields: list[str]
    description: str = ""
    profile: dict = field(default_factory=dict)  # any of PROFILE_FIELDS


@dataclass(frozen=True)
class UpdateOrganisation:
    organisation_id: str
    changes: dict  # any of UPDATABLE_FIELDS; absent means unchanged


@dataclass(frozen=True)
class ReviewOrganisation:
    organisation_id: str
    reason: str = ""


@dataclass(frozen=True)
class OrganisationFilter:
    region: str | None = None
    kind: str | None = None
    field: str | None = None
    status: str | None = None
    verified: bool | None = None
    q: str | None = None
    after: list | None = None
    limit: int = 50

    @property
    def terms(self) -> list[str]:
        return search_terms(self.q or "")

    @property
    def statuses(self) -> tuple[str, ...] | None:
        """The statuses asked for, or None for any."""
        wanted = set(STATUSES)
        if self.status:
            wanted &= {self.status}
        if self.verified is True:
            wanted &= {"verified"}
        elif self.verified is False:
            wanted -= {"verified"}
        return None if wanted == set(STATUSES) else tuple(sorted(wanted))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _viewer(organisation: Organisation, actor: Actor) -> str:
    return audience(organisation, actor.role, actor.recipient_id)


def register_organisation(uow: RegistryUnitOfWork, actor: Actor, command: RegisterOrganisation,
                          city: CityProfile) -> Organisation:
    if actor.role not in ("operator", "citizen"):
        raise Forbidden("団体の登録は運営者または代表者（市民のキー）が行います / "
                        "operators, or a representative with a citizen key, register organisations")
    with uow:
        existing = uow.organisations.get(command.organisation_id)
        if existing is not None:
            return view_for(existing, _viewer(existing, actor))
        organisation = organisations.register(
            organisation_id=command.organisation_id, name=command.name,
            name_kana=command.name_kana, kind=command.kind, region=command.region,
            fields=command.fields, description=command.description,
            verified=actor.is_operator, now=_now(), city=city,
            registered_by=actor.recipient_id, **_profile(command.profile))
        uow.organisations.add(organisation)
        uow.commit()
        return view_for(organisation, _viewer(organisation, actor))


def verify_organisation(uow: RegistryUnitOfWork, actor: Actor,
                        command: ReviewOrganisation) -> Organisation:
    return _review(uow, actor, command, lambda o, now: o.verify(now))


def reject_organisation(uow: RegistryUnitOfWork, actor: Actor,
                        command: ReviewOrganisation) -> Organisation:
    return _review(uow, actor, command, lambda o, now: o.reject(command.reason, now))


def _review(uow: RegistryUnitOfWork, actor: Actor, command: ReviewOrganisation,
            decide) -> Organisation:
    if not actor.is_operator:
        raise Forbidden("団体の審査は運営者のみ可能です / only operators verify or reject")
    with uow:
        organisation = _get(uow, command.organisation_id)
        if decide(organisation, _now()):
            uow.organisations.save(organisation)
            uow.commit()
        return view_for(organisation, "operator")


def update_organisation(uow: RegistryUnitOfWork, actor: Actor, command: UpdateOrganisation,
                        city: CityProfile) -> Organisation:
    with uow:
        organisation = _get(uow, command.organisation_id)
        viewer = _viewer(organisation, actor)
        if viewer != "operator" and not organisation.is_owned_by(actor.recipient_id):
            if may_see(organisation, viewer):
                raise Forbidden("他の団体の情報は変更できません / "
                                "you may change only your own organisation")
            raise _not_found(command.organisation_id)
        changes = {k: v for k, v in command.changes.items() if k in UPDATABLE_FIELDS}
        if viewer != "operator":
            blocked = [k for k in OPERATOR_ONLY_CHANGES
                       if k in changes and changes[k] != getattr(organisation, k)]
            if blocked:
                raise Forbidden("種別の変更は運営者のみ可能です / only operators change the kind",
                                {k: ["運営者のみ変更できます / operators only"] for k in blocked})
        if organisation.update(_profile(changes), _now(), city):
            uow.organisations.save(organisation)
            uow.commit()
        return view_for(organisation, viewer)


def get_organisation(uow: RegistryUnitOfWork, actor: Actor, organisation_id: str) -> Organisation:
    with uow:
        organisation = uow.organisations.get(organisation_id)
    if organisation is None:
        raise _not_found(organisation_id)
    viewer = _viewer(organisation, actor)
    if not may_see(organisation, viewer):
        raise _not_found(organisation_id)  # a pending application is nobody else's business
    return view_for(organisation, viewer)


def list_organisations(uow: RegistryUnitOfWork, actor: Actor, query: OrganisationFilter) -> Page:
    """The directory: verified organisations for everyone; operators may ask for any status.
    With `q`, hits are ranked (exact name or reading first) and the cursor follows the rank."""
    if not actor.is_operator:
        statuses = query.statuses
        if statuses is not None and "verified" not in statuses:
            return Page([], None)
        query = OrganisationFilter(**{**query.__dict__, "status": "verified", "verified": None})
    with uow:
        found = uow.organisations.list(query)
    page = page_of(found, query.limit, sort_key_for(query.terms), ordering_for(query.terms))
    return Page([view_for(o, _viewer(o, actor)) for o in page.items], page.next_cursor)


def _get(uow: RegistryUnitOfWork, organisation_id: str) -> Organisation:
    organisation = uow.organisations.get(organisation_id)
    if organisation is None:
        raise _not_found(organisation_id)
    return organisation


def _not_found(organisation_id: str) -> NotFound:
    return NotFound(f"団体が見つかりません / organisation {organisation_id} not found")


def _profile(values: dict) -> dict:
    values = dict(values)
    if "contacts" in values:
        values["contacts"] = [organisations.Contact(**c) if isinstance(c, dict) else c
                              for c in values["contacts"]]
    return values
