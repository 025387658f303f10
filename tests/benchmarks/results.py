"""One line per figure a benchmark measured, for `./kyodo bench` to gather into
docs/performance.md: `KYODO-RESULT {json}` beside the human-readable output."""
import json
import os

PREFIX = "KYODO-RESULT "


def report(figure: str, value: float, unit: str, *, baseline: str = "", baseline_value: float | None = None,
           goal: str = "", met: bool | None = None) -> None:
    ratio = value / baseline_value if baseline_value else None
    print(PREFIX + json.dumps({
        "figure": figure, "value": round(value, 2), "unit": unit, "baseline": baseline,
        "baseline_value": None if baseline_value is None else round(baseline_value, 2),
        "ratio": None if ratio is None else round(ratio, 2), "goal": goal, "met": met,
        "load": round(os.getloadavg()[0], 2)}, ensure_ascii=False), flush=True)


def parse(line: str) -> dict | None:
    return json.loads(line[len(PREFIX):]) if line.startswith(PREFIX) else None
