"""An outgoing e-mail as a MIME message: plain text and HTML alternatives, UTF-8, with the
headers that let mail clients offer one-click unsubscribe (RFC 2369, RFC 8058)."""
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from services.notifications.app.ports import OutgoingEmail

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
_environment = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                           autoescape=select_autoescape(["html"]))


def compose(email: OutgoingEmail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(idstring=email.message_id.replace("-", ""),
                                       domain=sender.rsplit("@", 1)[-1].strip(">"))
    # The delivery's id, so a receiving system (and our tests) can tell a retry from a new one.
    message["X-Kyodo-Delivery"] = email.message_id
    if email.unsubscribe_url:
        message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    text = email.text
    if email.link:
        text += f"\n\n{email.link}"
    if email.unsubscribe_url:
        text += f"\n\n配信停止 / Unsubscribe: {email.unsubscribe_url}"
    message.set_content(text, charset="utf-8")
    message.add_alternative(_environment.get_template("email.html").render(
        subject=email.subject, paragraphs=[p for p in email.text.split("\n") if p.strip()],
        link=email.link, unsubscribe_url=email.unsubscribe_url), subtype="html", charset="utf-8")
    return message
