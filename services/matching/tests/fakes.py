"""In-memory matching for use-case tests: the ports of app/ports.py over plain dicts."""
import copy
import dataclasses
from collections import Counter

from services.common.errors import Conflict
from services.common.unit_of_work import MemoryUnitOfWork
from services.matching.app.ports import TalentsVersion
from services.matching.domain.match import ACTIVE, CONTACT_RELEASED, OPERATOR, ORGANISATION, PROPOSED, WAITLISTED


class MemoryKnownOrganisationRepository:
    def __init__(self):
        self.rows = {}

    def get(self, organisation_id):
        return self.rows.get(organisation_id)

    def save(self, organisation):
        self.rows[organisation.organisation_id] = organisation

    def verified(self):
        return [self.rows[k] for k in sorted(self.rows) if self.rows[k].status == "verified"]


class MemoryNeedRepository:
    def __init__(self):
        self.rows = {}

    def add(self, need):
        self.rows[need.id] = need

    def get(self, need_id):
        found = copy.copy(self.rows.get(need_id))
        if found is not None:
            found.events = []
        return found

    def save(self, need):
        self.rows[need.id].status = need.status  # slots change only through take/release

    def list(self, query):
        found = sorted(self.rows.values(), key=lambda n: (n.posted_at, n.id))
        found = [n for n in found if (not query.organisation_id or n.organisation_id == query.organisation_id)
                 and (not query.region or n.region == query.region)
                 and (not getattr(query, "status", None) or n.status == query.status)]
        if query.after:
            found = [n for n in found if [n.posted_at.isoformat(), n.id] > query.after]
        return found[:query.limit]

    def open_needs(self):
        return sorted((n for n in self.rows.values() if n.status == "open"), key=lambda n: n.id)

    def take_slot(self, need_id):
        need = self.rows[need_id]
        if need.filled >= need.slots:
            return False
        need.filled += 1
        return True

    def release_slot(self, need_id):
        need = self.rows[need_id]
        need.filled = max(0, need.filled - 1)


class MemoryTalentRepository:
    def __init__(self):
        self.rows, self.revisions = {}, {}
        self.revision = self.last_erasure = 0

    def _written(self, talent):
        self.revision += 1
        self.rows[talent.id], self.revisions[talent.id] = talent, self.revision

    def add(self, talent):
        assert talent.id not in self.rows
        self._written(talent)

    def save(self, talent):
        self._written(talent)

    def erase(self, talent_id):
        self.revision += 1
        self.last_erasure = self.revision
        self.revisions.pop(talent_id, None)
        return self.rows.pop(talent_id, None)

    def get(self, talent_id):
        return self.rows.get(talent_id)

    def all(self):
        return [self.rows[k] for k in sorted(self.rows)]

    def known(self, talent_ids):
        return set(talent_ids) & self.rows.keys()

    def version(self):
        return TalentsVersion(str(id(self)), self.revision, self.last_erasure)

    def changed_after(self, revision):
        return [self.rows[i] for i, at in self.revisions.items() if at > revision]

    def ids(self):
        return set(self.rows)

    def list(self, after, limit):
        found = sorted(self.rows.values(), key=lambda t: (t.created_at, t.id))
        if after:
            found = [t for t in found if [t.created_at.isoformat(), t.id] > after]
        return found[:limit]


