"""What text typed into a form or sent to the API may hold: no control characters but tab and line breaks.

No FOI text holds a NUL or another C0 control character: PostgreSQL cannot
store a NUL, XML 1.0 (so every generated .docx letter) has no way to write any
of them (its ``Char`` production allows only tab, line feed and carriage return
below U+0020), and they hide text from a reader. A lone UTF-16 surrogate (JSON
can spell one, ``"\\ud800"``) is half a character that UTF-8 cannot encode. The
pages and every JSON body (``errors``) and the API's fields (``api.fields``)
refuse them with the same message.

Pure: imports only the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def strings_in(value) -> Iterator[str]:
    """Yield every string in a parsed JSON value (keys and values, at any depth)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def control_character_problem(value: str) -> str | None:
    """Return why ``value`` is refused (naming the character), or None when it holds none."""
    found = CONTROL_CHARACTER.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return "Text may not contain a NUL character (\\x00)."
    if "\ud800" <= found.group() <= "\udfff":  # JSON's "\ud800" alone: half of a character, not text
        return f"Text may not contain half of a surrogate pair ({found.group()!r} was sent)."
    return f"Text may not contain a control character ({found.group()!r} was sent)."


def xml_safe(value: str) -> str:
    """Return ``value`` with each character XML 1.0 cannot hold replaced by U+FFFD (the replacement character).

    For text that reached the database by a way that does not refuse control
    characters (an email's headers, a document's text, rows stored before they
    were refused): a generated .docx must still open, and python-docx refuses
    such text with a ValueError (a 500), so it is shown as "�" instead.
    """
    return CONTROL_CHARACTER.sub("\ufffd", value)


def xml_safe_values(value):
    """Return a copy of a context (dicts, lists and tuples of values, at any depth) with every string ``xml_safe``."""
    if isinstance(value, str):
        return xml_safe(value)
    if type(value) is dict:
        return {key: xml_safe_values(item) for key, item in value.items()}
    if type(value) is list:
        return [xml_safe_values(item) for item in value]
    if type(value) is tuple:
        return tuple(xml_safe_values(item) for item in value)
    return value  # dates, amounts, and anything of its own type, unchanged
