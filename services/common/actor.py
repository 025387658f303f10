"""Who is asking: the gateway authenticates, services decide what that actor may touch."""
from dataclasses import dataclass

ROLES = ("operator", "organisation", "partner", "citizen", "service")
# Who calls a public route without a key: not a role a key can have.
ANONYMOUS_ROLE = "anonymous"


@dataclass(frozen=True)
class Actor:
    role: str
    subject_id: str | None = None  # the organisation, partner or citizen the key belongs to
    key_id: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "Actor":
        return cls(role=data["role"], subject_id=data.get("subject_id"), key_id=data.get("key_id"))

    @property
    def is_operator(self) -> bool:
        return self.role == "operator"

    @property
    def recipient_id(self) -> str:
        """The inbox this actor reads: its subject, or the key itself when it has none."""
        return f"{self.role}:{self.subject_id or self.key_id}"

    @property
    def is_anonymous(self) -> bool:
        return self.role == ANONYMOUS_ROLE


ANONYMOUS = Actor(ANONYMOUS_ROLE)