class MemoryMatchRepository:
    def __init__(self):
        self.rows = {}

    def add(self, match):
        self.save(match)

    def save(self, match):
        stored = copy.deepcopy(match)
        stored.events = []  # as the table: events go to the outbox, not into the row
        self.rows[match.id] = stored

    def get(self, match_id, for_update=False):
        return copy.deepcopy(self.rows.get(match_id))

    def active_for_pair(self, need_id, talent_id):
        return next((m for m in self.rows.values() if m.need_id == need_id and m.talent_id == talent_id
                     and m.status in ACTIVE), None)

    def talents_for_need(self, need_id):
        return {m.talent_id for m in self.rows.values() if m.need_id == need_id}

    def needs_for_talent(self, talent_id):
        return {m.need_id for m in self.rows.values() if m.talent_id == talent_id}

    def waitlisted_for(self, need_id):
        return [copy.deepcopy(m) for m in sorted(self.rows.values(), key=lambda m: (m.updated_at, m.id))
                if m.need_id == need_id and m.status == WAITLISTED]

    def stale(self, before):
        return [copy.deepcopy(m) for m in sorted(self.rows.values(), key=lambda m: m.id)
                if m.status == PROPOSED and m.updated_at < before]

    def hours_since(self, since):
        found = Counter()
        for m in self.rows.values():
            if m.hours is not None and m.updated_at >= since:
                found[m.talent_id] += m.hours
        return dict(found)

    def invitations_since(self, since):
        return dict(Counter(m.talent_id for m in self.rows.values()
                            if m.proposed_by in (ORGANISATION, OPERATOR) and m.created_at >= since))

    def matched_since(self, since):
        return dict(Counter(m.talent_id for m in self.rows.values()
                            if m.status in CONTACT_RELEASED and m.updated_at >= since))

    def list(self, query):
        found = sorted(self.rows.values(), key=lambda m: (m.created_at, m.id))
        for column in ("need_id", "talent_id", "organisation_id", "status"):
            if getattr(query, column):
                found = [m for m in found if getattr(m, column) == getattr(query, column)]
        if query.after:
            found = [m for m in found if [m.created_at.isoformat(), m.id] > query.after]
        return found[:query.limit]


class MemoryImpressionRepository:
    def __init__(self):
        self.rows = []

    def record(self, shown):
        self.rows.extend(shown)

    def counts_since(self, since):
        return dict(Counter(t for t, _, at in self.rows if at >= since))


class MemoryOfferRepository:
    def __init__(self):
        self.rows = {}

    def add(self, offer):
        self.save(offer)

    def save(self, offer):
        stored = copy.copy(offer)
        stored.events = []
        self.rows[offer.id] = stored

    def get(self, offer_id):
        return copy.copy(self.rows.get(offer_id))

    def open_offers(self):
        return sorted((o for o in self.rows.values() if o.status == "open"), key=lambda o: o.id)

    def list(self, organisation_id, after, limit):
        found = sorted(self.rows.values(), key=lambda o: (o.posted_at, o.id))
        found = [o for o in found if not organisation_id or o.organisation_id == organisation_id]
        if after:
            found = [o for o in found if [o.posted_at.isoformat(), o.id] > after]
        return found[:limit]


class MemoryFulfilmentRepository:
    def __init__(self):
        self.rows = {}

    def add(self, fulfilment):
        if fulfilment.offer_id in self.rows:
            raise Conflict("この提供の実績は記録済みです / already recorded")
        stored = copy.copy(fulfilment)
        stored.events = []
        self.rows[fulfilment.offer_id] = stored

    def get(self, offer_id):
        return copy.copy(self.rows.get(offer_id))


class MemoryMatchMessageRepository:
    def __init__(self):
        self.rows = {}

    def add(self, message):
        self.rows[message.id] = dataclasses.replace(message, events=[])

    def get(self, message_id):
        return self.rows.get(message_id)

    def for_match(self, match_id):
        return sorted((m for m in self.rows.values() if m.match_id == match_id), key=lambda m: (m.sent_at, m.id))


class MemoryStaffInvitationRepository:
    def __init__(self):
        self.rows = {}

    def add(self, invitation):
        self.save(invitation)

    def save(self, invitation):
        self.rows[invitation.id] = invitation

    def get(self, invitation_id):
        return self.rows.get(invitation_id)

    def list(self, partner_id, person_id, status, after, limit):
        found = sorted(self.rows.values(), key=lambda i: (i.created_at, i.id))
        found = [i for i in found if (not partner_id or i.partner_id == partner_id)
                 and (not person_id or i.person_id == person_id) and (not status or i.status == status)]
        if after:
            found = [i for i in found if [i.created_at.isoformat(), i.id] > after]
        return found[:limit]


