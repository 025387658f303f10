"""Every talent's profile and their ranking matrix, kept between requests and patched, not rebuilt,
when profiles change: converting every profile takes seconds at 100,000 talents, so a rebuild
on each change would put that on the next request (past the gateway's deadline)."""
from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from services.matching.app.ports import MatchingUnitOfWork, TalentsVersion
from services.matching.domain.ranking.talent_matrix import TalentMatrix
from services.matching.domain.talent import Talent

log = logging.getLogger(__name__)
NO_REGION = "（未設定）"
BUILD_PAGE = 2_000


def region_of(talent) -> str:
    return talent.home_region or NO_REGION


@dataclass(frozen=True, slots=True)
class PoolMember:
    """What a listed candidate shows beside their matrix row (a few fields, not the profile:
    100,000 profiles are millions of objects, contacts among them)."""
    age_band: str
    home_region: str | None
    first_timer: bool

    @classmethod
    def of(cls, talent: Talent) -> PoolMember:
        return cls(talent.age_band, talent.home_region, talent.first_timer)


@dataclass(frozen=True)
class TalentPool:
    version: TalentsVersion
    talents: dict[str, PoolMember]
    matrix: TalentMatrix
    by_age_band: dict[str, int]
    by_region: dict[str, int]

    @classmethod
    def built(cls, version: TalentsVersion, talents: Iterable[Talent]) -> TalentPool:
        members, profiles = {}, []
        for talent in talents:
            members[talent.id] = PoolMember.of(talent)
            profiles.append(talent.profile())
        return cls(version, members, TalentMatrix.from_talents(profiles),
                   dict(Counter(m.age_band for m in members.values())),
                   dict(Counter(region_of(m) for m in members.values())))

    def patched(self, version: TalentsVersion, changed: list[Talent], removed: set[str]) -> TalentPool:
        """This pool with `changed` profiles added or replaced and `removed` ids gone: the same
        pool as `built` over the result. A new pool, so requests holding this one are unaffected."""
        talents = dict(self.talents)
        bands, regions = Counter(self.by_age_band), Counter(self.by_region)
        for talent_id in [*removed, *(t.id for t in changed)]:
            if (old := talents.pop(talent_id, None)) is not None:
                bands[old.age_band] -= 1
                regions[region_of(old)] -= 1
        for talent in changed:
            talents[talent.id] = PoolMember.of(talent)
            bands[talent.age_band] += 1
            regions[region_of(talent)] += 1
        matrix = self.matrix.patched([t.profile() for t in changed], removed)
        return TalentPool(version, talents, matrix, dict(+bands), dict(+regions))


_pool: TalentPool | None = None
_pool_lock = threading.Lock()


def talent_pool(uow: MatchingUnitOfWork) -> TalentPool:
    """The process's pool, brought up to date if the talents' version moved: patched with the
    profiles changed or deleted since, or built in full the first time (and for another database)."""
    global _pool
    pool = _pool
    if pool is not None and pool.version == uow.talents.version():
        return pool
    with _pool_lock:
        version = uow.talents.version()  # again: another request may have refreshed it meanwhile
        pool = _pool
        if pool is None or pool.version.store != version.store:
            started = time.perf_counter()
            pool = TalentPool.built(version, _every_talent(uow))
            log.info("talent pool built", extra={"talents": len(pool.talents),
                                                 "seconds": round(time.perf_counter() - started, 2)})
        elif pool.version != version:
            pool = _caught_up(pool, uow, version)
        _pool = pool
        return pool


def warm_talent_pool(uow: MatchingUnitOfWork) -> None:
    """Build or bring up to date the process's pool ahead of requests (at start, then now and then)."""
    with uow:
        talent_pool(uow)


def forget_talent_pool() -> None:
    """Drop the process's pool (the next request builds it in full)."""
    global _pool
    _pool = None


def _every_talent(uow: MatchingUnitOfWork) -> Iterator[Talent]:
    """Every stored profile, a page at a time with a pause between pages: under eventlet the pause
    lets other requests run while a large pool is built (100,000 profiles took 12 s of CPU here).
    Changes made meanwhile are caught by the next refresh, from the version read before."""
    after = None
    while page := uow.talents.list(after, BUILD_PAGE):
        yield from page
        after = [page[-1].created_at.isoformat(), page[-1].id]
        time.sleep(0)


def _caught_up(pool: TalentPool, uow: MatchingUnitOfWork, version: TalentsVersion) -> TalentPool:
    """`pool` patched with what was written after its revision. Profiles written after `version`
    was read may come along; the next refresh reads them again, which changes nothing."""
    changed, removed = uow.talents.changed_after(pool.version.revision), set()
    if version.last_erasure > pool.version.revision:  # a deletion leaves no row: compare the ids
        stored = uow.talents.ids()
        removed = pool.talents.keys() - stored
        changed = [t for t in changed if t.id in stored]
    return pool.patched(version, changed, removed)
