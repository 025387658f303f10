"""The console's pure figures: chart geometry, the city's fiscal year and day, in-page paging."""
from datetime import date, datetime, timezone

import pytest

from gateway.console.charts import bar_chart, figure, nice_ceiling, progress_bar
from gateway.console.city_calendar import city_day_bounds, city_today, fiscal_year
from gateway.console.paging import contains, fold, in_page


def test_an_achievement_fills_its_share_of_the_scale_and_the_target_sits_at_100_percent():
    bar = progress_bar(75.0, width=300, scale=150)
    assert (bar.fill, bar.target_x, bar.beyond_scale) == (150.0, 200.0, False)
    assert progress_bar(100.0, width=300, scale=150).fill == bar.target_x


@pytest.mark.parametrize("achievement, fill, beyond", [
    (None, 0.0, False), (float("nan"), 0.0, False), (-20.0, 0.0, False), (0.0, 0.0, False),
    (150.0, 300.0, False), (412.5, 300.0, True)])
def test_missing_negative_and_huge_achievements_stay_inside_the_track(achievement, fill, beyond):
    bar = progress_bar(achievement, width=300, scale=150)
    assert (bar.fill, bar.beyond_scale) == (fill, beyond)


@pytest.mark.parametrize("value, ceiling", [(0, 1), (1, 1), (2, 2), (3, 5), (7, 10), (10, 10),
                                            (11, 20), (48, 50), (51, 100), (120, 200), (999, 1000)])
def test_the_bar_scale_is_a_round_number_at_or_above_the_largest_value(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_bars_are_stacked_and_proportional_to_the_scale():
    chart = bar_chart([("matching", 0), ("notifications", 3), ("reports", 5)], track=300,
                      bar_height=24, gap=12)
    assert chart.scale_max == 5
    assert [(bar.label, bar.y, bar.length) for bar in chart.bars] == [
        ("matching", 0.0, 0.0), ("notifications", 36.0, 180.0), ("reports", 72.0, 300.0)]
    assert chart.height == 3 * 24 + 2 * 12
    assert chart.width == chart.label_width + 300 + 60


def test_all_zero_or_no_bars_draw_nothing_and_divide_by_nothing():
    assert [bar.length for bar in bar_chart([("a", 0), ("b", 0)]).bars] == [0.0, 0.0]
    empty = bar_chart([])
    assert (empty.bars, empty.scale_max, empty.height) == ((), 1, empty.bar_height)


@pytest.mark.parametrize("day, year", [(date(2026, 4, 1), 2026), (date(2027, 3, 31), 2026),
                                       (date(2026, 3, 31), 2025), (date(2026, 12, 3), 2026)])
def test_the_fiscal_year_runs_april_to_march(day, year):
    assert fiscal_year(day) == year


def test_the_city_day_is_tokyo_time_whatever_the_servers_clock_says():
    # 2027-03-31 16:00 UTC is already 1 April in Tokyo: a new fiscal year there.
    late = datetime(2027, 3, 31, 16, 0, tzinfo=timezone.utc)
    assert city_today(late) == date(2027, 4, 1) and fiscal_year(city_today(late)) == 2027
    start, end = city_day_bounds(date(2026, 12, 3))
    assert start == datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)
    assert end == datetime(2026, 12, 3, 15, 0, tzinfo=timezone.utc)


def test_a_list_in_pages_clamps_odd_page_numbers():
    items = list(range(45))
    first = in_page(items, None, 20)
    assert (first.items, first.number, first.has_previous, first.has_next) == (items[:20], 1, False, True)
    last = in_page(items, "3", 20)
    assert (last.items, last.has_previous, last.has_next) == (items[40:], True, False)
    for asked in ("0", "-1", "x", "", "9"):
        assert in_page(items, asked, 20).number == (3 if asked == "9" else 1)
    assert in_page([], "2", 20) == in_page([], None, 20)
    assert in_page([], None, 20).items == [] and not in_page([], None, 20).has_next


@pytest.mark.parametrize("value, text", [(1_000_000.0, "1,000,000"), (2.5, "2.5"), (100.0, "100"),
                                         (0.125, "0.12"), (0.0, "0"), (None, "")])
def test_kpi_figures_read_as_numbers_not_exponents(value, text):
    assert figure(value) == text


def test_a_label_search_folds_width_case_and_kana():
    assert fold("ｺﾄﾞﾓ食堂 ＡＰＩ") == fold("こども食堂api") == "こども食堂api"
    assert contains("子ども食堂の連携 コドモ", "ｺﾄﾞﾓ") and contains("Kuga CRM", "ｃｒｍ")
    assert not contains("由宇の会", "玖珂") and contains("anything", "")
