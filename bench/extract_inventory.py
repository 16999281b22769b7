"""Extract every file under ../shared/data (and the files inside them) and tabulate the outcome by format.

Run: ``.venv/bin/python bench/extract_inventory.py [--no-ocr] [--data PATH]``.
Prints a Markdown table by format: files, pages, OCR'd pages, seconds, and failures with
their reasons; child files (zip members, attachments, mailbox messages) are read too, with
``depth + 1``, as an import would. The baseline, run in the same process, is raw pypdfium2
reading the same PDFs' text layers, beside our PDF reader with OCR off.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdfium2 as pdfium  # noqa: E402

from casetracker.documents.extraction import (  # noqa: E402
    ExtractionError,
    detect_kind,
    extract,
    tesseract_available,
)

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


@dataclass
class Tally:
    files: int = 0
    children: int = 0
    pages: int = 0
    ocr_pages: int = 0
    needs_ocr_pages: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def read_all(data: bytes, name: str, shown: str, depth: int, tallies: dict[str, Tally], *, ocr: bool) -> None:
    kind = detect_kind(data, name)
    tally = tallies[kind]
    tally.files += 1
    tally.children += depth > 0
    start = time.perf_counter()
    try:
        result = extract(data, name, ocr=ocr, depth=depth)
    except ExtractionError as error:
        tally.seconds += time.perf_counter() - start
        tally.failures.append(f"{shown}: {error}")
        return
    tally.seconds += time.perf_counter() - start
    tally.pages += len(result.pages)
    tally.ocr_pages += result.ocr_page_count
    tally.needs_ocr_pages += sum(page.method == "needs-ocr" for page in result.pages)
    for child in result.children:
        read_all(child.data, child.filename, f"{shown} › {child.filename}", depth + 1, tallies, ocr=ocr)


def baseline(pdfs: list[Path]) -> tuple[float, float]:
    start = time.perf_counter()
    for path in pdfs:
        try:
            document = pdfium.PdfDocument(path.read_bytes())
        except pdfium.PdfiumError:
            continue
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    raw = time.perf_counter() - start
    start = time.perf_counter()
    for path in pdfs:
        try:
            extract(path.read_bytes(), path.name, ocr=False)
        except ExtractionError:
            continue
    return raw, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-ocr", action="store_true", help="leave pages without a text layer unread")
    options = parser.parse_args()
    ocr = not options.no_ocr
    files = sorted(path for path in options.data.rglob("*") if path.is_file() and path.name != "README.md")
    tallies: dict[str, Tally] = defaultdict(Tally)
    start = time.perf_counter()
    for path in files:
        read_all(path.read_bytes(), path.name, str(path.relative_to(options.data)), 0, tallies, ocr=ocr)
    total = time.perf_counter() - start

    print(f"Extraction of {options.data.resolve()} ({len(files)} files; OCR {'on' if ocr else 'off'}, "
          f"Tesseract {'installed' if tesseract_available() else 'missing'})\n")
    print("| format | files (of which inside others) | pages | OCR pages | needs OCR | seconds | failures |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for kind in sorted(tallies):
        tally = tallies[kind]
        failures = "<br>".join(tally.failures) or "-"
        print(
            f"| {kind} | {tally.files} ({tally.children}) | {tally.pages} | {tally.ocr_pages} | "
            f"{tally.needs_ocr_pages} | {tally.seconds:.2f} | {failures} |"
        )
    summed = Tally()
    for tally in tallies.values():
        summed.files += tally.files
        summed.children += tally.children
        summed.pages += tally.pages
        summed.ocr_pages += tally.ocr_pages
        summed.needs_ocr_pages += tally.needs_ocr_pages
    failed = sum(len(tally.failures) for tally in tallies.values())
    print(f"| **all** | {summed.files} ({summed.children}) | {summed.pages} | {summed.ocr_pages} | "
          f"{summed.needs_ocr_pages} | {total:.2f} | {failed} failed |")

    pdfs = [path for path in files if detect_kind(path.read_bytes()[:2048], path.name) == "pdf"]
    raw, ours = baseline(pdfs)
    print(f"\nBaseline, same process, {len(pdfs)} top-level PDFs, text layer only: raw pypdfium2 {raw * 1000:.0f} ms; "
          f"extract(ocr=False) {ours * 1000:.0f} ms.")


if __name__ == "__main__":
    main()
