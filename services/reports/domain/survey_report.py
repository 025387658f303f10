"""A survey's results as a document (operators' export): each question's counts and percentages
with a chart, the response rate, and the free text."""
from services.reports.contract.vocabulary import MULTIPLE, NUMBER, SCALE, SINGLE, TEXT
from services.reports.domain.report_document import Chart, ReportDocument, Section
from services.reports.domain.survey import SurveyResults

KIND_NAMES = {SINGLE: "単一選択", MULTIPLE: "複数選択", SCALE: "5段階", NUMBER: "数値", TEXT: "自由記述"}


def survey_report(found: SurveyResults, generated_on: str) -> ReportDocument:
    survey = found.survey
    sections = []
    for number, result in enumerate(found.questions, start=1):
        question = result.question
        title = f"Q{number} {question.text}"
        notes = (f"{KIND_NAMES[question.kind]}・回答 {result.answered}件"
                 + (f"・平均 {result.mean:g}" if result.mean is not None else ""),)
        if question.kind == TEXT:
            sections.append(Section(title, ("回答",), tuple((text,) for text in result.texts),
                                    notes=notes))
            continue
        if question.kind == NUMBER:
            sections.append(Section(title, ("回答数", "平均"), ((result.answered, result.mean),),
                                    notes=notes))
            continue
        rows = tuple((option, count, result.percentages[option])
                     for option, count in result.counts.items())
        sections.append(Section(
            title, ("選択肢", "件数", "割合（%）"), rows,
            chart=Chart("bar", f"Q{number} {question.text}", tuple(result.counts),
                        (("件数", tuple(float(c) for c in result.counts.values())),), "件"),
            notes=notes))
    rate = "—" if found.response_rate is None else f"{found.response_rate:g}%"
    return ReportDocument(
        title=f"{survey.title} 集計結果", subtitle=f"状況: {survey.status}・作成日 {generated_on}",
        filename_stem=f"アンケート集計_{survey.title}"[:80],
        headline=(("招待した事業者", found.invited), ("回答", found.responses), ("回答率", rate)),
        sections=tuple(sections),
        notes=("自由記述は運営者のみが閲覧できます。取り扱いにご注意ください。",))
