"""The operator's erasure of a person (APPI): the report of each holder of personal data."""
from marshmallow import Schema, fields

HOLDER_STATUSES = ("erased", "unavailable", "failed")


class HolderErasureSchema(Schema):
    holder = fields.String(metadata={"description": "registry, matching, notifications, reports, gateway"})
    status = fields.String(metadata={"enum": list(HOLDER_STATUSES), "description": (
        "erased = 消去済み / done; unavailable, failed = 未完了、別の Idempotency-Key で再実行 / not done: "
        "POST again with a new Idempotency-Key (erasure is idempotent)")})
    erased = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "種類ごとの件数（再実行では0） / records erased or anonymised per kind (0 on a repeat)"})


class ErasureReportSchema(Schema):
    """Names no one: the gateway keeps this answer for replays, and a later erasure would find
    the subject's id in it."""
    complete = fields.Boolean(metadata={"description": "すべての保持者が消去済み / every holder is done"})
    holders = fields.List(fields.Nested(HolderErasureSchema))
