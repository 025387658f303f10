"""The deployment files, proven offline (no Docker engine, no cluster here).

- docker-compose.yml against the Compose Specification JSON schema that check-jsonschema
  vendors (`check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml`);
- every Kubernetes manifest against the Kubernetes OpenAPI schemas that kubernetes-validate
  ships, in strict mode (unknown fields are errors), and the kustomize build of the base and of
  each overlay; KEDA's ScaledObjects and TriggerAuthentication against KEDA's own CRD schemas
  (vendored in tests/deploy/schemas), with unknown fields refused as a strict API server would;
- the invariants the platform relies on (supervised restarts, health checks, start-up order,
  probes, locked-down security contexts, one database per component, no secret in a file).

Each validator is also fed a broken document, so a validator that accepts anything fails here.
"""
import copy
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from importlib import resources
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

from deploy.components import COMPONENTS, DEFAULT_HTTP_PORTS, SERVICE_NAMES, service_module

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
K8S_DIR = ROOT / "deploy" / "k8s" / "base"
OVERLAYS = ROOT / "deploy" / "k8s" / "overlays"
KEDA_CRDS = Path(__file__).resolve().parent / "schemas"
INIT_SQL = ROOT / "deploy" / "postgres" / "init.sql"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

INFRASTRUCTURE = ("rabbitmq", "postgres", "migrate", "broker-users")
# The oldest Kubernetes minor still commonly offered by managed clusters, and the newest
# kubernetes-validate ships schemas for.
K8S_VERSIONS = ("1.29.0", kubernetes_validate.latest_version())
UID = 10001


def command_of(component: str) -> list[str]:
    if component == "gateway":
        return ["python", "-m", "gateway.main"]
    return ["python", "-m", "deploy.service_main", component]


def database_variable(component: str) -> str:
    return f"KYODO_{component.upper()}_DATABASE_URL"


# --------------------------------------------------------------------------- loading

@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def compose_schema() -> dict:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads((vendor / "compose-spec.json").read_text(encoding="utf-8"))


def k8s_files() -> list[Path]:
    return sorted(K8S_DIR.glob("*.yaml"))


