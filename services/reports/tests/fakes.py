"""In-memory reports for use-case tests: each read model as plain dicts, as the SQL one keeps it."""
import copy
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime, timezone

from services.common.unit_of_work import MemoryUnitOfWork
from services.reports.domain.caseload import Caseload, CaseloadRow
from services.reports.domain.delivery_outcomes import DELIVERED, FAILED, DeliveryCount
from services.reports.domain.facility_use import FacilityUse
from services.reports.domain.fiscal_year import fiscal_year_of
from services.reports.domain.kpi import FactTotal


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


class MemoryCsrLedgerRepository:
    def __init__(self):
        self.offers, self.staff, self.needs, self.lines, self.headcounts = {}, {}, {}, {}, {}

    def record_offer(self, offer):
        self.offers[offer.offer_id] = offer

    def offer(self, offer_id):
        return self.offers.get(offer_id)

    def offers_of(self, partner_id):
        return sorted((o for o in self.offers.values() if o.partner_id == partner_id),
                      key=lambda o: o.offer_id)

    def record_staff(self, talent_id, offer_id):
        self.staff[talent_id] = offer_id

    def staff_offer(self, talent_id):
        return self.staff.get(talent_id)

    def record_need(self, need):
        self.needs[need.need_id] = need

    def need(self, need_id):
        return self.needs.get(need_id)

    def save_line(self, line):
        self.lines[line.line_id] = line

    def line(self, line_id):
        return self.lines.get(line_id)

    def lines_for(self, partner_id, fiscal_year):
        return sorted((line for line in self.lines.values() if line.partner_id == partner_id
                       and line.fiscal_year == fiscal_year),
                      key=lambda line: (line.occurred_on, line.line_id))

    def partners(self):
        return sorted({line.partner_id for line in self.lines.values()})

    def set_headcount(self, partner_id, headcount):
        self.headcounts[partner_id] = headcount

    def headcount(self, partner_id):
        return self.headcounts.get(partner_id)


class MemoryReportJobRepository:
    def __init__(self):
        self.jobs, self.files = {}, {}

    def add(self, job):
        assert job.id not in self.jobs, "primary key would refuse a duplicate"
        self.jobs[job.id] = replace(job, formats=list(job.formats), events=[])

    def get(self, job_id):
        job = self.jobs.get(job_id)
        return None if job is None else replace(job, formats=list(job.formats), events=[])

    def save(self, job):
        stored = self.jobs[job.id]
        self.jobs[job.id] = replace(stored, status=job.status, finished_at=job.finished_at)

    def add_file(self, job_id, report_file):
        assert (job_id, report_file.format) not in self.files, "primary key would refuse it"
        self.files[(job_id, report_file.format)] = report_file

    def file(self, job_id, fmt):
        return self.files.get((job_id, fmt))

    def recent(self, partner_id, limit):
        found = [self.get(i) for i, job in self.jobs.items()
                 if partner_id is None or job.partner_id == partner_id]
        return sorted(found, key=lambda j: (-j.requested_at.timestamp(), j.id))[:limit]


class MemoryEventLogRepository:
    def __init__(self):
        self.events = []

    def append(self, event):
        assert all(e.event_id != event.event_id for e in self.events), "unique event id"
        self.events.append(event)

    def stream(self, until=None):
        return iter([e for e in self.events if until is None or e.occurred_at <= until])

    def get(self, event_id):
        return next((e for e in self.events if e.event_id == event_id), None)

    def count(self):
        return len(self.events)


