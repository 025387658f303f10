"""Message texts from Jinja2 files: templates/messages/<language>/<event type>.j2, each with a
`title` and a `body` block. Autoescape is on and undefined names fail (StrictUndefined); a
language without its own file falls back to Japanese.

Rendered text is HTML-safe; `render` hands back plain text (the inbox, the text part of an
e-mail), and the HTML e-mail escapes it again when it shows it.
"""
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound
from markupsafe import Markup

MESSAGES = Path(__file__).resolve().parents[1] / "templates" / "messages"
FALLBACK = "ja"

_environment = Environment(loader=FileSystemLoader(MESSAGES), autoescape=True,
                           undefined=StrictUndefined)


class JinjaMessageTemplates:
    def render(self, event_type: str, language: str, facts: dict) -> tuple[str, str]:
        """(title, body) of `event_type` in `language`, or in Japanese if it has no file."""
        try:
            template = _environment.get_template(f"{language}/{event_type}.j2")
        except TemplateNotFound:
            template = _environment.get_template(f"{FALLBACK}/{event_type}.j2")
        context = template.new_context(facts)
        return tuple(Markup("".join(template.blocks[name](context)).strip()).unescape()
                     for name in ("title", "body"))

    def event_types(self, language: str = FALLBACK) -> list[str]:
        return sorted(path.stem for path in (MESSAGES / language).glob("*.j2"))


TEMPLATES = JinjaMessageTemplates()
