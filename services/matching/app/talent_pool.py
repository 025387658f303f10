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


@dataclass(frozen=True)
class TalentPool:
    """The matrix holds what a listed candidate shows too (age band, home region, first time), so
    no object per talent is kept beside it: a patch copies arrays, not 100,000 entries."""
    version: TalentsVersion
    matrix: TalentMatrix
    by_age_band: dict[str, int]
    by_region: dict[str, int]

    @classmethod
    def built(cls, version: TalentsVersion, talents: Iterable[Talent]) -> TalentPool:
        profiles = [talent.profile() for talent in talents]
        return cls(version, TalentMatrix.from_talents(profiles), dict(Counter(p.age_band for p in profiles)),
                   dict(Counter(region_of(p) for p in profiles)))

    def __len__(self) -> int:
        return len(self.matrix)

    def shown(self, talent_id: str) -> tuple[str, str | None, bool] | None:
        """Age band, home region and whether first-time, for someone in the pool."""
        row = self.matrix.row_of(talent_id)
        return None if row is None else self.matrix.shown_at(row)

    def patched(self, version: TalentsVersion, changed: list[Talent], removed: set[str]) -> TalentPool:
        """This pool with `changed` profiles added or replaced and `removed` ids gone: the same
        pool as `built` over the result. A new pool, so requests holding this one are unaffected."""
        bands, regions = Counter(self.by_age_band), Counter(self.by_region)
        for talent_id in {*removed, *(t.id for t in changed)}:
            if (old := self.shown(talent_id)) is not None:
                bands[old[0]] -= 1
                regions[old[1] or NO_REGION] -= 1
        for talent in changed:
            bands[talent.age_band] += 1
            regions[region_of(talent)] += 1
        matrix = self.matrix.patched([t.profile() for t in changed], removed)
        return TalentPool(version, matrix, dict(+bands), dict(+regions))


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
            log.info("talent pool built", extra={"talents": len(pool),
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
        removed = set(pool.matrix.ids) - stored
        changed = [t for t in changed if t.id in stored]
    return pool.patched(version, changed, removed)
