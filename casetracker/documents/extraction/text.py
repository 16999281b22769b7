"""Read plain text and CSV files in whatever character set they were saved in."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import charset_normalizer

from casetracker.documents.extraction.constants import CONTENT_TYPES, FileKind
from casetracker.documents.extraction.results import ExtractionResult, native_pages

#: Text files have no pages; longer ones are cut at line ends so a hit's page stays readable.
MAX_TEXT_PAGE_CHARS = 100_000
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_END = re.compile(r"\r\n|\r")
_MAX_BAD_UTF8_SHARE = 0.2  # of non-ASCII bytes; in Latin-1 text nearly all of them are bad UTF-8


class DecodedText(NamedTuple):
    """Text decoded from bytes; ``lossy`` when some bytes fitted no charset and became U+FFFD."""

    text: str
    charset: str
    lossy: bool = False


def decode_text(data: bytes) -> DecodedText:
    """Decode ``data``, naming the charset used as IANA does.

    A byte-order mark wins, then strict UTF-8, then charset-normalizer's best guess, which gives
    way to Windows-1252 (the usual legacy charset of UK office files) when both read the same.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return DecodedText(data.decode(encoding, errors="replace"), encoding.removesuffix("-sig"))
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        # Nothing fits cleanly: mostly-UTF-8 with a few bad sequences beats reading it as Windows-1252.
        text = data.decode("utf-8", errors="replace")
        non_ascii_bytes = len(data.translate(None, bytes(range(128))))
        if text.count("\ufffd") <= non_ascii_bytes * _MAX_BAD_UTF8_SHARE:
            return DecodedText(text, "utf-8", lossy=True)
        return DecodedText(data.decode("cp1252", errors="replace"), "windows-1252", lossy=True)
    text = str(best)
    try:
        if data.decode("cp1252") == text:
            return DecodedText(text, "windows-1252")
    except UnicodeDecodeError:
        pass
    return DecodedText(text, _iana_name(best.encoding))


def normalise_line_ends(text: str) -> str:
    """Turn Windows (CRLF) and classic Mac (CR) line ends into ``\\n``."""
    return _LINE_END.sub("\n", text)


def split_pages(text: str) -> list[str]:
    """Split ``text`` at form feeds, then cut any part over ``MAX_TEXT_PAGE_CHARS`` at line ends."""
    pages: list[str] = []
    for part in text.split("\f"):
        while len(part) > MAX_TEXT_PAGE_CHARS:
            cut = part.rfind("\n", 0, MAX_TEXT_PAGE_CHARS)
            cut = cut + 1 if cut > 0 else MAX_TEXT_PAGE_CHARS
            pages.append(part[:cut])
            part = part[cut:]
        pages.append(part)
    return [page.strip("\n") for page in pages]


def extract_text(data: bytes, kind: FileKind = FileKind.TXT) -> ExtractionResult:
    """Read a plain text or CSV file (``kind`` says which) with its character set detected."""
    text, charset, lossy = decode_text(data)
    problems = ("Some bytes in this file are not valid text in any character set and were replaced.",) if lossy else ()
    text = normalise_line_ends(text).replace("\x00", "")
    return ExtractionResult(
        kind=kind,
        content_type=f"{CONTENT_TYPES[kind]}; charset={charset}",
        pages=native_pages(split_pages(text)),
        problems=problems,
    )


def _iana_name(python_name: str) -> str:
    name = codecs.lookup(python_name).name
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    if name.startswith("iso8859"):
        return "iso-8859-" + name.split("_", 1)[1]
    return name.replace("_", "-")
