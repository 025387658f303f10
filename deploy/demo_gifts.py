"""Demo gifts through the public API: every business records what one of its offers gave (goods at
their market price, money as the amount given, a venue at its fee, expertise or staff time at an
hourly rate), answering a need and reaching some people, so each partner's CSR ledger shows
gifts. `call(method, path, body=None)` is the operator's authenticated call (demo_api)."""
import random

# What a gift of each kind is worth on its stated basis, per unit offered.
BASIS_AND_YEN_PER_UNIT = {"money": ("amount_given", 1), "goods": ("market_price", 300),
                          "venue": ("venue_fee", 500), "expertise": ("hourly_rate", 5000),
                          "staff_time": ("hourly_rate", 8000)}
# Staff time is what the staff's own matches show; a gift of another kind is chosen first.
PREFERRED = ("goods", "money", "venue", "expertise", "staff_time")


def give_gifts(call, business_ids: list[str], seed: int = 2026) -> int:
    rng = random.Random(seed)
    needs = call("GET", "/needs?limit=200")["items"]
    given = 0
    for business_id in business_ids:
        offers = [o for o in call("GET", f"/offers?organisation_id={business_id}&limit=200")["items"]
                  if o["status"] == "open"]
        if not offers:
            continue
        offer = min(offers, key=lambda o: PREFERRED.index(o["kind"]))
        basis, yen_per_unit = BASIS_AND_YEN_PER_UNIT[offer["kind"]]
        quantity = offer["quantity"] if offer["kind"] == "money" else max(1, round(offer["quantity"] * 0.8))
        body = {"quantity": quantity, "value_yen": int(quantity * yen_per_unit), "value_basis": basis,
                "people_reached": rng.randint(10, 120)}
        if needs:
            body["need_id"] = rng.choice(needs)["id"]
        call("POST", f"/offers/{offer['id']}/fulfilment", body)
        given += 1
    return given
