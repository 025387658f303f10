"""Talents as columns (numpy arrays), built once, so a need is scored over many people with a
handful of array operations instead of a Python loop per person.

Rows are ordered by talent id: the row index is the tie-breaker, exactly as the id is for the
per-talent ranking.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from copy import copy
from dataclasses import InitVar, dataclass, field
from datetime import date
from functools import cached_property

import numpy as np

from .profiles import TIME_BANDS, DateRange, TalentProfile, weekly_slot_index

# Date limits are stored as ordinal pairs; a talent with no date limit gets one unbounded range,
# and shorter lists are padded with empty ranges (start > end) that contain no day.
UNBOUNDED = (0, np.iinfo(np.int32).max)
EMPTY = (1, 0)
NO_REGION = -1


def _codes(values: Iterable[str]) -> dict[str, int]:
    return {v: i for i, v in enumerate(sorted(set(values)))}


@dataclass(frozen=True, eq=False)
class TalentMatrix:
    ids: tuple[str, ...]
    skill_codes: dict[str, int]
    skill_levels: np.ndarray  # int8 (n, skills), 0 = lacks the skill; column-major for fast column reads
    field_codes: dict[str, int]
    interests: np.ndarray  # bool (n, fields), column-major
    region_codes: dict[str, int]
    reachable: np.ndarray  # bool (n, regions), column-major; includes the home region
    home_region: np.ndarray  # int32 (n,), NO_REGION for none
    online: np.ndarray  # bool (n,)
    availability: np.ndarray  # uint32 (n,), bit weekly_slot_index(day, band)
    range_start: np.ndarray  # int32 (n, k) date ordinals, column-major
    range_end: np.ndarray  # int32 (n, k)
    age_band_codes: dict[str, int]
    age_band: np.ndarray  # int16 (n,)
    first_timer: np.ndarray  # bool (n,)
    max_hours: np.ndarray  # float64 (n,)
    hours_this_month: np.ndarray  # float64 (n,)
    remaining_hours: np.ndarray  # float64 (n,) = max_hours - hours_this_month
    recent_invitations: np.ndarray  # int32 (n,)
    date_limited: np.ndarray = field(init=False)  # bool (n,): has at least one date range
    # Set only where the ids were put in order by construction (a patch): checking 100,000 ids
    # again took longer than the patch itself.
    ids_known_sorted: InitVar[bool] = False

    def __post_init__(self, ids_known_sorted: bool) -> None:
        n = len(self.ids)
        columns = (
            self.skill_levels, self.interests, self.reachable, self.home_region, self.online,
            self.availability, self.range_start, self.range_end, self.age_band, self.first_timer,
            self.max_hours, self.hours_this_month, self.remaining_hours, self.recent_invitations,
        )  # fmt: skip
        if any(c.shape[0] != n for c in columns):
            raise ValueError("talent matrix: every column needs one row per talent")
        if not ids_known_sorted and any(a >= b for a, b in zip(self.ids, self.ids[1:])):
            raise ValueError("talent matrix: ids must be unique and sorted")
        # Most people set no date limit; the scorer takes a shortcut for them.
        unbounded = (self.range_start[:, 0] == UNBOUNDED[0]) & (self.range_end[:, 0] == UNBOUNDED[1])
        object.__setattr__(self, "date_limited", ~unbounded)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        return sum(v.nbytes for v in vars(self).values() if isinstance(v, np.ndarray))

    @classmethod
    def from_talents(cls, talents: Iterable[TalentProfile]) -> TalentMatrix:
        rows = sorted(talents, key=lambda t: t.id)
        n = len(rows)
        skill_codes = _codes(c for t in rows for c in t.skills)
        field_codes = _codes(f for t in rows for f in t.interests)
        region_codes = _codes(r for t in rows for r in t.regions)
        age_codes = _codes(t.age_band for t in rows)
        widest = max((len(t.available_dates) for t in rows), default=1) or 1

        levels = np.zeros((n, len(skill_codes)), dtype=np.int8, order="F")
        interests = np.zeros((n, len(field_codes)), dtype=bool, order="F")
        reachable = np.zeros((n, len(region_codes)), dtype=bool, order="F")
        starts = np.full((n, widest), EMPTY[0], dtype=np.int32, order="F")
        ends = np.full((n, widest), EMPTY[1], dtype=np.int32, order="F")
        availability = np.zeros(n, dtype=np.uint32)
        for i, t in enumerate(rows):
            for code, level in t.skills.items():
                levels[i, skill_codes[code]] = level
            for f in t.interests:
                interests[i, field_codes[f]] = True
            for r in t.regions:
                reachable[i, region_codes[r]] = True
            mask = 0
            for day, band in t.weekly_availability:
                mask |= 1 << weekly_slot_index(day, band)
            availability[i] = mask
            spans = [(r.start.toordinal(), r.end.toordinal()) for r in t.available_dates] or [UNBOUNDED]
            for k, (start, end) in enumerate(spans):
                starts[i, k], ends[i, k] = start, end

        max_hours = np.array([t.max_hours_per_month for t in rows], dtype=np.float64)
        used = np.array([t.hours_this_month for t in rows], dtype=np.float64)
        return cls(
            ids=tuple(t.id for t in rows),
            skill_codes=skill_codes,
            skill_levels=levels,
            field_codes=field_codes,
            interests=interests,
            region_codes=region_codes,
            reachable=reachable,
            home_region=np.array(
                [region_codes[t.home_region] if t.home_region else NO_REGION for t in rows], dtype=np.int32
            ),
            online=np.array([t.online for t in rows], dtype=bool),
            availability=availability,
            range_start=starts,
            range_end=ends,
            age_band_codes=age_codes,
            age_band=np.array([age_codes[t.age_band] for t in rows], dtype=np.int16),
            first_timer=np.array([t.first_timer for t in rows], dtype=bool),
            max_hours=max_hours,
            hours_this_month=used,
            remaining_hours=max_hours - used,
            recent_invitations=np.array([t.recent_invitations for t in rows], dtype=np.int32),
        )

    def patched(self, changed: Iterable[TalentProfile], removed: Iterable[str] = ()) -> TalentMatrix:
        """This matrix with `changed` talents added or replaced and `removed` ids left out: equal,
        array for array and code for code, to `from_talents` over the resulting talents, while only
        the changed ones are converted (converting 100,000 profiles took seconds; a patch copies
        arrays). Unknown removed ids are ignored."""
        fresh = TalentMatrix.from_talents(changed)
        removed = set(removed)
        if removed & set(fresh.ids):
            raise ValueError("talent matrix: a talent cannot be both changed and removed")
        dropped = sorted(row for talent_id in removed | set(fresh.ids)
                         if (row := _row_of(self.ids, talent_id)) is not None)
        # Each fresh row goes before the old row its id sorts before (and replaces, if the same id).
        pieces = _splice_plan(len(self.ids), dropped, [bisect_left(self.ids, i) for i in fresh.ids])
        total = sum(end - start for _, start, end in pieces)
        ids: list[str] = []
        for from_old, start, end in pieces:
            ids.extend((self.ids if from_old else fresh.ids)[start:end])

        def merged(old: np.ndarray, new: np.ndarray) -> np.ndarray:
            # Copied as a few contiguous runs: gathering rows by index was the patch's main cost.
            out = np.empty((total, *old.shape[1:]), dtype=old.dtype, order="F")
            at = 0
            for from_old, start, end in pieces:
                out[at:at + end - start] = (old if from_old else new)[start:end]
                at += end - start
            return out

        codes = {kind: _codes([*getattr(self, kind), *getattr(fresh, kind)])
                 for kind in ("skill_codes", "field_codes", "region_codes", "age_band_codes")}
        held = {}
        for name, kind in (("skill_levels", "skill_codes"), ("interests", "field_codes"),
                           ("reachable", "region_codes")):
            out = merged(_widened(getattr(self, name), getattr(self, kind), codes[kind]),
                         _widened(getattr(fresh, name), getattr(fresh, kind), codes[kind]))
            # Codes nobody holds any more go, as a rebuild would never have made them; only codes
            # a dropped row held can have lost their last holder.
            was_held = getattr(self, name)[dropped].any(axis=0)
            suspects = [codes[kind][code] for code, j in getattr(self, kind).items() if was_held[j]]
            still = np.ones(len(codes[kind]), dtype=bool)
            still[suspects] = [bool(out[:, j].any()) for j in suspects]
            held[kind] = _used_columns(codes[kind], out, still)
        (skill_codes, levels), (field_codes, interests), (region_codes, reachable) = held.values()
        widest = max(self.range_start.shape[1], fresh.range_start.shape[1])
        starts = merged(_padded(self.range_start, widest, EMPTY[0]), _padded(fresh.range_start, widest, EMPTY[0]))
        ends = merged(_padded(self.range_end, widest, EMPTY[1]), _padded(fresh.range_end, widest, EMPTY[1]))
        home = _recoded(merged(_recoded(self.home_region, self.region_codes, codes["region_codes"]),
                               _recoded(fresh.home_region, fresh.region_codes, codes["region_codes"])),
                        codes["region_codes"], region_codes)
        ages = merged(_recoded(self.age_band, self.age_band_codes, codes["age_band_codes"]),
                      _recoded(fresh.age_band, fresh.age_band_codes, codes["age_band_codes"]))
        age_used = np.bincount(ages, minlength=len(codes["age_band_codes"])) > 0
        age_band_codes = {name: i for i, name in enumerate(n for n, j in codes["age_band_codes"].items() if age_used[j])}
        ages = _recoded(ages, codes["age_band_codes"], age_band_codes)
        width = widest  # as wide as the most date ranges anyone still has (at least 1)
        while width > 1 and not ((starts[:, width - 1] != EMPTY[0]) | (ends[:, width - 1] != EMPTY[1])).any():
            width -= 1
        max_hours = merged(self.max_hours, fresh.max_hours)
        used = merged(self.hours_this_month, fresh.hours_this_month)
        return TalentMatrix(
            ids=tuple(ids),
            skill_codes=skill_codes,
            skill_levels=levels,
            field_codes=field_codes,
            interests=interests,
            region_codes=region_codes,
            reachable=reachable,
            home_region=home,
            online=merged(self.online, fresh.online),
            availability=merged(self.availability, fresh.availability),
            range_start=starts if width == widest else np.asfortranarray(starts[:, :width]),
            range_end=ends if width == widest else np.asfortranarray(ends[:, :width]),
            age_band_codes=age_band_codes,
            age_band=ages,
            first_timer=merged(self.first_timer, fresh.first_timer),
            max_hours=max_hours,
            hours_this_month=used,
            remaining_hours=max_hours - used,
            recent_invitations=merged(self.recent_invitations, fresh.recent_invitations),
            ids_known_sorted=True,
        )

    def with_usage(self, hours_this_month: Mapping[str, float], recent_invitations: Mapping[str, int]) -> TalentMatrix:
        """The same talents with this month's hours and recent invitations replaced: lets a service
        keep one matrix of the (slowly changing) profiles and apply the (fast changing) usage per
        request. Unknown ids are ignored; hours are capped at each talent's monthly maximum."""
        used = np.zeros(len(self.ids), dtype=np.float64)
        invited = np.zeros(len(self.ids), dtype=np.int32)
        for values, column in ((hours_this_month, used), (recent_invitations, invited)):
            for talent_id, value in values.items():
                row = bisect_left(self.ids, talent_id)
                if row < len(self.ids) and self.ids[row] == talent_id:
                    column[row] = value
        used = np.minimum(used, self.max_hours)
        # A copy, not `replace`: re-checking that 100,000 ids are sorted cost more than ranking.
        matrix = copy(self)
        for name, column in (("hours_this_month", used), ("remaining_hours", self.max_hours - used),
                             ("recent_invitations", invited)):
            object.__setattr__(matrix, name, column)
        return matrix

    def row_of(self, talent_id: str) -> int | None:
        return _row_of(self.ids, talent_id)

    def shown_at(self, row: int) -> tuple[str, str | None, bool]:
        """Age band, home region and whether first-time, as a listed candidate shows them."""
        age_bands, regions = self._names
        home = int(self.home_region[row])
        return age_bands[self.age_band[row]], None if home == NO_REGION else regions[home], bool(self.first_timer[row])

    @cached_property
    def _names(self) -> tuple[list[str], list[str]]:
        return code_names(self.age_band_codes), code_names(self.region_codes)

    def talent_at(self, row: int) -> TalentProfile:
        """Rebuild one talent from its row (used to explain the top few, never in the hot path)."""
        held = self.skill_levels[row]
        skills = {code: int(held[j]) for code, j in self.skill_codes.items() if held[j] > 0}
        mask = int(self.availability[row])
        weekly = {
            (day, band)
            for day in range(7)
            for band in TIME_BANDS
            if mask >> weekly_slot_index(day, band) & 1
        }
        spans = [
            (int(s), int(e))
            for s, e in zip(self.range_start[row], self.range_end[row])
            if (int(s), int(e)) != EMPTY
        ]
        dates = (
            () if spans == [UNBOUNDED] else tuple(DateRange(date.fromordinal(s), date.fromordinal(e)) for s, e in spans)
        )
        names = code_names(self.region_codes)
        home = int(self.home_region[row])
        return TalentProfile(
            id=self.ids[row],
            skills=skills,
            interests=frozenset(f for f, j in self.field_codes.items() if self.interests[row, j]),
            regions=frozenset(r for r, j in self.region_codes.items() if self.reachable[row, j]),
            online=bool(self.online[row]),
            weekly_availability=frozenset(weekly),
            age_band=code_names(self.age_band_codes)[int(self.age_band[row])],
            max_hours_per_month=float(self.max_hours[row]),
            hours_this_month=float(self.hours_this_month[row]),
            first_timer=bool(self.first_timer[row]),
            home_region=None if home == NO_REGION else names[home],
            available_dates=dates,
            recent_invitations=int(self.recent_invitations[row]),
        )


