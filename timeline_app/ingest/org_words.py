"""The words the organisation rules read names by: head nouns that say what kind of body a
name is ("Commission", "Airlines"), short forms that point back to one ("the company"),
roles that make a name a person's ("chief executive"), and capitalised words that are no
names ("Monday", "However"). Kept apart from the rules (organisations.py) so each stays
readable; a word added here is a word every rule knows.
"""

from __future__ import annotations

# Heads that end a company's name ("Tamsford Water") but never stand for one alone: "the
# state-owned rail operator" is an operator, not a "rail"; "the works" are no company.
_NAME_ONLY_COMPANY = (
    "water gas electric electricity rail trains works glassworks ironworks mills textiles "
    "industri industrie industria engineering construction shipping cycles bicycles "
    "aggregates cosmetics medical lines paper cloud creamery mobile air hotels resorts "
    "hospitality digital trading homes estates properties developments farms bakery bakeries "
    "pharmacy pharmacies brewing distillers wines beverages drinks tobacco minerals metals "
    "resources petroleum renewables solar transport transit freight aviation defence defense "
    "consulting advisory associates analytics payments finance financial credit health "
    "healthcare diagnostics vaccines biologics genomics publishing records pictures films "
    "apparel clothing toys research storage warehousing coachworks"
)
# Head nouns: the kind of body a name with this last (or first, "Ministry of …") word is.
HEAD_WORDS = {
    "company": (
        "inc inc. corp corp. corporation co co. ltd ltd. limited llc plc ag se gmbh group "
        "holdings company companies industries technologies technology systems labs "
        "laboratories pharmaceuticals pharma energy motors airlines airways robotics "
        "software electronics semiconductor semiconductors networks communications telecom "
        "partners capital ventures bank bancorp insurance reinsurance assurance foods retail "
        "stores brands mobility games studios logistics services groep gruppe groupe grupo biotech "
        "therapeutics devices solutions dynamics microelectronics "
        "automotive aerospace mining chemicals steel power utilities railways mutual securities "
        "management investments advisers advisors products asa as ab oyj nv bv spa sarl "
        "brewery breweries distillery shipyard shipyards foundry dairy dairies studio "
        + _NAME_ONLY_COMPANY
    ),
    "government": (
        "commission ministry department agency authority administration bureau office "
        "government cabinet police regulator directorate inspectorate treasury secretariat "
        "service council municipality prefecture mayoralty registry registrar constabulary"
    ),
    "court": ("court tribunal judiciary"),
    "legislature": ("parliament senate congress assembly legislature house bundestag diet"),
    "media": (
        "times post news journal herald gazette tribune telegraph guardian press courier "
        "chronicle observer "
        "broadcasting radio television tv media"
    ),
    "organisation": (
        "union association federation institute university college foundation trust "
        "organization organisation society alliance coalition party league fund network "
        "committee board consortium centre center watchdog campaign cooperative co-operative "
        "coop co-op chamber charity forum museum gallery orchestra opera festival panel theatre "
        "theater playhouse guild scheme hospital clinic hospice infirmary library "
        "archive archives school academy club church diocese zoo observatory conservatoire "
        "airport aquarium partnership"
    ),
}
HEADS = {word: kind for kind, words in HEAD_WORDS.items() for word in words.split()}
# ("the panel" is a court's or a committee's, not the last body named "… Panel")
NAME_ONLY_HEADS = frozenset(_NAME_ONLY_COMPANY.split()) | {"panel"}
# Words that open a name of the "Ministry of Finance" shape.
OPENING_HEADS = {
    "ministry", "department", "bank", "university", "court", "house", "office", "bureau",
    "board", "council", "commission", "institute", "federation", "association", "union",
    "college", "society", "league", "secretary", "chamber", "municipality", "city", "county",
    "state", "province", "republic", "kingdom", "government", "agency", "authority",
    "tribunal", "directorate", "inspectorate", "committee", "foundation", "fund", "academy",
    "port", "museum", "gallery",
}  # fmt: skip
# Short forms that point back to the last organisation of a kind.
GENERIC = {
    "company": "company", "firm": "company", "group": "company", "carrier": "company",
    "maker": "company", "retailer": "company", "manufacturer": "company", "airline": "company",
    "bank": "company", "insurer": "company", "startup": "company", "start-up": "company",
    "developer": "company", "chipmaker": "company", "automaker": "company",
    "court": "court", "tribunal": "court", "judge": "court", "judges": "court",
    "regulator": "government", "agency": "government", "ministry": "government",
    "government": "government", "council": "government", "commission": "government",
    "department": "government", "authority": "government", "watchdog": "government",
    "city": "government",
    "parliament": "legislature", "senate": "legislature", "assembly": "legislature",
    "legislature": "legislature", "lawmakers": "legislature",
    "union": "organisation", "association": "organisation", "foundation": "organisation",
    "chamber": "organisation", "cooperative": "organisation", "co-operative": "organisation",
    "charity": "organisation", "campaign": "organisation", "office": "government",
    "coalition": "organisation", "party": "organisation",
    "committee": "organisation", "board": "organisation", "university": "organisation",
    "companies": "company", "firms": "company", "groups": "company", "chain": "company",
    "operator": "company", "lender": "company", "utility": "company", "drugmaker": "company",
    "carmaker": "company", "consultancy": "company", "conglomerate": "company",
    "investor": "company", "broadcaster": "company", "publisher": "company",
    "supplier": "company", "commissioner": "government", "ombudsman": "government",
    "society": "company", "mutual": "company",  # "the building society", "the mutual"
    "consortium": "company", "port": "organisation", "studio": "company",
    "mediator": "government", "dairy": "company", "orchestra": "organisation",
    "festival": "organisation", "brewer": "company", "theatre": "organisation",
    "theater": "organisation", "playhouse": "organisation", "opposition": "organisation",
    "provider": "company", "platform": "company", "trader": "company", "shipowner": "company",
    "distributor": "company", "underwriter": "company", "franchisee": "company",
    "contractor": "company", "builder": "company", "auditor": "company", "coroner": "court",
    "jury": "court", "inquest": "court", "trustees": "organisation", "scheme": "organisation",
}  # fmt: skip
# What "Her group, …" / "His organisation, …" calls the body named next, which the person
# before speaks for (organisations.py finds the name by it, affiliations.py the speaker's).
# Before the person whose post someone takes ("…, replacing Henrik Sallinen", "succeeds Sir
# Alan …"): a person's name (organisations.py), holding the post's body (affiliations.py).
SUCCEEDED = (
    r"\b(?:replac(?:ing|es)|succeed(?:ing|s)|(?:to|will|would)\s+(?:replace|succeed))\s+"
    r"(?:(?:Sir|Dame|Dr\.?|Professor)\s+)?$"
)
OWN_BODY = (
    r"(?:organi[sz]ation|group|company|firm|union|association|party|charity|agency|ministry|"
    r"department|office|campaign|coalition|hospital|school|club)"
)
# Short forms any company's name may end with: they keep to no one company.
GENERIC_COMPANY = frozenset({"company", "group", "bank", "holdings", "companies"})
# The words a short form or a description ends with: "the company", "the rail operator".
KIND_WORDS = (GENERIC.keys() | HEADS.keys()) - NAME_ONLY_HEADS
# People who act for themselves, not for an organisation (an athlete's race is no
# announcement of the federation that mentions her).
FREE_ROLES = (
    "sprinter|athlete|runner|swimmer|cyclist|player|striker|boxer|skier|driver|rider|"
    "pilot|student|resident|activist|author|writer|singer|actor|actress|artist|patient|"
    "farmer|fisherman|shopper|customer|passenger|witness|victim"
)
# Roles that make a capitalised name a person's.
ROLES = (
    r"(?:chief\s+(?:executive|financial|operating|technology|product|legal)(?:\s+officer)?|"
    r"director\s+general|secretary\s+general|attorney\s+general|general\s+manager|"
    r"ceo|cfo|coo|cto|founder|co-founder|chairman|chairwoman|chair|president|vice\s+president|"
    r"director|head|spokesman|spokeswoman|spokesperson|minister|secretary|commissioner|"
    r"judge|justice|mayor|governor|senator|lawyer|attorney|analyst|executive|manager|"
    r"chief|leader|official|economist|professor|researcher|partner|counsel|prosecutor|"
    r"representative|member|deputy|adviser|advisor|owner|engineer|officer|councillor|"
    r"councilwoman|councilman|regulator|board\s+member|general\s+counsel|rector|dean|provost|"
    r"chancellor|vice-chancellor|editor|editor-in-chief|scientist|constable|commander|curator|"
    r"predecessor|successor|" + FREE_ROLES + ")"
)
HONORIFIC = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame"}
# Capitalised words that open sentences or name days, months and places of no interest.
NOT_NAMES = {
    "the", "a", "an", "on", "in", "at", "by", "for", "but", "and", "or", "it", "its", "this",
    "that", "these", "those", "he", "she", "they", "we", "i", "his", "her", "their", "our",
    "as", "after", "before", "while", "when", "under", "with", "without", "from", "to",
    "if", "since", "until", "during", "last", "next", "earlier", "later", "also", "according",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "there", "here", "some", "many", "most", "both",
    "all", "any", "each", "one", "two", "three", "however", "meanwhile", "still", "yet",
    "such", "what", "who", "which", "where", "why", "how", "not", "no", "yes", "more",
    "than", "other", "another", "about", "because", "although", "though", "instead",
    "nobody", "everybody", "everyone", "someone", "anyone", "nothing", "everything",
    "neighbouring", "neighboring",
}  # fmt: skip
# People in the plural, opening a sentence: "Parents should stop using the helmets, the
# company said" (words of bodies' names too: "Farmers' Association", so not NOT_NAMES).
PEOPLE = {
    "parents", "owners", "customers", "shoppers", "consumers", "drivers", "passengers",
    "residents", "users", "buyers", "investors", "shareholders", "analysts", "workers",
    "employees", "members", "patients", "families", "farmers", "tenants", "landlords",
    "students", "teachers", "officials", "critics", "fans", "viewers", "readers",
    "travellers", "travelers", "riders", "cyclists", "motorists", "homeowners", "savers",
    "borrowers", "pensioners", "voters", "visitors", "guests", "diners", "subscribers",
}  # fmt: skip

