"""Channels for use-case tests: they record what would be sent, or fail as told."""
from services.notifications.domain.delivery import SendFailed


class RecordingEmailChannel:
    def __init__(self):
        self.sent = []
        self.failure: SendFailed | None = None

    def send(self, email):
        if self.failure:
            raise self.failure
        self.sent.append(email)


class RecordingLineChannel:
    def __init__(self):
        self.pushed = []

    def push(self, message):
        self.pushed.append(message)


class RecordingWebhookChannel:
    def __init__(self):
        self.posted = []
        self.answers: list = []  # status codes or SendFailed, consumed in order; then 200

    def post(self, url, headers, body):
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, SendFailed):
            raise answer
        self.posted.append((url, headers, body))
        return answer
