"""Pruning settings come from the environment; a value that makes no sense stops the process
with the variable's name and the range it takes."""
import pytest

from services.common.message_pruning import PruningSettings


def test_defaults_are_a_week_for_sent_outbox_rows_thirty_days_for_the_inbox_batches_of_1000_hourly():
    assert PruningSettings.from_environment({}) == PruningSettings(7, 30, 1000, 3600)


def test_whole_numbers_in_range_are_taken():
    settings = PruningSettings.from_environment({
        "KYODO_PRUNE_SENT_OUTBOX_DAYS": "3", "KYODO_PRUNE_INBOX_DAYS": " 45 ",
        "KYODO_PRUNE_BATCH_SIZE": "500", "KYODO_PRUNE_INTERVAL_SECONDS": "600"})
    assert settings == PruningSettings(3, 45, 500, 600)


@pytest.mark.parametrize("name, value", [
    ("KYODO_PRUNE_SENT_OUTBOX_DAYS", "0"), ("KYODO_PRUNE_SENT_OUTBOX_DAYS", "seven"),
    ("KYODO_PRUNE_INBOX_DAYS", "-1"), ("KYODO_PRUNE_INBOX_DAYS", "2.5"),
    ("KYODO_PRUNE_BATCH_SIZE", "0"), ("KYODO_PRUNE_BATCH_SIZE", "1e3"),
    ("KYODO_PRUNE_INTERVAL_SECONDS", "0")])
def test_a_bad_value_is_refused_naming_the_variable(name, value):
    with pytest.raises(ValueError, match=name):
        PruningSettings.from_environment({name: value})
