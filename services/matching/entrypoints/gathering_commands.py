"""Gathering requests as the contract loads them, turned into what the use cases take."""
from services.common.pagination import decode_cursor
from services.matching.app.gathering_changes import UpdateGathering
from services.matching.app.gatherings import CreateGathering, SignUpFor
from services.matching.app.ports import GatheringFilter
from services.matching.domain.gatherings import Outcome


def create_gathering(request: dict) -> CreateGathering:
    data = dict(request)
    return CreateGathering(gathering_id=data.pop("request_id"), **data)


def gathering_filter(request: dict) -> GatheringFilter:
    data = dict(request)
    return GatheringFilter(after=decode_cursor(data.pop("cursor", None)), **data)


def sign_up(request: dict) -> SignUpFor:
    return SignUpFor(sign_up_id=request["request_id"], gathering_id=request["gathering_id"],
                     seats=request["seats"])


def outcome(request: dict) -> Outcome:
    return Outcome(minutes=request["minutes"], ideas=request["ideas"], follow_ups=request["follow_ups"])


def update_gathering(request: dict) -> UpdateGathering:
    return UpdateGathering(**request)