# Words a kind of company is named with: "the insurer" is the last company whose name has
# "Insurance", before the last company of any trade.
NAMED_BY = {
    "mediator": ("mediation", "mediator", "arbitration", "conciliation"),
    "insurer": ("insurance", "assurance", "insurers"),
    "bank": ("bank", "bancorp", "banking", "savings"),
    "lender": ("bank", "bancorp", "savings", "finance", "credit"),
    "airline": ("airlines", "airways", "air"),
    "carrier": ("airlines", "airways", "air", "shipping", "line", "lines"),
    "drugmaker": ("pharma", "pharmaceuticals", "biologics", "therapeutics", "biotech"),
    "automaker": ("motor", "motors", "automotive", "cars"),
    "carmaker": ("motor", "motors", "automotive", "cars"),
    "chipmaker": ("semiconductor", "semiconductors", "chips"),
    "retailer": ("stores", "retail", "shops"),
    "chain": ("stores", "retail", "shops"),
    "broadcaster": ("broadcasting", "television", "tv", "radio"),
    "society": ("mutual", "building", "society"),
    # a legislature's or council's committee stands for it ("the committee held hearings")
    "committee": (
        "assembly",
        "parliament",
        "senate",
        "congress",
        "legislature",
        "council",
        "bank",
    ),  # a central bank's rate-setting committee
    "port": ("port", "ports", "harbour"),
    "shipowner": ("shipping", "maritime", "lines", "line", "tankers", "bulk"),
    "trader": ("trading", "commodities"),
    "distributor": ("trading", "distribution"),
    "underwriter": ("reinsurance", "insurance", "assurance", "underwriters"),
    "trustees": ("scheme", "pension", "fund", "trust"),  # a pension scheme's trustees
    "tribunal": ("arbitration",),  # an arbitration institute's tribunal
    "opposition": ("party",),  # "the opposition" is a party, named or called one
    "mutual": ("mutual", "building", "society"),
}
