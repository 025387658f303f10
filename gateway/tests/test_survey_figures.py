"""The survey screens' figures that are not chart geometry: the order people saw the choices in
and a part's share of a whole."""
from gateway.console.survey_figures import question_rows, share


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
