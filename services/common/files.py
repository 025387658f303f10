"""A file a service answers with (a PDF, a spreadsheet, a feed), in a shape RPC can carry.

RPC replies are JSON, so the bytes travel base64-encoded; the gateway turns this back into an
HTTP body with the content type and, for downloads, an RFC 6266 Content-Disposition.
"""
import base64


def file_reply(content: bytes, content_type: str, filename: str | None = None) -> dict:
    """`filename` makes it a download (attachment); without one it is shown inline (a feed)."""
    return {"content_type": content_type, "filename": filename,
            "content_base64": base64.b64encode(content).decode("ascii")}


def file_content(reply: dict) -> bytes:
    return base64.b64decode(reply["content_base64"])
