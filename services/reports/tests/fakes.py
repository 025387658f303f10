"""In-memory reports for use-case tests: each read model as plain dicts, as the SQL one keeps it."""
from collections import Counter
from datetime import datetime, timezone

from services.common.unit_of_work import MemoryUnitOfWork
from services.reports.domain.caseload import Caseload, CaseloadRow
from services.reports.domain.facility_use import FacilityUse


class MemorySummaryRepository:
    def __init__(self):
        self.organisations, self.needs, self.statuses = {}, {}, {}

    def record_organisation(self, organisation_id, region, status="verified"):
        assert organisation_id not in self.organisations, "primary key would refuse a duplicate"
        self.organisations[organisation_id] = region
        self.statuses[organisation_id] = status

    def change_organisation(self, organisation_id, *, region=None, status=None):
        if organisation_id not in self.organisations:
            return
        if region:
            self.organisations[organisation_id] = region
        if status:
            self.statuses[organisation_id] = status

    def verified_by_region(self):
        return _count({o: r for o, r in self.organisations.items()
                       if self.statuses[o] == "verified"})

    def record_need(self, need_id, organisation_id, region):
        assert need_id not in self.needs, "primary key would refuse a duplicate"
        self.needs[need_id] = region

    def organisations_by_region(self):
        return _count(self.organisations)

    def needs_by_region(self):
        return _count(self.needs)


def _count(regions_by_id):
    return dict(Counter(regions_by_id.values()))


class MemoryFacilityUseRepository:
    def __init__(self):
        self.facilities, self.bookings = {}, {}

    def record_facility(self, facility_id, region, rooms):
        self.facilities.setdefault(facility_id, {"manager": None}).update(region=region,
                                                                          rooms=rooms)

    def set_manager(self, facility_id, organisation_id):
        facility = self.facilities.setdefault(facility_id, {"region": "", "rooms": 0})
        facility["manager"] = organisation_id

    def booking_status(self, booking_id):
        return self.bookings.get(booking_id, {}).get("status")

    def record_booking(self, *, booking_id, facility_id, room_id, organisation_id, starts_at,
                       ends_at, status, known):
        self.bookings[booking_id] = {
            "facility_id": facility_id, "room_id": room_id, "organisation_id": organisation_id,
            "starts_at": starts_at, "ends_at": ends_at, "status": status}

    def per_facility(self, region, month):
        found = []
        for facility_id, facility in sorted(self.facilities.items(),
                                            key=lambda item: (item[1]["region"], item[0])):
            if region and facility["region"] != region:
                continue
            bookings = [b for b in self.bookings.values() if b["facility_id"] == facility_id
                        and (not month or _month(b["starts_at"]) == month)]
            statuses = Counter(b["status"] for b in bookings)
            hours = sum((b["ends_at"] - b["starts_at"]).total_seconds() / 3600
                        for b in bookings if b["status"] == "confirmed")
            found.append(FacilityUse(
                facility_id, facility["region"], facility["rooms"], facility["manager"],
                requested=statuses["requested"], confirmed=statuses["confirmed"],
                declined=statuses["declined"], cancelled=statuses["cancelled"],
                confirmed_hours=round(hours, 2)))
        return found


class MemoryMembershipRepository:
    def __init__(self):
        self.snapshots, self.interests = {}, {}

    def record_snapshot(self, snapshot):
        self.snapshots[(snapshot.region, snapshot.as_of)] = snapshot

    def snapshots_until(self, as_of, region):
        return [s for s in self.snapshots.values()
                if s.as_of <= as_of and (not region or s.region == region)]

    def record_interest(self, interest_id, organisation_id, region):
        assert interest_id not in self.interests, "primary key would refuse a duplicate"
        self.interests[interest_id] = region

    def interests_by_region(self, region):
        return _count({i: r for i, r in self.interests.items() if not region or r == region})


class MemoryCaseloadRepository:
    def __init__(self):
        self.cases = {}

    def opened(self, consultation_id, channel, topics, opened_at):
        case = self.cases.get(consultation_id)
        if case is None:
            self.cases[consultation_id] = _case(_month(opened_at), channel, "open", opened_at,
                                                topics)
        else:  # a later event came first: fill in what only the opening knows
            case.update(month=_month(opened_at), channel=channel)

    def status_changed(self, consultation_id, status, topics, changed_at):
        case = self.cases.get(consultation_id)
        if case is None:
            self.cases[consultation_id] = _case(_month(changed_at), "", status, changed_at,
                                                topics)
        elif changed_at >= case["status_at"]:
            case.update(status=status, status_at=changed_at, topics=list(topics))

    def count(self, consultation_id, column, at):
        case = self.cases.setdefault(consultation_id, _case(
            _month(at), "", "open", datetime(1970, 1, 1, tzinfo=timezone.utc), []))
        case[column] += 1

    def caseload(self, from_month, to_month):
        cases = [c for c in self.cases.values() if (not from_month or c["month"] >= from_month)
                 and (not to_month or c["month"] <= to_month)]
        cells = Counter((c["month"], topic, c["status"]) for c in cases
                        for topic in (c["topics"] or ["-"]))
        return Caseload(
            rows=[CaseloadRow(m, t, s, n) for (m, t, s), n in sorted(cells.items())],
            by_status=dict(Counter(c["status"] for c in cases)),
            by_channel=dict(Counter(c["channel"] for c in cases if c["channel"])),
            follow_ups=sum(c["follow_ups"] for c in cases),
            referrals=sum(c["referrals"] for c in cases))


def _case(month, channel, status, status_at, topics):
    return {"month": month, "channel": channel, "status": status, "status_at": status_at,
            "topics": list(topics), "follow_ups": 0, "referrals": 0}


def _month(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y-%m")


class MemoryNetworkRepository:
    def __init__(self):
        self.ties, self.entries = {}, {}

    def declared(self, tie_id, organisation_id, related_id, kind):
        self.ties[tie_id] = (organisation_id, related_id, kind)

    def removed(self, tie_id):
        self.ties.pop(tie_id, None)

    def all(self):
        return list(self.ties.values())

    def roster_added(self, entry_id, organisation_id, role):
        self.entries[entry_id] = (organisation_id, role)

    def roster_removed(self, entry_id):
        self.entries.pop(entry_id, None)

    def roster(self):
        return list(self.entries.values())


class MemoryReportsUnitOfWork(MemoryUnitOfWork):
    def __init__(self):
        super().__init__()
        self.summary = self.track(MemorySummaryRepository())
        self.facility_use = self.track(MemoryFacilityUseRepository())
        self.membership = self.track(MemoryMembershipRepository())
        self.caseload = self.track(MemoryCaseloadRepository())
        self.networks = self.track(MemoryNetworkRepository())
