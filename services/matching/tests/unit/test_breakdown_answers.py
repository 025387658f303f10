"""A candidate's breakdown in the answer is exactly what dataclasses.asdict gives (the schema
uses a cheaper walk of the same dataclasses)."""
from dataclasses import asdict
from types import SimpleNamespace

from services.matching.contract.responses import CandidateSchema
from services.matching.domain.ranking.pairwise import score_pair
from services.matching.domain.ranking.weights import CURRENT_WEIGHTS
from services.matching.tests.unit.random_profiles import random_population


def test_breakdowns_dump_as_asdict_gives_them():
    talents, needs, exposure = random_population(5, 60, 10)
    scored = [m for need in needs for t in talents if (m := score_pair(need, t, CURRENT_WEIGHTS, exposure))]
    assert len(scored) > 50
    for match in scored:
        candidate = SimpleNamespace(match=match, age_band="20代", home_region=None, first_timer=False)
        assert CandidateSchema().dump(candidate)["breakdown"] == asdict(match.breakdown)
