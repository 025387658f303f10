"""Codes notifications' requests and responses use (the domain reads them from here)."""
CHANNELS = ("email", "webhook", "line")
# Channels whose addresses people give and confirm with a code sent there.
ADDRESS_CHANNELS = ("email", "line")
IMMEDIATE, DAILY, WEEKLY, OFF = "immediate", "daily", "weekly", "off"
MODES = (IMMEDIATE, DAILY, WEEKLY, OFF)
# Digests are for people; a machine endpoint hears at once or not at all.
CHANNEL_MODES = {"email": MODES, "line": MODES, "webhook": (IMMEDIATE, OFF)}
LANGUAGES = ("ja", "en")
# E-mails about a person's own console account, sent to the address given with the request (not
# to a confirmed contact address): the gateway owns accounts, notifications owns the delivery.
ACCOUNT_EMAIL_TEMPLATES = ("password_reset",)
