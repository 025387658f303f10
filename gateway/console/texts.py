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
    # consultations: assign to a staff member, change the status (resolve, close)
    "assign_legend": ("担当者を割り当てる", "Assign to a staff member"),
    "assign_coordinator": ("担当者（職員の名前）", "Coordinator (staff member's name)"),
    "assign_button": ("割り当てる", "Assign"),
    "coordinator_required": ("担当者を入力してください / Enter the staff member's name",
                             "Enter the staff member's name"),
    "status_legend": ("対応状況を変える", "Change the status"),
    "new_status": ("新しい対応状況", "New status"),
    "status_hint": ("終了できるのは、紹介済みまたは解決の相談です。", "Only a referred or resolved "
                    "consultation can be closed."),
    "status_button": ("変更する", "Change"),
    "done_assigned": ("担当者を割り当てました。", "The coordinator is assigned."),
    "done_status_changed": ("対応状況を変更しました。", "The status is changed."),
    # organisation network (on the organisation's detail: its ties, declare, remove)
    "network_title": ("つながり（加盟・連携）", "Network (memberships, partners)"),
    "network_unavailable": ("つながりを取得できませんでした。", "The network could not be loaded."),
    "network_none": ("登録されたつながりはありません。", "No ties are recorded."),
    "network_verified_only": ("つながりを登録できるのは審査済みの団体です。",
                              "Only a verified organisation can declare ties."),
    "tie_relation": ("関係", "Relation"),
    "tie_declared_at": ("登録日時", "Declared"),
    "tie_remove": ("削除", "Remove"),
    "tie_member_of": ("加盟先", "Member of"),
    "tie_partner_of": ("連携先", "Partner"),
    "tie_has_member": ("加盟団体", "Has as member"),
    "tie_declare_legend": ("つながりを登録する", "Declare a tie"),
    "tie_kind": ("関係の種類", "Kind of tie"),
    "tie_related_id": ("相手の団体の ID", "The other organisation's id"),
    "tie_declare_button": ("登録する", "Declare"),
    "done_tie_declared": ("つながりを登録しました。", "The tie is declared."),
    "done_tie_removed": ("つながりを削除しました。", "The tie is removed."),
    # password reset by e-mail (login help, request form, new password form, refused link)
    "forgot_password": ("パスワードをお忘れの方", "Forgot your password?"),
    "reset_title": ("パスワードの再設定", "Reset your password"),
    "reset_intro": ("登録したメールアドレスを入力してください。再設定用のリンクをメールでお送りします。",
                    "Enter the e-mail address of your account and we will send you a link to "
                    "reset your password."),
    "reset_send_button": ("再設定メールを送る", "Send the reset link"),
    "back_to_login": ("ログイン画面に戻る", "Back to log in"),
    "reset_requested": ("このアドレスのアカウントがあれば、再設定用のリンクをメールで送りました。"
                        "メールが届かない場合は、入力したアドレスをご確認ください。",
                        "If an account has this address, we have sent it a link to reset the "
                        "password. If no e-mail arrives, check the address you entered."),
    "reset_too_many": ("再設定の申請が多すぎます。しばらくしてからお試しください。",
                       "Too many reset requests. Please try again later."),
    "reset_email_invalid": ("メールアドレスの形式で入力してください / Enter an e-mail address",
                            "Enter an e-mail address"),
    "new_password_title": ("新しいパスワードの設定", "Set a new password"),
    "new_password_intro": ("12 文字以上の新しいパスワードを 2 回入力してください。設定すると、"
                           "ログイン中のすべての画面からログアウトします。",
                           "Enter a new password of at least 12 characters twice. Setting it "
                           "logs this account out everywhere."),
    "new_password": ("新しいパスワード", "New password"),
    "new_password_again": ("新しいパスワード（確認）", "New password (again)"),
    "new_password_button": ("パスワードを設定", "Set the password"),
    "reset_link_title": ("再設定リンク", "Reset link"),
    "reset_link_unusable": ("このリンクは使えません。有効期限が切れたか、すでに使われたか、正しくない"
                            "リンクです。", "This link cannot be used: it has expired, has been "
                            "used already, or is not a link we sent."),
    "reset_ask_again": ("再設定メールをもう一度申請する", "Ask for a new reset link"),
    "password_was_reset": ("パスワードを変更しました。新しいパスワードでログインしてください。",
                           "Your password has been changed. Please log in with the new one."),
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
