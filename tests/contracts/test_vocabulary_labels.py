"""Every code the vocabularies route lists has both labels, and the lists are the codes the
contracts accept (no code accepted but unlisted, none listed but refused)."""
import json

from deploy import demo_matching
from gateway.vocabularies import vocabularies
from services.common.city_profile_file import city_profile_path
from services.matching.contract.requests import CreateTalentRequest
from services.matching.contract.vocabulary import NEED_KINDS, SKILLS
from services.registry.contract.vocabulary import KINDS


def codes(name):
    return [term["code"] for term in vocabularies(None, {})[name]]


def test_the_listed_codes_are_the_accepted_codes():
    city = json.loads(city_profile_path().read_text(encoding="utf-8"))
    assert codes("regions") == [region["code"] for region in city["regions"]]
    assert codes("fields") == [field["code"] for field in city["fields"]]
    assert codes("organisation_kinds") == list(KINDS)
    assert codes("need_kinds") == list(NEED_KINDS)
    assert codes("skills") == list(SKILLS)


def test_every_code_has_a_japanese_and_an_english_label():
    for name, terms in vocabularies(None, {}).items():
        for term in terms:
            assert term["ja"] and term["en"], (name, term)


def test_the_demo_names_only_skills_of_the_taxonomy():
    assert set(demo_matching.SKILLS) <= set(SKILLS)


def test_an_unknown_skill_is_refused_with_the_valid_codes():
    errors = CreateTalentRequest().validate({"age_band": "30代", "skills": {"juggling": 2,
                                                                            "cooking": 2}})
    message = json.dumps(errors, ensure_ascii=False)
    assert "juggling" in message and "first_aid" in message and "スキル" in message
