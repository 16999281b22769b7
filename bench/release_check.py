"""How much the release-safety check adds to reading an upload: check_file beside extract, same files, same run.

    .venv/bin/python bench/release_check.py [--pages 40] [--runs 15]

Prints p50/p95 milliseconds of ``documents.extraction.extract`` (the baseline every upload already
pays, OCR off) and of ``release_check.check_file`` for a text-layer PDF of ``--pages`` pages from
the seeded corpus, and for ../shared/data/alaveteli/suspect.xlsx. Absolute times depend on the
machine's load; the ratio in one run is the figure to read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import random  # noqa: E402

from bench._corpus import Vocabulary, page_lines, pdf_bytes  # noqa: E402
from casetracker.documents.extraction import extract  # noqa: E402
from casetracker.release_check import check_file  # noqa: E402


def _times(fn, runs: int) -> tuple[float, float]:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        took.append((time.perf_counter() - start) * 1000)
    took.sort()
    return statistics.median(took), took[max(0, int(round(0.95 * len(took))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(17)
    vocabulary = Vocabulary(rng)
    corpus = pdf_bytes([page_lines(rng, vocabulary) for _ in range(args.pages)])
    files = [(f"corpus PDF, {args.pages} pages", corpus, "corpus.pdf")]
    suspect = ROOT.parent / "shared" / "data" / "alaveteli" / "suspect.xlsx"
    if suspect.exists():
        files.append(("suspect.xlsx", suspect.read_bytes(), "suspect.xlsx"))
    print(f"{'file':<24} {'extract p50':>12} {'p95':>8} {'check p50':>10} {'p95':>8} {'check/extract':>14} "
          f"{'upload check p50':>17} {'p95':>8} {'ratio':>6}")
    for label, data, name in files:
        base = _times(lambda: extract(data, name, ocr=False), args.runs)
        check = _times(lambda: check_file(data, name), args.runs)
        texts = [page.text for page in extract(data, name, ocr=False).pages]
        # What an upload pays on top of its reading: the worker passes the text it has just extracted.
        upload = _times(lambda: check_file(data, name, page_texts=texts), args.runs)
        print(f"{label:<24} {base[0]:>12.1f} {base[1]:>8.1f} {check[0]:>10.1f} {check[1]:>8.1f} "
              f"{check[0] / base[0]:>14.2f} {upload[0]:>17.1f} {upload[1]:>8.1f} {upload[0] / base[0]:>6.2f}")


if __name__ == "__main__":
    main()
