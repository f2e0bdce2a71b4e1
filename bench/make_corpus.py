"""Generate a deterministic corpus of N articles by varying the seed articles.

    python bench/make_corpus.py DEST --n 10000 [--seed 0]

Each article takes one seed, shuffles its middle paragraphs, swaps people's
names and numbers, and sometimes adds a byline, a dateline or an editor's note,
so texts (and their hashes) differ while reading like the seeds. Same (n, seed)
gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_SURNAME_WORDS = (
    "Blinken Putin Zelensky Stoltenberg Cleverly Barnes Erlanger Bennett Johnson DeCamp "
    "Kuleba Lavrov Scholz Macron Sunak Biden Harris Orban Duda Sandu Tusk Kallas Rutte "
    "Borrell Guterres Yermak Shoigu Peskov Medvedev Zaluzhny Syrskyi Budanov Umerov"
)
SURNAMES = _SURNAME_WORDS.split()
FIRST_NAMES = [
    "Anna",
    "Boris",
    "Clara",
    "Dmytro",
    "Elena",
    "Farid",
    "Greta",
    "Hanna",
    "Ivan",
    "Julia",
    "Kofi",
    "Lena",
    "Marek",
]
MONTHS = "January February March April May June July August September October November December"
OUTLETS = ("Kyiv Independent", "Project Syndicate", "The Daily Ledger", "Meridian News")
_NUMBER = re.compile(r"\b\d[\d,]*\b")
_NAME = re.compile(r"\b(" + "|".join(SURNAMES) + r")\b")


def _vary_numbers(text: str, rng: random.Random) -> str:
    def swap(match: re.Match[str]) -> str:
        digits = match.group().replace(",", "")
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return str(int(digits) + rng.randint(-2, 2))  # a year stays a year
        top = 10 ** len(digits) - 1
        value = rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 0, top)
        return f"{value:,}" if "," in match.group() else str(value)

    return _NUMBER.sub(swap, text)


def make_article(seed_text: str, rng: random.Random, index: int) -> str:
    """One varied article from one seed text."""
    lines = seed_text.rstrip("\n").split("\n")
    sep = "\n\n" if "" in lines[:4] else "\n"
    paragraphs = [p for p in seed_text.strip().split(sep) if p.strip()]
    head, middle, tail = paragraphs[:1], paragraphs[1:-1], paragraphs[-1:]
    rng.shuffle(middle)
    middle = middle[: max(1, len(middle) - rng.randint(0, len(middle) // 8))]
    names = dict(zip(SURNAMES, rng.sample(SURNAMES, len(SURNAMES)), strict=True))
    body = _NAME.sub(lambda m: names[m.group()], sep.join(middle))
    body = _vary_numbers(body, rng)
    extra_head: list[str] = []
    extra_tail: list[str] = []
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS.split()), rng.randint(2019, 2025)
    if rng.random() < 0.4:
        extra_head.append(f"By {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}")
    if rng.random() < 0.3:
        extra_head.append(f"Published: {month} {day}, {year}")
    if rng.random() < 0.2:
        first, again = rng.sample(OUTLETS, 2)
        extra_tail.append(
            f"Editor's Note: This article was published by {first} on {month[:3]}. {day}, "
            f"{year}, and has been republished by the {again} with permission."
        )
    title = head[0].split("\n")[0] if head else f"Article {index}"
    if rng.random() < 0.5:
        title = f"{title} ({index})"
    parts = [title, *extra_head, *(head[0].split("\n")[1:] if head else []), body]
    return sep.join(p for p in [*parts, *tail, *extra_tail] if p) + "\n"


def make_corpus(dest: Path, n: int, seed: int = 0) -> None:
    """Write `n` articles named gen_00000.txt ... into `dest` (created)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(seed)
    width = max(5, len(str(n - 1)))
    for index in range(n):
        text = make_article(seeds[index % len(seeds)], rng, index)
        (dest / f"gen_{index:0{width}d}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    make_corpus(args.dest, args.n, args.seed)
    print(f"wrote {args.n} articles to {args.dest}")


if __name__ == "__main__":
    main()
