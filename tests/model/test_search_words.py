"""The words a search marks: those the search index matched, i.e. word beginnings."""

from __future__ import annotations

from timeline_app.model.search_words import search_spans


def marked(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in search_spans(text, query)]


def test_word_beginnings_in_any_case_are_marked_whole():
    text = "Amazon's Rekognition: facial recognition, not Prerecognition."
    assert marked(text, "RECOG") == ["recognition"]
    assert marked(text, "rekog facial") == ["Rekognition", "facial"]
    assert marked(text, "amazon") == ["Amazon"]


def test_nothing_typed_or_only_punctuation_marks_nothing():
    assert search_spans("Some text", "") == []
    assert search_spans("Some text", ' *?"( ') == []
    assert search_spans("", "text") == []


def test_overlapping_words_make_one_mark():
    assert marked("police policy", "pol police") == ["police", "policy"]
    assert search_spans("police", "pol police") == [(0, 6)]
