"""The codes clients may send, answered by the gateway itself (gateway/vocabularies.py)."""
from gateway.routes.route import EVERYONE, Route
from gateway.vocabularies import VocabulariesSchema

ROUTES = (
    Route("listVocabularies", "GET", "/api/v1/vocabularies",
          "使えるコードと名称 / The codes clients may send, with Japanese and English labels",
          "vocabularies", EVERYONE, None, response=VocabulariesSchema, public=True),
)