class MemoryPersonalDataRepository:
    def __init__(self, uow):
        self._uow = uow

    def erase_person(self, person_id, alias):
        uow = self._uow
        invitations = [i for i in uow.staff_invitations.rows.values() if i.person_id == person_id]
        theirs = [m for m in uow.matches.rows.values() if m.talent_id == person_id]
        messages = [m for m in uow.match_messages.rows.values() if m.match_id in {t.id for t in theirs}]
        for match in theirs:
            match.talent_id = alias
            match.feedback = {side: {**given, "comment": ""} for side, given in match.feedback.items()}
        shown = [i for i, row in enumerate(uow.impressions.rows) if row[0] == person_id]
        for i in shown:
            uow.impressions.rows[i] = (alias, *uow.impressions.rows[i][1:])
        signed_up = [s for s in uow.sign_ups.rows.values() if s.participant == f"citizen:{person_id}"]
        for sign_up in signed_up:
            sign_up.participant = f"citizen:{alias}"
        erased = {"talent_profiles": int(uow.talents.erase(person_id) is not None),
                  "staff_invitations": len(invitations), "match_messages": len(messages),
                  "matches_anonymised": len(theirs), "impressions_anonymised": len(shown),
                  "sign_ups_anonymised": len(signed_up),
                  "calendar_feeds": int(uow.calendar_feeds.versions.pop(f"citizen:{person_id}", None) is not None)}
        for invitation in invitations:
            del uow.staff_invitations.rows[invitation.id]
        for message in messages:
            del uow.match_messages.rows[message.id]
        return erased


def _stored(aggregate):
    stored = copy.deepcopy(aggregate)
    stored.events = []  # as the table: events go to the outbox, not into the row
    return stored


class MemoryGatheringRepository:
    def __init__(self):
        self.rows = {}

    def add(self, gathering):
        self.rows[gathering.id] = _stored(gathering)

    def save(self, gathering):
        stored = _stored(gathering)
        stored.seats_taken = self.rows[gathering.id].seats_taken  # the store's counter, as in SQL
        self.rows[gathering.id] = stored

    def get(self, gathering_id):
        return copy.deepcopy(self.rows.get(gathering_id))

    def list(self, query):
        found = sorted(self.rows.values(), key=lambda g: (g.starts_at, g.id))
        found = [g for g in found if (not query.organiser_id or g.organiser_id == query.organiser_id)
                 and (not query.region or g.region == query.region)
                 and (not query.kind or g.kind == query.kind)
                 and (not query.starting_after or g.starts_at >= query.starting_after)]
        if query.after:
            found = [g for g in found if [g.starts_at.isoformat(), g.id] > query.after]
        return [copy.deepcopy(g) for g in found[:query.limit]]

    def using_booking(self, booking_id):
        return next((copy.deepcopy(g) for g in self.rows.values() if booking_id in g.booking_ids), None)

    def running_between(self, start, end):
        return [copy.deepcopy(g) for g in sorted(self.rows.values(), key=lambda g: g.id)
                if g.status == "scheduled" and g.starts_at <= end and g.ends_at >= start]

    def take_seats(self, gathering_id, seats):
        gathering = self.rows[gathering_id]
        if gathering.seats_taken + seats > gathering.capacity:
            return False
        gathering.seats_taken += seats
        return True

    def release_seats(self, gathering_id, seats):
        gathering = self.rows[gathering_id]
        gathering.seats_taken = max(0, gathering.seats_taken - seats)

    def resize(self, gathering_id, capacity):
        gathering = self.rows[gathering_id]
        if gathering.seats_taken > capacity:
            return False
        gathering.capacity = capacity
        return True


