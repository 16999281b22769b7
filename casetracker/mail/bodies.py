"""Turn the bytes of a message body into text: charsets, then HTML to plain text."""

from __future__ import annotations

import codecs
import re
import warnings

import charset_normalizer
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

__all__ = ["decode_text", "html_to_text", "html_bytes_to_text", "known_charset", "normalise_newlines"]

# Labels that mail software writes but Python's codec registry does not know.
_CHARSET_ALIASES = {
    "unicode-1-1-utf-7": "utf-7",
    "x-unicode-2-0-utf-7": "utf-7",
    "ks_c_5601-1987": "cp949",
    "x-sjis": "shift_jis",
    "x-gbk": "gbk",
    # GB18030 is a superset; mailers label GBK text as gb2312 all the time.
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
# What browsers do (WHATWG Encoding): text labelled Latin-1 or ASCII is read as
# Windows-1252, which Outlook writes under those labels (curly quotes, en dashes, €).
_WESTERN = {"ascii", "latin-1", "iso8859-1", "cp1252"}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)
_BLOCK_TAGS = (
    "p", "div", "tr", "li", "ul", "ol", "table", "blockquote", "pre", "section",
    "article", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd",
)
_LINE_BREAK = "\u2028"
_PARAGRAPH = "\u2029"
_MIN_8BIT_FOR_DETECTION = 16
_HTML_SPACE = re.compile(r"[ \t\n\r\f\v\xa0]+")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text, trusting ``declared`` only as far as the bytes allow.

    Order: UTF-8 when the label is missing or Western and the bytes are valid
    UTF-8 (mislabelled UTF-8 is common); the declared charset; a charset
    charset-normalizer detects with confidence; Windows-1252, which reads any
    byte and is what unlabelled 8-bit mail in the UK almost always is. Never raises.
    """
    codec = _codec(declared)
    if codec is None or codec in _WESTERN:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if codec is not None and codec not in _WESTERN:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    if codec is None or codec not in _WESTERN:
        detected = _detect(data)
        if detected is not None:
            return detected
    return _decode_western(data)


def html_bytes_to_text(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML body (using its ``<meta charset>`` when MIME gave none) and return its text."""
    if not declared:
        found = _META_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii") if found else None
    return html_to_text(decode_text(data, declared))


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML document, one paragraph per block element."""
    with warnings.catch_warnings():
        # A short body such as "see attached.pdf" looks like a file name to bs4,
        # and XHTML mail bodies trip its XML notice; neither matters here.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "lxml")
    for hidden in soup(["script", "style", "head", "title", "noscript", "template"]):
        hidden.decompose()
    for br in soup.find_all("br"):
        br.replace_with(_LINE_BREAK)
    for cell in soup.find_all(["td", "th"]):
        cell.insert_before(" ")
    for block in soup.find_all(_BLOCK_TAGS):
        block.insert_before(_PARAGRAPH)
        block.append(_PARAGRAPH)
    # Source line breaks in HTML are just spaces; only the markers above break lines.
    text = _HTML_SPACE.sub(" ", soup.get_text())
    text = text.replace(_LINE_BREAK, "\n").replace(_PARAGRAPH, "\n\n")
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def normalise_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR turned into LF and trailing space removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def known_charset(label: str) -> bool:
    """Say whether a MIME charset label names a text encoding we can decode."""
    return _codec(label) is not None


def _codec(label: str | None) -> str | None:
    """Return Python's codec name for a MIME charset label, or None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
        # "base64" or "rot13" are codecs too, but not character sets: decode() refuses them.
        b"".decode(name)
    except LookupError:
        return None
    return name


def _decode_western(data: bytes) -> str:
    """Decode as Windows-1252, falling back to Latin-1 for its five unassigned bytes."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _detect(data: bytes) -> str | None:
    """Decode with the charset charset-normalizer detects, or None when the guess is not worth taking.

    On a few accented letters the detector guesses wildly (Latin-1 "Café" comes
    back as cp1006, "Straße" as UTF-16), and it cannot tell the single-byte
    Latin code pages apart (Latin-1 "£600" becomes Polish "Ł600"). So it is
    asked only when there are many 8-bit bytes, and a Latin-script or
    UTF-16/32 answer is not taken.
    """
    if len(data.translate(None, bytes(range(128)))) < _MIN_8BIT_FOR_DETECTION:
        return None
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding.startswith(("utf_16", "utf_32")):
        return None
    text = str(best)
    if all(_is_latin_script(char) for char in text):
        return None
    return text


def _is_latin_script(char: str) -> bool:
    """Say whether ``char`` is Latin, or punctuation or a symbol Western code pages carry."""
    code = ord(char)
    return code < 0x0250 or 0x2000 <= code < 0x2070 or 0x20A0 <= code < 0x20D0 or 0x2100 <= code < 0x2150
