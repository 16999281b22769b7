"""Judge whether extracted text is text, and fold compatibility characters, for every format."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Unicode compatibility decompositions that only change how a character is drawn: the ligature
#: "ﬁ" is "fi", full-width "Ａ" is "A", a no-break space is a space. Superscripts, fractions and
#: circled numbers (<super>, <fraction>, <circle>) change meaning ("m²" is not "m2"), so stay.
_SAFE_TAGS = frozenset({"<compat>", "<wide>", "<narrow>", "<noBreak>", "<font>", "<small>", "<vertical>"})
# Characters no text consists of: controls (other than tab and line ends), private-use glyph
# codes, unassigned code points and U+FFFD, which is what broken ToUnicode maps produce.
_NOT_TEXT_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs"})
#: Above this share of non-text characters, a text layer is glyph garbage.
MAX_NOT_TEXT_SHARE = 0.3
#: A text layer with at least this many Latin words, of which fewer than MIN_COMMON_WORD_SHARE
#: are common words of a language UK authorities write in and whose letters are less than
#: MIN_VOWEL_SHARE vowels, is a cipher of glyph codes. (Prose in these languages is about 40%
#: vowels; a list of names has no common words but its vowels; shifted letters have neither.)
MIN_WORDS_JUDGED = 8
MIN_COMMON_WORD_SHARE = 0.1
MIN_VOWEL_SHARE = 0.25
_WORD = re.compile(r"[^\W\d_]{1,30}")
# The commonest short words of English, Welsh, Scottish Gaelic, Irish, Dutch, French and German:
# any page of prose in them has many; text drawn with a wrong ToUnicode map has almost none.
_COMMON_WORDS = frozenset(
    """
    a an and are as at be but by for from had has have he her his i if in is it its not of on or
    our she that the their there they this to was we were which will with you your been any all
    may can would should under section request information act
    y yr yn ac ar am at o i a ei eu ni chi mae wedi bod eich ein gan gyda hyn hwn fel neu ond
    oedd sydd na nid cais ydy yw
    agus an na ann air gu le bho bha tha is ri mar cha e i sinn sibh iad
    de het een en van in is op te dat die voor met zijn niet aan er ook als bij
    le la les des du un une et est pour dans qui que sur par pas au
    der die das und ist nicht ein eine zu den mit von auf im sich des dem
    """.split()
)


def normalise_text(text: str) -> str:
    """Fold ligatures, full-width forms and other presentation variants to plain characters.

    NFKC is applied character by character and only where the compatibility mapping is one of
    ``_SAFE_TAGS``, so "ﬁle" becomes "file" and "ＦＯＩ" "FOI" but "m²" and "½" keep their meaning.
    """
    if text.isascii():
        return text
    return "".join(_fold(char) if not char.isascii() else char for char in text)


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    decomposition = unicodedata.decomposition(char)
    if decomposition.startswith("<") and decomposition.split(" ", 1)[0] in _SAFE_TAGS:
        return unicodedata.normalize("NFKC", char)
    return char


def text_layer_unreadable(text: str) -> bool:
    """Say whether a page's text layer is glyph garbage rather than text.

    Garbage is mostly control, private-use or unassigned characters (a font whose ToUnicode
    map is wrong or missing), or Latin "words" of which almost none is a common word of the
    languages UK authorities write in and which have few vowels (a map shifted to other
    letters). Short layers and layers in other scripts (Greek, Cyrillic) are only judged by
    the first test.

    Counted with regular expressions and ``str.count`` rather than a Python loop over every
    character: it runs on every page of every upload, and the loop was a quarter of the
    worker's CPU on text PDFs (bench/ingest.py).
    """
    non_ascii = _NON_ASCII.findall(text)
    spaces = sum(map(text.count, _ASCII_SPACES)) + sum(1 for char in non_ascii if char.isspace())
    visible = len(text) - spaces
    if not visible:
        return False
    not_text = len(_ASCII_CONTROLS.findall(text)) + sum(map(_not_text, non_ascii))
    if not_text / visible > MAX_NOT_TEXT_SHARE:
        return True
    words = [word.casefold() for word in _WORD.findall(text) if word.isascii() or _latin(word)]
    if len(words) < MIN_WORDS_JUDGED:
        return False
    common = sum(1 for word in words if word in _COMMON_WORDS)
    letters = "".join(words)
    vowels = sum(letters.count(vowel) for vowel in _VOWELS)
    return common / len(words) < MIN_COMMON_WORD_SHARE and vowels / len(letters) < MIN_VOWEL_SHARE


#: The ASCII characters str.isspace() is true of.
_ASCII_SPACES = " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
#: ASCII controls that are not white space.
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_VOWELS = "aeiouyàáâäèéêëìíîïòóôöùúûüŵŷ"


@lru_cache(maxsize=8192)
def _not_text(char: str) -> bool:
    return not char.isspace() and (char == "\ufffd" or unicodedata.category(char) in _NOT_TEXT_CATEGORIES)


def _latin(word: str) -> bool:
    return all(char.isascii() or _latin_letter(char) for char in word)


@lru_cache(maxsize=8192)
def _latin_letter(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")
