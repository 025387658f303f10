"""Which SDGs an activity field serves. Matching tags offers and needs with the city profile's
activity fields; reports rolls them up to the 17 goals with this table (one place to change it).
"""

SDG_NAMES = {
    1: "貧困をなくそう", 2: "飢餓をゼロに", 3: "すべての人に健康と福祉を", 4: "質の高い教育をみんなに",
    5: "ジェンダー平等を実現しよう", 6: "安全な水とトイレを世界中に", 7: "エネルギーをみんなに そしてクリーンに",
    8: "働きがいも経済成長も", 9: "産業と技術革新の基盤をつくろう", 10: "人や国の不平等をなくそう",
    11: "住み続けられるまちづくりを", 12: "つくる責任 つかう責任", 13: "気候変動に具体的な対策を",
    14: "海の豊かさを守ろう", 15: "陸の豊かさも守ろう", 16: "平和と公正をすべての人に",
    17: "パートナーシップで目標を達成しよう",
}

FIELD_GOALS = {
    "welfare": (1, 3, 10), "childcare": (3, 4, 5), "education": (4,), "environment": (13, 14, 15),
    "disaster_prevention": (11, 13), "community_development": (11, 17), "culture_arts": (4, 11),
    "sports": (3,), "international": (10, 17), "health_medical": (3,), "tourism": (8, 11),
    "intergenerational": (4, 11), "gender_equality": (5,), "human_rights": (10, 16),
    "agriculture_forestry_fisheries": (2, 12, 15), "it_digital": (9,), "elderly_support": (3, 10),
    "disability_support": (10,),
}


def goals_for(activity_fields) -> list[int]:
    """The sorted goals the fields serve; every collaboration also serves goal 17."""
    goals = {17}
    for code in activity_fields:
        goals.update(FIELD_GOALS.get(code, ()))
    return sorted(goals)
