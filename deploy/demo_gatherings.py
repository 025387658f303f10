"""Demo workshops, courses, talks and exchange meetings of the support center (市民活動支援センター)
for a year in Iwakuni's eight regions, and the city's own community grant programmes — through the
public API like every demo loader: rooms are booked through registry and confirmed, then the
gatherings are created on those bookings.
"""
from datetime import date, datetime, time, timedelta, timezone

from deploy.demo_api import DemoApi, when_known

JST = timezone(timedelta(hours=9))
REGIONS = ("iwakuni", "yu", "kuga", "hongo", "shuto", "nishiki", "mikawa", "miwa")
SUPPORT_CENTER = {"name": "岩国市市民活動支援センター", "name_kana": "いわくにししみんかつどうしえんせんたー",
                  "kind": "npo", "region": "iwakuni", "fields": ["community_development"],
                  "description": "市民活動の相談・講座・交流会を行う中間支援の拠点です。", "founded_year": 2006}
# One of these a month, in turn across the regions (title, kind, fields, capacity).
MONTHLY = (("はじめての市民活動講座", "course", ["community_development"], 20),
           ("地域の防災ワークショップ", "workshop", ["disaster_prevention"], 30),
           ("子ども食堂の始め方講座", "talk", ["childcare", "welfare"], 25),
           ("団体の会計・助成金申請セミナー", "course", ["community_development"], 20),
           ("高齢者の見守り活動を考える", "workshop", ["welfare"], 25),
           ("SNSで伝える団体の活動", "workshop", ["community_development"], 15))
EXCHANGE_MEETING = ("登録団体交流会", "exchange_meeting", ["community_development"], 60)
ONLINE_TALK = ("オンライン おしゃべり会「若者と地域活動」", "talk", ["education"], 40)
GRANTS = (
    {"programme": "岩国市協働のまちづくり事業補助金", "title": "協働のまちづくり事業（一般枠）",
     "amount_min_yen": 50_000, "amount_max_yen": 300_000, "opens_in": 0, "days": 30,
     "eligibility": {"kinds": ["citizen_group", "npo", "regional_group", "neighbourhood_association"],
                     "min_years_active": 1}},
    {"programme": "中山間地域づくり活動支援事業", "title": "中山間地域の地域づくり活動",
     "amount_min_yen": 30_000, "amount_max_yen": 200_000, "opens_in": 20, "days": 45,
     "eligibility": {"regions": ["hongo", "shuto", "nishiki", "mikawa", "miwa"]}},
    {"programme": "市民活動団体 立ち上げ応援補助金", "title": "新しく活動を始める団体へ",
     "amount_min_yen": 10_000, "amount_max_yen": 100_000, "opens_in": 90, "days": 60,
     "eligibility": {"kinds": ["citizen_group"]}},
    {"programme": "NPO法人 組織基盤強化助成", "title": "NPO法人の組織づくり",
     "amount_min_yen": 100_000, "amount_max_yen": 500_000, "opens_in": 150, "days": 30,
     "eligibility": {"legal_forms": ["npo_corporation"], "min_years_active": 3}},
)


def _saturdays(start: date, months: int) -> list[date]:
    """The second Saturday of each month after `start`."""
    found, year, month = [], start.year, start.month
    for _ in range(months):
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
        first = date(year, month, 1)
        found.append(first + timedelta(days=(5 - first.weekday()) % 7 + 7))
    return found


def _at(day: date, hour: int) -> str:
    return datetime.combine(day, time(hour), JST).isoformat()


def _rooms(api: DemoApi) -> dict[str, dict]:
    """The largest room of the first facility in each region."""
    rooms = {}
    for region in REGIONS:
        facilities = api.call("GET", f"/facilities?region={region}")["items"]
        if facilities:
            rooms[region] = max(facilities[0]["rooms"], key=lambda r: r["capacity"])
    return rooms


def _in_room(api: DemoApi, organiser: str, room: dict, day: date, plan: tuple, region: str) -> None:
    title, kind, fields, wanted = plan
    capacity = min(wanted, room["capacity"])
    booking = api.call("POST", "/bookings", {"room_id": room["id"], "organisation_id": organiser,
                                              "starts_at": _at(day, 10), "ends_at": _at(day, 12),
                                              "attendees": capacity, "purpose": title})
    api.call("POST", f"/bookings/{booking['id']}/confirm")
    when_known(lambda: api.call("POST", "/gatherings", {
        "organiser_id": organiser, "title": title, "kind": kind, "starts_at": _at(day, 10),
        "ends_at": _at(day, 12), "capacity": capacity, "booking_ids": [booking["id"]],
        "target_regions": [region], "target_fields": fields}))


def _load_gatherings(api: DemoApi, organiser: str, today: date) -> int:
    rooms, count = _rooms(api), 0
    for index, day in enumerate(_saturdays(today, 12)):
        region = REGIONS[index % len(REGIONS)]
        if region in rooms:
            _in_room(api, organiser, rooms[region], day, MONTHLY[index % len(MONTHLY)], region)
            count += 1
        if index % 3 == 1 and "iwakuni" in rooms:  # the exchange meeting, once a quarter, a week later
            _in_room(api, organiser, rooms["iwakuni"], day + timedelta(days=7), EXCHANGE_MEETING, "iwakuni")
            count += 1
        if index % 2 == 0:  # an online talk every other month, in the evening
            title, kind, fields, capacity = ONLINE_TALK
            api.call("POST", "/gatherings", {
                "organiser_id": organiser, "title": title, "kind": kind, "starts_at": _at(day, 19),
                "ends_at": _at(day, 20), "capacity": capacity, "online_url": "https://meet.example.jp/kyodo-talk",
                "target_age_bands": ["10代", "20代"], "target_fields": fields})
            count += 1
    return count


def _load_grants(api: DemoApi, today: date) -> int:
    for grant in GRANTS:
        opens_on = today + timedelta(days=grant["opens_in"])
        api.call("POST", "/funding-opportunities", {
            "funder": "岩国市", "programme": grant["programme"], "title": grant["title"],
            "description": "詳しくは募集要項をご覧ください。", "amount_min_yen": grant["amount_min_yen"],
            "amount_max_yen": grant["amount_max_yen"], "opens_on": opens_on.isoformat(),
            "closes_on": (opens_on + timedelta(days=grant["days"])).isoformat(), "eligibility": grant["eligibility"],
            "links": ["https://www.city.iwakuni.lg.jp/"]})
    return len(GRANTS)


def load_gatherings_demo(api: DemoApi, today: date | None = None) -> str:
    today = today or date.today()
    organiser = api.call("POST", "/organisations", SUPPORT_CENTER)["id"]
    gatherings = _load_gatherings(api, organiser, today)
    grants = _load_grants(api, today)
    return f"{gatherings} workshops, courses, talks and exchange meetings; {grants} grant programmes"
