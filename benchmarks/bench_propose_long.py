"""How proposing events scales with the length of the text:
`python benchmarks/bench_propose_long.py`.

Two kinds of text, each cut at growing lengths:
- news prose: the evaluation's articles one after another (hundreds of organisations,
  people and dates, as in a long report);
- made-up text: random words, a fifth of them capitalised, with a date every third
  sentence, and a new organisation (a name and "Inc.", "Bank", "Council"…) and a person
  speaking for one for every hundred words (a hostile file: thousands of names).

The whole proposal is timed (sentences, names, dates, actors, titles), the median of
`--repeats` runs; the last column is the time per 1,000 words, which stays flat when the
time grows in proportion to the text.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline_app.ingest.proposals import propose  # noqa: E402

ARTICLES = Path(__file__).resolve().parent / "ingest_eval" / "articles"
PUBLISHED = date(2024, 6, 1)
MONTHS = ("January", "March", "May", "July", "September", "November")


def news_prose() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt")))


SUFFIXES = ("Inc.", "Group", "Bank", "Holdings", "Ministry of Trade", "Council", "Ltd")


def made_up(words: int, seed: int = 7) -> str:
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choices("abcdefghijklmnoprstuvw", k=rng.randint(2, 9)))

    vocabulary = [word() for _ in range(5000)]
    bodies = [f"{word().capitalize()} {rng.choice(SUFFIXES)}" for _ in range(max(50, words // 100))]
    people = [f"{word().capitalize()} {word().capitalize()}" for _ in range(len(bodies) // 2)]
    out: list[str] = []
    sentence = written = 0
    while written < words:
        length = rng.randint(8, 30)
        chosen = [rng.choice(vocabulary) for _ in range(length)]
        chosen = [w.capitalize() if rng.random() < 0.2 else w for w in chosen]
        chosen[0] = chosen[0].capitalize()
        if rng.random() < 0.5:  # an organisation acts, or someone speaks for one
            chosen[0] = rng.choice(bodies)
        if rng.random() < 0.2:
            chosen.append(f", said {rng.choice(people)}, who leads {rng.choice(bodies)}")
        if sentence % 3 == 0:
            when = f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}"
            chosen.insert(rng.randint(1, length - 1), when)
        out.append(" ".join(chosen) + ".")
        written += length
        sentence += 1
    return " ".join(out)


def cut(text: str, words: int) -> str:
    """The text up to the end of its `words`-th word."""
    parts = text.split(" ")
    return " ".join(parts[:words])


def timed(text: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        propose(text, PUBLISHED)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--made-up-words", default="20000,200000")
    args = parser.parse_args()
    prose = news_prose()
    rows: list[tuple[str, int, float]] = []
    total = len(prose.split())
    for words in (5_000, 20_000, total):
        text = prose if words == total else cut(prose, words)
        rows.append(("news prose", len(text.split()), timed(text, args.repeats)))
    for words in (int(w) for w in args.made_up_words.split(",")):
        text = made_up(words)
        repeats = 1 if words > 50_000 else args.repeats
        rows.append(("made-up text", len(text.split()), timed(text, repeats)))
    print("| text | words | time (median) | per 1,000 words |")
    print("|---|---|---|---|")
    for kind, words, seconds in rows:
        print(f"| {kind} | {words:,} | {seconds:.2f} s | {1000 * seconds / words * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