def k8s_documents(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def all_k8s_resources() -> list[dict]:
    return [doc for path in k8s_files() if path.name != "kustomization.yaml"
            for doc in k8s_documents(path)]


def resource(kind: str, name: str) -> dict:
    found = [doc for doc in all_k8s_resources()
             if doc["kind"] == kind and doc["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind}/{name}, found {len(found)}"
    return found[0]


def env_by_name(container: dict) -> dict[str, dict]:
    return {entry["name"]: entry for entry in container.get("env", [])}


def quantity(value: str) -> float:
    """A Kubernetes quantity as a number (cores or bytes), enough for request ≤ limit checks."""
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 1e3, "M": 1e6, "G": 1e9}
    match = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(value))
    assert match, f"unreadable quantity {value!r}"
    number, unit = match.groups()
    return float(number) * (units[unit] if unit else 1)


# --------------------------------------------------------------------------- the component list

def test_component_list_matches_the_settings_everywhere(compose):
    assert set(compose["services"]) == {*INFRASTRUCTURE, *COMPONENTS}
    deployments = {doc["metadata"]["name"] for doc in all_k8s_resources()
                   if doc["kind"] == "Deployment"}
    assert deployments == set(COMPONENTS)
    assert {path.stem for path in k8s_files()} >= set(COMPONENTS)
    for component in COMPONENTS:
        assert component in DEFAULT_HTTP_PORTS, component


def test_the_commands_named_in_the_files_exist():
    for module in ("deploy.service_main", "gateway.main", "deploy.cli"):
        assert importlib.util.find_spec(module) is not None, module
    for component in SERVICE_NAMES:
        assert importlib.util.find_spec(service_module(component)), component


# --------------------------------------------------------------------------- docker compose

def test_compose_file_is_valid_against_the_compose_specification(compose, compose_schema):
    validator = jsonschema.Draft202012Validator(compose_schema)
    errors = sorted(validator.iter_errors(compose), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_compose_schema_rejects_a_broken_file(compose, compose_schema):
    validator = jsonschema.Draft202012Validator(compose_schema)
    broken = copy.deepcopy(compose)
    broken["services"]["gateway"]["restart_policy"] = "always"  # not a compose key
    assert list(validator.iter_errors(broken))
    broken = copy.deepcopy(compose)
    broken["services"]["registry"]["depends_on"]["migrate"]["condition"] = "service_finished"
    assert list(validator.iter_errors(broken))


def test_check_jsonschema_command_from_the_readme_passes():
    """The exact command the README gives, with check-jsonschema's vendored compose schema."""
    executable = Path(sys.executable).with_name("check-jsonschema")
    command = [str(executable)] if executable.exists() else [shutil.which("check-jsonschema")]
    assert command[0], "check-jsonschema is not installed (pip install check-jsonschema)"
    result = subprocess.run([*command, "--builtin-schema", "vendor.compose-spec", str(COMPOSE_FILE)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("component", COMPONENTS)
def test_every_long_running_compose_service_is_supervised_checked_and_ordered(compose, component):
    service = compose["services"][component]
    port = DEFAULT_HTTP_PORTS[component]
    assert service["restart"] == "unless-stopped"
    assert service["command"] == command_of(component)
    assert service["image"] == compose["services"]["migrate"]["image"], "one image for all"
    assert service["environment"]["KYODO_HTTP_ADDRESS"] == f"0.0.0.0:{port}"

    test = service["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"], test
    compile(test[3], f"{component} healthcheck", "exec")  # the probe is valid Python
    assert f"http://127.0.0.1:{port}/health/ready" in test[3]
    assert "disable" not in service["healthcheck"]

    assert service["depends_on"] == {
        "rabbitmq": {"condition": "service_healthy"},
        "postgres": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


@pytest.mark.parametrize("component", COMPONENTS)
def test_every_compose_component_names_the_broker_and_only_its_own_database(compose, component):
    environment = compose["services"][component]["environment"]
    assert re.fullmatch(r"amqp://[^@]+@rabbitmq:5672/", environment["KYODO_AMQP_URI"])
    assert environment["KYODO_RELAY"] == "on"
    own = environment[database_variable(component)]
    assert re.fullmatch(rf"postgresql://kyodo:\$\{{[A-Z_]+(:-[^}}]*)?\}}@postgres:5432/kyodo_{component}",
                        own), own
    others = {database_variable(other) for other in COMPONENTS if other != component}
    assert not others & set(environment), "a component must not see another's database"


def test_migrate_runs_once_before_everything_with_every_database(compose):
    migrate = compose["services"]["migrate"]
    assert migrate["command"] == ["python", "-m", "deploy.cli", "migrate"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"] == {"rabbitmq": {"condition": "service_healthy"},
                                     "postgres": {"condition": "service_healthy"},
                                     "broker-users": {"condition": "service_completed_successfully"}}
    for component in COMPONENTS:
        assert migrate["environment"][database_variable(component)].endswith(f"/kyodo_{component}")
    assert "KYODO_AMQP_URI" in migrate["environment"]
    assert migrate["build"]["context"] == "."


@pytest.mark.parametrize("component", (*COMPONENTS, "migrate"))
def test_every_compose_component_has_its_own_broker_user_and_the_signing_key(compose, component):
    environment = compose["services"][component]["environment"]
    assert environment["KYODO_AMQP_URI"].startswith(f"amqp://kyodo-{component}:")
    assert environment["KYODO_ACTOR_SIGNING_KEY"].startswith("${KYODO_ACTOR_SIGNING_KEY")


def test_broker_users_are_made_before_migrate_from_the_generator(compose):
    users = compose["services"]["broker-users"]
    assert users["command"][:3] == ["python", "-m", "deploy.broker_users"]
    assert "--passwords-from-env" in users["command"]
    for component in (*COMPONENTS, "migrate"):
        assert f"KYODO_BROKER_PASSWORD_{component.upper()}" in users["environment"]


def test_gateway_is_published_on_8000_with_an_rpc_timeout(compose):
    gateway = compose["services"]["gateway"]
    assert any(str(port).endswith("8000:8000") for port in gateway["ports"])
    assert float(gateway["environment"]["KYODO_RPC_TIMEOUT"]) > 0
    for component in SERVICE_NAMES:
        assert "ports" not in compose["services"][component], "services serve only health checks"


def test_broker_and_database_are_durable_and_health_checked(compose):
    services, volumes = compose["services"], compose["volumes"]
    rabbitmq = services["rabbitmq"]
    assert rabbitmq["image"] == "rabbitmq:3.13-management"
    assert rabbitmq["healthcheck"]["test"] == ["CMD", "rabbitmq-diagnostics", "-q", "ping"]
    assert "hostname" in rabbitmq, "a fixed node name keeps the same data directory"
    postgres = services["postgres"]
    assert re.fullmatch(r"postgres:16(\.\d+)?(-bookworm)?", postgres["image"]), postgres["image"]
    assert "pg_isready" in postgres["healthcheck"]["test"]
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in postgres["volumes"]}
    init_mounts = [target for target in mounts if target.startswith("/docker-entrypoint-initdb.d/")]
    assert init_mounts and mounts[init_mounts[0]] == "./deploy/postgres/init.sql"
    assert mounts["/var/lib/postgresql/data"] in volumes
    assert rabbitmq["volumes"][0].split(":")[0] in volumes
    assert rabbitmq["volumes"][0].split(":")[1] == "/var/lib/rabbitmq"
    for name in ("rabbitmq", "postgres"):
        assert services[name]["restart"] == "unless-stopped"


def test_compose_holds_no_literal_password(compose):
    """Every credential is an interpolated variable (with a default documented as dev-only)."""
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    credentials = re.findall(r"(?:amqp|postgresql)://(\$\{[^}]*\}|[^:@/\s$]+):([^@\s]+)@", text)
    assert len(credentials) >= 1 + 2 * len(COMPONENTS), "every URL carries credentials"
    for _, password in credentials:
        assert re.fullmatch(r"\$\{[A-Z_]+(:-[^}]*)?\}", password), f"literal password {password}"
    for service in compose["services"].values():
        for key, value in (service.get("environment") or {}).items():
            if "PASS" in key:
                assert str(value).startswith("${"), key
    assert "dev-only" in text and "KYODO_POSTGRES_PASSWORD" in text


# --------------------------------------------------------------------------- PostgreSQL init

INIT_STATEMENT = re.compile(
    r"CREATE DATABASE (\w+)\s+ENCODING 'UTF8' LC_COLLATE 'C\.UTF-8' LC_CTYPE 'C\.UTF-8' "
    r"TEMPLATE template0;")


def init_statements() -> list[str]:
    without_comments = "\n".join(line.split("--", 1)[0] for line in
                                 INIT_SQL.read_text(encoding="utf-8").splitlines())
    return [" ".join(statement.split()) + ";" for statement in without_comments.split(";")
            if statement.strip()]


def test_init_sql_creates_one_utf8_database_per_component():
    statements = init_statements()
    names = []
    for statement in statements:
        match = INIT_STATEMENT.fullmatch(statement)
        assert match, f"unexpected statement: {statement}"
        names.append(match.group(1))
    assert sorted(names) == sorted(f"kyodo_{component}" for component in COMPONENTS)


@pytest.mark.postgres
def test_init_sql_runs_on_postgresql_and_gives_a_utf8_ctype():
    """Runs init.sql's statements (database names made unique) on the test server."""
    from sqlalchemy import create_engine, text
    admin_url = os.environ.get("KYODO_TEST_POSTGRES_URL",
                               "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")
    prefix = f"kyodo_init_{uuid.uuid4().hex[:8]}_"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    created = []
    try:
        with engine.connect() as connection:
            for statement in init_statements():
                name = INIT_STATEMENT.fullmatch(statement).group(1)
                unique = prefix + name.removeprefix("kyodo_")
                connection.execute(text(statement.replace(f"DATABASE {name} ", f"DATABASE {unique} ")))
                created.append(unique)
            rows = connection.execute(text(
                "SELECT datname, pg_encoding_to_char(encoding), datcollate, datctype "
                "FROM pg_database WHERE datname LIKE :prefix"), {"prefix": prefix + "%"}).all()
        assert len(rows) == len(COMPONENTS)
        for _, encoding, collate, ctype in rows:
            assert (encoding, collate, ctype) == ("UTF8", "C.UTF-8", "C.UTF-8")
    finally:
        with engine.connect() as connection:
            for name in created:
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        engine.dispose()


# --------------------------------------------------------------------------- image

def test_dockerfile_builds_the_one_image_as_a_non_root_user():
    lines = [line.strip() for line in DOCKERFILE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.strip().startswith("#")]
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)", "\n".join(lines), re.M)
    assert base and base.group(1).startswith("python:3.11-slim"), "Python 3.11 slim base"
    stages = [index for index, line in enumerate(lines) if line.startswith("FROM ")]
    final = lines[stages[-1]:]
    assert any(re.search(r"pip install \.(\s|$)", line) for line in lines), "pip install ."
    users = [line for line in final if line.startswith("USER ")]
    assert users and users[-1].split()[1].split(":")[0] == str(UID), "runs as uid 10001"
    assert any("KYODO_DATA_DIR=/data" in line for line in final if line.startswith(("ENV", "KYODO")))
    assert any(line.startswith("CMD ") for line in final)
    ignored = {line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()}
    assert {".git", ".venv", "var", "**/__pycache__"} <= ignored


# --------------------------------------------------------------------------- Kubernetes schemas

@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("path", [p for p in k8s_files() if p.name != "kustomization.yaml"],
                         ids=lambda p: p.name)
def test_kubernetes_manifest_is_valid_in_strict_mode(path, version):
    documents = k8s_documents(path)
    assert documents, f"{path.name} is empty"
    for document in documents:
        kubernetes_validate.validate(document, version, strict=True)


def test_strict_kubernetes_validation_rejects_a_broken_deployment():
    deployment = copy.deepcopy(resource("Deployment", "registry"))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}  # misspelt
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, K8S_VERSIONS[0], strict=True)
    deployment = copy.deepcopy(resource("Deployment", "registry"))
    deployment["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, K8S_VERSIONS[0], strict=True)


def test_kustomization_lists_every_manifest_but_the_placeholder_secret():
    kustomization = yaml.safe_load((K8S_DIR / "kustomization.yaml").read_text(encoding="utf-8"))
    assert kustomization["kind"] == "Kustomization"
    expected = {path.name for path in k8s_files()} - {"kustomization.yaml", "secret.example.yaml"}
    assert set(kustomization["resources"]) == expected
    assert len(kustomization["resources"]) == len(expected)
    assert kustomization["namespace"] == "kyodo"
    assert [image["name"] for image in kustomization["images"]] == ["kyodo"]


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl (for its built-in kustomize) not installed")
def test_kustomize_build_renders_valid_resources():
    result = subprocess.run(["kubectl", "kustomize", str(K8S_DIR)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    rendered = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    kinds = sorted(doc["kind"] for doc in rendered)
    assert kinds.count("Deployment") == len(COMPONENTS) and kinds.count("Job") == 1
    assert "Secret" not in kinds
    for document in rendered:
        kubernetes_validate.validate(document, K8S_VERSIONS[-1], strict=True)
        if document["kind"] != "Namespace":
            assert document["metadata"]["namespace"] == "kyodo"


# --------------------------------------------------------------------------- Kubernetes invariants

def assert_locked_down(pod_spec: dict, where: str) -> None:
    pod_security = pod_spec.get("securityContext", {})
    assert pod_spec.get("automountServiceAccountToken") is False, where
    for container in [*pod_spec.get("initContainers", []), *pod_spec["containers"]]:
        security = container.get("securityContext", {})
        merged = {**pod_security, **security}
        assert merged.get("runAsNonRoot") is True, where
        assert merged.get("runAsUser") == UID, where
        assert merged.get("seccompProfile") == {"type": "RuntimeDefault"}, where
        assert security.get("readOnlyRootFilesystem") is True, where
        assert security.get("allowPrivilegeEscalation") is False, where
        assert security.get("privileged", False) is False, where
        assert security.get("capabilities", {}).get("drop") == ["ALL"], where
        assert not security.get("capabilities", {}).get("add"), where
        mounts = {mount["mountPath"] for mount in container.get("volumeMounts", [])}
        assert "/tmp" in mounts, f"{where}: a read-only root needs a writable /tmp"
        volumes = {volume["name"] for volume in pod_spec.get("volumes", [])}
        assert {mount["name"] for mount in container.get("volumeMounts", [])} <= volumes, where


def assert_resources(container: dict, where: str) -> None:
    requests, limits = container["resources"]["requests"], container["resources"]["limits"]
    for key in ("cpu", "memory"):
        assert quantity(requests[key]) <= quantity(limits[key]), f"{where}: {key}"
    assert quantity(limits["memory"]) <= 2 * 2**30, f"{where}: sized for a small city"


def assert_secret_ref(env: dict, variable: str, where: str) -> str:
    assert variable in env, f"{where}: {variable} missing"
    reference = env[variable].get("valueFrom", {}).get("secretKeyRef")
    assert reference, f"{where}: {variable} must come from a Secret"
    assert "value" not in env[variable]
    assert reference["name"] == "kyodo-secrets"
    return reference["key"]


@pytest.mark.parametrize("component", COMPONENTS)
def test_every_deployment_is_probed_bounded_locked_down_and_configured(component):
    deployment = resource("Deployment", component)
    pod = deployment["spec"]["template"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    pod_spec = pod["spec"]
    assert len(pod_spec["containers"]) == 1
    container = pod_spec["containers"][0]
    port = DEFAULT_HTTP_PORTS[component]
    where = f"deployment/{component}"

    assert container["command"] == command_of(component)
    assert [p["containerPort"] for p in container["ports"]] == [port]
    port_name = container["ports"][0]["name"]
    for probe, path in (("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready")):
        check = container[probe]["httpGet"]
        assert check["path"] == path, f"{where}: {probe}"
        assert check["port"] in (port, port_name), f"{where}: {probe} port"
    assert_resources(container, where)
    assert_locked_down(pod_spec, where)

    env = env_by_name(container)
    assert env["KYODO_HTTP_ADDRESS"]["value"] == f"0.0.0.0:{port}"
    assert assert_secret_ref(env, "KYODO_AMQP_URI", where) == f"{component}-amqp-uri"
    assert assert_secret_ref(env, "KYODO_ACTOR_SIGNING_KEY", where) == "actor-signing-key"
    assert assert_secret_ref(env, "KYODO_CURSOR_KEY", where) == "cursor-key"
    assert_secret_ref(env, database_variable(component), where)
    others = {database_variable(other) for other in COMPONENTS if other != component}
    assert not others & set(env), f"{where}: sees another component's database"
    assert "KYODO_RELAY" not in env, "the relay setting comes from the ConfigMap"
    assert {"configMapRef": {"name": "kyodo-config"}} in container["envFrom"]


def test_replicas_and_the_sqlite_warning():
    for component in COMPONENTS:
        replicas = resource("Deployment", component)["spec"]["replicas"]
        assert replicas == (2 if component in ("gateway", "matching") else 1), component
        text = (K8S_DIR / f"{component}.yaml").read_text(encoding="utf-8")
        assert re.search(r"SQLite.*\n?.*replicas: 1", text), f"{component}.yaml: SQLite note"


@pytest.mark.parametrize("component", COMPONENTS)
def test_every_component_has_a_service_in_front_of_its_pods(component):
    service = resource("Service", component)
    pod = resource("Deployment", component)["spec"]["template"]
    assert service["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
    port_names = {p["name"] for p in pod["spec"]["containers"][0]["ports"]}
    ports = {p["containerPort"] for p in pod["spec"]["containers"][0]["ports"]}
    for service_port in service["spec"]["ports"]:
        assert service_port["targetPort"] in port_names | ports


def test_the_shared_config_turns_the_relay_on():
    config = resource("ConfigMap", "kyodo-config")["data"]
    assert config["KYODO_RELAY"] == "on"
    assert float(config["KYODO_RPC_TIMEOUT"]) > 0
    assert int(config["KYODO_MAX_WORKERS"]) > 0
    assert config["KYODO_DATA_DIR"] == "/data"
    assert not any(key.endswith(("_URL", "_URI")) for key in config), "URLs carry passwords: Secret"


def test_migrate_job_migrates_every_database_before_the_services():
    job = resource("Job", "kyodo-migrate")
    pod_spec = job["spec"]["template"]["spec"]
    container = pod_spec["containers"][0]
    assert container["command"] == ["python", "-m", "deploy.cli", "migrate"]
    assert pod_spec["restartPolicy"] in ("Never", "OnFailure")
    assert job["spec"]["backoffLimit"] >= 1
    env = env_by_name(container)
    assert_secret_ref(env, "KYODO_AMQP_URI", "job/kyodo-migrate")
    for component in COMPONENTS:
        assert_secret_ref(env, database_variable(component), "job/kyodo-migrate")
    assert_resources(container, "job/kyodo-migrate")
    assert_locked_down(pod_spec, "job/kyodo-migrate")


def test_only_a_placeholder_secret_ships_and_it_has_every_referenced_key():
    secrets = [(path.name, doc) for path in k8s_files() for doc in k8s_documents(path)
               if doc.get("kind") == "Secret"]
    assert [(name, doc["metadata"]["name"]) for name, doc in secrets] \
        == [("secret.example.yaml", "kyodo-secrets")], "no Secret outside the placeholder file"
    placeholder = secrets[0][1]
    assert "PLACEHOLDER" in (K8S_DIR / "secret.example.yaml").read_text(encoding="utf-8")
    values = placeholder["stringData"]
    assert all("REPLACE_ME" in value for value in values.values()), "placeholder values only"
    referenced = set()
    for document in all_k8s_resources():
        if document["kind"] in ("Deployment", "Job"):
            for container in document["spec"]["template"]["spec"]["containers"]:
                for entry in container.get("env", []):
                    reference = entry.get("valueFrom", {}).get("secretKeyRef")
                    if reference:
                        referenced.add(reference["key"])
    assert referenced == set(values)


def test_the_namespace_enforces_the_restricted_pod_security_standard():
    namespace = resource("Namespace", "kyodo")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    for document in all_k8s_resources():
        if document["kind"] != "Namespace":
            assert document["metadata"].get("namespace") == "kyodo", document["metadata"]["name"]


# --------------------------------------------------------------------------- overlays, budgets, KEDA

def kustomize(directory: Path) -> list[dict]:
    result = subprocess.run(["kubectl", "kustomize", str(directory)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def _strict(schema):
    """An OpenAPI v3 CRD schema as JSON Schema that refuses unknown fields where the CRD lists
    its fields (as `kubectl apply --validate=strict` does against a structural schema)."""
    if isinstance(schema, dict):
        schema = {key: _strict(value) for key, value in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema \
                and not schema.get("x-kubernetes-preserve-unknown-fields"):
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


@pytest.fixture(scope="module")
def keda_validators() -> dict:
    validators = {}
    for path in KEDA_CRDS.glob("keda.sh_*.yaml"):
        crd = yaml.safe_load(path.read_text(encoding="utf-8"))
        for version in crd["spec"]["versions"]:
            schema = _strict(version["schema"]["openAPIV3Schema"])
            schema["properties"]["metadata"] = {"type": "object"}
            key = (f"{crd['spec']['group']}/{version['name']}", crd["spec"]["names"]["kind"])
            validators[key] = jsonschema.Draft7Validator(schema)
    assert ("keda.sh/v1alpha1", "ScaledObject") in validators
    return validators


def validate_any(document: dict, keda_validators: dict) -> None:
    key = (document["apiVersion"], document["kind"])
    if key in keda_validators:
        keda_validators[key].validate(document)
    else:
        kubernetes_validate.validate(document, K8S_VERSIONS[-1], strict=True)


@pytest.mark.parametrize("overlay", sorted(p.name for p in OVERLAYS.iterdir()))
def test_every_overlay_builds_and_every_resource_it_renders_is_valid(overlay, keda_validators):
    rendered = kustomize(OVERLAYS / overlay)
    kinds = [doc["kind"] for doc in rendered]
    assert kinds.count("Deployment") == len(COMPONENTS) and "Secret" not in kinds
    for document in rendered:
        validate_any(document, keda_validators)
        if document["kind"] != "Namespace":
            assert document["metadata"]["namespace"] == "kyodo"


def test_the_keda_schema_refuses_a_broken_scaled_object(keda_validators):
    [scaled] = [doc for doc in kustomize(OVERLAYS / "production")
                if doc["kind"] == "ScaledObject" and doc["metadata"]["name"] == "matching"]
    validate_any(scaled, keda_validators)
    for breakage in (lambda so: so["spec"].pop("scaleTargetRef"),
                     lambda so: so["spec"].update(minReplicas=1),  # misspelt minReplicaCount
                     lambda so: so["spec"]["triggers"][0].pop("type"),
                     lambda so: so["spec"].update(maxReplicaCount="twenty")):
        broken = copy.deepcopy(scaled)
        breakage(broken)
        with pytest.raises(jsonschema.ValidationError):
            validate_any(broken, keda_validators)


def test_every_component_has_a_disruption_budget_that_lets_a_node_drain():
    budgets = {doc["metadata"]["name"]: doc for doc in kustomize(K8S_DIR)
               if doc["kind"] == "PodDisruptionBudget"}
    assert set(budgets) == set(COMPONENTS)
    for component, budget in budgets.items():
        assert budget["spec"]["selector"]["matchLabels"] == {"app": component}
        assert budget["spec"]["maxUnavailable"] == 1 and "minAvailable" not in budget["spec"]


def test_production_scales_each_service_on_its_own_rpc_and_events_queues():
    from deploy.platform import all_subscriptions
    consuming = {subscription.service: subscription.queue_name for subscription in all_subscriptions()}
    rendered = kustomize(OVERLAYS / "production")
    scaled = {doc["metadata"]["name"]: doc for doc in rendered if doc["kind"] == "ScaledObject"}
    deployments = {doc["metadata"]["name"] for doc in rendered if doc["kind"] == "Deployment"}
    assert set(scaled) == set(COMPONENTS)
    [auth] = [doc for doc in rendered if doc["kind"] == "TriggerAuthentication"]
    assert auth["spec"]["secretTargetRef"] == [
        {"parameter": "host", "name": "kyodo-secrets", "key": "migrate-amqp-uri"}]
    for component, scaled_object in scaled.items():
        spec = scaled_object["spec"]
        assert spec["scaleTargetRef"]["name"] == component and component in deployments
        assert 1 <= spec["minReplicaCount"] < spec["maxReplicaCount"]
        queues = {trigger["metadata"]["queueName"] for trigger in spec["triggers"]
                  if trigger["type"] == "rabbitmq"}
        for trigger in spec["triggers"]:
            if trigger["type"] == "rabbitmq":
                assert trigger["authenticationRef"]["name"] == auth["metadata"]["name"]
                assert trigger["metadata"]["mode"] == "QueueLength"
                assert int(trigger["metadata"]["value"]) > 0
        if component == "gateway":
            assert not queues and spec["triggers"][0]["type"] == "cpu"
        else:
            expected = {f"rpc-{component}"} | ({consuming[component]} if component in consuming else set())
            assert queues == expected, component


def test_the_single_node_overlay_runs_one_replica_of_everything():
    for document in kustomize(OVERLAYS / "single-node"):
        if document["kind"] == "Deployment":
            assert document["spec"]["replicas"] == 1, document["metadata"]["name"]
