"""In-memory registry for use-case tests."""
from copy import deepcopy

from services.common.errors import Conflict
from services.common.unit_of_work import MemoryUnitOfWork
from services.registry.adapters.city_profiles import configured_city
from services.registry.app.facilities import facilities_search_key, facility_norms
from services.registry.domain.facility import OVERLAP
from services.registry.domain.directory import listing_key, matches, search_key
from services.registry.domain.japanese_text import normalise_for_search

CITY = configured_city()


class MemoryOrganisationRepository:
    def __init__(self):
        self.rows = {}

    def add(self, organisation):
        self.rows[organisation.id] = _stored(organisation)

    def save(self, organisation):
        self.rows[organisation.id] = _stored(organisation)

    def get(self, organisation_id):
        found = self.rows.get(organisation_id)
        return deepcopy(found) if found else None

    def list(self, query):
        statuses = query.statuses
        found = [o for o in self.rows.values()
                 if (not query.region or o.region == query.region)
                 and (not query.kind or o.kind == query.kind)
                 and (not query.field or query.field in o.fields)
                 and (statuses is None or o.status in statuses)]
        terms = query.terms
        if terms:
            keyed = []
            for o in found:
                norms = [normalise_for_search(t) for t in (o.name, o.name_kana, o.description)]
                if matches(terms, *norms):
                    keyed.append((search_key(terms, *norms, o.name, o.id), o))
        else:
            keyed = [(listing_key(o), o) for o in found]
        keyed.sort(key=lambda pair: pair[0])
        if query.after:
            keyed = [pair for pair in keyed if pair[0] > query.after]
        return [deepcopy(o) for _, o in keyed[:query.limit]]


def _stored(organisation):
    """What a database keeps: the state, not the events raised on the way."""
    copy = deepcopy(organisation)
    copy.events = []
    return copy


class MemoryFacilityRepository:
    def __init__(self):
        self.rows = {}

    def add(self, facility):
        self.rows[facility.id] = _stored(facility)

    save = add

    def get(self, facility_id):
        found = self.rows.get(facility_id)
        return deepcopy(found) if found else None

    def get_by_room(self, room_id):
        return next((deepcopy(f) for f in self.rows.values() if f.room(room_id)), None)

    def managed_by(self, organisation_id):
        return {f.id for f in self.rows.values() if f.managing_organisation_id == organisation_id}

    def list(self, query):
        terms = query.terms
        found = [f for f in self.rows.values() if not query.region or f.region == query.region]
        if terms:
            keyed = [(facilities_search_key(terms, f), f) for f in found
                     if matches(terms, *facility_norms(f))]
        else:
            keyed = [([f.registered_at.isoformat(), f.id], f) for f in found]
        keyed.sort(key=lambda pair: pair[0])
        if query.after:
            keyed = [pair for pair in keyed if pair[0] > query.after]
        return [deepcopy(f) for _, f in keyed[:query.limit]]


class MemoryBookingRepository:
    """Refuses overlapping confirmed bookings on write, as the database does."""

    def __init__(self):
        self.rows = {}

    def add(self, booking):
        self._check(booking)
        self.rows[booking.id] = _stored(booking)

    def save(self, booking):
        self._check(booking)
        self.rows[booking.id] = _stored(booking)

    def get(self, booking_id):
        found = self.rows.get(booking_id)
        return deepcopy(found) if found else None

    def confirmed_for_room(self, room_id, start, end):
        return sorted((deepcopy(b) for b in self.rows.values()
                       if b.room_id == room_id and b.status == "confirmed"
                       and b.starts_at < end and start < b.ends_at), key=lambda b: b.starts_at)

    def list(self, query):
        found = sorted((b for b in self.rows.values()
                        if all(not getattr(query, name) or getattr(b, name) == getattr(query, name)
                               for name in ("facility_id", "room_id", "organisation_id",
                                            "status"))
                        and (not query.ends_after or b.ends_at > query.ends_after)
                        and (not query.starts_before or b.starts_at < query.starts_before)),
                       key=lambda b: (b.starts_at, b.id))
        if query.after:
            found = [b for b in found if [b.starts_at.isoformat(), b.id] > query.after]
        return [deepcopy(b) for b in found[:query.limit]]

    def _check(self, booking):
        if booking.status == "confirmed" and any(
                other.status == "confirmed" and booking.overlaps(other)
                for other in self.rows.values()):
            raise Conflict(OVERLAP)