class MemoryKpiRepository:
    def __init__(self):
        self.facts, self.rate_facts, self.talents, self.indicator_versions = {}, {}, {}, []

    def add_fact(self, fact):
        key = (fact.event_id, fact.measure)
        assert key not in self.facts, "primary key would refuse a duplicate"
        self.facts[key] = fact

    def add_rate(self, rate):
        assert rate.event_id not in self.rate_facts, "primary key would refuse a duplicate"
        self.rate_facts[rate.event_id] = rate

    def record_talent(self, talent_id, age_band):
        self.talents[talent_id] = age_band

    def age_band(self, talent_id):
        return self.talents.get(talent_id)

    def organisation_region(self, organisation_id):
        return next((f.region for f in self.facts.values()
                     if f.measure == "organisations_registered"
                     and f.subject_id == organisation_id), None)

    def totals(self, cutoff):
        grouped = {}
        for fact in self.facts.values():
            if fact.occurred_on > cutoff:
                continue
            grouped.setdefault((fact.measure, fact.fiscal_year, fact.region), []).append(fact)
            if fact.region is not None:  # the city: every fact, whatever its region
                grouped.setdefault((fact.measure, fact.fiscal_year, None), []).append(fact)
        return {key: FactTotal(len(found), float(sum(f.value for f in found)),
                               len({f.subject_id for f in found if f.subject_id is not None}))
                for key, found in grouped.items()}

    def rates(self, cutoff):
        return [r for r in self.rate_facts.values() if r.as_of <= cutoff]

    def fact_events(self, measures, fiscal_year, region, cutoff):
        found = [f for f in self.facts.values() if f.measure in measures
                 and f.fiscal_year == fiscal_year and f.occurred_on <= cutoff
                 and (not region or f.region == region)]
        return sorted(found, key=lambda f: (f.occurred_on, f.event_id))[:1000]

    def add_version(self, version):
        assert all((v.code, v.version) != (version.code, version.version)
                   for v in self.indicator_versions), "primary key would refuse a duplicate"
        self.indicator_versions.append(version)

    def versions(self, code):
        return sorted((v for v in self.indicator_versions if v.code == code),
                      key=lambda v: v.version)

    def latest_versions(self, at=None):
        latest = {}
        for version in sorted(self.indicator_versions, key=lambda v: (v.code, v.version)):
            if at is None or version.defined_at <= at:
                latest[version.code] = version
        return list(latest.values())


class MemorySurveyRepository:
    def __init__(self):
        self.surveys, self.invitations, self.answers = {}, set(), {}

    def add(self, survey):
        assert survey.id not in self.surveys, "primary key would refuse a duplicate"
        self.surveys[survey.id] = replace(survey)

    def get(self, survey_id):
        survey = self.surveys.get(survey_id)
        return None if survey is None else replace(survey)

    def save(self, survey):
        self.surveys[survey.id] = replace(self.surveys[survey.id], status=survey.status,
                                          opened_at=survey.opened_at,
                                          closed_at=survey.closed_at)

    def listed(self, statuses, after, limit, invited=None):
        chosen = [replace(s) for s in self.surveys.values() if s.status in statuses and (
            invited is None or (s.id, invited) in self.invitations)]
        if after:
            bound = (datetime.fromisoformat(after[0]), after[1])
            chosen = [s for s in chosen if (s.created_at, s.id) < bound]
        return sorted(chosen, key=lambda s: (s.created_at, s.id), reverse=True)[:limit]

    def invite(self, survey_id, partner_ids):
        self.invitations.update((survey_id, p) for p in partner_ids)

    def invited(self, survey_id):
        return {p for s, p in self.invitations if s == survey_id}

    def save_response(self, response):
        self.answers[(response.survey_id, response.partner_id)] = response

    def response(self, survey_id, partner_id):
        return self.answers.get((survey_id, partner_id))

    def responses(self, survey_id):
        return sorted((r for (s, _), r in self.answers.items() if s == survey_id),
                      key=lambda r: r.partner_id)


class MemoryDirectoryRepository:
    def __init__(self):
        self.listings = {}

    def save(self, listing):
        self.listings[listing.partner_id] = listing

    def remove(self, partner_id):
        self.listings.pop(partner_id, None)

    def listed(self):
        return sorted(self.listings.values(), key=lambda l: (l.display_name, l.partner_id))


