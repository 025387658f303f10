"""Registry's codes (what a field may hold), shared by its contract and its domain."""

# --- organisations ----------------------------------------------------------------------------
KINDS = ("citizen_group", "npo", "general_incorporated_association", "neighbourhood_association",
         "regional_group", "business", "school", "other")
STATUSES = ("pending", "verified", "rejected")
LEGAL_FORMS = ("none", "npo_corporation", "general_incorporated_association",
               "general_incorporated_foundation", "public_interest_corporation",
               "social_welfare_corporation", "authorised_neighbourhood_association",
               "stock_company", "limited_liability_company", "cooperative", "school_corporation",
               "other")
CONTACT_CHANNELS = ("email", "phone", "fax", "postal_address", "website", "sns", "other")
# public: everyone; members: keys of registered organisations and partners (会員のみ) and
# operators; operators: operators only. The organisation's own key always sees its own.
VISIBILITIES = ("public", "members", "operators")

# --- facilities and bookings ------------------------------------------------------------------
BOOKING_STATUSES = ("requested", "confirmed", "declined", "cancelled")

# --- neighbourhood associations: the two household figures ------------------------------------
HOUSEHOLDS_IN_AREA = "households_in_area"
MEMBER_HOUSEHOLDS = "member_households"

# --- consultations ----------------------------------------------------------------------------
CONSULTATION_CHANNELS = ("counter", "phone", "email", "online")  # 窓口/電話/メール/オンライン
CONSULTATION_TOPICS = ("founding", "management", "funding", "volunteers", "publicity",
                       "partnership", "facility", "legal_accounting", "digital", "events", "other")
CONSULTATION_STATUSES = ("open", "in_progress", "referred", "resolved", "closed")

# --- networks ---------------------------------------------------------------------------------
TIE_KINDS = ("member_of", "partner_of")  # a member of a network/council; partners
MAX_DEPTH = 2  # how far a network reaches, in ties

# --- rosters ----------------------------------------------------------------------------------
ROSTER_ROLES = ("officer", "member")

# --- labels people read (the vocabularies route) ----------------------------------------------
KIND_LABELS = {
    "citizen_group": ("市民活動団体", "Citizen group"),
    "npo": ("NPO法人", "NPO"),
    "general_incorporated_association": ("一般社団法人", "General incorporated association"),
    "neighbourhood_association": ("自治会・町内会", "Neighbourhood association"),
    "regional_group": ("地域団体", "Regional group"),
    "business": ("事業者", "Business"),
    "school": ("学校", "School"),
    "other": ("その他", "Other"),
}