class MemoryAssociationRepository:
    def __init__(self, organisations):
        self._organisations = organisations
        self.area_rows, self.figure_rows, self.interests = {}, {}, {}

    def set_area(self, area):
        self.area_rows[area.organisation_id] = area

    def area(self, organisation_id):
        return self.area_rows.get(organisation_id)

    def areas(self, region=None):
        return [a for a in self.area_rows.values() if not region or a.region == region]

    def covering(self, region, town):
        return [a for a in self.areas(region) if town in a.towns]

    def names(self, organisation_ids):
        return {i: self._organisations.rows[i].name for i in organisation_ids
                if i in self._organisations.rows}

    def add_figure(self, figure):
        self.figure_rows[figure.id] = figure

    def figure(self, figure_id):
        return self.figure_rows.get(figure_id)

    def figures_until(self, as_of, organisation_ids):
        return [f for f in self.figure_rows.values()
                if f.as_of <= as_of and f.organisation_id in organisation_ids]

    def figures_of(self, organisation_ids):
        return [f for f in self.figure_rows.values() if f.organisation_id in organisation_ids]

    def lock_region(self, region):
        """One process, one writer: nothing to wait for."""

    def has_interest(self, interest_id):
        return interest_id in self.interests

    def add_interest(self, interest_id, organisation_id, region, town, registered_by, now):
        self.interests[interest_id] = (organisation_id, region, town, registered_by, now)

    def remove_interests_of(self, registered_by):
        theirs = [k for k, row in self.interests.items() if row[3] == registered_by]
        for key in theirs:
            del self.interests[key]
        return len(theirs)


class MemoryConsultationRepository:
    def __init__(self):
        self.rows = {}

    def add(self, consultation):
        self.rows[consultation.id] = _stored(consultation)

    save = add

    def get(self, consultation_id):
        found = self.rows.get(consultation_id)
        return deepcopy(found) if found else None

    def list(self, query):
        found = sorted((c for c in self.rows.values()
                        if (not query.status or c.status == query.status)
                        and (not query.topic or query.topic in c.topics)
                        and (not query.organisation_id or c.organisation_id == query.organisation_id)
                        and (not query.coordinator or c.coordinator == query.coordinator)),
                       key=lambda c: (c.opened_at, c.id))
        if query.after:
            found = [c for c in found if [c.opened_at.isoformat(), c.id] > query.after]
        return [deepcopy(c) for c in found[:query.limit]]


class MemoryTieRepository:
    def __init__(self):
        self.rows = {}

    def add(self, tie):
        self.rows[tie.id] = tie

    def get(self, tie_id):
        return self.rows.get(tie_id)

    def exists(self, organisation_id, related_organisation_id, kind):
        return any((t.organisation_id, t.related_organisation_id, t.kind)
                   == (organisation_id, related_organisation_id, kind) for t in self.rows.values())

    def remove(self, tie_id):
        self.rows.pop(tie_id, None)

    def touching(self, organisation_ids):
        wanted = set(organisation_ids)
        return [t for t in self.rows.values()
                if t.organisation_id in wanted or t.related_organisation_id in wanted]


class MemoryRosterRepository:
    def __init__(self):
        self.rows = {}

    def add(self, entry):
        self.rows[entry.id] = entry

    def get(self, entry_id):
        return self.rows.get(entry_id)

    def remove(self, entry_id):
        self.rows.pop(entry_id, None)

    def _sorted(self, entries):
        return sorted(entries, key=lambda e: (e.role != "officer", e.added_at, e.id))

    def of_organisation(self, organisation_id):
        return self._sorted(e for e in self.rows.values() if e.organisation_id == organisation_id)

    def of_person(self, person_id):
        return self._sorted(e for e in self.rows.values() if e.person_id == person_id)


class MemoryRegistryUnitOfWork(MemoryUnitOfWork):
    def __init__(self):
        super().__init__()
        organisations = MemoryOrganisationRepository()
        self.organisations = self.track(organisations)
        self.facilities = self.track(MemoryFacilityRepository())
        self.bookings = self.track(MemoryBookingRepository())
        self.associations = self.track(MemoryAssociationRepository(organisations))
        self.consultations = self.track(MemoryConsultationRepository())
        self.ties = self.track(MemoryTieRepository())
        self.rosters = self.track(MemoryRosterRepository())
