"""What the console says, Japanese first and English on request (the `lang` switch)."""
LANGUAGES = ("ja", "en")

TEXTS: dict[str, tuple[str, str]] = {
    "app": ("協働プラットフォーム 管理画面", "Kyodo console"),
    "skip": ("本文へ移動", "Skip to content"),
    "switch_language": ("English", "日本語"),
    "switch_language_lang": ("en", "ja"),
    "nav": ("メインメニュー", "Main menu"),
    "logout": ("ログアウト", "Log out"),
    "signed_in_as": ("ログイン中", "Signed in as"),
    # login
    "login_title": ("ログイン", "Log in"),
    "email": ("メールアドレス", "E-mail address"),
    "password": ("パスワード", "Password"),
    "login_button": ("ログイン", "Log in"),
    "bad_credentials": ("メールアドレスまたはパスワードが正しくありません。",
                        "The e-mail address or password is not correct."),
    "locked": ("ログインの失敗が続いたため、このアカウントは一時的にロックされています。しばらくしてから"
               "お試しください。", "This account is locked for a while after repeated failed logins. "
               "Please try again later."),
    "expired": ("セッションの有効期限が切れました。もう一度ログインしてください。",
                "Your session has expired. Please log in again."),
    "logged_out": ("ログアウトしました。", "You have logged out."),
    "totp_title": ("確認コードの入力", "Verification code"),
    "totp_code": ("認証アプリの6桁のコード", "6-digit code from your authenticator app"),
    "totp_button": ("確認", "Verify"),
    "bad_code": ("確認コードが正しくありません。", "The code is not correct."),
    "csrf": ("フォームの有効期限が切れたか、不正な送信です。画面を開き直してください。",
             "This form has expired or was not sent from this console. Please reload the page."),
    "forbidden": ("この画面を開く権限がありません。", "You may not open this page."),
    "not_found": ("見つかりません。", "Not found."),
    "error_title": ("エラー", "Error"),
    "service_error": ("サービスから応答がありませんでした。しばらくしてからお試しください。",
                      "A service did not answer. Please try again shortly."),
    "form_errors": ("入力内容に誤りがあります。各項目のメッセージをご確認ください。",
                    "Some fields need attention: see the message beside each."),
    "home_title": ("ホーム", "Home"),
    "no_screens": ("この役割の画面は準備中です。API をお使いください。",
                   "Screens for this role are not ready yet: please use the API."),
    # work queue
    "queue_title": ("作業一覧", "Work queue"),
    "queue_intro": ("職員の対応を待っている件数です。", "What is waiting for staff."),
    "pending_verifications": ("審査待ちの団体", "Organisations awaiting verification"),
    "open_consultations": ("未対応の相談", "Open consultations"),
    "hours_to_approve": ("承認待ちの活動時間", "Hours awaiting approval"),
    "dead_letters": ("処理できなかったイベント", "Dead letters"),
    "count_unavailable": ("取得できませんでした", "could not be counted"),
    "open_list": ("一覧を開く", "Open the list"),
    # organisations
    "organisations_title": ("団体", "Organisations"),
    "search": ("検索語（ひらがな・カタカナ・漢字）", "Search words (kana or kanji)"),
    "search_button": ("検索", "Search"),
    "status": ("審査状況", "Status"),
    "all": ("すべて", "All"),
    "pending": ("審査待ち", "Pending"),
    "verified": ("審査済み", "Verified"),
    "rejected": ("却下", "Rejected"),
    "name": ("名称", "Name"),
    "name_kana": ("フリガナ", "Kana"),
    "kind": ("種別", "Kind"),
    "region": ("地域", "Region"),
    "description": ("活動内容", "Description"),
    "registered_at": ("登録日時", "Registered"),
    "status_reason": ("審査の理由", "Review reason"),
    "next_page": ("次のページ", "Next page"),
    "first_page": ("最初のページ", "First page"),
    "none_found": ("該当するものはありません。", "Nothing found."),
    "results": ("検索結果", "Results"),
    "verify_button": ("承認する", "Verify"),
    "reject_legend": ("却下する", "Reject"),
    "reason": ("却下の理由（団体に伝わります）", "Reason (shown to the organisation)"),
    "reject_button": ("却下する", "Reject"),
    "done_verified": ("団体を承認しました。", "The organisation is verified."),
    "done_rejected": ("団体の登録を却下しました。", "The organisation is rejected."),
    "back_to_list": ("一覧に戻る", "Back to the list"),
    # consultations
    "consultations_title": ("相談", "Consultations"),
    "progress": ("対応状況", "Status"),
    "new_consultation": ("相談を記録する", "Record a consultation"),
    "new_consultation_title": ("相談の記録", "Record a consultation"),
    "channel": ("受付方法", "Channel"),
    "topics": ("相談分野", "Topics"),
    "organisation_id": ("相談した団体の ID（任意）", "Organisation id (optional)"),
    "person": ("相談者（匿名可）", "Person (may be anonymous)"),
    "notes": ("相談内容", "Notes"),
    "coordinator": ("担当コーディネーター", "Coordinator"),
    "opened_at": ("受付日時", "Opened"),
    "record_button": ("記録する", "Record"),
    "done_recorded": ("相談を記録しました。", "The consultation is recorded."),
    "refer_legend": ("他の団体へ紹介する", "Refer to another organisation"),
    "refer_organisation_id": ("紹介先の団体の ID", "Id of the organisation referred to"),
    "refer_note": ("紹介のメモ", "Note"),
    "refer_button": ("紹介する", "Refer"),
    "done_referred": ("紹介を記録しました。", "The referral is recorded."),
    "referrals": ("紹介の履歴", "Referrals"),
    "open": ("未対応", "Open"),
    "in_progress": ("対応中", "In progress"),
    "referred": ("紹介済み", "Referred"),
    "resolved": ("解決", "Resolved"),
    "closed": ("終了", "Closed"),
    # offers
    "offers_title": ("自社の CSR 提供", "Our CSR offers"),
    "new_offer": ("提供を登録する", "Post an offer"),
    "new_offer_title": ("CSR 提供の登録", "Post a CSR offer"),
    "offer_kind": ("提供の種類", "Kind of offer"),
    "title": ("件名", "Title"),
    "quantity": ("数量・規模", "Quantity"),
    "unit": ("単位（人、時間、円など）", "Unit (people, hours, yen …)"),
    "starts": ("開始日", "Starts"),
    "ends": ("終了日", "Ends"),
    "regions": ("提供できる地域（またはオンライン）", "Regions served (or online)"),
    "online": ("オンラインで提供", "Online"),
    "post_button": ("登録する", "Post"),
    "done_created": ("提供を登録しました。", "The offer is posted."),
    "period": ("期間", "Period"),
    "fitting_needs": ("この提供に合う募集（理由つき）", "Needs this offer fits, with reasons"),
    "score": ("適合度", "Fit"),
    "reasons": ("理由", "Reasons"),
    "required_mark": ("必須", "required"),
    "choose": ("選んでください", "Choose one"),
    # needs, candidates, batch assignment; facilities, rooms and bookings (c-match screens)
    "needs_title": ("募集", "Needs"),
    "need": ("募集", "Need"),
    "need_status": ("募集の状況", "Status"),
    "need_kind": ("募集の種類", "Kind of need"),
    "slots": ("埋まった枠 / 枠", "Slots taken / slots"),
    "posted_at": ("投稿日時", "Posted"),
    "candidates": ("候補者（順位と理由）", "Candidates, ranked, with reasons"),
    "rank": ("順位", "Rank"),
    "talent": ("人材", "Talent"),
    "first_timer": ("初参加", "first time"),
    "propose_button": ("この人に提案する", "Propose"),
    "need_offers": ("この募集に合う CSR 提供（理由つき）", "CSR offers this need fits, with reasons"),
    "matches": ("マッチ", "Matches"),
    "match_status": ("マッチの状況", "Match status"),
    "proposed_at": ("提案日時", "Proposed"),
    "end_need_legend": ("募集を締め切る・中止する", "Close or cancel the need"),
    "end_reason": ("締め切りの理由", "Why it ends"),
    "end_need_button": ("募集を終える", "End the need"),
    "done_proposed": ("マッチを提案しました。", "The match is proposed."),
    "done_need_ended": ("募集を終えました。", "The need has ended."),
    "assign_title": ("一括割り当て", "Batch assignment"),
    "assign_intro": ("対象の募集を選び（選ばなければ受付中のすべて）、まず割り当て案を確認します。確認するまで何も提案されません。",
                     "Choose the needs (none: every open need) and preview the assignment first. "
                     "Nothing is proposed until you confirm."),
    "assign_needs": ("対象の募集（受付中）", "Needs to fill (open)"),
    "assign_more": ("ほかにも受付中の募集があります。選ばなければすべてが対象です。",
                    "More needs are open: with none chosen, all of them are included."),
    "max_needs_per_talent": ("1人に割り当てる募集の上限（1～10）", "Most needs per person (1–10)"),
    "preview_button": ("割り当て案を確認する", "Preview the assignment"),
    "assign_preview_title": ("割り当て案の確認", "Assignment preview"),
    "assign_preview_intro": ("まだ提案していません。内容を確認して「この案で提案する」を押してください。",
                             "Nothing is proposed yet: check the proposals, then confirm."),
    "assign_changed": ("確認の後にデータが変わったため、割り当て案が変わりました。新しい案を確認してください（何も提案していません）。",
                       "The data changed after your preview, so the assignment changed too. Check the new "
                       "preview (nothing was proposed)."),
    "assign_proposals": ("割り当て案", "Proposals"),
    "total_score": ("合計適合度", "total fit"),
    "assign_status_preview": ("案（未提案）", "preview (not proposed)"),
    "assign_status_proposed": ("提案済み", "proposed"),
    "assign_none": ("割り当てられる組み合わせはありません。", "No pair can be assigned."),
    "confirm_assign_button": ("この案で提案する", "Confirm and propose"),
    "assign_back": ("条件を選び直す", "Choose again"),
    "assign_done_title": ("一括割り当ての結果", "Batch assignment done"),
    "done_assigned": ("確認した割り当て案のとおりに提案しました。", "The previewed assignment is proposed."),
    "facilities_title": ("拠点施設", "Facilities"),
    "facility_search": ("施設名・フリガナ・所在地", "Name, kana or address"),
    "address": ("所在地", "Address"),
    "rooms": ("部屋", "Rooms"),
    "room": ("部屋", "Room"),
    "capacity": ("定員", "Capacity"),
    "equipment": ("設備", "Equipment"),
    "opening_hours": ("開館時間", "Opening hours"),
    "closed_days": ("休館日", "Closed on"),
    "week_calendar": ("週の予定", "Week calendar"),
    "previous_week": ("前の週", "Previous week"),
    "next_week": ("次の週", "Next week"),
    "this_week": ("今週", "This week"),
    "hour": ("時刻", "Hour"),
    "slot_free": ("空き", "Free"),
    "slot_partly": ("一部空き", "Partly free"),
    "slot_none": ("—", "—"),
    "slot_none_label": ("空きなし", "Not free"),
    "calendar_caption": ("{room}の予定（{start}〜{end}、日本時間）", "{room}: {start} to {end}, Japan time"),
    "calendar_legend": ("表の見方: 「空き」はその1時間が予約できます。予約は開始の時刻に名前、続く時間に「続き」と表示します。",
                        "How to read: “Free” means that hour can be booked. A booking is named where it "
                        "starts and marked “continued” after."),
    "continued": ("続き", "continued"),
    "bookings_title": ("予約", "Bookings"),
    "book_legend": ("この部屋を予約する", "Book this room"),
    "to_booking_form": ("予約の入力欄へ移動", "Go to the booking form"),
    "booking_date": ("日付", "Date"),
    "booking_start": ("開始時刻（30分単位）", "Starts (on the half hour)"),
    "booking_end": ("終了時刻（30分単位）", "Ends (on the half hour)"),
    "attendees": ("利用人数", "Attendees"),
    "purpose": ("利用目的", "Purpose"),
    "booking_organisation": ("予約する団体の ID", "Id of the organisation booking"),
    "book_button": ("予約を申請する", "Request the booking"),
    "done_booked": ("予約を申請しました。", "The booking is requested."),
    "done_booking_confirmed": ("予約を確定しました。", "The booking is confirmed."),
    "done_booking_declined": ("予約を辞退しました。", "The booking is declined."),
    "confirm_booking_button": ("確定する", "Confirm"),
    "decline_reason": ("辞退の理由", "Reason for declining"),
    "decline_booking_button": ("辞退する", "Decline"),
    "bad_week": ("週の日付は YYYY-MM-DD で指定してください / give the week as YYYY-MM-DD",
                 "Give the week as YYYY-MM-DD"),
}

