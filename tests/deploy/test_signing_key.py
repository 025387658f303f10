"""`./kyodo up` generates the actor signing key once into its data folder; a key from the
environment (compose, Kubernetes secrets) wins."""
import stat

from deploy import platform


def test_the_key_is_generated_once_private_and_given_to_every_process(tmp_path, monkeypatch):
    monkeypatch.delenv("KYODO_ACTOR_SIGNING_KEY")
    monkeypatch.setenv("KYODO_DATA_DIR", str(tmp_path / "var"))
    specs = platform.process_specs(platform.Ports())
    key_file = tmp_path / "var" / platform.SIGNING_KEY_FILE
    key = key_file.read_text()
    assert len(key) >= 32 and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert {spec.env["KYODO_ACTOR_SIGNING_KEY"] for spec in specs} == {key}
    assert platform.actor_signing_keys() == key  # a restart keeps it


def test_a_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("KYODO_ACTOR_SIGNING_KEY", "n" * 32 + "," + "o" * 32)
    monkeypatch.setenv("KYODO_DATA_DIR", str(tmp_path))
    assert platform.actor_signing_keys() == "n" * 32 + "," + "o" * 32
    assert not (tmp_path / platform.SIGNING_KEY_FILE).exists()
