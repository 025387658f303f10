"""Japanese search text: fold what people type into one form, cut it into grams, rank hits.

Both sides of a search go through `normalise_for_search`: the stored name, reading and
description, and every query term. Matching is then plain substring containment on the folded
text, which any database can do; `search_bigrams`/`index_grams` back a portable n-gram index
that narrows the candidates first (Debian's SQLite FTS5 trigram finds nothing for 2-character
words such as 防災, and pg_trgm ignores short CJK strings), and `rank_key` orders the hits.

Pure standard library; imports no framework.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from enum import IntEnum
from typing import NamedTuple

# Stored fields are joined with this before indexing; normalised text never contains whitespace,
# so no query can match across it and no gram spans two fields.
FIELD_SEPARATOR = "\n"

# Whole-word spelling variants that officials and residents write interchangeably, in everyday
# orthography here; applied in order, after the per-character fold (see _FOLDED_WORD_VARIANTS).
_WORD_VARIANTS: tuple[tuple[str, str], ...] = (
    ("特定非営利活動法人", "npo法人"),  # the statute's name for what everyone calls NPO法人
    ("子供", "こども"),
    ("子ども", "こども"),
    ("障害", "障がい"),  # city documents write 障がい; residents still type 障害
    ("障碍", "障がい"),
    ("作り", "づくり"),  # 地域作り / 地域づくり, 手作り / 手づくり
    ("町づくり", "まちづくり"),
    ("街づくり", "まちづくり"),
)

# Old or variant forms of kanji common in place, shop and family-business names; IMEs give the
# modern form, so a search for 山崎 must find 山﨑. NFKC does not fold these.
_KANJI_VARIANTS = str.maketrans(
    {
        "髙": "高",
        "﨑": "崎",
        "嵜": "崎",
        "濱": "浜",
        "濵": "浜",
        "邊": "辺",
        "邉": "辺",
        "齋": "斎",
        "齊": "斉",
        "櫻": "桜",
        "國": "国",
        "澤": "沢",
        "廣": "広",
        "德": "徳",
        "瀨": "瀬",
        "嶋": "島",
        "冨": "富",
        "舘": "館",
    }
)

# ヶ in 千鳥ヶ丘, 関ヶ原, 3ヶ月 is also written ケ, ヵ, カ, が or か. The small forms only ever
# mean this, so they always fold; the ordinary kana only between kanji (or a digit and a kanji).
_SMALL_KE = frozenset("ヶヵゖゕ")
_KE_LOOKALIKES = frozenset("ケカけか")
_KE_CANONICAL = "が"

# Characters typed in place of the long-vowel mark ー: ASCII and full-width hyphen-minus, the
# Unicode hyphens and dashes, the minus sign. After kana they are ー; elsewhere punctuation.
_LONG_VOWEL = "ー"
_LONG_VOWEL_LOOKALIKES = frozenset("ー-‐‑‒–—―−﹣⁃")

# ぢ/づ are typed as じ/ず (今津 いまづ is searched as いまず). Small kana are deliberately NOT
# folded to large ones: that would make ゆう (由宇) match しゅう (周東) and りゅう (交流).
_KANA_FOLDS = str.maketrans("ぢづ", "じず")

_KATAKANA_TO_HIRAGANA_OFFSET = 0x60
_VOICED_MARK = "\u3099"
_SEMI_VOICED_MARK = "\u309a"
_KEPT_SYMBOLS = frozenset("〆")  # a letter in 〆切, not decoration
_ITERATION_MARKS = frozenset("ゝゞヽヾ")
_TERM_SEPARATING_DOTS = "・·•‧∙"  # after NFKC; ･ is already ・

# Legal forms that prefix or suffix a registered name but that people leave out when they type
# it; ranking compares the name with and without them. Normalised spelling (特定非営利活動法人
# is already npo法人).
_LEGAL_FORMS: tuple[str, ...] = (
    "npo法人",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "社会福祉法人",
    "株式会社",
    "有限会社",
    "合同会社",
)


def normalise_for_search(text: str) -> str:
    """Fold text into the one form that stored text and queries are compared in.

    NFKC (ＡＢＣ→abc, ｶﾀｶﾅ→カタカナ), lower case, katakana→hiragana, ぢ/づ→じ/ず,
    ヶ variants→が, ゝ/ゞ spelled out, hyphen look-alikes after kana→ー, old kanji forms→modern,
    common spelling variants (子供/子ども→こども, 障害→障がい, 町づくり→まちづくり,
    特定非営利活動法人→npo法人); whitespace, punctuation, middle dots and symbols removed.
    Stable: normalising normalised text changes nothing, and spaces between words never matter.
    Latin is not transliterated: iwakuni does not find 岩国.
    """
    # A free-standing ゛/゜ becomes a space and a combining mark under NFKC; make it the
    # combining mark first so NFKC composes ホ゛ into ボ.
    text = text.replace("\u309b", _VOICED_MARK).replace("\u309c", _SEMI_VOICED_MARK)
    # NFKC again after casefold: a few case foldings leave text that is not NFKC.
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = _fold_characters(text.translate(_KANJI_VARIANTS))
    for variant, canonical in _FOLDED_WORD_VARIANTS:
        text = text.replace(variant, canonical)
    return text


def search_terms(query: str) -> list[str]:
    """Split a query into normalised terms; every term must match for a hit.

    Splits on whitespace (全角スペース included) and on middle dots, which people type between
    words (防災・防犯 is 防災 and 防犯). Empty terms are dropped and repeats removed, in order.
    """
    spaced = unicodedata.normalize("NFKC", query)
    for dot in _TERM_SEPARATING_DOTS:
        spaced = spaced.replace(dot, " ")
    terms: list[str] = []
    for raw in spaced.split():
        term = normalise_for_search(raw)
        if term and term not in terms:
            terms.append(term)
    return terms


def search_bigrams(normalised: str) -> set[str]:
    """Character bigrams of normalised text; a one-character string gives itself.

    A query term's bigrams must all be among a document's grams for the term to be a substring
    of it; the index only narrows candidates, so confirm with a substring test on the stored
    normalised text. Bigrams never span `FIELD_SEPARATOR` (or any whitespace).
    """
    grams: set[str] = set()
    for part in normalised.split():
        if len(part) == 1:
            grams.add(part)
        grams.update(part[i : i + 2] for i in range(len(part) - 1))
    return grams


def index_grams(*normalised_fields: str) -> set[str]:
    """The grams to store for a document: each field's bigrams and its last character.

    With the last character stored as well, every character of a field starts at least one
    gram, so a one-character term `c` is found with a range scan on a plain btree index over
    a column that sorts by code point (SQLite's default BINARY; PostgreSQL `COLLATE "C"`):
    `gram >= c AND gram < chr(ord(c) + 1)`.
    """
    grams: set[str] = set()
    for field in normalised_fields:
        for part in field.split():
            grams |= search_bigrams(part)
            grams.add(part[-1])
    return grams


def positioned_grams(*normalised_forms: str) -> set[tuple[str, int]]:
    """(gram, position) for every position of every form: the bigram starting there, or the last
    character alone. A term of two or more characters at position p of a form is found among
    the rows (term[:2], p), so an index ordered by position yields hits in `rank_key`'s order
    of position. Forms of one field share positions (the name, its core and its reading)."""
    grams: set[tuple[str, int]] = set()
    for form in normalised_forms:
        grams.update((form[p : p + 2], p) for p in range(len(form)))
    return grams


class MatchTier(IntEnum):
    """How well a query matched; lower sorts first."""

    EXACT = 0  # the whole name (with or without its legal form) or the whole reading
    PREFIX = 1  # the name or reading starts with the query
    SUBSTRING = 2  # inside the name or reading
    DESCRIPTION = 3  # only in the description
    NONE = 4


class RankKey(NamedTuple):
    """Sortable, best first: tier; then fewer terms found only in the description; then an
    earlier match; then a shorter name (the closer fit). Add the name or id for a total order."""

    tier: MatchTier
    terms_only_in_description: int
    position: int
    name_length: int


def rank_key(
    query_norm: str | Sequence[str],
    name_norm: str,
    kana_norm: str,
    description_norm: str,
) -> RankKey:
    """Rank one hit. `query_norm` is a normalised query or its `search_terms`.

    With several terms, the whole query typed without spaces is tried first (子ども 食堂 is the
    name 子ども食堂); otherwise a hit ranks by its weakest term, so a term found nowhere gives
    NONE.
    """
    terms = [query_norm] if isinstance(query_norm, str) else list(query_norm)
    terms = [term for term in terms if term]
    titles = _title_forms(name_norm, kana_norm)
    if not terms:
        return RankKey(MatchTier.NONE, 0, 0, len(name_norm))
    whole_tier, whole_position = _term_match("".join(terms), titles, description_norm)
    per_term = [_term_match(term, titles, description_norm) for term in terms]
    weakest_tier = max(tier for tier, _ in per_term)
    if whole_tier <= weakest_tier:
        outside = 1 if whole_tier == MatchTier.DESCRIPTION else 0
        return RankKey(whole_tier, outside, whole_position, len(name_norm))
    outside = sum(1 for tier, _ in per_term if tier == MatchTier.DESCRIPTION)
    title_positions = [position for tier, position in per_term if tier < MatchTier.DESCRIPTION]
    position = min(title_positions) if title_positions else per_term[0][1]
    return RankKey(weakest_tier, outside, position, len(name_norm))


def _term_match(term: str, titles: tuple[str, ...], description: str) -> tuple[MatchTier, int]:
    if term in titles:
        return MatchTier.EXACT, 0
    if any(title.startswith(term) for title in titles):
        return MatchTier.PREFIX, 0
    positions = [title.find(term) for title in titles if term in title]
    if positions:
        return MatchTier.SUBSTRING, min(positions)
    if term in description:
        return MatchTier.DESCRIPTION, description.find(term)
    return MatchTier.NONE, 0


def name_without_legal_form(name_norm: str) -> str:
    """The normalised name without a leading or trailing legal form (npo法人, 株式会社 …): the
    third title form `rank_key` matches against, stored by repositories that rank in SQL."""
    return _without_legal_form(name_norm)


def _title_forms(name_norm: str, kana_norm: str) -> tuple[str, ...]:
    forms = [name_norm, _without_legal_form(name_norm), kana_norm]
    return tuple(dict.fromkeys(form for form in forms if form))


def _without_legal_form(name_norm: str) -> str:
    for form in _LEGAL_FORMS:
        if name_norm.startswith(form):
            return name_norm[len(form) :]
        if name_norm.endswith(form):
            return name_norm[: -len(form)]
    return name_norm


def _fold_characters(text: str) -> str:
    letters = _letters(text)
    out: list[str] = []
    for index, char in enumerate(letters):
        previous = out[-1] if out else ""
        following = letters[index + 1] if index + 1 < len(letters) else ""
        if char in _SMALL_KE or (
            char in _KE_LOOKALIKES and _is_kanji_or_digit(previous) and _is_kanji(following)
        ):
            char = _KE_CANONICAL
        elif char in _ITERATION_MARKS:
            char = _repeat_kana(previous, voiced=char in "ゞヾ")
        out.append(_to_hiragana(char).translate(_KANA_FOLDS))
    return "".join(out)


def _letters(text: str) -> list[str]:
    """The characters that carry meaning, with dash look-alikes settled as ー or dropped.

    Spaces, punctuation and symbols go first, so everything after behaves as if they were never
    typed (千鳥 ケ丘 folds like 千鳥ケ丘). A dash is the long-vowel mark only right after kana;
    after a space or punctuation, or after anything else, it separates words or numbers. Whether
    a character is kana never changes in the fold, so this can be settled before it.
    """
    letters: list[str] = []
    after_break = False
    for char in text:
        category = unicodedata.category(char)
        previous = letters[-1] if letters else ""
        if char in _LONG_VOWEL_LOOKALIKES:
            if not after_break and _is_kana(previous):
                letters.append(_LONG_VOWEL)
            else:
                after_break = True  # a dash between words or numbers
            continue
        if char.isspace() or category in ("Cc", "Cf") or (
            category[0] in "PS" and char not in _KEPT_SYMBOLS
        ):
            after_break = True
            continue
        after_break = False
        if char in (_VOICED_MARK, _SEMI_VOICED_MARK):
            continue  # a mark NFKC could not compose onto its base
        if char in _ITERATION_MARKS and (not _is_kana(previous) or previous == _LONG_VOWEL):
            continue  # nothing to repeat
        letters.append(char)
    return letters


def _to_hiragana(char: str) -> str:
    code = ord(char)
    if 0x30A1 <= code <= 0x30F6 or code in (0x30FD, 0x30FE):  # ァ–ヶ, ヽ, ヾ
        return chr(code - _KATAKANA_TO_HIRAGANA_OFFSET)
    return char


def _repeat_kana(previous: str, *, voiced: bool) -> str:
    """ゝ repeats the kana before it unvoiced, ゞ voiced: いすゞ is いすず."""
    base = unicodedata.normalize("NFD", previous)[0]
    voiced_form = unicodedata.normalize("NFC", base + _VOICED_MARK)
    return voiced_form if voiced and len(voiced_form) == 1 else base


def _is_kana(char: str) -> bool:
    if not char:
        return False
    code = ord(char)
    return 0x3041 <= code <= 0x309F or 0x30A0 <= code <= 0x30FF


def _is_kanji(char: str) -> bool:
    if not char:
        return False
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or char in "々〆"
    )


def _is_kanji_or_digit(char: str) -> bool:
    return _is_kanji(char) or (len(char) == 1 and char.isdigit())


# The variants in folded form, so that 子ドモ (→ 子ども) and 町ヅクリ (→ 町ずくり) are caught too.
_FOLDED_WORD_VARIANTS: tuple[tuple[str, str], ...] = tuple(
    (_fold_characters(variant), _fold_characters(canonical)) for variant, canonical in _WORD_VARIANTS
)
