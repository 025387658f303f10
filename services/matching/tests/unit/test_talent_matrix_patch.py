"""A patched talent matrix is the matrix a full rebuild makes: same arrays, same codes, same
rankings, after random additions, updates and removals (seeded, so every case reproduces)."""
import random

import numpy as np
import pytest

from services.matching.domain.ranking.talent_matrix import TalentMatrix
from services.matching.domain.ranking.vectorised import rank_candidates_in
from services.matching.domain.ranking.weights import CURRENT_WEIGHTS
from services.matching.tests.unit.random_profiles import random_exposure, random_need, random_talent

IDS = [f"t{i:03d}" for i in range(80)]


def assert_same_matrix(patched: TalentMatrix, rebuilt: TalentMatrix) -> None:
    for name, expected in vars(rebuilt).items():
        found = getattr(patched, name)
        if isinstance(expected, np.ndarray):
            assert (found.dtype, found.shape) == (expected.dtype, expected.shape), name
            assert np.array_equal(found, expected), name
        else:
            assert found == expected, name


@pytest.mark.parametrize("seed", range(60))
def test_patches_after_random_changes_equal_a_rebuild(seed):
    rng = random.Random(seed)
    people = {i: random_talent(rng, i) for i in rng.sample(IDS, rng.randint(0, 40))}
    matrix = TalentMatrix.from_talents(people.values())
    for _ in range(6):
        changed = {i: random_talent(rng, i) for i in rng.sample(IDS, rng.randint(0, 8))}
        unchanged = sorted(people.keys() - changed.keys())
        removed = {*rng.sample(unchanged, min(len(unchanged), rng.randint(0, 4))), "not-stored"}
        people = {i: p for i, p in {**people, **changed}.items() if i not in removed}
        matrix = matrix.patched(changed.values(), removed)
        rebuilt = TalentMatrix.from_talents(people.values())
        assert_same_matrix(matrix, rebuilt)
        need, exposure = random_need(rng, "n"), random_exposure(rng)
        assert (rank_candidates_in(matrix, need, CURRENT_WEIGHTS, exposure, 10)
                == rank_candidates_in(rebuilt, need, CURRENT_WEIGHTS, exposure, 10))


def test_codes_nobody_holds_any_more_are_dropped_and_new_ones_sorted_in():
    rng = random.Random(1)
    first, second = random_talent(rng, "a"), random_talent(rng, "b")
    matrix = TalentMatrix.from_talents([first, second])
    emptied = matrix.patched([], {"a", "b"})
    assert_same_matrix(emptied, TalentMatrix.from_talents([]))
    assert emptied.skill_codes == {} and emptied.region_codes == {} and len(emptied) == 0
    assert_same_matrix(emptied.patched([second], ()), TalentMatrix.from_talents([second]))


def test_a_patch_naming_a_talent_twice_is_refused():
    rng = random.Random(2)
    matrix = TalentMatrix.from_talents([random_talent(rng, "a")])
    with pytest.raises(ValueError, match="unique"):
        matrix.patched([random_talent(rng, "b"), random_talent(rng, "b")])
    with pytest.raises(ValueError, match="both changed and removed"):
        matrix.patched([random_talent(rng, "b")], {"b"})
