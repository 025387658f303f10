"""Real-world Japanese queries and what they must find among the demo organisations.

Run against deploy/demo/iwakuni.json by every search implementation: the pure-Python reference
matcher (tests/unit/test_japanese_text.py), SQLite and PostgreSQL. Semantics: the query is split
by `search_terms` (whitespace, 全角スペース, middle dots) and every term must be a substring of
the normalised name, reading (フリガナ) or description of a hit.

Each row: `query`; `expected`, names that must be among the hits; optional `expected_first`, the
name that must rank first; optional `must_not`, names that must not be hits; `why`.
Hits are named by organisation name. A hiragana/katakana query reaches kanji text only through
the reading, which exists for names, not descriptions: ぼうさい finds 防災 in names only.
"""

from __future__ import annotations

SEARCH_QUERIES: list[dict] = [
    # --- hiragana, katakana, half-width kana -------------------------------------------------
    {
        "query": "ぼうさい",
        "expected": {"岩国防災ネットワーク", "由宇防災士会"},
        "must_not": {"玖珂ふるさと防犯パトロール隊", "株式会社 岩国みらい建設"},
        "why": "hiragana reaches 防災 through the reading; the description's kanji is not read",
    },
    {
        "query": "ボウサイ",
        "expected": {"岩国防災ネットワーク", "由宇防災士会"},
        "must_not": {"玖珂ふるさと防犯パトロール隊"},
        "why": "katakana folds to hiragana",
    },
    {
        "query": "ﾎﾞｳｻｲ",
        "expected": {"岩国防災ネットワーク", "由宇防災士会"},
        "must_not": {"玖珂ふるさと防犯パトロール隊"},
        "why": "half-width katakana with separate dakuten (NFKC composes ﾎﾞ into ボ)",
    },
    {
        "query": "こそだて",
        "expected": {
            "NPO法人 いわくに子育て応援ひろば",
            "玖珂子育て支援ネット",
            "川下子育てサークルぴよぴよ",
        },
        "must_not": {"緑ケ丘団地自治会"},
        "why": "reading only; 緑ケ丘 mentions 子育て in its description, which has no reading",
    },
    {
        "query": "コソダテ",
        "expected": {"NPO法人 いわくに子育て応援ひろば", "玖珂子育て支援ネット"},
        "why": "katakana reading typed as katakana",
    },
    {
        "query": "ｼﾞﾁｶｲ",
        "expected": {"今津一丁目自治会", "千鳥ヶ丘自治会", "秋掛自治会", "緑ケ丘団地自治会"},
        "must_not": {"麻里布町内会"},
        "why": "half-width katakana; 町内会 is read ちょうないかい, not じちかい",
    },
    {
        "query": "しゅうとう",
        "expected": {"周東まちづくり協議会", "周東運輸株式会社", "特定非営利活動法人 周東ふくしネット"},
        "must_not": {"由宇防災士会"},
        "why": "region name by reading; the small ゅ must stay small",
    },
    {
        "query": "ゆう",
        "expected": {"由宇防災士会", "由宇町南自治会", "由宇まちづくり協議会", "岩国市立由宇小学校"},
        "must_not": {"周東子ども食堂みんなのごはん", "岩国国際交流クラブ"},
        "why": "由宇 by reading; folding small kana would wrongly match しゅう (周東) and りゅう (交流)",
    },
    {
        "query": "いわくに",
        "expected": {
            "岩国防災ネットワーク",
            "NPO法人 いわくに子育て応援ひろば",
            "IWAKUNI ITサポート",
            "いわくにユースラボ",
            "岩国市立由宇小学校",
        },
        "must_not": {"由宇防災士会"},
        "why": "hiragana matches kanji names through readings and hiragana names directly",
    },
    {
        "query": "いまず",
        "expected": {"今津一丁目自治会"},
        "expected_first": "今津一丁目自治会",
        "why": "今津 is read いまづ but typed いまず: づ/ず fold",
    },
    {
        "query": "イマヅ",
        "expected": {"今津一丁目自治会"},
        "why": "the reading as registered",
    },
    {
        "query": "ｶﾞﾝﾈ",
        "expected": {"岸根栗振興会"},
        "expected_first": "岸根栗振興会",
        "why": "half-width katakana with voiced mark; reading of 岸根 (がんね)",
    },
    {
        "query": "しゅわ",
        "expected": {"手話サークルてのひら"},
        "why": "hiragana for a two-kanji word",
    },
    # --- kanji: two-character words (FTS5 trigram cannot find these) --------------------------
    {
        "query": "防災",
        "expected": {
            "岩国防災ネットワーク",
            "由宇防災士会",
            "株式会社 岩国みらい建設",
            "周東運輸株式会社",
        },
        "must_not": {"玖珂ふるさと防犯パトロール隊"},
        "why": "two-character kanji word in names and descriptions",
    },
    {
        "query": "防犯",
        "expected": {"玖珂ふるさと防犯パトロール隊", "今津一丁目自治会"},
        "expected_first": "玖珂ふるさと防犯パトロール隊",
        "must_not": {"由宇防災士会"},
        "why": "a name hit ranks above description hits",
    },
    {
        "query": "子育",
        "expected": {
            "NPO法人 いわくに子育て応援ひろば",
            "玖珂子育て支援ネット",
            "川下子育てサークルぴよぴよ",
            "緑ケ丘団地自治会",
        },
        "why": "two kanji without the okurigana, as people type mid-word",
    },
    {
        "query": "手話",
        "expected": {"手話サークルてのひら"},
        "expected_first": "手話サークルてのひら",
        "why": "two-character word at the start of a name",
    },
    {
        "query": "災害",
        "expected": {"周東運輸株式会社", "株式会社 岩国みらい建設", "根笠自治会", "美川地域見守り隊"},
        "why": "two-character word in descriptions only (土砂災害, 災害時)",
    },
    {
        "query": "神楽",
        "expected": {"渋前自治会", "岩国市立本郷中学校"},
        "why": "two-character word in descriptions",
    },
    {
        "query": "錦川",
        "expected": {"錦川の自然を守る会", "一般社団法人 錦川清流観光協会", "岩国市立錦中学校"},
        "expected_first": "錦川の自然を守る会",
        "why": "prefix of two names (one behind a legal form); shorter name first",
    },
    {
        "query": "由宇",
        "expected": {"由宇防災士会", "由宇町南自治会", "岩国市立由宇小学校", "千鳥ヶ丘自治会"},
        "why": "region name in names and, for 千鳥ヶ丘, in the description",
    },
    # --- full-width / half-width Latin and digits ---------------------------------------------
    {
        "query": "ＮＰＯ",
        "expected": {
            "NPO法人 いわくに子育て応援ひろば",
            "NPO法人 岩国市民活動ネットワーク",
            "NPO法人 障がい者就労支援あゆみ",
            "NPO法人 みかわ山里ネット",
            "特定非営利活動法人 周東ふくしネット",
        },
        "must_not": {"一般社団法人 岩国スポーツコミッション"},
        "why": "full-width Latin; 特定非営利活動法人 is the statute's name for NPO法人",
    },
    {
        "query": "npo",
        "expected": {"NPO法人 いわくに子育て応援ひろば", "特定非営利活動法人 周東ふくしネット"},
        "why": "lower case folds",
    },
    {
        "query": "特定非営利活動法人",
        "expected": {"NPO法人 みかわ山里ネット", "特定非営利活動法人 周東ふくしネット"},
        "why": "the formal name finds groups registered as NPO法人",
    },
    {
        "query": "IT",
        "expected": {"IWAKUNI ITサポート"},
        "expected_first": "IWAKUNI ITサポート",
        "why": "two Latin letters",
    },
    {
        "query": "ＩＷＡＫＵＮＩ　ＩＴ",
        "expected": {"IWAKUNI ITサポート"},
        "expected_first": "IWAKUNI ITサポート",
        "why": "full-width Latin and a full-width space; typed without the space it is the name",
    },
    {
        "query": "iwakuni",
        "expected": {"IWAKUNI ITサポート"},
        "must_not": {"岩国防災ネットワーク"},
        "why": "Latin matches Latin only: no romaji transliteration",
    },
    {
        "query": "ｉｔ　サポート",
        "expected": {"IWAKUNI ITサポート"},
        "why": "two terms, one full-width Latin and one katakana",
    },
    {
        "query": "ｻﾎﾟｰﾄ",
        "expected": {"IWAKUNI ITサポート"},
        "why": "half-width katakana with the half-width long-vowel mark ｰ",
    },
    {
        "query": "さぽ-と",
        "expected": {"IWAKUNI ITサポート"},
        "why": "ASCII hyphen typed for the long-vowel mark ー after kana",
    },
    {
        "query": "アイティー",
        "expected": {"IWAKUNI ITサポート"},
        "why": "the katakana reading of the Latin letters",
    },
    # --- spaces, several terms, middle dots -----------------------------------------------------
    {
        "query": "子ども食堂",
        "expected": {
            "川下こども食堂ひまわり",
            "子ども食堂ありえ",
            "周東子ども食堂みんなのごはん",
            "山口県立岩国みなと高等学校",
        },
        "expected_first": "子ども食堂ありえ",
        "why": "子ども / こども spellings fold; a name that starts with the query ranks first",
    },
    {
        "query": "こども食堂",
        "expected": {"川下こども食堂ひまわり", "子ども食堂ありえ", "周東子ども食堂みんなのごはん"},
        "expected_first": "子ども食堂ありえ",
        "why": "mixed hiragana/kanji query against mixed names written the other way",
    },
    {
        "query": "子供食堂",
        "expected": {"川下こども食堂ひまわり", "子ども食堂ありえ", "周東子ども食堂みんなのごはん"},
        "why": "子供 is the third spelling of こども",
    },
    {
        "query": "こども　食堂",
        "expected": {"川下こども食堂ひまわり", "子ども食堂ありえ", "周東子ども食堂みんなのごはん"},
        "expected_first": "子ども食堂ありえ",
        "why": "full-width space splits terms; typed without it the query is a name prefix",
    },
    {
        "query": "こどもしょくどう",
        "expected": {"川下こども食堂ひまわり", "子ども食堂ありえ", "周東子ども食堂みんなのごはん"},
        "must_not": {"山口県立岩国みなと高等学校"},
        "why": "all hiragana: readings only; the school mentions 子ども食堂 in its description",
    },
    {
        "query": "自治会 玖珂",
        "expected": {"玖珂町上市自治会", "野口自治会", "欽明路自治会"},
        "expected_first": "玖珂町上市自治会",
        "must_not": {"今津一丁目自治会", "本郷自治会"},
        "why": "two terms must both match; both in the name ranks above name + description",
    },
    {
        "query": "岩国 防災",
        "expected": {"岩国防災ネットワーク", "株式会社 岩国みらい建設"},
        "expected_first": "岩国防災ネットワーク",
        "must_not": {"由宇防災士会"},
        "why": "joined without the space the query is a prefix of the name",
    },
    {
        "query": "由宇　防災",
        "expected": {"由宇防災士会"},
        "expected_first": "由宇防災士会",
        "must_not": {"岩国防災ネットワーク"},
        "why": "region + field narrowing with a full-width space",
    },
    {
        "query": "高齢者 見守り",
        "expected": {"美川地域見守り隊", "室の木町自治会"},
        "expected_first": "美川地域見守り隊",
        "why": "a term in the name beats both terms only in the description",
    },
    {
        "query": "防災・防犯",
        "expected": {"岩国防災ネットワーク"},
        "must_not": {"玖珂ふるさと防犯パトロール隊", "由宇防災士会"},
        "why": "the middle dot separates terms, as in the field label 防災・防犯",
    },
    {
        "query": "NPO 子育て",
        "expected": {"NPO法人 いわくに子育て応援ひろば"},
        "must_not": {"玖珂子育て支援ネット"},
        "why": "legal form as a filter word",
    },
    # --- mixed kanji/kana and spelling variants -------------------------------------------------
    {
        "query": "まちづくり協議会",
        "expected": {
            "横山まちづくり協議会",
            "通津地区まちづくり協議会",
            "由宇まちづくり協議会",
            "玖珂地域まちづくり協議会",
            "周東まちづくり協議会",
            "錦地域まちづくり協議会",
        },
        "why": "mixed kana/kanji phrase inside names",
    },
    {
        "query": "まち作り",
        "expected": {"横山まちづくり協議会", "由宇まちづくり協議会"},
        "why": "作り / づくり spellings fold",
    },
    {
        "query": "街づくり",
        "expected": {"横山まちづくり協議会", "錦地域まちづくり協議会"},
        "why": "町づくり / 街づくり / まちづくり fold",
    },
    {
        "query": "まちずくり",
        "expected": {"周東まちづくり協議会"},
        "why": "づ typed as ず",
    },
    {
        "query": "横山まちづくり",
        "expected": {"横山まちづくり協議会"},
        "expected_first": "横山まちづくり協議会",
        "must_not": {"横山ふれあいサロン"},
        "why": "place + mixed phrase as a name prefix",
    },
    {
        "query": "いわくに子育て",
        "expected": {"NPO法人 いわくに子育て応援ひろば"},
        "expected_first": "NPO法人 いわくに子育て応援ひろば",
        "why": "prefix of the name once the legal form NPO法人 is set aside",
    },
    {
        "query": "すぽーつ少年団",
        "expected": {"周東スポーツ少年団"},
        "why": "katakana part typed in hiragana, kanji part as written",
    },
    {
        "query": "障害者",
        "expected": {"NPO法人 障がい者就労支援あゆみ"},
        "why": "障害 / 障がい spellings fold",
    },
    {
        "query": "しょうがいしゃ",
        "expected": {"NPO法人 障がい者就労支援あゆみ"},
        "why": "reading of a name written partly in kana",
    },
    {
        "query": "周東ふくし",
        "expected": {"特定非営利活動法人 周東ふくしネット"},
        "expected_first": "特定非営利活動法人 周東ふくしネット",
        "why": "prefix once the formal legal form is set aside",
    },
    # --- ヶ variants in place names --------------------------------------------------------------
    {
        "query": "千鳥ヶ丘",
        "expected": {"千鳥ヶ丘自治会"},
        "expected_first": "千鳥ヶ丘自治会",
        "why": "as registered, small ヶ",
    },
    {
        "query": "千鳥ケ丘",
        "expected": {"千鳥ヶ丘自治会"},
        "why": "large ケ, as in official notation",
    },
    {
        "query": "千鳥が丘",
        "expected": {"千鳥ヶ丘自治会"},
        "why": "spelled as pronounced",
    },
    {
        "query": "千鳥ヵ丘",
        "expected": {"千鳥ヶ丘自治会"},
        "why": "small ヵ",
    },
    {
        "query": "ちどりがおか",
        "expected": {"千鳥ヶ丘自治会"},
        "why": "reading",
    },
    {
        "query": "緑ヶ丘",
        "expected": {"緑ケ丘団地自治会"},
        "expected_first": "緑ケ丘団地自治会",
        "why": "registered with large ケ, typed with small ヶ",
    },
    {
        "query": "みどりがおか",
        "expected": {"緑ケ丘団地自治会"},
        "why": "reading",
    },
    # --- words that only descriptions carry ----------------------------------------------------
    {
        "query": "ﾎﾞﾗﾝﾃｨｱ",
        "expected": {"一般社団法人 錦帯橋観光ガイドの会", "IWAKUNI ITサポート", "周東スポーツ少年団"},
        "why": "half-width katakana with small ｨ against full-width text",
    },
    {
        "query": "錦帯橋",
        "expected": {"一般社団法人 錦帯橋観光ガイドの会", "横山まちづくり協議会"},
        "expected_first": "一般社団法人 錦帯橋観光ガイドの会",
        "why": "name hit (behind a legal form) ranks above a description hit",
    },
    {
        "query": "転入",
        "expected": {"千鳥ヶ丘自治会", "NPO法人 いわくに子育て応援ひろば"},
        "why": "what a new resident looks for (P2.1.3)",
    },
    {
        "query": "株式会社",
        "expected": {
            "株式会社 岩国みらい建設",
            "株式会社 瀬戸内エナジー岩国",
            "株式会社 玖珂精工",
            "周東運輸株式会社",
        },
        "must_not": {"有限会社 美和木工"},
        "why": "legal form as prefix and as suffix",
    },
    {
        "query": "町内会",
        "expected": {"麻里布町内会"},
        "expected_first": "麻里布町内会",
        "must_not": {"今津一丁目自治会"},
        "why": "町内会 and 自治会 are different words; no synonym expansion",
    },
]

# The name the spine's database search tests import.
DATA = SEARCH_QUERIES
