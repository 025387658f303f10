"""The gateway loads the services' contract packages and nothing else of them.

Measured in a fresh interpreter: this test process has imported everything already.
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("registry", "matching", "notifications", "reports")
PROBE = """
import json, sys
import gateway.main
from gateway.openapi import build_openapi
build_openapi()
print(json.dumps(sorted(sys.modules)))
"""


def _modules_loaded_by_the_gateway() -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_the_gateway_loads_no_service_internals_and_no_heavy_library():
    loaded = _modules_loaded_by_the_gateway()
    of_services = [name for name in loaded if name.split(".")[0] == "services"
                   and len(name.split(".")) > 2 and name.split(".")[1] in SERVICES]
    assert of_services, "the gateway should load the services' contracts"
    beyond_contracts = [name for name in of_services if name.split(".")[2] != "contract"]
    assert beyond_contracts == []
    heavy = [name for name in loaded if name.split(".")[0] in ("numpy", "ortools", "scipy")]
    assert heavy == []
    for service in SERVICES:
        assert f"services.{service}.contract.requests" in loaded or \
            f"services.{service}.contract.responses" in loaded, service
