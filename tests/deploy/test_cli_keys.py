"""`./kyodo list-keys`, `revoke-key`, `purge-idempotency` and `create-account` against the
gateway's database."""
from datetime import datetime, timedelta, timezone

import pytest

from deploy.cli import main
from gateway.api_keys import KeyCache
from gateway.idempotency import IdempotencyStore, StoredResponse
from services.common.database import database_url, make_engine
from services.common.migrations import upgrade


@pytest.fixture
def gateway_db(tmp_path, monkeypatch):
    monkeypatch.setenv("KYODO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KYODO_GATEWAY_DATABASE_URL", raising=False)
    upgrade("gateway", database_url("gateway"))
    return make_engine(database_url("gateway"))


def test_create_list_and_revoke_a_key_from_the_command_line(gateway_db, capsys):
    assert main(["create-key", "citizen", "窓口で発行", "4b0e1f5e-3f7a-4d69-9a56-6f1b1a2f7e10"]) == 0
    key = capsys.readouterr().out.split("  (id ")[0]
    assert main(["list-keys"]) == 0
    listed = capsys.readouterr().out
    key_id = listed.split()[0]
    assert "窓口で発行" in listed and key not in listed
    assert main(["revoke-key", key_id]) == 0
    assert KeyCache(seconds=0).authenticate(gateway_db, key) is None
    capsys.readouterr()
    assert main(["list-keys"]) == 0 and capsys.readouterr().out == ""
    assert main(["list-keys", "--all"]) == 0 and "revoked_at=" in capsys.readouterr().out
    assert main(["revoke-key", "no-such-key"]) == 1


def test_purge_idempotency_deletes_records_older_than_a_day(gateway_db, capsys):
    old = IdempotencyStore(gateway_db, clock=lambda: datetime.now(timezone.utc) - timedelta(hours=25))
    old.begin("k", "old", "fp")
    old.finish("k", "old", StoredResponse(201, {}))
    IdempotencyStore(gateway_db).begin("k", "new", "fp")
    assert main(["purge-idempotency"]) == 0
    assert "purged 1 " in capsys.readouterr().out


def test_create_account_prints_the_first_password_once_and_it_logs_in(gateway_db, capsys):
    from gateway.console.accounts import LockoutPolicy, check_password

    assert main(["create-account", "Center@City.example.jp", "operator", "--totp"]) == 0
    out = capsys.readouterr().out
    password = out.split("(shown once): ")[1].split()[0]
    assert "otpauth://totp/Kyodo:" in out
    account = check_password(gateway_db, "center@city.example.jp", password,
                             datetime.now(timezone.utc), LockoutPolicy())
    assert account.role == "operator" and account.needs_second_factor
    assert main(["create-account", "center@city.example.jp", "operator"]) == 1  # taken
