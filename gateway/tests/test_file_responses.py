"""Files a service answers with become HTTP bodies with the right headers (RFC 6266)."""
from urllib.parse import unquote

from werkzeug.http import parse_options_header

from gateway.dispatch import content_disposition, file_response
from services.common.files import file_content, file_reply


def test_a_file_reply_round_trips_its_bytes():
    content = "𠮷野家,ｶﾀｶﾅ\r\n".encode("utf-8-sig")
    assert file_content(file_reply(content, "text/csv")) == content


def test_a_download_keeps_its_japanese_name_with_an_ascii_fallback():
    header = content_disposition("協働レポート 2024年度.pdf")
    # werkzeug reads the header the way browsers do: the RFC 8187 form wins over the fallback
    assert parse_options_header(header) == ("attachment", {"filename": "協働レポート 2024年度.pdf"})
    fallback = header.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback == "______ 2024__.pdf"
    assert unquote(header.split("filename*=UTF-8''", 1)[1]) == "協働レポート 2024年度.pdf"


def test_a_quote_in_a_name_cannot_break_the_header():
    assert 'filename="a_b.csv"' in content_disposition('a"b.csv')


def test_the_response_carries_type_and_disposition_only_for_downloads():
    download = file_response(200, file_reply(b"%PDF-1.7", "application/pdf", "報告.pdf"))
    assert download.content_type == "application/pdf"
    assert download.get_data() == b"%PDF-1.7"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    feed = file_response(200, file_reply(b"<feed/>", "application/atom+xml; charset=utf-8"))
    assert "Content-Disposition" not in feed.headers
    assert feed.content_type == "application/atom+xml; charset=utf-8"
