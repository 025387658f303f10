"""Migration steps every service's first revision runs. Frozen: a later change is a new function."""
import sqlalchemy as sa


def create_messaging_tables_v1(op) -> None:
    seq = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "outbox",
        sa.Column("seq", seq, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(36), nullable=False, unique=True),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("envelope", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
    )
    op.create_index("ix_outbox_unsent", "outbox", ["seq"],
                    postgresql_where=sa.text("sent_at IS NULL"),
                    sqlite_where=sa.text("sent_at IS NULL"))
    op.create_table(
        "inbox",
        sa.Column("message_id", sa.String(36), primary_key=True),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "dead_letters",
        sa.Column("id", seq, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("headers", sa.JSON, nullable=False),
        sa.Column("dead_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replayed_at", sa.DateTime(timezone=True)),
    )


def create_audit_log_v1(op) -> None:
    """The audit log, append-only: the database itself refuses to change or remove a row."""
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
                  autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("key_id", sa.String(100)),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("subject_id", sa.String(100)),
        sa.Column("correlation_id", sa.String(100)),
        sa.Column("object_ids", sa.Text, nullable=False),
        sa.Column("personal_fields", sa.JSON, nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$")
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
                   "ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")


def drop_audit_log_v1(op) -> None:
    op.drop_table("audit_log")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_log_refuse_change()")


def add_trace_municipality_and_pruning_v1(op) -> None:
    """Release 12 on the messaging tables: the trace context an event was raised in (the relay
    sends it as the `traceparent` header), the municipality key on outbox and inbox rows, and
    the indexes the hourly pruning deletes by. Nullable: rows from before have neither."""
    op.add_column("outbox", sa.Column("traceparent", sa.String(55)))
    op.add_column("outbox", sa.Column("municipality_code", sa.String(6)))
    op.add_column("inbox", sa.Column("municipality_code", sa.String(6)))
    op.create_index("ix_outbox_sent_at", "outbox", ["sent_at"],
                    postgresql_where=sa.text("sent_at IS NOT NULL"),
                    sqlite_where=sa.text("sent_at IS NOT NULL"))
    op.create_index("ix_inbox_processed_at", "inbox", ["processed_at"])


def drop_trace_municipality_and_pruning_v1(op) -> None:
    op.drop_index("ix_inbox_processed_at", "inbox")
    op.drop_index("ix_outbox_sent_at", "outbox")
    with op.batch_alter_table("inbox") as inbox:
        inbox.drop_column("municipality_code")
    with op.batch_alter_table("outbox") as outbox:
        outbox.drop_column("municipality_code")
        outbox.drop_column("traceparent")
