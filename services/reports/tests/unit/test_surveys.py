"""Business surveys: operators define, open, close and invite; a business answers once and edits
until the close; answers of the wrong type are refused with field messages; results count and
percent each question with the response rate, free text for operators only."""
import uuid

import pytest

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from services.common.pagination import decode_cursor
from services.reports.app import directory, surveys
from services.reports.app.surveys import Answer, DefineSurvey
from services.reports.domain.survey import Question
from services.reports.tests.fakes import MemoryReportsUnitOfWork

OPERATOR = Actor("operator", key_id="op")
SHOPS = [str(uuid.uuid4()) for _ in range(4)]
QUESTIONS = [
    Question("q1", "CSR活動に取り組んでいますか", "single", True, ("はい", "いいえ")),
    Question("q2", "関心のある分野", "multiple", False, ("防災", "福祉", "環境")),
    Question("q3", "協働への関心度", "scale", True),
    Question("q4", "従業員数", "number", False, minimum=1, maximum=100000),
    Question("q5", "ご意見", "text"),
]


def partner(index):
    return Actor("partner", SHOPS[index])


@pytest.fixture
def uow():
    return MemoryReportsUnitOfWork()


def opened(uow, invite=3):
    survey = surveys.define_survey(uow, OPERATOR, DefineSurvey(
        str(uuid.uuid4()), "令和8年度 事業者CSRアンケート", "ご協力ください。", QUESTIONS))
    surveys.invite(uow, OPERATOR, survey.id, SHOPS[:invite])
    surveys.open_survey(uow, OPERATOR, survey.id)
    return survey


def listed(uow, actor, status=None, limit=50):
    """Every page of list_surveys, in order."""
    items, after = [], None
    while True:
        page = surveys.list_surveys(uow, actor, status, decode_cursor(after), limit)
        items += page.items
        if page.next_cursor is None:
            return items
        after = page.next_cursor


def answer(uow, index, survey, **answers):
    return surveys.answer(uow, partner(index), Answer(survey.id, answers))


def test_a_business_answers_once_and_edits_until_the_close(uow):
    survey = opened(uow)
    first = answer(uow, 0, survey, q1="はい", q3=4, q5="𠮷野家さんと協働したい")
    edited = answer(uow, 0, survey, q1="いいえ", q3=2)
    assert edited.submitted_at == first.submitted_at and edited.answers == {"q1": "いいえ", "q3": 2}
    assert len(uow.surveys.responses(survey.id)) == 1
    assert surveys.my_answer(uow, partner(0), survey.id).answers["q1"] == "いいえ"
    surveys.close_survey(uow, OPERATOR, survey.id)
    with pytest.raises(Conflict) as refused:
        answer(uow, 0, survey, q1="はい", q3=5)
    assert "survey_id" in refused.value.fields
    assert surveys.my_answer(uow, partner(0), survey.id).answers["q1"] == "いいえ"


def test_answers_of_the_wrong_type_get_field_messages_and_change_nothing(uow):
    survey = opened(uow)
    with pytest.raises(ValidationFailed) as refused:
        answer(uow, 0, survey, q1="たぶん", q2=["宇宙"], q3=6, q4="多い", q9="?")
    assert set(refused.value.fields) == {"answers.q1", "answers.q2", "answers.q3", "answers.q4",
                                         "answers.q9"}
    with pytest.raises(ValidationFailed) as refused:
        answer(uow, 0, survey, q2=["防災"])
    assert set(refused.value.fields) == {"answers.q1", "answers.q3"}  # required
    with pytest.raises(ValidationFailed):
        answer(uow, 0, survey, q1="はい", q3=True)  # a boolean is not a 1–5 answer
    assert uow.surveys.responses(survey.id) == []


def test_only_invited_businesses_see_and_answer_and_never_a_draft(uow):
    survey = surveys.define_survey(uow, OPERATOR, DefineSurvey(
        str(uuid.uuid4()), "下書き", "", QUESTIONS))
    surveys.invite(uow, OPERATOR, survey.id, [SHOPS[0]])
    with pytest.raises(NotFound):
        surveys.get_survey(uow, partner(0), survey.id)  # still a draft
    surveys.open_survey(uow, OPERATOR, survey.id)
    assert surveys.get_survey(uow, partner(0), survey.id).id == survey.id
    assert [s.id for s in listed(uow, partner(0))] == [survey.id]
    for outsider in (partner(3), Actor("organisation", SHOPS[0])):
        with pytest.raises((NotFound, Forbidden)):
            surveys.answer(uow, outsider, Answer(survey.id, {"q1": "はい", "q3": 3}))
        with pytest.raises(NotFound):
            surveys.survey_results(uow, outsider, survey.id)
    assert listed(uow, partner(3)) == []
    with pytest.raises(NotFound):
        surveys.my_answer(uow, partner(0), survey.id)  # another business's answers: none here
    with pytest.raises(Forbidden):
        surveys.open_survey(uow, partner(0), survey.id)