class MemorySignUpRepository:
    def __init__(self):
        self.rows = {}

    def add(self, sign_up):
        self.rows[sign_up.id] = _stored(sign_up)

    def save(self, sign_up):
        self.rows[sign_up.id] = _stored(sign_up)

    def get(self, sign_up_id):
        return copy.deepcopy(self.rows.get(sign_up_id))

    def _sorted(self, keep):
        return [copy.deepcopy(s) for s in sorted(self.rows.values(), key=lambda s: (s.signed_up_at, s.id))
                if keep(s)]

    def for_gathering(self, gathering_id):
        return self._sorted(lambda s: s.gathering_id == gathering_id)

    def for_participant(self, participant):
        return self._sorted(lambda s: s.participant == participant)

    def offers_expired(self, now):
        return self._sorted(lambda s: s.status == "offered" and s.confirm_by < now)


class MemoryKnownBookingRepository:
    def __init__(self):
        self.rows = {}

    def save(self, booking):
        self.rows[booking.booking_id] = booking

    def lock(self, booking_ids):
        pass  # one thread reads and writes these dicts: nothing to wait for

    def get_many(self, booking_ids):
        return {i: self.rows[i] for i in booking_ids if i in self.rows}


class MemoryFundingOpportunityRepository:
    def __init__(self):
        self.rows = {}

    def add(self, opportunity):
        self.rows[opportunity.id] = _stored(opportunity)

    def save(self, opportunity):
        self.rows[opportunity.id] = _stored(opportunity)

    def get(self, opportunity_id):
        return copy.deepcopy(self.rows.get(opportunity_id))

    def list(self, open_on, after, limit):
        found = sorted(self.rows.values(), key=lambda o: (o.closes_on, o.id))
        found = [o for o in found if open_on is None or o.is_open(open_on)]
        if after:
            found = [o for o in found if [o.closes_on.isoformat(), o.id] > after]
        return [copy.deepcopy(o) for o in found[:limit]]

    def open_on(self, day):
        return [copy.deepcopy(o) for o in sorted(self.rows.values(), key=lambda o: o.id) if o.is_open(day)]


class MemoryFundingApplicationRepository:
    def __init__(self):
        self.rows = {}

    def add(self, application):
        self.rows[application.id] = _stored(application)

    def save(self, application):
        self.rows[application.id] = _stored(application)

    def get(self, application_id):
        return copy.deepcopy(self.rows.get(application_id))

    def for_organisation(self, organisation_id):
        return [copy.deepcopy(a) for a in sorted(self.rows.values(), key=lambda a: (a.applied_on, a.id))
                if a.organisation_id == organisation_id]

    def applicants(self, opportunity_id):
        return {a.organisation_id for a in self.rows.values() if a.opportunity_id == opportunity_id}


class MemoryCalendarFeedRepository:
    def __init__(self):
        self.versions = {}

    def version(self, participant):
        return self.versions.get(participant, 0)

    def rotate(self, participant):
        self.versions[participant] = self.version(participant) + 1
        return self.versions[participant]


class MemoryMatchingUnitOfWork(MemoryUnitOfWork):
    def __init__(self):
        super().__init__()
        self.organisations = self.track(MemoryKnownOrganisationRepository())
        self.needs = self.track(MemoryNeedRepository())
        self.talents = self.track(MemoryTalentRepository())
        self.matches = self.track(MemoryMatchRepository())
        self.match_messages = self.track(MemoryMatchMessageRepository())
        self.impressions = self.track(MemoryImpressionRepository())
        self.offers = self.track(MemoryOfferRepository())
        self.fulfilments = self.track(MemoryFulfilmentRepository())
        self.staff_invitations = self.track(MemoryStaffInvitationRepository())
        self.personal_data = MemoryPersonalDataRepository(self)
        self.gatherings = self.track(MemoryGatheringRepository())
        self.sign_ups = self.track(MemorySignUpRepository())
        self.bookings = self.track(MemoryKnownBookingRepository())
        self.calendar_feeds = MemoryCalendarFeedRepository()
        self.opportunities = self.track(MemoryFundingOpportunityRepository())
        self.applications = self.track(MemoryFundingApplicationRepository())
