"""Files built for the extraction-fidelity tests: a PDF whose text layer is glyph garbage, a Welsh scan.

How the garbage PDF is made: one page drawn in Helvetica (a standard font, so every viewer
and PDFium render real letters), whose font carries a ToUnicode CMap (PDF 1.7 s9.10.3) that
maps every character code to the wrong Unicode value: to private-use code points (the usual
result of a subset font with a broken map) or to the letter three places on (a map shifted
by a font tool). The rendered page reads as English; the text layer does not.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

_SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def private_use(code: int) -> int:
    """Map a character code to the private-use area, as broken subset fonts do."""
    return 0xE000 + code


def shifted(code: int) -> int:
    """Map a letter to the one three places on (a to d), leaving other codes alone."""
    char = chr(code)
    if not char.isalpha():
        return code
    base = ord("a") if char.islower() else ord("A")
    return base + (ord(char) - base + 3) % 26


def garbage_pdf(lines: list[str], mapping: Callable[[int], int]) -> bytes:
    """Return a one-page PDF showing ``lines`` in Helvetica whose ToUnicode map is ``mapping``."""
    content = "BT /F1 24 Tf 72 700 Td 30 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    entries = "\n".join(f"<{code:02X}> <{mapping(code):04X}>" for code in range(0x20, 0x7F))
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        "/CMapName /Wrong def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"95 beginbfchar\n{entries}\nendbfchar\nendcmap CMapName currentdict /CMapResource defineresource pop end end"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


#: A Welsh council's acknowledgement; "ynglŷn â" needs the Welsh OCR data to keep its accents.
WELSH_LINES = [
    "Mae'r Cyngor wedi derbyn eich cais am wybodaeth.",
    "Diolch am eich ymholiad ynglŷn â'r ysgol.",
    "Byddwn yn ateb o fewn ugain diwrnod gwaith.",
]


def welsh_scan() -> bytes:
    """Return a PNG "scan" of ``WELSH_LINES`` drawn with DejaVu Serif (skips without the font)."""
    if not _SERIF.is_file():
        pytest.skip("DejaVu fonts are not installed; apt-get install fonts-dejavu-core")
    font = ImageFont.truetype(str(_SERIF), 40)
    image = Image.new("L", (2000, 400), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(WELSH_LINES):
        draw.text((60, 60 + number * 80), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def needs_ocr_language(code: str) -> None:
    """Skip unless Tesseract and its ``code`` language data are installed."""
    from casetracker.documents.extraction.ocr import installed_languages

    if code not in installed_languages():
        pytest.skip(f"Tesseract language data {code} is not installed; apt-get install tesseract-ocr-{code}")
