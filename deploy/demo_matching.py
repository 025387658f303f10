"""Matching demo data through the public API: ~300 talents across ages and regions, ~80 needs,
and matches in every state of the lifecycle. `call(method, path, body=None, key=None)` is an
authenticated HTTP call (operator key unless `key` is given) that returns the parsed JSON body
and raises on an error status. It also registers a few businesses (partners) for ~15 CSR offers,
and their staff complete matches so each business has a CSR ledger."""
import random
import time
from datetime import date, timedelta

from deploy.demo_api import when_known

REGIONS = ("iwakuni", "yu", "kuga", "hongo", "shuto", "nishiki", "mikawa", "miwa")
# Weighted like a real city: more people in the centre, fewer in the hills.
REGION_WEIGHTS = (40, 8, 10, 2, 14, 3, 3, 4)
AGE_BANDS = ("10代", "20代", "30代", "40代", "50代", "60代", "70代以上")
AGE_WEIGHTS = (6, 10, 12, 15, 17, 22, 18)
FIELDS = ("welfare", "childcare", "education", "environment", "disaster_prevention",
          "community_development", "culture_arts", "sports", "it_digital", "elderly_support")
SKILLS = ("first_aid", "cooking", "driving", "it_support", "web_design", "teaching", "childcare",
          "carpentry", "translation_en", "accounting", "event_planning", "photography")
BANDS = ("morning", "afternoon", "evening")
NEEDS = (
    ("防災訓練の受付ボランティア", "volunteer_shift", "disaster_prevention", {"first_aid": 1}),
    ("子ども食堂の調理スタッフ", "volunteer_shift", "childcare", {"cooking": 2}),
    ("ホームページ更新のお手伝い（プロボノ）", "skilled_task", "it_digital", {"web_design": 3}),
    ("夏祭りの設営・撤収", "event_helper", "community_development", {}),
    ("高齢者向けスマホ教室の講師", "lecturer_dispatch", "elderly_support", {"teaching": 3, "it_support": 2}),
    ("外国人住民向け通訳", "skilled_task", "international", {"translation_en": 3}),
    ("見守り訪問の同行", "volunteer_shift", "welfare", {}),
    ("会計書類の整理（プロボノ）", "skilled_task", "community_development", {"accounting": 3}),
    ("川の清掃活動", "event_helper", "environment", {}),
    ("放課後学習支援", "volunteer_shift", "education", {"teaching": 1}),
)


BUSINESSES = (("岩国みらい建設株式会社", "いわくにみらいけんせつ", "iwakuni"),
              ("玖珂フーズ株式会社", "くがふーず", "kuga"),
              ("周東テック合同会社", "しゅうとうてっく", "shuto"),
              ("錦川信用金庫", "にしきがわしんようきんこ", "nishiki"),
              ("由宇ホテル株式会社", "ゆうほてる", "yu"))
OFFERS = (
    ("staff_time", "社員ボランティアの派遣", {"carpentry": 3, "driving": 2}, 6, "人"),
    ("goods", "食材の提供（子ども食堂向け）", {}, 50, "食"),
    ("money", "地域活動への寄付", {}, 300000, "円"),
    ("venue", "会議室の無償貸出", {}, 40, "人"),
    ("expertise", "IT・ホームページの専門支援", {"web_design": 4, "it_support": 4}, 20, "時間"),
)


def _offer(rng: random.Random, index: int, today: date) -> dict:
    kind, title, skills, quantity, unit = OFFERS[index % len(OFFERS)]
    starts = today + timedelta(days=rng.randint(0, 10))
    return {"kind": kind, "title": title, "skills": skills, "fields": rng.sample(FIELDS, 2),
            "quantity": quantity, "unit": unit, "regions": sorted(set(rng.sample(REGIONS, 3))),
            "online": kind == "expertise", "starts": starts.isoformat(),
            "ends": (starts + timedelta(days=rng.randint(60, 180))).isoformat()}


