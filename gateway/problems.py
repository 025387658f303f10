"""RFC 9457 problem+json answers, Japanese first. One map from error to status."""
import json
from http import HTTPStatus

from werkzeug.wrappers import Response

from services.common.errors import Conflict, Forbidden, NotFound, Unavailable, ValidationFailed

PROBLEM_TYPE = "application/problem+json"

STATUS_OF = ((ValidationFailed, 422), (NotFound, 404), (Conflict, 409), (Forbidden, 403),
             (Unavailable, 503))

TITLES = {
    400: "リクエストの形式が正しくありません / Bad request",
    401: "認証が必要です / Authentication required",
    403: "この操作は許可されていません / Forbidden",
    404: "見つかりません / Not found",
    405: "このメソッドは使えません / Method not allowed",
    409: "競合しています / Conflict",
    413: "リクエストが大きすぎます / Request body too large",
    414: "URI が長すぎます / URI too long",
    415: "JSON で送ってください / Unsupported media type",
    422: "入力内容に誤りがあります / The request has invalid fields",
    429: "リクエストが多すぎます / Too many requests",
    431: "ヘッダーが大きすぎます / Request header fields too large",
    500: "内部エラーが発生しました / Internal error",
    503: "サービスが利用できません / Service unavailable",
    504: "サービスが時間内に応答しませんでした / Service timed out",
}


def problem_body(status: int, detail: str | None = None, *, errors: dict | None = None,
                 correlation_id: str | None = None) -> dict:
    body = {"type": "about:blank", "title": TITLES.get(status, str(status)), "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    if correlation_id:
        body["correlation_id"] = correlation_id
    return body


def problem(status: int, detail: str | None = None, *, errors: dict | None = None,
            correlation_id: str | None = None, headers: dict | None = None) -> Response:
    body = problem_body(status, detail, errors=errors, correlation_id=correlation_id)
    response = Response(json.dumps(body, ensure_ascii=False), status=status,
                        content_type=PROBLEM_TYPE + "; charset=utf-8", headers=headers)
    if correlation_id:
        response.headers["X-Correlation-Id"] = correlation_id
    return response


def status_for(error: Exception) -> int | None:
    for error_type, status in STATUS_OF:
        if isinstance(error, error_type):
            return status
    return None


def raw_problem(status: int, detail: str | None = None) -> bytes:
    """A whole HTTP/1.1 answer, for the server to write before any application sees the
    request (a request line or headers too long to parse); the connection then closes."""
    body = json.dumps(problem_body(status, detail), ensure_ascii=False).encode()
    head = (f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\nContent-Type: {PROBLEM_TYPE}; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    return head.encode("ascii") + body
