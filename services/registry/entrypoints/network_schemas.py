"""Network contracts: declared ties and an organisation's neighbourhood."""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.registry.app.networks import DeclareTie, RemoveTie
from services.registry.domain.network import MAX_DEPTH, TIE_KINDS
from services.registry.entrypoints.schemas import OrganisationSchema

_ID = dict(required=True, validate=validate.Length(min=1, max=36))


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class TieBodySchema(_Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    related_organisation_id = fields.String(**_ID, metadata={
        "description": "相手の団体（加盟先のネットワーク・協議会、連携先）/ the related organisation"})
    kind = fields.String(required=True, validate=validate.OneOf(TIE_KINDS), metadata={
        "description": "member_of（加盟）/ partner_of（連携）"})


class TieRequestSchema(TieBodySchema):
    organisation_id = fields.String(**_ID)

    @post_load
    def to_command(self, data, **_):
        return DeclareTie(tie_id=str(data.pop("request_id")), **data)


class TieIdSchema(_Strict):
    organisation_id = fields.String(**_ID)
    tie_id = fields.String(**_ID)

    @post_load
    def to_command(self, data, **_):
        return RemoveTie(**data)


class NetworkQuerySchema(_Strict):
    organisation_id = fields.String(**_ID)
    depth = fields.Integer(load_default=MAX_DEPTH, validate=validate.Range(min=1, max=MAX_DEPTH),
                           metadata={"description": "何段先まで / hops (1–2)"})


class TieSchema(Schema):
    id = fields.String()
    organisation_id = fields.String()
    related_organisation_id = fields.String()
    kind = fields.String()
    declared_at = fields.AwareDateTime()


class NetworkNodeSchema(Schema):
    organisation = fields.Nested(OrganisationSchema(only=(
        "id", "name", "name_kana", "kind", "region", "fields_", "contacts")))
    distance = fields.Integer()


class NetworkSchema(Schema):
    organisation_id = fields.String()
    depth = fields.Integer()
    nodes = fields.List(fields.Nested(NetworkNodeSchema))
    ties = fields.List(fields.Nested(TieSchema))


class RemovedSchema(Schema):
    removed = fields.Boolean()
