"""The evaluation set of benchmarks/ingest_eval is well formed: a gold event whose quote is
not in its article, or is there twice, would be scored against nothing (or anything)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "benchmarks" / "ingest_eval"
SHAPES = {"day": r"\d{4}-\d\d-\d\d", "month": r"\d{4}-\d\d", "year": r"\d{4}"}


def test_every_gold_quote_is_in_its_article_once_with_its_dating_words():
    gold = tomllib.loads((EVAL / "gold.toml").read_text(encoding="utf-8"))
    problems = []
    for article in gold["article"]:
        assert re.fullmatch(r"dev|heldout(-\d+)?", article["split"]), article["file"]
        text = (EVAL / article["file"]).read_text(encoding="utf-8")
        for event in article["event"]:
            where = f"{article['file']}: {event['quote'][:50]!r}"
            if text.count(event["quote"]) != 1:
                problems.append(f"{where} occurs {text.count(event['quote'])} times")
            if event["date_phrase"] not in event["quote"]:
                problems.append(f"{where} lacks its date phrase {event['date_phrase']!r}")
            if not re.fullmatch(SHAPES[event["precision"]], event["date"]):
                problems.append(f"{where} has date {event['date']} for {event['precision']}")
    assert problems == []
    assert len(gold["article"]) >= 80