def _row_of(ids: tuple[str, ...], talent_id: str) -> int | None:
    row = bisect_left(ids, talent_id)
    return row if row < len(ids) and ids[row] == talent_id else None


def _splice_plan(n: int, dropped: list[int], inserts: list[int]) -> list[tuple[bool, int, int]]:
    """Runs (from the old rows?, start, end) that make the patched rows: old rows 0..n minus the
    `dropped` (sorted), with fresh row k placed before old row inserts[k] (non-decreasing)."""
    pieces, current, d, i = [], 0, 0, 0
    while d < len(dropped) or i < len(inserts):
        next_drop = dropped[d] if d < len(dropped) else n + 1
        next_insert = inserts[i] if i < len(inserts) else n + 1
        boundary = min(next_drop, next_insert)
        if boundary > current:
            pieces.append((True, current, boundary))
            current = boundary
        if next_insert <= next_drop:
            last = i
            while last < len(inserts) and inserts[last] == boundary:
                last += 1
            pieces.append((False, i, last))
            i = last
        else:
            current, d = boundary + 1, d + 1
    if current < n:
        pieces.append((True, current, n))
    return pieces


def _widened(columns: np.ndarray, codes: dict[str, int], wider: dict[str, int]) -> np.ndarray:
    """`columns` (one per code of `codes`) placed in the columns of `wider`, a superset."""
    if codes == wider:
        return columns
    out = np.zeros((columns.shape[0], len(wider)), dtype=columns.dtype, order="F")
    for name, j in codes.items():
        out[:, wider[name]] = columns[:, j]
    return out


def _padded(spans: np.ndarray, width: int, empty: int) -> np.ndarray:
    if spans.shape[1] == width:
        return spans
    out = np.full((spans.shape[0], width), empty, dtype=spans.dtype, order="F")
    out[:, :spans.shape[1]] = spans
    return out


def _recoded(values: np.ndarray, codes: dict[str, int], new_codes: dict[str, int]) -> np.ndarray:
    """Code values (NO_REGION kept) translated from `codes` to `new_codes`."""
    if codes == new_codes:
        return values
    table = np.full(len(codes) + 1, NO_REGION, dtype=values.dtype)  # the last entry serves index -1
    for name, i in codes.items():
        if name in new_codes:
            table[i] = new_codes[name]
    return table[values]


def _used_columns(codes: dict[str, int], columns: np.ndarray, used: np.ndarray) -> tuple[dict[str, int], np.ndarray]:
    if used.all():
        return codes, columns
    names = [name for name, j in sorted(codes.items(), key=lambda item: item[1]) if used[j]]
    return {name: i for i, name in enumerate(names)}, np.asfortranarray(columns[:, used])


def code_names(codes: dict[str, int]) -> list[str]:
    names = [""] * len(codes)
    for name, i in codes.items():
        names[i] = name
    return names
