"""The partners' screens' pure parts: fiscal years for the ledger's totals, and a survey form's
fields read back as the answers' types."""
from datetime import date

from werkzeug.datastructures import MultiDict

from gateway.console.partner_ledger_screens import fiscal_year_of, years_to_total
from gateway.console.partner_survey_screens import answers_from_form, form_values

QUESTIONS = [
    {"id": "q1", "kind": "single", "options": ["はい", "いいえ"]},
    {"id": "q2", "kind": "multiple", "options": ["環境", "福祉", "教育"]},
    {"id": "q3", "kind": "scale"},
    {"id": "q4", "kind": "number"},
    {"id": "q5", "kind": "text"},
]


def test_a_fiscal_year_starts_in_april():
    assert fiscal_year_of(date(2026, 3, 31)) == 2025
    assert fiscal_year_of(date(2026, 4, 1)) == 2026
    assert fiscal_year_of(date(2026, 12, 3)) == 2026


def test_totals_reach_back_three_years_but_not_before_the_first():
    assert years_to_total(2026) == [2026, 2025, 2024]
    assert years_to_total(2020, first=2019) == [2020, 2019]


def test_each_question_is_read_in_its_kind():
    form = MultiDict([("q-q1", "はい"), ("q-q2", "環境"), ("q-q2", "教育"), ("q-q3", "4"),
                      ("q-q4", " ２．５ "), ("q-q5", "  地域の清掃に参加しました  ")])
    assert answers_from_form(QUESTIONS, form) == {
        "q1": "はい", "q2": ["環境", "教育"], "q3": 4, "q4": 2.5, "q5": "地域の清掃に参加しました"}


def test_unanswered_questions_are_left_out_and_a_non_number_is_sent_as_typed():
    form = MultiDict([("q-q1", ""), ("q-q4", "たくさん"), ("q-q3", "３")])
    assert answers_from_form(QUESTIONS, form) == {"q4": "たくさん", "q3": 3}


def test_a_saved_answer_shows_in_the_form():
    values = form_values(QUESTIONS, {"q2": ["福祉"], "q3": 5, "q4": 12.0, "q5": "文"})
    assert values == {"q2": ["福祉"], "q3": "5", "q4": "12", "q5": "文"}
