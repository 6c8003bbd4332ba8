"""The words around a run of capitalised words that say it names a body: a description
before it ("the telecoms group Fenmark"), an apposition after it ("Risbury, the regional
bank"), a verb of what organisations do ("Tarlow said"). Kept apart from the rules that
find names (organisations.py) so that they read as one list each."""

from __future__ import annotations

import re

from timeline_app.ingest import org_words as vocab

APPOSITION = re.compile(
    r"^,?\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?(?-i:(company|firm|maker|retailer|manufacturer|"
    r"group|startup|start-up|carrier|airline|bank|insurer|developer|chipmaker|automaker|"
    r"regulator|agency|watchdog|court|tribunal|union|association|charity|nonprofit|"
    r"non-profit|organisation|organization|broadcaster|newspaper|publisher|operator|"
    r"provider|supplier|platform|app|conglomerate|subsidiary|unit|lab|laboratory|coalition|"
    r"chain|grocer|supermarket|retail\s+group|club|pharmacy|seller|brewer|brewery|service|"
    r"alliance|consortium|federation|campaign|network|foundation|society|institute|"
    r"cooperative|co-operative|lobby|movement|utility|lender|investor|consultancy|studio))\b",
    re.I,
)  # lower case: "Risbury, the Western Court of Appeal" names a court, it does not call
# Risbury one
# A one-word name doing what organisations do ("Tarlow said", "Quenby's chief executive"):
# a company unless the text shows it to be a person's surname.
ACTS = re.compile(
    r"^\s+(?:on\s+[A-Z]\w+day\s+|last\s+\w+\s+|yesterday\s+|today\s+)?(?:said|says|announced|unveiled|launched|recalled|confirmed|disclosed|reported|"
    r"plans\s+to|planned\s+to|agreed|filed|introduced|released|hired|appointed|warned|"
    r"denied|declined|named|signed|sued|ruled|approved|rejected|acquired|completed|"
    r"launched|unveiled|opened|closed|raised|cut|began|started|won)\b"
    # "Flyvane was founded in 2014": no person is founded
    r"|^\s+(?:was|were)\s+(?:founded|set\s+up|established|incorporated)\b"
    rf"|^['’]s\s+(?:{vocab.ROLES}|shares|shareholders|products?|customers|employees|staff|board|"
    r"plant|factory|"
    r"stores?|revenue|sales|profit|headquarters|spokes\w+)\b",
    re.I,
)
# "… will step down as chief executive, the company said": a person, not the company.
AS_ROLE = re.compile(rf"\bas\s+(?:[\w-]+\s+){{0,2}}?{vocab.ROLES}\b", re.I)
# "the telecoms group Fenmark", "the Dutch bank Rijnveld": the kind just before the name.
DESCRIBED_BEFORE = re.compile(
    r"\b(?:the|a|an|rival|its|their)\s+((?:[\w-]+\s+){0,3}?)(company|firm|group|maker|retailer|"
    r"chain|bank|insurer|carrier|airline|startup|start-up|developer|chipmaker|automaker|"
    r"carmaker|drugmaker|manufacturer|supplier|operator|lender|broker|publisher|"
    r"broadcaster|charity|union|app|platform|regulator|watchdog|consultancy|conglomerate|"
    r"utility|investor|contractor|builder|shipowner|trader|distributor|underwriter|provider|"
    r"auditor|club|brewer|brewery|pharmacy|agency|line)"
    r"(?:\s+(?:on|of|for|in|at|behind)\s+(?-i:[^,.;A-Z]{1,60}?),)?\s+$",  # "…, X Ltd"
    re.I,
)
# A description set off by commas before a name: "A parents' group, Safe Schools Data,",
# "Its auditor, Lindqvist Hale,", "Fliq's main rival, Dronaro," (lower case: "the National
# Bank, Elin Rask," is a bank and then a person). Nouns a person is also called by ("its
# operator, Darren Walsh,") are not here; "rival" only before a one-word name.
APPOSED_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Aa]nother|[\w-]+['’]s?)\s+((?:[\w'’-]+\s+){0,3}?)"
    r"(company|firm|group|chain|pharmacy|agency|service|lawyers|auditors?|club|brewery|line|"
    r"rival),\s+$"
)
THEIR_KIND = re.compile(rf"\b(?:His|Her|Their)\s+()({vocab.OWN_BODY}),\s+$")
THE_COMPANY_SAID = re.compile(r"^[^.]{0,200}?,?\s+the\s+(company|firm|group)\s+said", re.I)
# A sentence that opens with a body's kind and then names it: "The coalition, Rivers First,
# said", "The court, the Dornhaven Regional Court, also ordered" (not "The coroner, Helen …":
# a post, whose holder is named).
_POSTS = {"judge", "judges", "coroner", "commissioner", "ombudsman", "mediator", "jury"}
KIND_THEN_NAME = re.compile(
    rf"(?:^|(?<=[.!?\"”]\s)|(?<=\n))(?:The|That|This)\s+()"
    rf"({'|'.join(sorted(vocab.GENERIC.keys() - _POSTS))}),"
    r"\s+(?:the\s+)?$"
)


def apposed_before(text: str, start: int, name: str) -> re.Match[str] | None:
    """ "Its auditor, Lindqvist Hale," names a body; "His rival, Jan Ost," a person."""
    described = APPOSED_BEFORE.search(text, max(0, start - 100), start)
    if described is None or described[2] == "rival" and " " in name:
        return None
    return described
