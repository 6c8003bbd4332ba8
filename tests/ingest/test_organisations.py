"""The organisations and people an article names, as EXAMPLES below says."""

from __future__ import annotations

import pytest

from timeline_app.ingest.affiliations import affiliations
from timeline_app.ingest.organisations import find_organisations
from timeline_app.ingest.sentences import sentence_spans

# (text, the organisations found with their kinds, {person: organisation they speak for})
EXAMPLES: tuple[tuple[str, tuple[tuple[str, str], ...], dict[str, str]], ...] = (
    ("The European Commission fined Quenby Payments Ltd on Tuesday. The Commission said more.",
     (("European Commission", "government"), ("Quenby Payments Ltd", "company")), {}),
    ("The Federal Trade Commission (FTC) sued. The FTC said so.",
     (("Federal Trade Commission", "government"),), {}),
    ("Nordwind, a Hamburg-based maker of drones, said on Monday it would stop.",
     (("Nordwind", "company"),), {}),
    ("Tarlow said on Friday it would cut jobs.", (("Tarlow", "company"),), {}),
    ("Orbis and Calloway said on Wednesday they would merge.",
     (("Orbis", "company"), ("Calloway", "company")), {}),
    ("Halvern Foods and the Bakers Union reached an agreement last week.",
     (("Halvern Foods", "company"), ("Bakers Union", "organisation")), {}),
    ("The Ostra city council voted on Thursday to ban the scooters.",
     (("Ostra city council", "government"),), {}),
    ("Ashgrove Insurance said its chief executive, Martin Fells, would step down.",
     (("Ashgrove Insurance", "company"),), {"Martin Fells": "Ashgrove Insurance"}),
    ("The Brannock Chamber of Commerce urged a delay, said its president, Gordon Ashby.",
     (("Brannock Chamber of Commerce", "organisation"),),
     {"Gordon Ashby": "Brannock Chamber of Commerce"}),
    ("The Marrow Estuary Fishers' Cooperative sued Calder Chemicals in Harrow County Court.",
     (("Marrow Estuary Fishers' Cooperative", "organisation"), ("Calder Chemicals", "company"),
      ("Harrow County Court", "court")), {}),
    ("The Employment Tribunal of Varnholm ruled against it last year.",
     (("Employment Tribunal of Varnholm", "court"),), {}),
    ("Stanmore Biologics, which sells a rival injection, cut its price in October.",
     (("Stanmore Biologics", "company"),), {}),
    ("Version 4, which came out in March 2015, added a phone app.", (), {}),
    ("The Ministry of Transport and Communications said on Monday it would allow them.",
     (("Ministry of Transport and Communications", "government"),), {}),
    ("The court lifted a ban on gummies made by Korvel Confectionery, ruling that the "
     "regulator had erred. Korvel, a sweet maker founded in 1931, said it was pleased.",
     (("Korvel Confectionery", "company"),), {}),
    ("Halden Energy and Ostra Power signed a deal on Monday.",
     (("Halden Energy", "company"), ("Ostra Power", "company")), {}),
    ("The Supreme Court on Friday refused to hear the appeal.", (("Supreme Court", "court"),), {}),
    ("Chief Executive Dana Whitlock said Norvale Robotics would pause.",
     (("Norvale Robotics", "company"),), {"Dana Whitlock": "Norvale Robotics"}),
    ("\u201cSafety comes first,\u201d said Helen Oduya, finance director of Ashgrove Insurance.",
     (("Ashgrove Insurance", "company"),), {"Helen Oduya": "Ashgrove Insurance"}),
    # a country's chamber called by its kind alone, unless another chamber is named
    ("The Supreme Court ruled on Monday. Parliament amended the act in 2019.",
     (("Supreme Court", "court"), ("Parliament", "legislature")), {}),
    ("The National Assembly passed the bill. Parliament's committee amended it in October.",
     (("National Assembly", "legislature"),), {}),
    ("The inquiry will look at how Kellisford Constabulary awarded the contract.",
     (("Kellisford Constabulary", "government"),), {}),
    ("The Outer Isles Partnership, which he chairs, will meet the managers on January 3.",
     (("Outer Isles Partnership", "organisation"),), {}),
)  # fmt: skip


@pytest.mark.parametrize("text, expected, speakers", EXAMPLES, ids=[e[0][:40] for e in EXAMPLES])
def test_examples(text, expected, speakers):
    found = find_organisations(text)
    assert [(o.name, o.kind) for o in found] == list(expected)
    spoken = affiliations(text, sentence_spans(text), found)
    assert {p: o.name for p, o in spoken.items() if " " in p} == speakers


def test_an_acronym_in_brackets_and_a_first_word_become_aliases():
    (ftc,) = find_organisations("The Federal Trade Commission (FTC) sued. The FTC said so.")
    assert "FTC" in ftc.aliases
    norvale = find_organisations("Norvale Robotics said it would pause. Norvale said more.")[0]
    assert "Norvale" in norvale.aliases


def test_an_existing_lane_is_used_as_it_is_spelled_in_the_timeline():
    (lane,) = find_organisations("microsoft's president said on Monday.", ["Microsoft"])
    assert (lane.name, lane.lane) == ("Microsoft", "Microsoft")


def test_a_lower_case_plc_ends_the_name():
    found = find_organisations("Harwick Textiles plc said on Monday that it would shut a mill.")
    assert [(o.name, o.kind) for o in found] == [("Harwick Textiles plc", "company")]


def test_a_company_later_named_by_its_first_word_keeps_the_full_name_given_first():
    text = (
        "Customers of Denholm Water faced higher bills. Denholm said on Tuesday that it "
        "would cap them."
    )
    (denholm,) = find_organisations(text)
    assert denholm.name == "Denholm Water"
    assert {"Denholm", "Denholm Water"} <= denholm.aliases


def test_a_bank_s_name_without_bank_is_the_same_bank():
    text = "Ostley & Marr Bank bought Tullow Savings. Ostley & Marr said it paid in cash."
    names = [o.name for o in find_organisations(text)]
    assert "Ostley & Marr" not in names
    assert "Ostley & Marr" in find_organisations(text)[0].aliases


def test_a_name_the_apposition_calls_by_a_capitalised_name_is_not_of_that_kind():
    text = "Homes flooded in Millbrook, the Regional Court of Appeal said on Monday."
    assert [o.name for o in find_organisations(text)] == ["Regional Court of Appeal"]


def test_a_surname_that_speaks_is_no_company():
    text = (
        "Its spokesman on housing, Tomas Brevik, spoke on Monday. "
        "\u201cWe will vote no,\u201d Brevik said."
    )
    assert find_organisations(text) == []
