"""Read pictures of pages with Tesseract, a few pages at a time."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import pytesseract
from PIL import Image

from casetracker.documents.extraction.progress import report

#: Resolution pages are rendered at for OCR; Tesseract is trained on text of about this size.
OCR_DPI = 300
#: Largest picture handed to Tesseract (an A2 sheet at 300 dpi); bigger pages are scaled down.
MAX_OCR_PIXELS = 36_000_000
#: A page that takes longer than this is given up, so one bad scan cannot hold an import forever.
OCR_TIMEOUT_SECONDS = 180
#: The default OCR language; a team may choose others, and an upload override them.
OCR_LANGUAGE = "eng"
#: Tesseract language codes joined by "+", e.g. "cym+eng": Welsh first, then English.
_LANGUAGES = re.compile(r"[a-z]{3}(?:_[a-z]+)?(?:\+[a-z]{3}(?:_[a-z]+)?){0,4}")
#: Tesseract runs as a subprocess, so threads give real parallelism; keep it small for web servers.
OCR_WORKERS = max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class OcrOutcome:
    """Tesseract's text for one page, or why it could not read it (a sentence for a user)."""

    text: str = ""
    failure: str | None = None
    #: Tesseract's mean word confidence for the page, 0-100; None when it read no word.
    confidence: float | None = None


@functools.cache
def tesseract_available() -> bool:
    """Return whether the ``tesseract`` program and its English language data are installed."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return False
    try:
        return OCR_LANGUAGE in pytesseract.get_languages()
    except (pytesseract.TesseractError, OSError, subprocess.SubprocessError):
        return False


@functools.cache
def installed_languages() -> frozenset[str]:
    """Return the Tesseract language data installed on this server (empty without Tesseract)."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return frozenset()
    try:
        return frozenset(pytesseract.get_languages())
    except (pytesseract.TesseractError, OSError, subprocess.SubprocessError):
        return frozenset()


def ocr_language_problem(languages: str) -> str | None:
    """Return why ``languages`` ("cym", "cym+eng") cannot be used for OCR here, or None if it can.

    The reason names the Debian package to install (``tesseract-ocr-cym`` for Welsh).
    """
    if not _LANGUAGES.fullmatch(languages or ""):
        return (f"{languages!r} is not a list of OCR languages: give Tesseract codes joined by +, "
                "e.g. eng, cym or cym+eng.")
    installed = installed_languages()
    if not installed:
        return "OCR (Tesseract) is not installed on this server: install the Debian package tesseract-ocr."
    missing = [code for code in languages.split("+") if code not in installed]
    if missing:
        packages = ", ".join(f"tesseract-ocr-{code.replace('_', '-')}" for code in missing)
        return (f"The OCR language data {', '.join(missing)} is not installed on this server: "
                f"install the Debian package {packages}.")
    return None


@functools.cache
def _tesseract_config() -> str:
    # Page segmentation mode 1 adds orientation detection, so pages scanned sideways or upside
    # down read correctly (about 10% slower); it needs the "osd" language data.
    return "--psm 1" if "osd" in pytesseract.get_languages() else "--psm 3"


def ocr_image(image: Image.Image, languages: str = OCR_LANGUAGE) -> OcrOutcome:
    """Read the text in ``image`` with Tesseract in ``languages``, scaling down pictures over ``MAX_OCR_PIXELS``."""
    problem = ocr_language_problem(languages)
    if problem is not None:
        return OcrOutcome(failure=problem[0].lower() + problem[1:].rstrip("."))
    # Tesseract's OpenMP threads fight each other when several pages are read at once.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = _bounded(image)
    try:
        # One Tesseract run gives both the words (with their confidence) and their layout.
        data = pytesseract.image_to_data(
            image, lang=languages, config=_tesseract_config(), timeout=OCR_TIMEOUT_SECONDS,
            output_type=pytesseract.Output.DICT,
        )
    except (pytesseract.TesseractError, RuntimeError, OSError) as error:
        reason = "it took too long" if "timeout" in str(error).lower() else "Tesseract failed on it"
        return OcrOutcome(failure=reason)
    text, confidence = words_to_text(data)
    return OcrOutcome(text=text, confidence=confidence)


def words_to_text(data: dict[str, list]) -> tuple[str, float | None]:
    """Return the page text and mean word confidence from Tesseract's ``image_to_data`` columns.

    Words of a line are joined by spaces, lines of a paragraph by newlines and
    paragraphs by a blank line, as Tesseract's own text output lays them out;
    the confidence is the mean over recognised words (Tesseract gives -1 to
    rows that are not words), rounded to one decimal.
    """
    paragraphs: dict[tuple, dict[int, list[str]]] = {}
    confidences: list[float] = []
    for block, par, line, word, conf in zip(data["block_num"], data["par_num"], data["line_num"],
                                            data["text"], data["conf"]):
        word = (word or "").strip()
        if not word:
            continue
        paragraphs.setdefault((block, par), {}).setdefault(line, []).append(word)
        if float(conf) >= 0:
            confidences.append(float(conf))
    text = "\n\n".join("\n".join(" ".join(words) for words in lines.values()) for lines in paragraphs.values())
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return text.replace("\f", "").strip(), mean


def ocr_images(
    images: Iterable[tuple[int, Image.Image]], languages: str = OCR_LANGUAGE, *, total: int = 0
) -> dict[int, OcrOutcome]:
    """OCR ``(page number, picture)`` pairs in parallel in ``languages``, keeping few pictures in memory.

    ``images`` is consumed lazily on the calling thread (renderers such as PDFium are not
    thread-safe); returns the outcome for each page number. Reports ``("ocr", pages done,
    total)`` after each page (``extraction.progress``).
    """
    outcomes: dict[int, OcrOutcome] = {}
    pending: dict[int, Future[OcrOutcome]] = {}
    with ThreadPoolExecutor(max_workers=OCR_WORKERS, thread_name_prefix="ocr") as pool:
        for number, image in images:
            if len(pending) >= 2 * OCR_WORKERS:
                oldest = next(iter(pending))
                outcomes[oldest] = pending.pop(oldest).result()
                report("ocr", len(outcomes), total)
            pending[number] = pool.submit(ocr_image, image, languages)
        for number, future in pending.items():
            outcomes[number] = future.result()
            report("ocr", len(outcomes), total)
    return outcomes


def ocr_scale(width_points: float, height_points: float) -> float:
    """Return the render scale for a page of the given size in PDF points (1/72 inch).

    The scale gives ``OCR_DPI``, reduced so the picture stays within ``MAX_OCR_PIXELS``.
    """
    scale = OCR_DPI / 72
    pixels = width_points * height_points * scale * scale
    if pixels > MAX_OCR_PIXELS:
        scale *= (MAX_OCR_PIXELS / pixels) ** 0.5
    return scale


def _bounded(image: Image.Image) -> Image.Image:
    if image.width * image.height <= MAX_OCR_PIXELS:
        return image
    factor = (MAX_OCR_PIXELS / (image.width * image.height)) ** 0.5
    size = (max(1, int(image.width * factor)), max(1, int(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS)
