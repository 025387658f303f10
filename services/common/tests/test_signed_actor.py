"""A signed actor is valid for one call, with one request, until it expires; keys rotate."""
import time

import pytest

from services.common.signed_actor import (ActorRefused, SigningKeyMissing, configured_keys, sign,
                                          verify)

KEY, OTHER_KEY = b"k" * 32, b"o" * 32
OPERATOR = {"role": "operator", "subject_id": None, "key_id": "key-1"}
REQUEST = {"organisation_id": "0b6c", "name": "玖珂の会", "fields": ["welfare"], "slots": 2}


def signed(actor=OPERATOR, request=REQUEST, deadline=None, keys=(KEY,)):
    return sign(actor, "registry", "update_organisation", request,
                deadline=time.time() + 10 if deadline is None else deadline, keys=keys)


def refusal(actor, method="update_organisation", request=REQUEST, keys=(KEY,), now=None) -> str:
    with pytest.raises(ActorRefused) as refused:
        verify(actor, "registry", method, request, keys=keys, now=now)
    assert "呼び出し元を確認できません" in refused.value.message
    return refused.value.fields["reason"]


def test_a_signed_actor_verifies_as_the_actor_it_names():
    verified = verify(signed(), "registry", "update_organisation", dict(reversed(REQUEST.items())),
                      keys=(KEY,))
    assert (verified.actor.role, verified.actor.key_id) == ("operator", "key-1")
    assert verified.deadline == pytest.approx(time.time() + 10, abs=1)


def test_an_unsigned_actor_is_refused():
    assert refusal(OPERATOR) == "unsigned"
    assert refusal("operator") == "unsigned"


@pytest.mark.parametrize("change", [{"role": "citizen"}, {"subject_id": "someone"},
                                    {"key_id": "key-2"}, {"deadline": 9e9}, {"expires_at": 9e9}])
def test_changing_any_signed_field_is_refused(change):
    assert refusal({**signed(), **change}) == "bad_signature"


def test_a_signature_from_another_key_is_refused():
    assert refusal(signed(keys=(OTHER_KEY,))) == "bad_signature"


def test_a_captured_actor_cannot_be_replayed_to_another_method_or_request():
    captured = signed()
    assert refusal(captured, method="erase_person") == "bad_signature"
    assert refusal(captured, request={**REQUEST, "organisation_id": "another"}) == "bad_signature"
    assert refusal(captured, request={**REQUEST, "slots": 2.5}) == "bad_signature"


def test_a_malformed_signed_actor_is_refused_not_crashed():
    assert refusal({**signed(), "deadline": "soon"}) == "malformed"
    assert refusal({**signed(), "expires_at": None}) == "malformed"
    without_role = signed()
    del without_role["role"]
    assert refusal(without_role) == "malformed"


def test_an_expired_actor_is_refused():
    old = signed(deadline=time.time() - 60)
    assert refusal(old) == "expired"
    assert refusal(signed(), now=time.time() + 3600) == "expired"


def test_rotation_the_first_key_signs_every_key_verifies():
    environ = {"KYODO_ACTOR_SIGNING_KEY": f"{OTHER_KEY.decode()}, {KEY.decode()}"}
    keys = configured_keys(environ)
    assert keys == (OTHER_KEY, KEY)
    by_new = signed(keys=keys)
    assert verify(by_new, "registry", "update_organisation", REQUEST, keys=(OTHER_KEY,))
    assert verify(signed(keys=(KEY,)), "registry", "update_organisation", REQUEST, keys=keys)
    assert refusal(by_new, keys=(KEY,)) == "bad_signature"  # the old key alone: not yet rotated


@pytest.mark.parametrize("value", ["", " , ", "short", f"{'k' * 32},short"])
def test_no_key_or_a_short_key_stops_the_process(value):
    with pytest.raises(SigningKeyMissing):
        configured_keys({"KYODO_ACTOR_SIGNING_KEY": value})