class MemoryReadModelStore:
    """Clears the fakes of every event-fed read model; declared headcounts stay."""

    def __init__(self, uow):
        self._uow = uow

    def clear(self):
        uow = self._uow
        headcounts = uow.csr.headcounts
        uow.summary = uow.track(MemorySummaryRepository())
        uow.facility_use = uow.track(MemoryFacilityUseRepository())
        uow.membership = uow.track(MemoryMembershipRepository())
        uow.caseload = uow.track(MemoryCaseloadRepository())
        uow.networks = uow.track(MemoryNetworkRepository())
        uow.csr = uow.track(MemoryCsrLedgerRepository())
        uow.csr.headcounts = headcounts
        uow.gatherings = uow.track(MemoryGatheringParticipationRepository())
        uow.funding = MemoryFundingOutcomeRepository()
        uow.deliveries = MemoryDeliveryOutcomeRepository()
        versions = uow.kpi.indicator_versions
        uow.kpi = MemoryKpiRepository()
        uow.kpi.indicator_versions = versions


class MemoryPersonalDataRepository:
    def __init__(self, uow):
        self._uow = uow

    def pseudonymise_talent(self, talent_id, alias):
        csr, kpi = self._uow.csr, self._uow.kpi
        lines = [k for k, line in csr.lines.items() if line.talent_id == talent_id]
        for key in lines:
            csr.lines[key] = replace(csr.lines[key], talent_id=alias)
        erased = {"csr_staff_facts": int(talent_id in csr.staff), "csr_ledger_lines": len(lines),
                  "kpi_talents": int(talent_id in kpi.talents)}
        if talent_id in csr.staff:
            csr.staff[alias] = csr.staff.pop(talent_id)
        if talent_id in kpi.talents:
            kpi.talents[alias] = kpi.talents.pop(talent_id)
        return erased


class MemoryGatheringParticipationRepository:
    def __init__(self):
        self.rows = {}

    def get(self, gathering_id):
        return copy.deepcopy(self.rows.get(gathering_id))

    def save(self, row):
        self.rows[row.gathering_id] = copy.deepcopy(row)

    def in_fiscal_year(self, fiscal_year):
        return [copy.deepcopy(r) for r in self.rows.values() if fiscal_year_of(r.held_on) == fiscal_year]

    def remove(self, gathering_id):
        self.rows.pop(gathering_id, None)


class MemoryFundingOutcomeRepository:
    def __init__(self):
        self.programme_rows, self.rows = {}, {}

    def save_programme(self, opportunity_id, programme, funder, fiscal_year):
        self.programme_rows[opportunity_id] = (programme, fiscal_year)

    def programmes(self, fiscal_year):
        return [p for p, year in self.programme_rows.values() if year == fiscal_year]

    def get(self, application_id):
        return self.rows.get(application_id)

    def save(self, fact):
        self.rows[fact.application_id] = fact

    def in_fiscal_year(self, fiscal_year):
        return [f for f in self.rows.values() if f.fiscal_year == fiscal_year]


class MemoryDeliveryOutcomeRepository:
    def __init__(self):
        self.rows = {}

    def record(self, outcome):
        self.rows[outcome.delivery_id] = outcome

    def counts(self, first, last):
        counted = defaultdict(lambda: {DELIVERED: 0, FAILED: 0})
        for row in self.rows.values():
            if first <= row.day <= last:
                counted[(row.day, row.channel, row.kind)][row.outcome] += 1
        return [DeliveryCount(*key, value[DELIVERED], value[FAILED])
                for key, value in sorted(counted.items())]


class MemoryReportsUnitOfWork(MemoryUnitOfWork):
    def __init__(self):
        super().__init__()
        self.summary = self.track(MemorySummaryRepository())
        self.facility_use = self.track(MemoryFacilityUseRepository())
        self.membership = self.track(MemoryMembershipRepository())
        self.caseload = self.track(MemoryCaseloadRepository())
        self.networks = self.track(MemoryNetworkRepository())
        self.csr = self.track(MemoryCsrLedgerRepository())
        self.jobs = self.track(MemoryReportJobRepository())
        self.event_log = MemoryEventLogRepository()
        self.kpi = MemoryKpiRepository()
        self.surveys = self.track(MemorySurveyRepository())
        self.directory = self.track(MemoryDirectoryRepository())
        self.gatherings = self.track(MemoryGatheringParticipationRepository())
        self.funding = MemoryFundingOutcomeRepository()
        self.deliveries = MemoryDeliveryOutcomeRepository()
        self.read_models = MemoryReadModelStore(self)
        self.personal_data = MemoryPersonalDataRepository(self)
