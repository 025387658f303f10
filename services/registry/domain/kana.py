"""Readings (フリガナ) are stored as full-width katakana, whatever form people typed."""
import unicodedata

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}


def to_katakana_reading(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_HIRAGANA_TO_KATAKANA)
    return " ".join(folded.split())


def is_reading(text: str) -> bool:
    """Katakana, the long-vowel mark, middle dot and spaces only (after folding)."""
    return bool(text) and all(
        "\u30a0" <= ch <= "\u30ff" or ch == " " for ch in text)