NEED_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "open": ("受付中", "Open"), "filled": ("満員", "Filled"), "closed": ("締め切り", "Closed"),
    "cancelled": ("中止", "Cancelled"),
}

MATCH_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "proposed": ("提案中", "Proposed"), "accepted": ("承諾", "Accepted"),
    "waitlisted": ("順番待ち", "Waitlisted"), "confirmed": ("確定", "Confirmed"),
    "hours_logged": ("活動時間の記録済み", "Hours logged"), "completed": ("完了", "Completed"),
    "declined": ("辞退", "Declined"), "withdrawn": ("取り下げ", "Withdrawn"), "expired": ("期限切れ", "Expired"),
}

BOOKING_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "requested": ("申請中", "Requested"), "confirmed": ("確定", "Confirmed"),
    "declined": ("辞退", "Declined"), "cancelled": ("取消", "Cancelled"),
}

OFFER_KINDS: dict[str, tuple[str, str]] = {
    "staff_time": ("社員の時間（ボランティア）", "Staff time"),
    "goods": ("物品", "Goods"),
    "money": ("資金", "Money"),
    "venue": ("場所", "Venue"),
    "expertise": ("専門知識", "Expertise"),
}

CONSULTATION_CHANNELS: dict[str, tuple[str, str]] = {
    "counter": ("窓口", "At the counter"), "phone": ("電話", "Phone"), "email": ("メール", "E-mail"),
    "online": ("オンライン", "Online"),
}

