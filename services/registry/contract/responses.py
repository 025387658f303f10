"""Registry's responses; the OpenAPI component names are these class names."""
from marshmallow import Schema, fields, validate

from services.common.contract_schema import PERSONAL, ResponseSchema

from services.registry.contract.requests import ContactSchema, OpeningHoursSchema, RoomSchema
from services.registry.contract.vocabulary import BOOKING_STATUSES, KINDS, STATUSES

# --- organisations ----------------------------------------------------------------------------

class OrganisationSchema(ResponseSchema):
    id = fields.String()
    name = fields.String()
    name_kana = fields.String()
    kind = fields.String(validate=validate.OneOf(KINDS))
    region = fields.String()
    town = fields.String()
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    description = fields.String()
    founded_year = fields.Integer(allow_none=True)
    member_count = fields.Integer(allow_none=True)
    members_in_city = fields.Integer(allow_none=True)
    contacts = fields.List(fields.Nested(ContactSchema),
                           metadata={"description": "見る人に公開されている連絡先だけ / only the "
                                                    "contacts the caller may see", **PERSONAL})
    legal_form = fields.String()
    social_business = fields.Boolean()
    business_activity = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))
    status_reason = fields.String(metadata={"description": "審査の理由（団体と運営者のみ）/ review "
                                                           "reason (organisation and operators)"})
    registered_by = fields.String(metadata={"description": "運営者のみ / operators only"})
    registered_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime(allow_none=True)


class OrganisationPageSchema(Schema):
    items = fields.List(fields.Nested(OrganisationSchema))
    next_cursor = fields.String(allow_none=True)


# --- facilities and bookings ------------------------------------------------------------------

class FacilitySchema(Schema):
    id = fields.String()
    name = fields.String()
    name_kana = fields.String()
    region = fields.String()
    town = fields.String()
    address = fields.String()
    rooms = fields.List(fields.Nested(RoomSchema))
    accessibility = fields.List(fields.String())
    opening_hours = fields.Nested(OpeningHoursSchema)
    managing_organisation_id = fields.String(allow_none=True)
    designated_from = fields.Date(allow_none=True)
    designated_to = fields.Date(allow_none=True)
    registered_at = fields.AwareDateTime()


class FacilityPageSchema(Schema):
    items = fields.List(fields.Nested(FacilitySchema))
    next_cursor = fields.String(allow_none=True)


class BookingSchema(Schema):
    id = fields.String()
    facility_id = fields.String()
    room_id = fields.String()
    organisation_id = fields.String()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    status = fields.String(validate=validate.OneOf(BOOKING_STATUSES))
    attendees = fields.Integer()
    purpose = fields.String()
    reason = fields.String()
    requested_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime(allow_none=True)


class BookingPageSchema(Schema):
    items = fields.List(fields.Nested(BookingSchema))
    next_cursor = fields.String(allow_none=True)


class SlotSchema(Schema):
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()


class FreeSlotsSchema(Schema):
    facility_id = fields.String()
    room_id = fields.String()
    date = fields.Date()
    free = fields.List(fields.Nested(SlotSchema),
                       metadata={"description": "空き時間（現地時刻）/ free intervals, local time"})


# --- neighbourhood associations ---------------------------------------------------------------

class AreaSchema(Schema):
    organisation_id = fields.String()
    region = fields.String()
    towns = fields.List(fields.String())


class FigureSchema(Schema):
    id = fields.String()
    organisation_id = fields.String()
    measure = fields.String()
    value = fields.Integer()
    as_of = fields.Date()
    recorded_at = fields.AwareDateTime()


class AssociationRateSchema(Schema):
    organisation_id = fields.String()
    name = fields.String()
    region = fields.String()
    towns = fields.List(fields.String())
    households_in_area = fields.Integer(allow_none=True)
    households_as_of = fields.Date(allow_none=True)
    member_households = fields.Integer(allow_none=True)
    members_as_of = fields.Date(allow_none=True)
    rate = fields.Float(allow_none=True, metadata={"description": "加入率 / membership rate"})


class RegionRateSchema(Schema):
    region = fields.String()
    associations = fields.Integer()
    counted = fields.Integer(metadata={"description": "両方の数値がある自治会数 / associations "
                                                      "with both figures (in the sums)"})
    households_in_area = fields.Integer()
    member_households = fields.Integer()
    rate = fields.Float(allow_none=True)


class MembershipRatesSchema(Schema):
    as_of = fields.Date()
    associations = fields.List(fields.Nested(AssociationRateSchema))
    regions = fields.List(fields.Nested(RegionRateSchema))
    city = fields.Nested(RegionRateSchema)


class CoveringAssociationSchema(Schema):
    organisation = fields.Nested(OrganisationSchema(only=(
        "id", "name", "name_kana", "region", "town", "description", "contacts")))
    towns = fields.List(fields.String())


class CoveringAssociationsSchema(Schema):
    items = fields.List(fields.Nested(CoveringAssociationSchema))


class NewcomerInterestRegisteredSchema(Schema):
    interest_id = fields.String()
    organisation_id = fields.String()


# --- consultations ----------------------------------------------------------------------------

class FollowUpSchema(Schema):
    at = fields.AwareDateTime()
    note = fields.String()
    by = fields.String()


class ReferralSchema(Schema):
    organisation_id = fields.String()
    note = fields.String()
    at = fields.AwareDateTime()


class ConsultationSchema(ResponseSchema):
    id = fields.String()
    channel = fields.String()
    topics = fields.List(fields.String())
    status = fields.String()
    opened_at = fields.AwareDateTime()
    organisation_id = fields.String(allow_none=True)
    person = fields.String(metadata=PERSONAL)
    notes = fields.String(metadata=PERSONAL)
    coordinator = fields.String()
    follow_ups = fields.List(fields.Nested(FollowUpSchema), metadata=PERSONAL)
    referrals = fields.List(fields.Nested(ReferralSchema), metadata=PERSONAL)
    updated_at = fields.AwareDateTime(allow_none=True)


class ConsultationPageSchema(Schema):
    items = fields.List(fields.Nested(ConsultationSchema))
    next_cursor = fields.String(allow_none=True)


# --- networks ---------------------------------------------------------------------------------

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


# --- rosters ----------------------------------------------------------------------------------

class RosterEntrySchema(ResponseSchema):
    id = fields.String()
    organisation_id = fields.String()
    role = fields.String()
    title = fields.String()
    name = fields.String(metadata={"description": "見る人に公開されていなければ空 / empty when "
                                                  "not visible to the caller", **PERSONAL})
    email = fields.String(metadata=PERSONAL)
    phone = fields.String(metadata=PERSONAL)
    person_id = fields.String(allow_none=True)
    name_visibility = fields.String()
    email_visibility = fields.String()
    phone_visibility = fields.String()
    joined_on = fields.Date(allow_none=True)


class RosterSchema(Schema):
    items = fields.List(fields.Nested(RosterEntrySchema))


class RosterNameSchema(ResponseSchema):
    entry_id = fields.String(attribute="id")
    name = fields.String(metadata=PERSONAL)


class RosterNamesSchema(Schema):
    """The names of one organisation's roster entries (its own key and operators; an operator's
    read is audit-logged), for lists such as an association's visit list."""
    items = fields.List(fields.Nested(RosterNameSchema))
