"""Networks: an organisation's own key (or an operator) declares and removes its ties; everyone
reads an organisation's network to depth 2, seeing only organisations they may see."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import INVALID_INPUT, Forbidden, NotFound, ValidationFailed
from services.registry.app.ports import RegistryUnitOfWork
from services.registry.contract.vocabulary import MAX_DEPTH
from services.registry.domain import network
from services.registry.domain.network import Tie
from services.registry.domain.organisation import Organisation, audience, may_see, view_for


@dataclass(frozen=True)
class DeclareTie:
    tie_id: str
    organisation_id: str
    related_organisation_id: str
    kind: str


@dataclass(frozen=True)
class RemoveTie:
    organisation_id: str
    tie_id: str


@dataclass(frozen=True)
class NetworkNode:
    organisation: Organisation
    distance: int


@dataclass(frozen=True)
class Network:
    organisation_id: str
    depth: int
    nodes: list[NetworkNode]
    ties: list[Tie]


def _may_change(actor: Actor, organisation_id: str) -> None:
    if not (actor.is_operator or actor.recipient_id == f"organisation:{organisation_id}"):
        raise Forbidden("自団体のつながりのみ変更できます / only your own organisation's ties")


def declare_tie(uow: RegistryUnitOfWork, actor: Actor, command: DeclareTie) -> Tie:
    _may_change(actor, command.organisation_id)
    with uow:
        existing = uow.ties.get(command.tie_id)
        if existing is not None:
            return existing
        for name in ("organisation_id", "related_organisation_id"):
            organisation = uow.organisations.get(getattr(command, name))
            if organisation is None or organisation.status != "verified":
                raise ValidationFailed(INVALID_INPUT, {name: [
                    "審査済みの団体を指定してください / must be a verified organisation"]})
        if uow.ties.exists(command.organisation_id, command.related_organisation_id,
                           command.kind):
            raise ValidationFailed(INVALID_INPUT, {"related_organisation_id": [
                "既に登録されています / this tie exists already"]})
        tie, event = network.declare(
            tie_id=command.tie_id, organisation_id=command.organisation_id,
            related_organisation_id=command.related_organisation_id, kind=command.kind,
            now=datetime.now(timezone.utc), declared_by=actor.recipient_id)
        uow.ties.add(tie)
        uow.emit(event)
        uow.commit()
        return tie


def remove_tie(uow: RegistryUnitOfWork, actor: Actor, command: RemoveTie) -> None:
    _may_change(actor, command.organisation_id)
    with uow:
        tie = uow.ties.get(command.tie_id)
        if tie is None or tie.organisation_id != command.organisation_id:
            raise NotFound(f"つながりが見つかりません / tie {command.tie_id} not found")
        uow.ties.remove(tie.id)
        uow.emit(network.removed(tie))
        uow.commit()


def get_network(uow: RegistryUnitOfWork, actor: Actor, organisation_id: str, depth: int) -> Network:
    depth = max(1, min(depth, MAX_DEPTH))
    with uow:
        start = uow.organisations.get(organisation_id)
        if start is None or not may_see(start, audience(start, actor.role, actor.recipient_id)):
            raise NotFound(f"団体が見つかりません / organisation {organisation_id} not found")
        distance, ties = network.neighbourhood(organisation_id, uow.ties.touching, depth)
        nodes = []
        for other_id, hops in sorted(distance.items(), key=lambda item: (item[1], item[0])):
            other = uow.organisations.get(other_id)
            if other is None:
                continue
            viewer = audience(other, actor.role, actor.recipient_id)
            if may_see(other, viewer):
                nodes.append(NetworkNode(view_for(other, viewer), hops))
    visible = {node.organisation.id for node in nodes}
    return Network(organisation_id, depth, nodes,
                   [t for t in ties if t.organisation_id in visible
                    and t.related_organisation_id in visible])
