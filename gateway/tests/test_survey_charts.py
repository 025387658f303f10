"""The console's bar chart geometry: round axis maxima and ticks, bars in proportion, the order
people saw the choices in, and labels shortened in the picture only."""
import pytest

from gateway.console.survey_charts import (LABEL_WIDTH, VALUE_WIDTH, bar_chart, nice_maximum,
                                           question_rows, share, shortened, ticks_for)


@pytest.mark.parametrize("largest, maximum", [(0, 1), (1, 1), (2, 2), (3, 5), (5, 5), (6, 10),
                                              (11, 20), (21, 50), (51, 100), (101, 200),
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
    assert chart.plot_width == plot_width
    assert [bar.width for bar in chart.bars] == [round(plot_width * 3 / 5, 1),
                                                 round(plot_width / 5, 1), 0]
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3, 4, 5]
    assert chart.ticks[-1].x == LABEL_WIDTH + plot_width
    ys = [bar.y for bar in chart.bars]
    assert ys == sorted(ys) and len(set(ys)) == 3  # one row each, top to bottom
    assert chart.height > chart.axis_y > ys[-1]


def test_a_question_nobody_answered_draws_empty_bars_on_a_unit_axis():
    chart = bar_chart([("1", 0, 0.0), ("2", 0, 0.0)])
    assert [bar.width for bar in chart.bars] == [0, 0]
    assert [tick.value for tick in chart.ticks] == [0, 1]
    assert bar_chart([]).empty


def test_long_labels_are_shortened_in_the_picture_and_kept_whole_for_the_table():
    label = "地域の防災訓練への社員の参加と物資の提供"
    [bar] = bar_chart([(label, 2, 100.0)]).bars
    assert bar.full_label == label and bar.label == shortened(label)
    assert len(bar.label) == 12 and bar.label.endswith("…")
    assert shortened("はい") == "はい"


def test_choices_keep_the_surveys_order_and_scale_points_go_from_one_to_five():
    single = {"question": {"kind": "single", "options": ["はい", "いいえ"]},
              "counts": {"いいえ": 1, "はい": 2}, "percentages": {"いいえ": 33.3, "はい": 66.7}}
    assert question_rows(single) == [("はい", 2, 66.7), ("いいえ", 1, 33.3)]
    scale = {"question": {"kind": "scale", "options": []},
             "counts": {"5": 1, "1": 0, "3": 2, "2": 0, "4": 0}, "percentages": {}}
    assert [row[0] for row in question_rows(scale)] == ["1", "2", "3", "4", "5"]
    assert question_rows({"question": {"kind": "number"}, "counts": {}, "mean": 3.5}) == []
    assert question_rows({"question": {"kind": "text"}, "texts": ["よい"]}) == []


def test_a_share_of_nothing_is_no_share():
    assert share(1, 3) == 33.3 and share(0, 0) is None