def _talent(rng: random.Random) -> dict:
    home = rng.choices(REGIONS, REGION_WEIGHTS)[0]
    band = rng.choices(AGE_BANDS, AGE_WEIGHTS)[0]
    skills = {s: rng.randint(1, 5) for s in rng.sample(SKILLS, rng.randint(1, 4))}
    slots = {(rng.randrange(7), rng.choice(BANDS)) for _ in range(rng.randint(2, 7))}
    return {"age_band": band, "skills": skills, "interests": rng.sample(FIELDS, rng.randint(1, 3)),
            "regions": sorted({home, *rng.sample(REGIONS, rng.randint(0, 2))}), "home_region": home,
            "online": rng.random() < 0.4, "first_timer": rng.random() < 0.3,
            "weekly_availability": [{"weekday": d, "band": b} for d, b in sorted(slots)],
            "max_hours_per_month": float(rng.choice((4, 8, 12, 20, 30))),
            "origin": rng.choices(("citizen", "outside", "business_staff"), (80, 15, 5))[0],
            "languages": ["ja", "en"] if rng.random() < 0.15 else ["ja"],
            "contact": {"email": f"talent{rng.randrange(10**6)}@example.jp", "phone": None}}


def _need(rng: random.Random, index: int, organisation_id: str, today: date) -> dict:
    title, kind, field, required = NEEDS[index % len(NEEDS)]
    body = {"organisation_id": organisation_id, "title": title, "kind": kind, "slots": rng.randint(1, 6),
            "fields": [field], "required_skills": required, "youth_friendly": rng.random() < 0.3,
            "first_step": not required and rng.random() < 0.5, "online": kind == "skilled_task",
            "region": rng.choices(REGIONS, REGION_WEIGHTS)[0]}
    shape = index % 3
    if shape == 0:
        start = today + timedelta(days=rng.randint(7, 40))
        body["schedule"] = {"dates": [{"on": (start + timedelta(days=7 * k)).isoformat(),
                                       "band": rng.choice(BANDS), "hours": 3} for k in range(rng.randint(1, 3))]}
    elif shape == 1:
        start = today + timedelta(days=rng.randint(1, 14))
        body["schedule"] = {"weekly": {"weekday": rng.randrange(7), "band": rng.choice(BANDS), "hours": 2,
                                       "starts": start.isoformat(), "ends": (start + timedelta(days=90)).isoformat()}}
    else:
        body["effort_hours"] = float(rng.choice((2, 4, 6)))
    return body


WITH_STAFF = ("staff_time", "expertise")
STAFF_PER_OFFER = 2


def _staff(rng: random.Random, offer_id: str) -> dict:
    """A business's staff member offered through its CSR offer: free for any region, online too,
    so the demo can walk them through a whole match."""
    skills = {s: rng.randint(3, 5) for s in rng.sample(SKILLS, 3)}
    return {"age_band": rng.choice(("20代", "30代", "40代", "50代")), "skills": skills,
            "interests": rng.sample(FIELDS, 2), "regions": list(REGIONS), "home_region": "iwakuni",
            "online": True, "first_timer": False, "max_hours_per_month": 30.0,
            "weekly_availability": [{"weekday": d, "band": b} for d in range(7) for b in BANDS],
            "origin": "business_staff", "offer_id": offer_id, "languages": ["ja"],
            "contact": {"email": f"staff{rng.randrange(10**6)}@example.co.jp", "phone": None}}


def _complete_staff_matches(call, rng: random.Random, offers: list[tuple[str, str]],
                            need_ids: list[str]) -> int:
    """Staff of the businesses' staff-time and expertise offers each complete one match, so every
    such business has approved hours in its CSR ledger."""
    completed = 0
    for offer_id, kind in offers:
        if kind not in WITH_STAFF:
            continue
        for _ in range(STAFF_PER_OFFER):
            talent_id = call("POST", "/talents", _staff(rng, offer_id))["id"]
            for need_id in rng.sample(need_ids, len(need_ids)):
                try:  # an unfitting or full need refuses the proposal: try the next one
                    match = call("POST", "/matches", {"need_id": need_id, "talent_id": talent_id})
                    path = f"/matches/{match['id']}"
                    if call("POST", f"{path}/accept")["status"] != "accepted":
                        call("POST", f"{path}/withdraw")
                        continue
                except RuntimeError:
                    continue
                call("POST", f"{path}/confirm")
                call("POST", f"{path}/hours", {"hours": float(rng.choice((2, 3, 4, 6)))})
                call("POST", f"{path}/approve")
                completed += 1
                break
    return completed


