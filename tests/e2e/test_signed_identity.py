"""Over the real broker, a service refuses a caller it cannot verify and drops work whose
caller's deadline has passed; the gateway's own calls, signed, go through."""
import time
import uuid

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from services.common.signed_actor import ActorRefused, DeadlinePassed, sign
from tests.support.signing import signed

pytestmark = pytest.mark.broker

OPERATOR = {"role": "operator", "subject_id": None, "key_id": "forger"}


ORGANISATION = {"name": "署名試験の会", "name_kana": "しょめいしけんのかい", "kind": "citizen_group",
                "region": "yu", "fields": ["welfare"]}


def test_only_verified_callers_reach_a_service(platform):
    created = platform.call("POST", "/organisations", body=ORGANISATION)  # signed by the gateway
    assert created.status_code == 201, created.text
    lookup = {"organisation_id": created.json()["id"]}
    new = {**ORGANISATION, "request_id": str(uuid.uuid4())}
    with ClusterRpcProxy({"AMQP_URI": platform.amqp_uri, "serializer": "json"}, timeout=30) as cluster:
        assert cluster.registry.get_organisation(
            signed(OPERATOR, "registry", "get_organisation", lookup), lookup)["id"] == lookup["organisation_id"]
        forged = [OPERATOR,  # what anyone with broker credentials could send before
                  sign(OPERATOR, "registry", "register_organisation", new,
                       deadline=time.time() + 30, keys=(b"a-key-the-platform-never-had-" * 2,)),
                  signed(OPERATOR, "registry", "get_organisation", lookup)]  # another method's
        for actor in forged:
            with pytest.raises(ActorRefused):
                cluster.registry.register_organisation(actor, new)
        late = sign(OPERATOR, "registry", "register_organisation", new, deadline=time.time() - 1)
        with pytest.raises(DeadlinePassed):
            cluster.registry.register_organisation(late, new)
    names = [o["name"] for o in platform.call("GET", "/organisations").json()["items"]]
    assert names.count("署名試験の会") == 1  # none of the refused or late calls created one
    log = platform.logs("registry")
    assert "RPC refused: caller identity not verified" in log
    assert "RPC dropped: the caller's deadline had passed" in log

