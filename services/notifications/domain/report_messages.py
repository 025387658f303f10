"""How people read the report kinds reports announces."""

REPORT_NAMES = {  # report kind → (Japanese, English)
    "partner_annual_csr": ("事業者別CSR年次報告", "annual CSR report"),
    "city_progress": ("計画の進捗報告", "plan progress report"),
    "survey_results": ("事業者アンケート結果", "survey results"),
}


def report_names(kind: str) -> tuple[str, str]:
    """An unknown kind (reports may add some) is shown by its code."""
    return REPORT_NAMES.get(kind, (kind, kind))
