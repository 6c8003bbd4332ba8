"""The words the generator writes with: categories and their share by kind of organisation,
syllables and name patterns, products, topics, regions, publishers, and the templates of
titles, summaries and source sentences."""

from __future__ import annotations

CATEGORIES = (
    "Product launch",
    "Policy",
    "Partnership",
    "Acquisition",
    "Earnings",
    "Legal",
    "Sales halt",
    "Statement",
)
# Share of each category by kind of organisation (same order as CATEGORIES).
CATEGORY_PROFILES = {
    "company": (0.26, 0.08, 0.14, 0.07, 0.10, 0.10, 0.07, 0.18),
    "media": (0.15, 0.10, 0.25, 0.05, 0.05, 0.10, 0.02, 0.28),
    "organisation": (0.08, 0.30, 0.20, 0.00, 0.00, 0.12, 0.00, 0.30),
    "government": (0.04, 0.45, 0.12, 0.00, 0.00, 0.17, 0.04, 0.18),
    "regulator": (0.00, 0.40, 0.05, 0.00, 0.00, 0.35, 0.05, 0.15),
    "legislature": (0.00, 0.55, 0.05, 0.00, 0.00, 0.15, 0.05, 0.20),
}
KINDS = ("company", "media", "organisation", "government", "regulator", "legislature")
KIND_SHARES = (0.80, 0.05, 0.05, 0.05, 0.03, 0.02)

