"""Dates that are no events, though a sentence names an actor beside them: words in
direct speech, a share price's move, a statistic or a figure that moved, a date printed on
a product ("best before", "the 2017 to 2019 model years"), the end of a reporting period.
"""

from __future__ import annotations

import re

from timeline_app.ingest.byline import BYLINE_MAX, is_byline
from timeline_app.ingest.dating import DateGuess

_MARKET = re.compile(
    r"\b(?:shares?|stock|share\s+price)\b[^.;]{0,80}?\b(?:rose|risen|fell|fallen|jumped|"
    r"climbed|dropped|slipped|gained|lost|surged|plunged|tumbled|rallied|slid|edged|closed|"
    r"traded|ended|finished|unchanged|little\s+changed|flat|steady)\b",
    re.I,
)
_STATISTIC = re.compile(
    r"\b(?:percent|per\s+cent|%|rose|fell|risen|fallen|grew|grown|dropped|declined|increased|"
    r"decreased|doubled|halved)\b[^.]*?\baccording\s+to\b"
    r"|\baccording\s+to\s+(?:figures|data|statistics|estimates|a\s+survey)\b",
    re.I,
)
_LABEL_DATE = re.compile(
    r"\b(?:best[-\s]before|use[-\s]by|sell[-\s]by|expiry|expiration)\b[^.]*$|\bdates?\s+of\s*$"
    r"|\b(?:year|quarter|half|months?|weeks?|period)\s+(?:to|ending|ended|through)\s*$",
    re.I,
)
# A figure that moved: a measure, not something done ("Its premium income rose 5 percent").
_FIGURE = re.compile(
    r"\b(?:revenue|revenues|sales|profits?|income|earnings|turnover|prices|downloads|output|"
    r"exports|imports|margins?|losses|deposits|subscribers|users|visits|traffic|customers|"
    r"customer\s+base|members|membership|passengers)\b[^.;]{0,40}?"
    r"\b(?:rose|fell|grew|dropped|declined|increased|decreased|jumped|slipped|climbed|"
    r"slumped|doubled|halved)\b[^.;]{0,40}?\d"
    r"|\b(?:revenue|revenues|sales|profits?|income|earnings|turnover|losses)\s+(?:were|was|"
    r"reached|totalled|totaled|came\s+to|amounted\s+to)\s+[^.;]{0,12}\d",  # "sales were 1.2 …"
    re.I,
)
# An opening clause that says the figures after it come from a report: what they measure
# is no event, the report's publication may be.
_FIGURES_OPENING = re.compile(
    r"[\W]*according\s+to\s+(?:the\s+)?(?:latest\s+)?(?:figures|data|statistics|estimates|"
    r"a\s+survey|a\s+report|a\s+study)\b[^,;]*,",
    re.I,
)
# A measure that has moved, whatever it measures ("catches have fallen by two-thirds since
# 2015", "the number of households had doubled since 2008"): organisations do not "have
# fallen".
_MOVED = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:fallen|risen|dropped|grown|doubled|halved|tripled|"
    r"declined|increased|decreased|shrunk|slumped|jumped|climbed|soared|plunged)\b",
    re.I,
)
# A clause with its own subject and verb after a measure's move: what it dates is done.
_CLAUSE_OF_ITS_OWN = re.compile(
    r"\b(?:since|after|when|because|as)\s+(?:it|he|she|they|the\s+\w+|[A-Z]\w+)\s+[a-z]+"
)
_REPORTED = re.compile(r"\b(?:reported|published|said|announced|according)\b", re.I)
# What a forecast, a target or a dividend covers is no date of anything done.
_COVERS = re.compile(
    r"\b(?:forecasts?|outlook|guidance|targets?|budget|dividend|results|figures|earnings)\s+"
    r"for\s*$",
    re.I,
)
# A forecast of a measure ("now expects revenue of $14 billion this year", "For the fourth
# quarter, Sentarc expects sales of …"): the period it covers is no event; the day it was
# said ("said on Tuesday it expects …") is one.
_FORECAST = re.compile(
    r"\b(?:expects?|forecasts?|predicts?|projects?|sees|anticipates?)\s+(?:\w+\s+){0,2}?"
    r"(?:revenue|revenues|sales|profits?|earnings|income|turnover|growth|margins?|losses?|"
    r"demand|volumes?|output)\s+(?:of|to|at|between|growth|in)\b",
    re.I,
)
_SAID_JUST_BEFORE = re.compile(
    r"\b(?:said|says|announced|told\s+\w+|reported|confirmed|raised|lowered|cut)\s*$", re.I
)
# How long something takes ("its review would take at least until the summer"): a bound,
# not the date of anything done (unlike "did not report it until March 6").
_UNTIL = re.compile(r"(?:[\w-]+\s+){0,2}?(?:until|till)\b", re.I)
_TAKES = re.compile(r"\b(?:take|takes|took|taking|last|lasts|lasted)\s+(?:[\w-]+\s+){0,2}$", re.I)
_NOT_SINCE = re.compile(r"\b(?:has|have|had)\s+not\b|\b(?:has|have|had)n['’]t\b|\bnever\b", re.I)
_REPORTING_PERIOD = re.compile(
    r"\s*[-–]\s*(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(?:period|quarter|half)\b"
)
# A thing that began then, told in passing: "ending a debate that began in 2021" is no act
# of the council's, nor of anyone's.
_THING_BEGAN = re.compile(
    r"\b(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:debate|dispute|row|feud|process|"
    r"saga|fight|battle|standoff|stand-off|slump|downturn|boom|crisis|decline|trend|shortage)"
    r"\s+(?:that|which)\s+(?:had\s+)?(?:began|begun|started|erupted|broke\s+out)\s+$",
    re.I,
)
_MODEL_YEARS = re.compile(r"\s*model\s+years?\b", re.I)
# Direct speech: dates inside quotation marks are the speaker's words, not a statement of
# what was done ("the market moved on in 2012," one of them wrote).
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")