def load_matching_demo(call, organisation_ids: list[str], talents: int = 300, needs: int = 80,
                       seed: int = 2026) -> str:
    started = time.monotonic()
    rng = random.Random(seed)
    today = date.today()
    talent_ids = [call("POST", "/talents", _talent(rng))["id"] for _ in range(talents)]
    need_ids = []
    for index in range(needs):
        body = _need(rng, index, organisation_ids[index % len(organisation_ids)], today)
        need_ids.append(when_known(lambda: call("POST", "/needs", body))["id"])
    business_ids = [call("POST", "/organisations", {
        "name": name, "name_kana": kana, "kind": "business", "region": region, "fields": ["community_development"],
        "description": "地域貢献に取り組む事業者です。"})["id"] for name, kana, region in BUSINESSES]
    offer_ids, offer_kinds = [], []
    for index in range(15):
        # every business posts offers of more than one kind, staff time among them for most
        body = {**_offer(rng, index, today),
                "organisation_id": business_ids[(index + index // len(business_ids)) % len(business_ids)]}
        offer_ids.append(when_known(lambda: call("POST", "/offers", body))["id"])
        offer_kinds.append(body["kind"])
    states: dict[str, int] = {}
    talent_keys: dict[str, str] = {}
    # The optimal batch assignment proposes matches; then every lifecycle state is walked to.
    proposals = call("POST", "/matching/assign", {"need_ids": need_ids[:40]})["proposals"]
    steps = ("proposed", "accepted", "confirmed", "completed", "declined", "withdrawn", "expired", "feedback")
    for index, proposal in enumerate(proposals):
        target, match_id = steps[index % len(steps)], proposal["id"]
        path = f"/matches/{match_id}"
        if target in ("accepted", "confirmed", "completed", "withdrawn", "feedback"):
            call("POST", f"{path}/accept")
        if target in ("confirmed", "completed", "feedback"):
            call("POST", f"{path}/confirm")
        if target in ("completed", "feedback"):
            call("POST", f"{path}/hours", {"hours": float(rng.choice((2, 3, 4)))})
            call("POST", f"{path}/approve")
        if target == "feedback":
            talent_id = proposal["talent_id"]  # one key per person: a holder has at most two
            if talent_id not in talent_keys:
                talent_keys[talent_id] = call("POST", "/api-keys", {
                    "role": "citizen", "subject_id": talent_id, "label": "demo talent"})["key"]
            key = talent_keys[talent_id]
            call("POST", f"{path}/feedback", {"rating": rng.randint(3, 5), "comment": "ありがとうございました"}, key)
        if target == "declined":
            call("POST", f"{path}/decline")
        if target == "withdrawn":
            call("POST", f"{path}/withdraw")
        states[target] = states.get(target, 0) + 1
    call("POST", "/matching/expire", {"older_than_days": 0})  # unanswered proposals expire
    states["expired"] = states.pop("proposed", 0) + states.get("expired", 0)
    # Talents are invited to small needs until they fill and a waitlist forms; a few stay proposed.
    waitlisted = 0
    for need_id in need_ids[40:]:
        candidates = call("GET", f"/needs/{need_id}/candidates?limit=3")["items"]
        if len(candidates) < 2:
            continue
        for candidate in candidates:
            match = call("POST", "/matches", {"need_id": need_id, "talent_id": candidate["talent_id"]})
            if call("POST", f"/matches/{match['id']}/accept")["status"] == "waitlisted":
                waitlisted += 1
        if waitlisted >= 3:
            break
    states["waitlisted"] = waitlisted
    left_open = 0
    for need_id in need_ids[60:]:
        for candidate in call("GET", f"/needs/{need_id}/candidates?limit=1")["items"]:
            call("POST", "/matches", {"need_id": need_id, "talent_id": candidate["talent_id"]})
            left_open += 1
        if left_open >= 5:
            break
    states["proposed"] = left_open
    staff_completed = _complete_staff_matches(call, rng, list(zip(offer_ids, offer_kinds)),
                                              need_ids)
    elapsed = time.monotonic() - started
    summary = ", ".join(f"{k} {v}" for k, v in sorted(states.items()))
    return (f"matching demo: {len(talent_ids)} talents, {len(need_ids)} needs, {len(offer_ids)} CSR offers "
            f"from {len(business_ids)} businesses, {len(proposals)} proposals "
            f"({summary}), {staff_completed} completed by business staff "
            f"in {elapsed:.1f} s / マッチングのデモデータを登録しました")