CONSULTATION_TOPICS: dict[str, tuple[str, str]] = {
    "founding": ("団体の立ち上げ", "Founding"), "management": ("団体の運営", "Management"),
    "funding": ("資金", "Funding"), "volunteers": ("ボランティア", "Volunteers"),
    "publicity": ("広報", "Publicity"), "partnership": ("協働・連携", "Partnership"),
    "facility": ("施設", "Facilities"), "legal_accounting": ("法務・会計", "Legal and accounting"),
    "digital": ("デジタル", "Digital"), "events": ("催し", "Events"), "other": ("その他", "Other"),
}

# marshmallow's own messages, as the API returns them, said in Japanese first.
FIELD_MESSAGES: dict[str, str] = {
    "Missing data for required field.": "必須項目です",
    "Not a valid number.": "数値を入力してください",
    "Not a valid date.": "日付を入力してください",
    "Not a valid string.": "文字で入力してください",
    "Length must be between 1 and 36.": "1～36 文字で入力してください",
    "Shorter than minimum length 1.": "入力してください",
    # needs, batch assignment and bookings (c-match screens)
    "Not a valid integer.": "整数を入力してください",
    "Not a valid datetime.": "日時を入力してください",
    "Must be greater than or equal to 1 and less than or equal to 10.": "1～10 の数を入力してください",
    "Must be greater than or equal to 1 and less than or equal to 5000.": "1～5000 の数を入力してください",
}


def translator(lang: str):
    index = LANGUAGES.index(lang)

    def text(key: str) -> str:
        return TEXTS[key][index]
    return text


def label(labels: dict[str, tuple[str, str]], code: str | None, lang: str) -> str:
    """A code's label in the language, or the code itself when it has none."""
    pair = labels.get(code or "")
    return pair[LANGUAGES.index(lang)] if pair else (code or "")


def field_message(message: str, lang: str) -> str:
    japanese = FIELD_MESSAGES.get(message)
    if japanese is None:  # the API's own message, already bilingual or English
        return message
    return f"{japanese} / {message}" if lang == "ja" else message