def quotations_in(text: str) -> list[tuple[int, int]]:
    """Direct speech, which may run over several sentences of a paragraph."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        for m in _QUOTATION.finditer(paragraph[0]):
            spans.append((paragraph.start() + m.start(), paragraph.start() + m.end()))
    return spans


# A commitment in a speaker's own words: "we will post the offer document … by June 14".
_PROMISED = re.compile(r"\b[Ww]e\s+(?:will|['’]ll|plan\s+to|intend\s+to)\s+[a-z]+\b[^.;,]{0,80}$")


def is_event_date(
    text: str, sentence: tuple[int, int], guess: DateGuess, quoted: list[tuple[int, int]]
) -> bool:
    """Not in direct speech, not in a share price's move or a statistic, not a date printed
    on a product or the end of a reporting period."""
    inside = next(((a, b) for a, b in quoted if a <= guess.phrase_start < b), None)
    if inside is not None and not _PROMISED.search(text, inside[0], guess.phrase_start):
        return False  # what someone thinks, in their words (but "we will decide by April 13")
    if sentence[1] - sentence[0] <= BYLINE_MAX and is_byline(text[sentence[0] : sentence[1]]):
        return False  # "By Mira Castell, Tidewater Gazette, March 14, 2024": the article's
    before = text[sentence[0] : guess.phrase_start]
    if _THING_BEGAN.search(before[-80:]):
        return False
    if _LABEL_DATE.search(before[-40:]):
        return False
    if _COVERS.search(before[-40:]):
        return False  # "lowered its sales forecast for this year": the period it covers
    if _MARKET.search(before):  # "shares … closed 0.6 percent lower on Friday"
        return False
    if _FORECAST.search(text, *sentence) and not _SAID_JUST_BEFORE.search(before[-30:]):
        return False  # "expects revenue of $14.2 billion this year": what it covers
    if re.match(r"(?:ever\s+)?since\b", guess.phrase, re.I) and _NOT_SINCE.search(before):
        return False  # "has not made an annual profit since 2008": nothing done then
    if _UNTIL.match(guess.phrase) and _TAKES.search(before[-40:]):
        return False  # "would take at least until the summer": a bound, not a date
    moved = _MOVED.search(before)
    if moved and ("," in before[moved.end() :] or _CLAUSE_OF_ITS_OWN.search(before, moved.end())):
        # "…, whose members say wages have fallen, welcomed it on Tuesday"; "has grown
        # since it began sponsoring the marathon in 2015": the date is the beginning's
        moved = None
    figure = _FIGURE.search(before) or moved
    if figure and not _REPORTED.search(before, figure.end()):
        return False  # "premium income rose 5 percent in 2019" (not "…, it reported in May")
    if _REPORTING_PERIOD.match(text, guess.phrase_end):
        return False  # "a loss in the July-September period": what was measured
    if re.match(r"['’]s\s", text[guess.phrase_end : guess.phrase_end + 3]):
        return False  # "Thursday's move": an event already told, named again
    if _MODEL_YEARS.match(text, guess.phrase_end):
        return False  # "the 2017 to 2019 model years": a product's label
    opening = _FIGURES_OPENING.match(text, sentence[0], sentence[1])
    if opening is not None:  # "According to figures X published in June, spills rose …"
        return guess.phrase_start < opening.end()
    statistic = _STATISTIC.search(text, *sentence)
    # "sales fell 18 percent in the first half, according to a report it published in
    # August": the measured period is no event, the report's date may be
    return statistic is None or statistic.end() <= guess.phrase_start
