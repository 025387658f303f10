"""Registry use cases for organisations: one function per command or query."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.common.pagination import Page, page_of
from services.registry.domain import organisation as organisations
from services.registry.domain.city_profile import CityProfile
from services.registry.domain.organisation import Organisation


@dataclass(frozen=True)
class RegisterOrganisation:
    organisation_id: str  # chosen by the caller, so a retried request creates nothing new
    name: str
    name_kana: str
    kind: str
    region: str
    fields: list[str]
    description: str = ""


@dataclass(frozen=True)
class OrganisationFilter:
    region: str | None = None
    kind: str | None = None
    after: list | None = None
    limit: int = 50


def register_organisation(uow, actor: Actor, command: RegisterOrganisation,
                          city: CityProfile) -> Organisation:
    if not actor.is_operator:
        raise Forbidden("団体の登録は運営者のみ可能です / only operators register organisations here")
    with uow:
        existing = uow.organisations.get(command.organisation_id)
        if existing is not None:
            return existing
        organisation = organisations.register(
            organisation_id=command.organisation_id, name=command.name,
            name_kana=command.name_kana, kind=command.kind, region=command.region,
            fields=command.fields, description=command.description, verified=True,
            now=datetime.now(timezone.utc), city=city)
        uow.organisations.add(organisation)
        for event in organisation.events:
            uow.emit(event)
        uow.commit()
        return organisation


def get_organisation(uow, organisation_id: str) -> Organisation:
    with uow:
        organisation = uow.organisations.get(organisation_id)
    if organisation is None:
        raise NotFound(f"団体が見つかりません / organisation {organisation_id} not found")
    return organisation


def list_organisations(uow, query: OrganisationFilter) -> Page:
    with uow:
        found = uow.organisations.list(query)
    return page_of(found, query.limit, lambda o: [o.registered_at.isoformat(), o.id])
