"""Check that an evidence quote appears on a document page, despite PDF text quirks.

Text extracted from PDFs and scans breaks words across lines ("assess-\\nment"),
carries soft hyphens and no-break spaces, and uses curly quotes where the
person citing it types straight ones. Both the page text and the quote are
normalised the same way before comparing; the match is then mapped back to
offsets in the original page text so the passage can be highlighted.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

__all__ = ["QuoteNotFound", "locate_quote", "normalise_for_matching"]

# Typographic variants folded to the ASCII character a person would type.
_FOLDS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    }
)
# Invisible characters that split words in extracted text.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_SOFT_HYPHEN = "\u00ad"
# PDFium reports a hyphen it generated at a line end as U+0002.
_PDFIUM_LINE_END_HYPHEN = "\u0002"

# A soft hyphen, with the line break it marks if any, always goes.
_SOFT_BREAK = re.compile(r"[\u00ad\u0002](?:[^\S\n]*\n\s*)?")
# A hyphen inside a word goes too, with the line break after it if any, so
# "assess-\nment", "assessment", "evidence-\nbased" and "evidence-based" compare
# equal in both the page and the quote.
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?:[^\S\n]*\n\s*)?(?=\w)")
_WHITESPACE = re.compile(r"\s+")


class QuoteNotFound(ValueError):
    """The quoted words are not on the cited page (or the quote is empty)."""

    def __init__(self, quote: str, *, page: int | None = None, title: str | None = None) -> None:
        self.quote = quote
        self.page = page
        self.title = title
        where = _where(page, title)
        if not normalise_for_matching(quote):
            message = f"The quote is empty: give the exact words as they appear {where}."
        else:
            shown = textwrap.shorten(quote, width=120, placeholder="…")
            message = f'The quote "{shown}" does not appear {where}.'
        super().__init__(message)


def normalise_for_matching(text: str) -> str:
    """Return text folded for quote matching.

    Folds compatibility forms (ligatures, no-break spaces: NFKC), curly quotes,
    apostrophes and dashes; drops soft hyphens, zero-width characters and
    hyphens inside words, joining words split across a line break; collapses
    whitespace to single spaces; case-folds.
    """
    return _normalise(text)[0]


def locate_quote(
    page_text: str, quote: str, *, page: int | None = None, title: str | None = None
) -> tuple[int, int]:
    """Return ``(start, end)`` of the first match of ``quote`` in the original ``page_text``.

    ``page_text[start:end]`` is the quoted passage as the page has it.
    ``page`` (1-based) and ``title`` only word the error. Raises
    ``QuoteNotFound`` if the quote is empty or not on the page.
    """
    wanted = normalise_for_matching(quote)
    if not wanted:
        raise QuoteNotFound(quote, page=page, title=title)
    haystack, origins = _normalise(page_text)
    found = haystack.find(wanted)
    if found < 0:
        raise QuoteNotFound(quote, page=page, title=title)
    return origins[found], origins[found + len(wanted) - 1] + 1


def _normalise(text: str) -> tuple[str, list[int]]:
    """Normalise text, also returning for each output character its index in ``text``."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        for folded in unicodedata.normalize("NFKC", char).translate(_FOLDS).casefold():
            chars.append(folded)
            origins.append(index)
    chars, origins = _drop(_SOFT_BREAK, chars, origins)
    chars, origins = _drop(_WORD_HYPHEN, chars, origins)
    chars, origins = _collapse_whitespace(chars, origins)
    return "".join(chars), origins


def _drop(
    pattern: re.Pattern[str], chars: list[str], origins: list[int]
) -> tuple[list[str], list[int]]:
    text = "".join(chars)
    keep_chars: list[str] = []
    keep_origins: list[int] = []
    position = 0
    for match in pattern.finditer(text):
        keep_chars.extend(chars[position : match.start()])
        keep_origins.extend(origins[position : match.start()])
        position = match.end()
    keep_chars.extend(chars[position:])
    keep_origins.extend(origins[position:])
    return keep_chars, keep_origins


def _collapse_whitespace(chars: list[str], origins: list[int]) -> tuple[list[str], list[int]]:
    text = "".join(chars)
    out_chars: list[str] = []
    out_origins: list[int] = []
    position = 0
    for match in _WHITESPACE.finditer(text):
        out_chars.extend(chars[position : match.start()])
        out_origins.extend(origins[position : match.start()])
        # Leading and trailing whitespace would stop a quote matching at a page edge.
        if match.start() > 0 and match.end() < len(text):
            out_chars.append(" ")
            out_origins.append(origins[match.start()])
        position = match.end()
    out_chars.extend(chars[position:])
    out_origins.extend(origins[position:])
    return out_chars, out_origins


def _where(page: int | None, title: str | None) -> str:
    if page is not None and title:
        return f'on page {page} of "{title}"'
    if page is not None:
        return f"on page {page}"
    if title:
        return f'in "{title}"'
    return "in the page text"
