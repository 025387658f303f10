"""Figures of the survey, announcement and circular screens that are not chart geometry: a
question's rows in the order people saw them, and a part's share of a whole."""


def question_rows(result: dict) -> list[tuple[str, int, float | None]]:
    """A survey question's counts in the order people saw them: choices as defined, scale
    points 1–5; number and free-text questions have no bars."""
    counts, percentages = result.get("counts") or {}, result.get("percentages") or {}
    question = result.get("question") or {}
    if question.get("kind") in ("single", "multiple"):
        order = list(question.get("options") or []) + [
            key for key in counts if key not in (question.get("options") or [])]
    elif question.get("kind") == "scale":
        order = sorted(counts, key=lambda key: int(key) if key.isdigit() else 0)
    else:
        return []
    return [(key, int(counts.get(key, 0)), percentages.get(key)) for key in order]


def share(part: int, whole: int) -> float | None:
    """part of whole in percent, one decimal; None when there is no whole."""
    return round(part / whole * 100, 1) if whole else None
