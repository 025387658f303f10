"""A partner's annual CSR report, as a document: the ledger's figures in Japanese."""
from services.reports.domain.csr_ledger import GIFT, STAFF_HOURS, FulfilledKindTotal, PartnerLedger
from services.reports.domain.report_document import Chart, ReportDocument, Section
from services.reports.domain.sdg_goals import SDG_NAMES

OFFER_KIND_NAMES = {"staff_time": "社員の派遣（人材）", "goods": "物品", "money": "寄付金",
                    "venue": "場所の提供", "expertise": "専門知識"}
SUPPRESSED = "非表示"
VALUE_BASIS_NAMES = {"amount_given": "寄付額", "market_price": "時価", "cost": "原価", "hourly_rate": "時給換算",
                     "venue_fee": "会場使用料"}
LINE_KIND_NAMES = {STAFF_HOURS: "社員の活動", GIFT: "提供の実績"}


def csr_report(ledger: PartnerLedger, partner_name: str, region_names: dict[str, str],
               generated_on: str) -> ReportDocument:
    """`partner_name` is what the requester calls the partner (the report is theirs to read);
    reports keeps no names of its own."""
    rate = ledger.participation_rate
    headline = (
        ("社員のボランティア時間（承認済み）", ledger.staff_hours),
        ("完了した活動件数", ledger.completed_matches),
        ("参加した社員数", ledger.volunteers),
        ("従業員数（申告）", ledger.headcount if ledger.headcount is not None else "未申告"),
        ("参加率", f"{rate * 100:.1f}%" if rate is not None else "—"),
        ("支援した団体数", ledger.organisations_supported),
        ("支援した地域数", ledger.regions_supported),
        ("提供した価値（円）", ledger.value_given_yen),
        ("届いた人数", ledger.people_reached),
    )
    regions = Section(
        "地域別", ("地域", "活動件数", "時間", "参加者数"),
        tuple((region_names.get(c.region, c.region),
               SUPPRESSED if c.suppressed else c.matches,
               SUPPRESSED if c.suppressed else c.hours,
               SUPPRESSED if c.suppressed else c.volunteers) for c in ledger.regions),
        chart=Chart("bar", "地域別の活動時間", tuple(region_names.get(c.region, c.region)
                                             for c in ledger.regions if not c.suppressed),
                    (("時間", tuple(c.hours for c in ledger.regions if not c.suppressed)),),
                    "時間"),
        notes=(f"参加者が{ledger.min_cell}人未満の地域は個人が特定されないよう非表示にしています"
               "（合計からの逆算を防ぐため、もう1地域も非表示にする場合があります）。",))
    offers = Section(
        "提供内容別", ("種類", "件数", "数量", "単位"),
        tuple((OFFER_KIND_NAMES.get(k.kind, k.kind), k.offers, quantity, unit)
              for k in ledger.offers_by_kind
              for unit, quantity in (sorted(k.quantities.items()) or [(None, None)])),
        chart=Chart("bar", "提供内容別の件数",
                    tuple(OFFER_KIND_NAMES.get(k.kind, k.kind) for k in ledger.offers_by_kind),
                    (("件数", tuple(float(k.offers) for k in ledger.offers_by_kind)),), "件"),
        notes=("数量と単位は事業者が提供時に示した価値の基準です（寄付金は円）。",))
    fulfilled = Section(
        "提供の実績（種類別）", ("種類", "件数", "数量", "単位", "価値（円）", "価値の根拠", "届いた人数"),
        tuple(row for total in ledger.fulfilled_by_kind for row in _fulfilled_rows(total)),
        chart=Chart("bar", "提供の実績（種類別の価値）",
                    tuple(OFFER_KIND_NAMES.get(k.kind, k.kind) for k in ledger.fulfilled_by_kind),
                    (("価値（円）", tuple(float(k.value_yen) for k in ledger.fulfilled_by_kind)),), "円"),
        notes=("価値は提供時に示した根拠（寄付額・時価・原価・時給換算・会場使用料）による金額です。",))
    sdgs = Section(
        "SDGs", ("目標", "名称", "件数"),
        tuple((f"目標{goal}", SDG_NAMES[goal], count) for goal, count in ledger.sdgs.items()))
    lines = Section(
        "明細", ("日付", "区分", "種類", "地域", "時間", "数量", "単位", "価値（円）", "届いた人数", "根拠イベントID"),
        tuple((line.occurred_on.isoformat(), LINE_KIND_NAMES.get(line.kind, "提供"),
               OFFER_KIND_NAMES.get(line.offer_kind, line.offer_kind or ""),
               "・".join(region_names.get(r, r) for r in line.regions),
               line.hours if line.kind == STAFF_HOURS else None,
               line.quantity, line.unit, line.value_yen, line.people_reached or None,
               " ".join(line.source_event_ids))
              for line in ledger.lines))
    return ReportDocument(
        title=f"{partner_name} CSR活動報告書", subtitle=f"{ledger.fiscal_year_label}（4月〜翌年3月）",
        filename_stem=f"CSR活動報告書_{ledger.fiscal_year}年度",
        headline=headline, sections=(regions, offers, fulfilled, sdgs, lines),
        notes=(f"作成日 {generated_on}。承認済みの活動時間のみを計上しています。",
               "各明細の根拠イベントIDで元の記録までたどれます。"))


def _fulfilled_rows(total: FulfilledKindTotal) -> tuple:
    """One row per unit given; the kind's value, its bases and people reached on the first."""
    bases = "・".join(f"{VALUE_BASIS_NAMES.get(b, b)} {yen:,}円" for b, yen in total.value_bases.items())
    units = sorted(total.quantities.items())
    return tuple((OFFER_KIND_NAMES.get(total.kind, total.kind), total.offers if i == 0 else None, quantity, unit,
                  total.value_yen if i == 0 else None, bases if i == 0 else None,
                  total.people_reached if i == 0 else None)
                 for i, (unit, quantity) in enumerate(units))
