"""One person's data across matching's tables, erased in the caller's transaction."""
from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from services.matching.adapters.tables import (calendar_feeds, gathering_sign_ups, impressions, match_messages,
                                               matches, staff_invitations, talents)
from services.matching.adapters.talent_repositories import mark_talents_erased


class SqlPersonalDataRepository:
    def __init__(self, session: Session):
        self._session = session

    def erase_person(self, person_id: str, alias: str) -> dict[str, int]:
        run = self._session.execute
        mark_talents_erased(self._session)
        theirs = run(select(matches.c.id, matches.c.feedback).where(matches.c.talent_id == person_id)).all()
        erased = {
            "talent_profiles": run(delete(talents).where(talents.c.id == person_id)).rowcount,
            "staff_invitations": run(delete(staff_invitations)
                                     .where(staff_invitations.c.person_id == person_id)).rowcount,
            "match_messages": run(delete(match_messages)
                                  .where(match_messages.c.match_id.in_([m.id for m in theirs]))).rowcount,
            "matches_anonymised": len(theirs),
            "impressions_anonymised": run(update(impressions).where(impressions.c.talent_id == person_id)
                                          .values(talent_id=alias)).rowcount,
            # Sign-ups stay for the gatherings' counts, under the alias; the feed row goes (a URL
            # signed for the person then lists nothing: no sign-up names them any more).
            "sign_ups_anonymised": run(update(gathering_sign_ups)
                                       .where(gathering_sign_ups.c.participant == f"citizen:{person_id}")
                                       .values(participant=f"citizen:{alias}")).rowcount,
            "calendar_feeds": run(delete(calendar_feeds)
                                  .where(calendar_feeds.c.participant == f"citizen:{person_id}")).rowcount,
        }
        for match in theirs:  # ratings stay for the organisation's record; the free-text comments go
            feedback = {side: {**given, "comment": ""} for side, given in (match.feedback or {}).items()}
            run(update(matches).where(matches.c.id == match.id).values(talent_id=alias, feedback=feedback))
        return erased
