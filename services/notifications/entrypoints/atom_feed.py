"""The public feed as Atom (RFC 4287): announcements marked public and newly posted needs."""
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from services.notifications.app.announcements import Feed

ATOM = "http://www.w3.org/2005/Atom"
FEED_ID = "urn:kyodo:notifications:public-feed"


def atom(feed: Feed, public_url: str, place_names: dict[str, str]) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "ja"})
    _text(root, "id", FEED_ID)
    _text(root, "title", "お知らせと募集 / Announcements and needs")
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self",
                  href=f"{public_url}/api/v1/feeds/public.atom")
    entries = ([(a.published_at, _announcement(a, public_url)) for a in feed.announcements]
               + [(n.posted_at, _need(n, public_url, place_names)) for n in feed.needs])
    entries.sort(key=lambda pair: pair[0], reverse=True)
    updated = entries[0][0] if entries else datetime(2024, 4, 1, tzinfo=timezone.utc)
    _text(root, "updated", updated.isoformat())
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", "市民活動支援センター / Citizen Activity Support Center")
    for _, build in entries:
        build(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _announcement(a, public_url):
    def build(root):
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:uuid:{a.id}")
        _text(entry, "title", ("【重要】" if a.critical else "") + a.title)
        _text(entry, "updated", a.published_at.isoformat())
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{public_url}/api/v1/announcements/{a.id}")
        ET.SubElement(entry, f"{{{ATOM}}}category", term="announcement", label="お知らせ")
        _text(entry, "content", a.body, type="text")
    return build


def _need(n, public_url, place_names):
    def build(root):
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:uuid:{n.need_id}")
        _text(entry, "title", f"募集: {n.title}")
        _text(entry, "updated", n.posted_at.isoformat())
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{public_url}/api/v1/needs/{n.need_id}")
        ET.SubElement(entry, f"{{{ATOM}}}category", term="need", label="募集")
        _text(entry, "summary", f"{place_names.get(n.region, n.region)}で{n.slots}名を募集しています。")
    return build


def _text(parent, tag, text, **attributes):
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element