SYLLABLES = (
    "ar", "bel", "cor", "dan", "el", "fen", "gar", "hal", "is", "jor", "kel", "lum", "mar",
    "nor", "or", "pel", "quin", "ros", "sol", "tor", "ul", "vex", "wen", "xan", "yor", "zen",
    "ae", "bri", "cal", "dra", "ex", "fly", "gen", "hex", "io", "kin", "lex", "mo", "nex",
    "ora", "pra", "qua", "ri", "sy", "tri", "ve", "wy", "zy", "ta", "lo", "mi", "nu", "ka",
)  # fmt: skip
NAME_PATTERNS = {
    "company": (
        "{} Labs", "{} Systems", "{} Inc.", "{} Technologies", "{} Networks", "{} Group",
        "{} Holdings", "{} Corp.", "{} Robotics", "{} Analytics", "{} Software", "{}",
        "{} Dynamics", "{} Energy", "{} Motors", "{} Bio", "{} Security", "{} Cloud", "{} AI",
        "{} Semiconductor", "{} Payments", "{} Health",
    ),
    "media": ("The {} Times", "{} Daily", "{} Post", "{} Broadcasting", "{} Review"),
    "organisation": ("{} Foundation", "{} Institute", "{} Alliance", "{} Rights Watch"),
    "government": ("City of {}", "{} County", "State of {}", "{} City Council"),
    "regulator": (
        "{} Data Protection Authority", "{} Competition Commission", "{} Communications Office",
    ),
    "legislature": ("{} Assembly", "{} State Senate", "{} Parliament"),
}  # fmt: skip
PRODUCT_WORDS = (
    "Cloud", "Vision", "Pay", "Drive", "Studio", "Hub", "Sense", "Guard", "Link", "Pulse",
    "One", "Go", "Max", "Edge", "Core", "Flow", "Scan", "Home", "Watch", "Assist",
)  # fmt: skip
TOPICS = (
    "facial recognition", "data privacy", "content moderation", "encryption", "cloud security",
    "emissions", "battery recycling", "AI safety", "child safety", "export controls",
    "right to repair", "price transparency", "worker safety", "supply chain audits",
    "accessibility", "misinformation", "cookie consent", "biometric data", "drone deliveries",
    "autonomous driving", "open-source licensing", "net neutrality", "ad targeting",
    "data localisation", "chip supply", "telehealth", "digital payments", "crypto custody",
    "police surveillance", "location data", "app store fees", "energy efficiency",
    "platform liability", "algorithmic hiring", "smart meters", "satellite internet",
    "voice assistants", "medical devices", "gig work", "water use",
)  # fmt: skip
REGIONS = (
    "the EU", "the US", "California", "Japan", "India", "Brazil", "the UK", "Canada",
    "Australia", "Germany", "South Korea", "Mexico", "Nigeria", "Singapore", "France",
    "Texas", "New York", "Kenya", "Sweden", "Indonesia",
)  # fmt: skip
PUBLISHERS = (
    "The Market Ledger", "Northwind Tech Review", "Daily Circuit", "Policy Wire",
    "The Quarterly Observer", "Signal & Noise", "Harbor Business Journal", "Metro Tribune",
    "The Open Record", "Capital Street News", "Frontier Gazette", "Insight Weekly",
    "The Evening Dispatch", "Global Trade Monitor", "Civic Bulletin", "Tech Chronicle",
)  # fmt: skip
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Title and summary templates per category: {0} company, {1} product, {2} topic,
# {3} other organisation, {4} region, {5} amount, {6} quarter ("Q3 2014").
TITLES = (
    (
        "{0} launches {1}", "{0} unveils {1} for {2}", "{0} releases {1} in {4}",
        "{0} begins shipping {1}", "{0} introduces {1} with new {2} features",
        "{0} expands {1} to {4}", "{0} announces {1} {5}",
    ),
    (
        "{0} publishes new {2} policy", "{0} updates its {2} guidelines",
        "{0} adopts {2} rules for {4}", "{0} sets limits on {2}", "{0} commits to {2} standards",
        "{0} proposes {2} framework for {4}",
    ),
    (
        "{0} partners with {3} on {2}", "{0} and {3} sign {2} agreement",
        "{0} joins {3}'s {2} initiative", "{0} teams up with {3} in {4}",
        "{0} extends {1} partnership with {3}",
    ),
    (
        "{0} agrees to buy {3} for ${5} million", "{0} completes acquisition of {3}",
        "{0} acquires {3}'s {2} business", "{0} takes {5}% stake in {3}",
        "{0} drops bid for {3}",
    ),
    (
        "{0} reports {6} results", "{0} raises full-year outlook after {6}",
        "{0} misses {6} revenue estimates", "{0} beats {6} expectations",
        "{0} announces ${5} million buyback", "{0} cuts guidance citing {2}",
    ),
    (
        "{0} settles {2} lawsuit", "{0} faces {2} investigation in {4}",
        "Court rules against {0} in {2} case", "{0} sued over {2}",
        "{0} fined ${5} million over {2}", "{0} wins appeal in {2} dispute",
    ),
    (
        "{0} pauses sales of {1}", "{0} halts {1} sales in {4}",
        "{0} suspends {1} over {2} concerns", "{0} stops selling {1} to police",
        "{0} recalls {1}", "{0} withdraws {1} from {4}",
    ),
    (
        "{0} responds to {2} report", "{0} chief executive speaks on {2}",
        "{0} calls for {2} regulation", "{0} denies {2} claims",
        "{0} comments on {2} in {4}", "{0} issues statement on {2}",
    ),
)  # fmt: skip
SUMMARIES = (
    (
        "{0} said {1} would be available in {4} first, with a focus on {2}.",
        "The launch of {1} is {0}'s latest move into {2}; pricing was not disclosed.",
    ),
    (
        "{0} said the new rules on {2} would apply in {4} and would be reviewed each year.",
        "Under the policy, {0} will publish how it handles {2} and report on it to the public.",
    ),
    (
        "{0} and {3} said they would work together on {2}, starting in {4}.",
        "The agreement lets {3} use {1} in its own {2} products.",
    ),
    (
        "{0} said buying {3} would strengthen its work on {2}; the deal needs approval in {4}.",
        "The deal values {3} at about ${5} million and is expected to close within months.",
    ),
    (
        "{0} reported its {6} figures and told investors that demand tied to {2} was growing.",
        "{0} said {1} sales drove the quarter, while costs for {2} rose in {4}.",
    ),
    (
        "The case concerns {0}'s handling of {2}; {0} said it disagreed with the claims.",
        "Authorities in {4} said the matter concerned {2} and that a decision would follow.",
    ),
    (
        "{0} said it would stop offering {1} in {4} until questions about {2} were settled.",
        "{0} paused {1} after criticism over {2} and did not say when sales would resume.",
    ),
    (
        "In a statement, {0} addressed concerns about {2} raised in {4}.",
        "{0} said it had long supported clear rules on {2} and would keep talking to {3}.",
    ),
)  # fmt: skip
# Sentences of source documents; those that name the company {0} can be quoted.
QUOTABLE = (
    "{0} said on {7} that it would change how {1} handles {2} in {4}.",
    "\u201cWe take {2} seriously and will keep improving {1},\u201d a spokesperson for {0} said.",
    "{0} did not respond to a request for comment about {2}.",
    "Analysts said the move by {0} could reshape the market for {2} in {4}.",
    "{0}\u2019s chief executive told reporters that {2} would matter more next year.",
    "The decision follows months of pressure on {0} over {2}.",
    "{0} has faced criticism from {3} over its approach to {2}.",
    "In a statement, {0} said it would pause work on {1} until rules on {2} were clearer.",
    "Shares of {0} moved {5}% after the announcement about {1}.",
    "{0} announced a partnership with {3} focused on {2} in {4}.",
    "According to {0}, {1} is now used by customers in {4}.",
    "{0} said the changes to {1} would take effect in {8}.",
)
FILLER = (
    "Regulators in {4} have been debating {2} for several years.",
    "Industry groups said they would study the proposal before commenting.",
    "Critics argue that voluntary commitments on {2} are not enough.",
    "The market for {2} has grown quickly in recent years, according to industry estimates.",
    "Lawmakers in {4} are expected to vote on related measures later this year.",
    "Civil liberties groups, including {3}, welcomed the news but asked for more detail.",
    "It was not immediately clear how the change would affect existing customers.",
    "Other companies in the sector have made similar announcements \u2014 some quietly.",
)
SOURCE_TITLES = (
    "{0} changes course on {2}",
    "What {0}'s {1} announcement means for {4}",
    "{0} under pressure over {2}",
    "Inside {0}'s plans for {1}",
    "{0} and the fight over {2}",
    "{0} moves on {2} as rivals wait",
)
