"""The console's pure figures: chart geometry, the city's fiscal year and day, in-page paging."""
from datetime import date, datetime, timezone

import pytest

from gateway.console.charts import (AXIS_HEIGHT, BAR_HEIGHT, GAP, LABEL_WIDTH, VALUE_WIDTH,
                                    bar_chart, figure, nice_maximum, progress_bar, shortened,
                                    ticks_for)
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


@pytest.mark.parametrize("largest, maximum", [(0, 1), (1, 1), (2, 2), (3, 5), (5, 5), (6, 10),
                                              (7, 10), (10, 10), (11, 20), (21, 50), (48, 50),
                                              (51, 100), (101, 200), (120, 200), (999, 1000),
                                              (2.5, 5)])
def test_the_axis_ends_on_a_round_number_at_or_above_the_largest_value(largest, maximum):
    assert nice_maximum(largest) == maximum


@pytest.mark.parametrize("maximum, ticks", [(1, (0, 1)), (2, (0, 1, 2)), (5, (0, 1, 2, 3, 4, 5)),
                                            (10, (0, 2, 4, 6, 8, 10)), (20, (0, 5, 10, 15, 20)),
                                            (200, (0, 50, 100, 150, 200))])
def test_ticks_are_whole_round_numbers_from_zero_to_the_maximum(maximum, ticks):
    assert ticks_for(maximum) == ticks


def test_bars_are_in_proportion_to_their_counts_against_the_axis_maximum():
    chart = bar_chart([("はい", 3, 75.0), ("いいえ", 1, 25.0), ("未定", 0, 0.0)], width=640)
    plot_width = 640 - LABEL_WIDTH - VALUE_WIDTH
    assert chart.plot_width == plot_width and chart.maximum == 5
    assert [bar.width for bar in chart.bars] == [round(plot_width * 3 / 5, 1),
                                                 round(plot_width / 5, 1), 0]
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3, 4, 5]
    assert chart.ticks[-1].x == LABEL_WIDTH + plot_width
    ys = [bar.y for bar in chart.bars]
    assert ys == sorted(ys) and len(set(ys)) == 3  # one row each, top to bottom
    assert chart.height > chart.axis_y > ys[-1]


def test_bars_are_stacked_one_bar_height_and_gap_apart_and_counts_alone_have_no_percentage():
    chart = bar_chart([("matching", 0), ("notifications", 3), ("reports", 5)])
    assert chart.maximum == 5
    assert [(bar.label, bar.value, bar.percentage) for bar in chart.bars] == [
        ("matching", 0, None), ("notifications", 3, None), ("reports", 5, None)]
    row = BAR_HEIGHT + GAP
    assert [bar.y for bar in chart.bars] == [GAP, GAP + row, GAP + 2 * row]
    assert [bar.width for bar in chart.bars] == [0, round(chart.plot_width * 3 / 5, 1),
                                                 chart.plot_width]
    assert chart.axis_y == GAP + 3 * (BAR_HEIGHT + GAP)
    assert chart.width == LABEL_WIDTH + chart.plot_width + VALUE_WIDTH


def test_all_zero_or_no_bars_draw_nothing_on_a_unit_axis_and_divide_by_nothing():
    chart = bar_chart([("1", 0, 0.0), ("2", 0, 0.0)])
    assert [bar.width for bar in chart.bars] == [0, 0]
    assert [tick.value for tick in chart.ticks] == [0, 1]
    empty = bar_chart([])
    assert empty.empty and (empty.bars, empty.maximum) == ((), 1)
    assert empty.height == GAP + AXIS_HEIGHT  # just the axis: never a zero-height drawing


def test_a_negative_count_draws_no_bar():
    chart = bar_chart([("a", -3), ("b", 2)])
    assert [bar.width for bar in chart.bars] == [0, chart.plot_width]


def test_long_labels_are_shortened_in_the_picture_and_kept_whole_for_the_table():
    label = "地域の防災訓練への社員の参加と物資の提供"
    [bar] = bar_chart([(label, 2, 100.0)]).bars
    assert bar.full_label == label and bar.label == shortened(label)
    assert len(bar.label) == 12 and bar.label.endswith("…")
    assert shortened("はい") == "はい"
    assert shortened("notifications") == "notifications"  # latin letters are half as wide
    assert shortened("ａ" * 13) == "ａ" * 11 + "…"  # full-width letters count as wide
    assert shortened("x" * 30) == "x" * 22 + "…"


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
