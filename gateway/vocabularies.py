"""The codes a client may send, with Japanese and English labels: the city's regions and fields
of activity (its profile), organisation kinds, need kinds and the skill taxonomy (the services'
contracts)."""
import json
from functools import cache

from marshmallow import Schema, fields

from services.common.city_profile_file import city_profile_path
from services.matching.contract.vocabulary import NEED_KIND_LABELS, SKILL_LABELS
from services.registry.contract.vocabulary import KIND_LABELS


class TermSchema(Schema):
    code = fields.String()
    ja = fields.String()
    en = fields.String()


class VocabulariesSchema(Schema):
    regions = fields.List(fields.Nested(TermSchema))
    fields_ = fields.List(fields.Nested(TermSchema), data_key="fields", attribute="fields",
                          metadata={"description": "活動分野 / fields of activity"})
    organisation_kinds = fields.List(fields.Nested(TermSchema))
    need_kinds = fields.List(fields.Nested(TermSchema))
    skills = fields.List(fields.Nested(TermSchema), metadata={
        "description": "スキルの一覧 / the skill taxonomy talents, needs and offers use"})


def vocabularies(actor, params) -> dict:
    return _vocabularies()


@cache
def _vocabularies() -> dict:
    city = json.loads(city_profile_path().read_text(encoding="utf-8"))
    return {
        "regions": [{"code": r["code"], "ja": r["name"], "en": r.get("name_en", r["code"])}
                    for r in city["regions"]],
        "fields": [{"code": f["code"], "ja": f["ja"], "en": f["en"]} for f in city["fields"]],
        "organisation_kinds": _labelled(KIND_LABELS),
        "need_kinds": _labelled(NEED_KIND_LABELS),
        "skills": _labelled(SKILL_LABELS),
    }


def _labelled(labels: dict[str, tuple[str, str]]) -> list[dict]:
    return [{"code": code, "ja": ja, "en": en} for code, (ja, en) in labels.items()]