def test_results_count_percent_and_keep_free_text_for_operators(uow):
    survey = opened(uow, invite=4)
    answer(uow, 0, survey, q1="はい", q2=["防災", "福祉"], q3=5, q4=120, q5="社員の参加を増やしたい")
    answer(uow, 1, survey, q1="はい", q2=["防災"], q3=3, q4=30)
    answer(uow, 2, survey, q1="いいえ", q3=4)
    found = surveys.survey_results(uow, OPERATOR, survey.id)
    assert (found.invited, found.responses, found.response_rate) == (4, 3, 75.0)
    q1, q2, q3, q4, q5 = found.questions
    assert q1.counts == {"はい": 2, "いいえ": 1} and q1.percentages["はい"] == 66.7
    assert q2.counts == {"防災": 2, "福祉": 1, "環境": 0} and q2.answered == 2
    assert q3.counts["5"] == 1 and q3.mean == 4.0 and q4.mean == 75.0
    assert q5.texts == ("社員の参加を増やしたい",)
    as_partner = surveys.survey_results(uow, partner(0), survey.id)
    assert as_partner.questions[4].texts == () and as_partner.questions[0].counts == q1.counts


def test_consent_in_an_answer_lists_the_business_and_withdrawal_removes_it_at_once(uow):
    survey = opened(uow)
    surveys.answer(uow, partner(0), Answer(survey.id, {"q1": "はい", "q3": 5}, True,
                                           "岩国みらい建設", "防災訓練をお手伝いします"))
    answer(uow, 1, survey, q1="はい", q3=5)  # no consent: never listed
    listed = directory.public_directory(uow)
    assert [(e.partner_id, e.display_name) for e in listed] == [(SHOPS[0], "岩国みらい建設")]
    directory.withdraw(uow, partner(0), SHOPS[0])
    assert directory.public_directory(uow) == []
    with pytest.raises(NotFound):
        directory.withdraw(uow, partner(1), SHOPS[0])
    with pytest.raises(ValidationFailed) as refused:
        directory.consent(uow, partner(1), SHOPS[1], "  ", "")
    assert "display_name" in refused.value.fields and directory.public_directory(uow) == []


def test_bad_definitions_are_refused(uow):
    with pytest.raises(ValidationFailed) as refused:
        surveys.define_survey(uow, OPERATOR, DefineSurvey(str(uuid.uuid4()), "", "", [
            Question("a", "?", "single", options=("ひとつ",)), Question("b", "?", "text",
                                                                       options=("x", "y"))]))
    assert {"title", "questions.a", "questions.b"} <= set(refused.value.fields)
    assert uow.surveys.surveys == {}


def test_surveys_are_listed_newest_first_by_status_a_page_at_a_time(uow):
    made = []
    for index in range(7):  # drafts, open and closed ones, all inviting SHOPS[0]
        survey = surveys.define_survey(uow, OPERATOR, DefineSurvey(
            str(uuid.uuid4()), f"アンケート{index}", "", QUESTIONS))
        surveys.invite(uow, OPERATOR, survey.id, [SHOPS[0]])
        if index % 3:
            surveys.open_survey(uow, OPERATOR, survey.id)
        if index % 3 == 2:
            surveys.close_survey(uow, OPERATOR, survey.id)
        made.append(uow.surveys.get(survey.id))
    newest_first = sorted(made, key=lambda s: (s.created_at, s.id), reverse=True)

    assert [s.id for s in listed(uow, OPERATOR, limit=3)] == [s.id for s in newest_first]
    for status in ("draft", "open", "closed"):
        assert [s.id for s in listed(uow, OPERATOR, status, limit=2)] == [
            s.id for s in newest_first if s.status == status]
    # A business never sees a draft, even by asking for drafts.
    assert [s.id for s in listed(uow, partner(0), limit=2)] == [
        s.id for s in newest_first if s.status != "draft"]
    assert listed(uow, partner(0), "draft") == []
    assert listed(uow, partner(1)) == []  # invited to none

    first = surveys.list_surveys(uow, OPERATOR, None, None, 3)
    assert len(first.items) == 3 and first.next_cursor
    with pytest.raises(ValidationFailed) as refused:
        decode_cursor(first.next_cursor[:-2] + "xx")
    assert "cursor" in refused.value.fields
