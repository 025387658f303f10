"""The municipality key: the 全国地方公共団体コード (local government code) of the city a deployment
serves, six digits whose last is a check digit (Iwakuni: 352080).

It goes on every envelope, outbox row and inbox row, so that one day several cities can share a
broker and a database, partitioned by it (docs/capacity.md). Nothing here assumes one city: the
code is read from the configured city profile (KYODO_CITY_PROFILE).
"""
import json
import re
from functools import cache, lru_cache

from services.common.city_profile_file import city_profile_path

_SIX_DIGITS = re.compile(r"^[0-9]{6}$")
_WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(first_five: str) -> int:
    """総務省's rule: weights 6..2 on the five digits, 11 minus the sum modulo 11, last digit."""
    total = sum(int(digit) * weight for digit, weight in zip(first_five, _WEIGHTS))
    return (11 - total % 11) % 10


def is_valid_municipality_code(code: object) -> bool:
    return isinstance(code, str) and _is_valid_code(code)


@lru_cache(maxsize=1024)
def _is_valid_code(code: str) -> bool:
    # Every consumed event's envelope names its city: worked out once per code, not per event
    # (1.8 µs a check here; a few percent of an event consumer's CPU under a backlog).
    return bool(_SIX_DIGITS.match(code)) and check_digit(code[:5]) == int(code[5])


@cache
def configured_municipality_code() -> str:
    """The configured city's code; a profile without a valid one stops the process clearly."""
    path = city_profile_path()
    code = json.loads(path.read_text(encoding="utf-8")).get("municipality_code")
    if not is_valid_municipality_code(code):
        raise ValueError(f"city profile {path}: municipality_code must be a six-digit "
                         f"全国地方公共団体コード with a valid check digit (e.g. 352080), got {code!r}")
    return code
