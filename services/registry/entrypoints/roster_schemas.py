"""Roster contracts: officers and members with per-field visibility."""
from marshmallow import RAISE, Schema, fields, post_load, validate

from services.registry.app.rosters import AddRosterEntry, RemoveRosterEntry
from services.registry.domain.organisation import VISIBILITIES
from services.registry.domain.roster import ROLES

_ID = dict(required=True, validate=validate.Length(min=1, max=36))
_VISIBILITY = dict(validate=validate.OneOf(VISIBILITIES))


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class RosterEntryBodySchema(_Strict):
    request_id = fields.UUID(load_only=True, metadata={"description": "set by the gateway"})
    role = fields.String(required=True, validate=validate.OneOf(ROLES),
                         metadata={"description": "officer（役員）/ member（会員）"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=200),
                         metadata={"description": "氏名 / name"})
    title = fields.String(load_default="", validate=validate.Length(max=100),
                          metadata={"description": "役職 / title", "example": "会長"})
    person_id = fields.String(allow_none=True, load_default=None,
                              validate=validate.Length(max=100),
                              metadata={"description": "本人の市民キーの subject（任意）/ the "
                                                       "person's citizen subject id"})
    email = fields.String(load_default="", validate=validate.Length(max=300))
    phone = fields.String(load_default="", validate=validate.Length(max=50))
    name_visibility = fields.String(load_default="members", **_VISIBILITY)
    email_visibility = fields.String(load_default="operators", **_VISIBILITY)
    phone_visibility = fields.String(load_default="operators", **_VISIBILITY)
    joined_on = fields.Date(allow_none=True, load_default=None)


class RosterEntryRequestSchema(RosterEntryBodySchema):
    organisation_id = fields.String(**_ID)

    @post_load
    def to_command(self, data, **_):
        return AddRosterEntry(entry_id=str(data.pop("request_id")), **data)


class RosterEntryIdSchema(_Strict):
    organisation_id = fields.String(**_ID)
    entry_id = fields.String(**_ID)

    @post_load
    def to_command(self, data, **_):
        return RemoveRosterEntry(**data)


class RosterEntrySchema(Schema):
    id = fields.String()
    organisation_id = fields.String()
    role = fields.String()
    title = fields.String()
    name = fields.String(metadata={"description": "見る人に公開されていなければ空 / empty when "
                                                  "not visible to the caller"})
    email = fields.String()
    phone = fields.String()
    person_id = fields.String(allow_none=True)
    name_visibility = fields.String()
    email_visibility = fields.String()
    phone_visibility = fields.String()
    joined_on = fields.Date(allow_none=True)


class RosterSchema(Schema):
    items = fields.List(fields.Nested(RosterEntrySchema))
