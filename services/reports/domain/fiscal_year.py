"""Japanese fiscal years: April to March, named by the western year they start in and by the
Reiwa era (令和元年 = 2019, so FY2024 is 令和6年度)."""
from datetime import date

from services.reports.contract.vocabulary import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR  # noqa: F401

REIWA_OFFSET = 2018


def fiscal_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(fiscal_year: int) -> tuple[date, date]:
    return date(fiscal_year, 4, 1), date(fiscal_year + 1, 3, 31)


def reiwa_label(fiscal_year: int) -> str:
    reiwa = fiscal_year - REIWA_OFFSET
    return f"令和{'元' if reiwa == 1 else reiwa}年度"


def fiscal_year_label(fiscal_year: int) -> str:
    """「令和6年度（2024年度）」: both names, as a city office writes them."""
    return f"{reiwa_label(fiscal_year)}（{fiscal_year}年度）"
