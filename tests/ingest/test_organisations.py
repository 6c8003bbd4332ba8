"""The organisations and people an article names, as organisations.EXAMPLES says."""

from __future__ import annotations

import pytest

from timeline_app.ingest.affiliations import affiliations
from timeline_app.ingest.organisations import EXAMPLES, find_organisations
from timeline_app.ingest.sentences import sentence_spans


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
