"""How well events are proposed from articles: `python benchmarks/ingest_eval.py`.

Reads the hand-made gold events of benchmarks/ingest_eval/gold.toml (see the README there),
proposes events from each article as the app does (the article read as it would be stored),
and prints per article and in total:

- recall: gold events proposed with the right actor, start date and precision (see
  same_date for the one convention that differs), by a proposal whose excerpt contains the
  gold quote;
- precision: the share of proposals that are such a match for some gold event;
- verbatim: proposals whose excerpt is not exactly the stored text at its offsets (must be 0);
- the time to propose, per article and per 1,000 words (median of 5 runs).

The "heldout" and "heldout-2" articles were written for this evaluation by someone who had
not seen the rules, and were not looked at while the rules were written; "dev" ones were
(see ingest_eval/README.md). `--split` shows one part only; `--details` lists the misses and
the wrong proposals (use it on dev only, or the held-out parts stop being held out).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent / "ingest_eval"
TARGETS = {"recall": 0.85, "precision": 0.70, "seconds per 1,000 words": 2.0}
_SUFFIX = re.compile(
    r"^(?:the\s+)|(?:,?\s+(?:inc\.?|corp\.?|corporation|ltd\.?|limited|llc|plc|ag|se|gmbh|co\.))$"
)


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    proposed: int = 0
    right: int = 0
    not_verbatim: int = 0
    seconds: float = 0.0
    words: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, label: str) -> str:
        recall = self.found / self.gold if self.gold else float("nan")
        precision = self.right / self.proposed if self.proposed else float("nan")
        per_k = self.seconds / self.words * 1000 if self.words else float("nan")
        return (
            f"| {label} | {self.words:,} | {self.gold} | {self.proposed} | {recall:.0%} | "
            f"{precision:.0%} | {self.not_verbatim} | {self.seconds * 1000:.0f} ms | "
            f"{per_k * 1000:.0f} ms |"
        )


def same_actor(proposed: str, gold: str) -> bool:
    def norm(name: str) -> str:
        name = " ".join(name.casefold().replace("’", "'").split())
        return _SUFFIX.sub("", _SUFFIX.sub("", name)).strip()

    return norm(proposed) == norm(gold)


def same_date(proposal, event: dict) -> bool:
    """Start and precision agree. One convention differs: where the words give only a rough
    span ("last week", "late last year", "two weeks ago"), the gold keeps the coarser period
    (the month, the year) and the app the finer span it can tell, marked approximate (c. 4–10
    November; c. September–December). Those agree when the app's span starts inside the
    gold's period (the gold's rule for a week is the month of its Monday, so a week that
    runs into the next month still counts)."""
    if proposal.start == event["date"] and proposal.precision.value == event["precision"]:
        return True
    order = {"day": 0, "month": 1, "year": 2}
    finer = order[proposal.precision.value] < order[event["precision"]]
    return proposal.approximate and finer and proposal.start.startswith(event["date"])


def evaluate(article: dict, details: bool) -> Score:
    from timeline_app.ingest.article import read_article
    from timeline_app.ingest.proposals import propose

    path = HERE / article["file"]
    text = read_article(path).text
    published = date.fromisoformat(article["published"])
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        proposals = propose(text, published)
        runs.append(time.perf_counter() - start)
    gold = article.get("event", [])
    score = Score(gold=len(gold), proposed=len(proposals), seconds=statistics.median(runs),
                  words=len(text.split()))  # fmt: skip
    used: set[int] = set()
    for event in gold:
        if event["quote"] not in text:
            print(f"  gold quote not in the stored text of {path.name}: {event['quote']!r}")
        for i, p in enumerate(proposals):
            if i in used:
                continue
            excerpt = text[p.excerpt_start : p.excerpt_end]
            if (
                same_actor(p.actor, event["actor"])
                and same_date(p, event)
                and event["quote"] in excerpt
            ):
                used.add(i)
                score.found += 1
                break
        else:
            if details:
                print(f"  MISSED {event['actor']} {event['date']} {event['precision']}: "
                      f"{event['quote'][:90]!r}")  # fmt: skip
    score.right = len(used)
    for i, p in enumerate(proposals):
        if text[p.excerpt_start : p.excerpt_end] != p.excerpt or not p.excerpt.strip():
            score.not_verbatim += 1
        if details and i not in used:
            print(f"  WRONG  {p.actor} {p.start} {p.precision.value} ({p.date_phrase!r}): "
                  f"{text[p.excerpt_start : p.excerpt_end][:90]!r}")  # fmt: skip
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", help="dev, a heldout-N set, or all")
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    articles = tomllib.loads((HERE / "gold.toml").read_text(encoding="utf-8"))["article"]
    print("| article | words | gold | proposed | recall | precision | not verbatim | time "
          "| per 1,000 words |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    totals = {split: Score() for split in dict.fromkeys(a["split"] for a in articles)}
    for article in articles:
        split = article["split"]
        if args.split not in ("all", split):
            continue
        if args.details:
            print(f"{article['file']} ({split}, published {article['published']})")
        score = evaluate(article, args.details)
        totals[split].add(score)
        print(score.row(f"{Path(article['file']).stem} ({split}, {article['kind']})"))
    unseen = Score()
    for split, score in totals.items():
        if score.gold:
            print(score.row(f"**all {split}**"))
            if split != "dev":
                unseen.add(score)
    if totals.get("dev", Score()).gold and unseen.gold and args.split == "all":
        print(unseen.row("**all held out**"))
    print(f"\ntargets: recall ≥ {TARGETS['recall']:.0%}, precision ≥ {TARGETS['precision']:.0%}, "
          f"every excerpt verbatim, under {TARGETS['seconds per 1,000 words']:.0f} s per "
          "1,000 words")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
