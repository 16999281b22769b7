"""Generate a corpus of text-layer PDFs of English-ish released documents for the benchmarks.

The text is seeded, so two runs with the same seed write the same words; the
PDFs are drawn by PDFium itself (through pypdfium2's raw API) in the standard
Helvetica font, one text object per line, as a word processor's export would be.
"""

from __future__ import annotations

import ctypes
import io
import random
import textwrap
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

#: A4 portrait, in points.
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
MARGIN = 56.0
FONT_SIZE = 10.0
LEADING = 12.0
#: Characters per line: Helvetica 10 pt averages about 5 pt a character, inside the margins.
LINE_CHARS = 92

DOMAIN_WORDS = (
    "government minister policy budget data protection impact assessment school "
    "attendance council police officer request response refusal exemption review "
    "complaint decision notice information commissioner department education "
    "pupil risk meeting minutes email working closely consultation contract "
    "procurement spending report officials advice briefing legal basis retention "
    "publication disclosure transparency audit committee funding local authority "
    "health service hospital patient records security incident breach training"
).split()
SYLLABLES = ["ba", "co", "de", "fi", "go", "ha", "li", "mo", "ne", "pe", "ra",
             "si", "tu", "ve", "lo", "an", "er", "in", "on", "st", "tr", "ch"]


class Vocabulary:
    """Draw words with a Zipf-like frequency: a few common, a long tail of rare ones."""

    def __init__(self, rng: random.Random) -> None:
        invented = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(6000)}
        self.words = DOMAIN_WORDS + sorted(invented)
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        rng.shuffle(weights)
        self.cumulative = list(_running_sum(weights))

    def sentence(self, rng: random.Random) -> str:
        """Return one sentence of 6 to 18 words, capitalised and punctuated."""
        words = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(6, 18))
        if rng.random() < 0.003:
            words.insert(rng.randrange(len(words)), "working closely")
        return " ".join(words).capitalize() + rng.choice(".....?;")


def _running_sum(values: list[float]):
    total = 0.0
    for value in values:
        total += value
        yield total


def page_text(rng: random.Random, vocabulary: Vocabulary) -> str:
    """Return one page of text: 15 to 30 sentences, about 1,700 characters."""
    return " ".join(vocabulary.sentence(rng) for _ in range(rng.randint(15, 30)))


def page_lines(rng: random.Random, vocabulary: Vocabulary) -> list[str]:
    """Return one page of text (see `page_text`) as wrapped lines."""
    return textwrap.wrap(page_text(rng, vocabulary), LINE_CHARS)


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """Return a PDF with one A4 page per item of `pages`, each a list of text lines."""
    document = pdfium.PdfDocument.new()
    try:
        font = pdfium_c.FPDFText_LoadStandardFont(document.raw, b"Helvetica")
        for lines in pages:
            page = document.new_page(PAGE_WIDTH, PAGE_HEIGHT)
            try:
                y = PAGE_HEIGHT - MARGIN - FONT_SIZE
                for line in lines:
                    _draw_line(document, page, font, line, MARGIN, y)
                    y -= LEADING
                page.gen_content()
            finally:
                page.close()
        pdfium_c.FPDFFont_Close(font)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    finally:
        document.close()


def _draw_line(document: pdfium.PdfDocument, page: pdfium.PdfPage, font, line: str, x: float, y: float) -> None:
    text_object = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, FONT_SIZE)
    # FPDF_WIDESTRING is NUL-terminated UTF-16LE.
    wide = ctypes.create_string_buffer((line + "\x00").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(text_object, ctypes.cast(wide, ctypes.POINTER(ctypes.c_ushort)))
    pdfium_c.FPDFPageObj_Transform(text_object, 1, 0, 0, 1, x, y)
    # The page owns the object from here on; it is freed with the document.
    pdfium_c.FPDFPage_InsertObject(page.raw, text_object)


def write_corpus(folder: Path, pages: int, pages_per_file: int, seed: int) -> list[Path]:
    """Write `pages` pages as PDFs of `pages_per_file` pages (the last may be shorter) into `folder`.

    Returns the files in the order written, named ``release-00001.pdf`` and so on.
    """
    rng = random.Random(seed)
    vocabulary = Vocabulary(rng)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    written = 0
    while written < pages:
        count = min(pages_per_file, pages - written)
        path = folder / f"release-{len(paths) + 1:05d}.pdf"
        path.write_bytes(pdf_bytes([page_lines(rng, vocabulary) for _ in range(count)]))
        paths.append(path)
        written += count
    return paths
