"""The survey form's rows become the API's questions (blank rows left out, ids from the row,
full-width digits read as digits), and the API's messages land on the row they are about."""
from werkzeug.datastructures import MultiDict

from gateway.console.survey_screens import _form_errors, _form_values, _questions


def test_rows_with_a_text_become_questions_named_after_their_row():
    values = _form_values(MultiDict({
        "rows": "3", "title": " 事業者アンケート ", "q-0-text": "取り組んでいますか", "q-0-kind": "single",
        "q-0-options": "はい\n\n いいえ \n", "q-0-required": "on",
        "q-2-text": "従業員数", "q-2-kind": "number", "q-2-minimum": "１", "q-2-maximum": "",
        "q-1-kind": "bogus"}))
    assert values["title"] == "事業者アンケート" and values["rows"][1]["kind"] == "single"
    questions, positions = _questions(values["rows"])
    assert positions == [0, 2]
    assert questions == [
        {"id": "q1", "text": "取り組んでいますか", "kind": "single", "required": True,
         "options": ["はい", "いいえ"]},
        {"id": "q3", "text": "従業員数", "kind": "number", "required": False, "options": [],
         "minimum": "1"}]


def test_the_row_count_is_bounded_and_defaults_to_three():
    assert len(_form_values(MultiDict({"rows": "999"}))["rows"]) == 30
    assert len(_form_values(MultiDict({"rows": "x"}))["rows"]) == 3


def test_messages_land_on_the_field_and_row_they_are_about():
    errors = {"title": ["Missing data for required field."],
              "questions": {"1": {"minimum": ["Not a valid number."],
                                  "options": {"0": ["Shorter than minimum length 1."]},
                                  "id": ["bad id"]}},
              "questions.q1": ["選択肢を2つ以上（重複なし）指定してください / choices need two distinct options"]}
    found = _form_errors(errors, positions=[0, 2])
    assert found == {"title": ["Missing data for required field."],
                     "q-2-minimum": ["Not a valid number."],
                     "q-2-options": ["Shorter than minimum length 1."],
                     "q-2-row": ["bad id"],
                     "q-0-row": ["選択肢を2つ以上（重複なし）指定してください / choices need two distinct options"]}
    assert _form_errors({"questions": ["Length must be between 1 and 100."]}, []) == {
        "questions": ["Length must be between 1 and 100."]}
