"""Japanese search text: folding, grams, ranking, and the query table against the demo data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.registry.domain.japanese_text import (
    FIELD_SEPARATOR,
    MatchTier,
    index_grams,
    normalise_for_search,
    rank_key,
    search_bigrams,
    search_terms,
)
from services.registry.tests.search_queries import SEARCH_QUERIES

DEMO_FILE = Path(__file__).resolve().parents[4] / "deploy" / "demo" / "iwakuni.json"


def same(*texts: str) -> set[str]:
    return {normalise_for_search(text) for text in texts}


# --- normalise_for_search -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["ぼうさい", "ボウサイ", "ﾎﾞｳｻｲ", "ホ゛ウサイ", "ぼう さい", "ボウ　サイ"],
)
def test_kana_in_every_form_folds_to_hiragana(typed: str) -> None:
    assert normalise_for_search(typed) == "ぼうさい"


def test_full_width_latin_and_digits_fold_to_lower_ascii() -> None:
    assert normalise_for_search("ＮＰＯ法人") == "npo法人"
    assert normalise_for_search("ＩＷＡＫＵＮＩ　ＩＴサポート") == "iwakuniitさぽーと"
    assert normalise_for_search("１２３") == "123"
    assert normalise_for_search("①") == "1"


def test_whitespace_of_every_kind_is_removed() -> None:
    assert normalise_for_search(" 子ども\u3000食堂\t\n") == "こども食堂"
    assert normalise_for_search("防\u200b災") == "防災"  # zero-width space from copy-paste


def test_punctuation_middle_dots_and_symbols_are_removed() -> None:
    assert normalise_for_search("防災・防犯") == "防災防犯"
    assert normalise_for_search("防災･防犯") == "防災防犯"
    assert normalise_for_search("「いわくに」（仮称）！") == "いわくに仮称"
    assert normalise_for_search("★にこにこ♪クラブ★") == "にこにこくらぶ"
    assert normalise_for_search("㈱岩国") == normalise_for_search("(株)岩国") == "株岩国"


def test_kanji_pass_through_unchanged() -> None:
    assert normalise_for_search("防災") == "防災"
    assert normalise_for_search("子育て") == "子育て"
    assert normalise_for_search("錦帯橋") == "錦帯橋"


def test_long_vowel_mark_is_kept_and_its_look_alikes_after_kana_become_it() -> None:
    expected = "せんたー"
    for typed in ("センター", "ｾﾝﾀｰ", "センタ-", "センタ－", "センタ‐", "センタ―", "センタ−"):
        assert normalise_for_search(typed) == expected, typed
    assert normalise_for_search("すごーーい") == "すごーーい"


def test_dashes_outside_kana_are_punctuation() -> None:
    assert normalise_for_search("1-2-3") == "123"
    assert normalise_for_search("１－２") == "12"
    assert normalise_for_search("1ー2") == "12"  # IME in kana mode turns - into ー
    assert normalise_for_search("Wi-Fi") == "wifi"
    assert normalise_for_search("サークル - ぴよぴよ") == "さーくるぴよぴよ"


@pytest.mark.parametrize("typed", ["千鳥ヶ丘", "千鳥ケ丘", "千鳥ヵ丘", "千鳥が丘", "千鳥か丘", "千鳥ｹ丘"])
def test_ke_variants_in_place_names_fold_together(typed: str) -> None:
    assert normalise_for_search(typed) == "千鳥が丘"


def test_ke_variants_in_counters_fold_together() -> None:
    assert same("3ヶ月", "3カ月", "3か月", "３ヵ月") == {"3が月"}
    assert same("三ヶ月", "三カ月", "三か月") == {"三が月"}


def test_ordinary_ke_and_ka_outside_kanji_stay_themselves() -> None:
    assert normalise_for_search("ケア") == "けあ"
    assert normalise_for_search("カフェ") == "かふぇ"
    assert normalise_for_search("認知症カフェ") == "認知症かふぇ"  # カ after kanji, not before
    assert normalise_for_search("ヶ丘") == "が丘"  # small ヶ has no other meaning


def test_small_kana_are_not_folded_so_yuu_never_matches_shuu() -> None:
    assert normalise_for_search("シュウトウ") == "しゅうとう"
    assert "ゆう" not in normalise_for_search("シュウトウ")
    assert "ゆう" not in normalise_for_search("コウリュウ")


def test_di_du_fold_to_ji_zu() -> None:
    assert normalise_for_search("イマヅ") == normalise_for_search("いまず") == "いまず"
    assert normalise_for_search("ちぢみ") == "ちじみ"


def test_iteration_marks_are_spelled_out() -> None:
    assert normalise_for_search("いすゞ") == "いすず"
    assert normalise_for_search("こゝろ") == "こころ"
    assert normalise_for_search("バヽ") == "ばは"  # ヽ repeats unvoiced
    assert normalise_for_search("人々") == "人々"  # 々 is how the IME writes it; left alone


def test_spelling_variants_fold_together() -> None:
    assert len(same("子ども", "子供", "こども", "コドモ")) == 1
    assert len(same("障害者", "障がい者", "障碍者")) == 1
    assert len(same("まちづくり", "町づくり", "街づくり", "まち作り", "町作り", "まちずくり")) == 1
    assert len(same("NPO法人", "ＮＰＯ法人", "特定非営利活動法人", "npo法人")) == 1


def test_old_kanji_forms_fold_to_modern() -> None:
    assert normalise_for_search("山﨑") == "山崎"
    assert normalise_for_search("髙橋") == "高橋"
    assert normalise_for_search("岩國") == "岩国"


def test_mixed_kanji_and_kana() -> None:
    assert normalise_for_search("いわくに子育て応援ひろば") == "いわくに子育て応援ひろば"
    assert normalise_for_search("イワクニ子育テ") == "いわくに子育て"
    assert normalise_for_search("周東スポーツ少年団") == "周東すぽーつ少年団"


def test_normalising_twice_changes_nothing() -> None:
    for text in ("ﾎﾞｳｻｲ", "千鳥ケ丘", "子供食堂", "センタ－", "いすゞ", "IWAKUNI ITサポート"):
        once = normalise_for_search(text)
        assert normalise_for_search(once) == once


def test_empty_and_blank_text() -> None:
    assert normalise_for_search("") == ""
    assert normalise_for_search(" \u3000・") == ""


# --- search_terms --------------------------------------------------------------------------------


def test_terms_split_on_any_space_and_middle_dots() -> None:
    assert search_terms("自治会 玖珂") == ["自治会", "玖珂"]
    assert search_terms("こども\u3000食堂") == ["こども", "食堂"]
    assert search_terms("防災・防犯") == ["防災", "防犯"]
    assert search_terms("IT･デジタル") == ["it", "でじたる"]


def test_terms_drop_empties_and_repeats() -> None:
    assert search_terms("  防災  ぼうさい 防災 「」 ") == ["防災", "ぼうさい"]
    assert search_terms("") == []


# --- grams ---------------------------------------------------------------------------------------


def test_bigrams_of_a_two_character_word_is_the_word() -> None:
    assert search_bigrams("防災") == {"防災"}


def test_bigrams_of_a_single_character_is_itself() -> None:
    assert search_bigrams("錦") == {"錦"}


def test_bigrams_of_longer_text() -> None:
    assert search_bigrams("子育て") == {"子育", "育て"}
    assert search_bigrams("ぼうさい") == {"ぼう", "うさ", "さい"}
    assert search_bigrams("") == set()


def test_bigrams_never_span_fields() -> None:
    grams = search_bigrams(FIELD_SEPARATOR.join(["防災", "ぼうさい"]))
    assert grams == {"防災", "ぼう", "うさ", "さい"}


def test_a_term_found_in_a_document_has_all_its_bigrams_indexed() -> None:
    document = [normalise_for_search(t) for t in ("岩国防災ネットワーク", "イワクニボウサイネットワーク")]
    grams = index_grams(*document)
    for query in ("防災", "ぼうさい", "いわくにぼうさい", "ねっとわーく", "国防"):
        assert search_bigrams(normalise_for_search(query)) <= grams, query


def test_index_grams_let_every_character_start_a_gram() -> None:
    grams = index_grams("錦町", "あ")
    assert grams == {"錦町", "町", "あ"}
    for char in "錦町あ":
        assert any(gram.startswith(char) for gram in grams)


# --- rank_key ------------------------------------------------------------------------------------


def key(query: str, name: str, kana: str, description: str = ""):
    return rank_key(
        search_terms(query),
        normalise_for_search(name),
        normalise_for_search(kana),
        normalise_for_search(description),
    )


def test_tiers() -> None:
    assert key("由宇防災士会", "由宇防災士会", "ユウボウサイシカイ").tier is MatchTier.EXACT
    assert key("ゆうぼうさいしかい", "由宇防災士会", "ユウボウサイシカイ").tier is MatchTier.EXACT
    assert key("由宇", "由宇防災士会", "ユウボウサイシカイ").tier is MatchTier.PREFIX
    assert key("ゆう", "由宇防災士会", "ユウボウサイシカイ").tier is MatchTier.PREFIX
    assert key("防災", "由宇防災士会", "ユウボウサイシカイ").tier is MatchTier.SUBSTRING
    assert key("訓練", "由宇防災士会", "ユウボウサイシカイ", "訓練を手伝う").tier is MatchTier.DESCRIPTION
    assert key("子育", "由宇防災士会", "ユウボウサイシカイ", "訓練").tier is MatchTier.NONE


def test_tiers_sort_best_first() -> None:
    keys = [
        key("防災", "防災ネット", "ボウサイネット"),
        key("防災", "防災", "ボウサイ"),
        key("防災", "岩国の会", "イワクニノカイ", "防災訓練"),
        key("防災", "由宇防災士会", "ユウボウサイシカイ"),
    ]
    assert [k.tier for k in sorted(keys)] == [
        MatchTier.EXACT,
        MatchTier.PREFIX,
        MatchTier.SUBSTRING,
        MatchTier.DESCRIPTION,
    ]


def test_legal_form_is_ignored_for_exact_and_prefix() -> None:
    name, kana = "NPO法人 いわくに子育て応援ひろば", "イワクニコソダテオウエンヒロバ"
    assert key("いわくに子育て応援ひろば", name, kana).tier is MatchTier.EXACT
    assert key("いわくに子育て", name, kana).tier is MatchTier.PREFIX
    assert key("周東運輸", "周東運輸株式会社", "シュウトウウンユ").tier is MatchTier.EXACT


def test_several_terms_rank_by_the_weakest_unless_the_whole_query_matches() -> None:
    assert key("子ども 食堂", "子ども食堂", "コドモショクドウ").tier is MatchTier.EXACT
    both_in_name = key("自治会 玖珂", "玖珂町上市自治会", "クガマチカミイチジチカイ")
    one_in_description = key("自治会 玖珂", "野口自治会", "ノグチジチカイ", "玖珂町野口の自治会")
    assert both_in_name.tier is MatchTier.SUBSTRING
    assert one_in_description.tier is MatchTier.DESCRIPTION
    assert both_in_name < one_in_description
    assert key("自治会 錦", "野口自治会", "ノグチジチカイ").tier is MatchTier.NONE


def test_within_a_tier_fewer_description_only_terms_rank_first() -> None:
    name_and_description = key("高齢者 見守り", "美川地域見守り隊", "ミカワチイキミマモリタイ", "高齢者の訪問")
    description_only = key("高齢者 見守り", "室の木町自治会", "ムロノキチョウジチカイ", "高齢者の見守り")
    assert name_and_description.tier == description_only.tier == MatchTier.DESCRIPTION
    assert name_and_description < description_only


def test_rank_key_accepts_a_single_normalised_string() -> None:
    assert rank_key("ぼうさい", "由宇防災士会", "ゆうぼうさいしかい", "").tier is MatchTier.SUBSTRING


# --- the query table against the demo organisations, by the reference matcher ------------------


def load_demo_documents() -> list[tuple[str, str, str, str]]:
    organisations = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["organisations"]
    return [
        (
            org["name"],
            normalise_for_search(org["name"]),
            normalise_for_search(org["kana"]),
            normalise_for_search(org["description"]),
        )
        for org in organisations
    ]


DOCUMENTS = load_demo_documents()


def reference_search(query: str) -> list[str]:
    """Every term a substring of the name, reading or description; best rank first."""
    terms = search_terms(query)
    hits = [
        (rank_key(terms, name, kana, description), display)
        for display, name, kana, description in DOCUMENTS
        if terms and all(any(term in field for field in (name, kana, description)) for term in terms)
    ]
    return [display for _, display in sorted(hits)]


def test_query_table_is_big_enough_and_names_real_organisations() -> None:
    names = {display for display, *_ in DOCUMENTS}
    assert len(SEARCH_QUERIES) >= 40
    assert len({row["query"] for row in SEARCH_QUERIES}) == len(SEARCH_QUERIES)
    for row in SEARCH_QUERIES:
        assert row["expected"] and row["why"], row["query"]
        mentioned = row["expected"] | row.get("must_not", set()) | {row.get("expected_first")} - {None}
        assert mentioned <= names, (row["query"], mentioned - names)


@pytest.mark.parametrize("row", SEARCH_QUERIES, ids=[row["query"] for row in SEARCH_QUERIES])
def test_query_table_by_reference_matcher(row: dict) -> None:
    hits = reference_search(row["query"])
    assert row["expected"] <= set(hits), row["expected"] - set(hits)
    assert not row.get("must_not", set()) & set(hits)
    if "expected_first" in row:
        assert hits[0] == row["expected_first"], hits[:3]


@pytest.mark.parametrize("row", SEARCH_QUERIES, ids=[row["query"] for row in SEARCH_QUERIES])
def test_bigram_index_never_loses_a_reference_hit(row: dict) -> None:
    """The n-gram prefilter a database uses must keep every hit the reference matcher finds."""
    terms = search_terms(row["query"])
    for display, name, kana, description in DOCUMENTS:
        if display not in reference_search(row["query"]):
            continue
        grams = index_grams(name, kana, description)
        for term in terms:
            if len(term) == 1:
                assert any(gram.startswith(term) for gram in grams)
            else:
                assert search_bigrams(term) <= grams, (display, term)


# --- properties over text people actually type ------------------------------------------------

TYPED_ALPHABET = (
    "あいうえおかがきけこさしすぜそただちぢつづてどなにのはばぱまみもやゃゆゅよょらりるれろわをん"
    "アイウエオカガキケコサシスセソタダチヂツヅテトナニヌネノハバパマミムメモヤャユュヨョラリルレロワヲンヴヵヶー"
    "ｱｲｳｶｷｸｹｺｻｼｽﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｰﾞﾟ"
    "防災子育供ども食堂自治会町内千鳥丘緑障害碍作街玖珂由宇岩国錦周東美川和本郷々ゝゞヽヾ"
    "ABCNPOitabc0123ＡＢＣＮＰＯ０１２３"
    " \u3000\t・･-－‐―−~〜「」（）()、。!?★♪゛゜"
)
typed_text = st.text(alphabet=TYPED_ALPHABET, max_size=30)


@settings(max_examples=400, deadline=None)
@given(typed_text)
def test_normalising_is_stable(text: str) -> None:
    once = normalise_for_search(text)
    assert normalise_for_search(once) == once
    assert not any(char.isspace() for char in once)


@settings(max_examples=400, deadline=None)
@given(typed_text, typed_text)
def test_a_space_between_words_changes_nothing_but_a_dash_next_to_it(left: str, right: str) -> None:
    if any(char in left[-1:] + right[:1] for char in "-－‐―−ーｰ゛゜ﾞﾟ"):
        return  # a dash or a voiced mark belongs to what it follows
    assert normalise_for_search(left + " " + right) == normalise_for_search(left + right)
