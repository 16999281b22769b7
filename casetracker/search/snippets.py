"""Mark the words a query matched in a page's text, as escaped HTML with <mark> tags."""

import html
import re
from collections.abc import Collection, Iterable

from whoosh import highlight
from whoosh.analysis import Token
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

#: Characters of text shown when a page matched on something other than its text.
LEAD_CHARS = 240

#: Fragments of a page shown in a search result, and their size in characters.
FRAGMENTS_PER_PAGE = 3
FRAGMENT_CHARS = 200
FRAGMENT_CONTEXT = 60

ELLIPSIS = "…"


class MarkFormatter(highlight.Formatter):
    """Escape the text as HTML and wrap each match in <mark>…</mark>."""

    between = f" {ELLIPSIS} "

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_token(self, text: str, token: Token, replace: bool = False) -> str:
        return f"<mark>{html.escape(highlight.get_text(text, token, replace))}</mark>"


_FORMATTER = MarkFormatter()
# charlimit=None: Whoosh's default (32K characters) silently drops hits further
# into a long page, such as a spreadsheet sheet.
_FRAGMENTER = highlight.PinpointFragmenter(
    maxchars=FRAGMENT_CHARS, surround=FRAGMENT_CONTEXT, charlimit=None
)
_SCORER = highlight.BasicFragmentScorer()


def match_offsets(
    searcher: Searcher, field: str, terms: Collection[bytes], docnums: Iterable[int]
) -> dict[int, list[Token]]:
    """Return, for each Whoosh docnum, the matched words' character spans, in text order.

    Reads the offsets stored in the postings (the field is indexed with
    chars=True), so the cost does not grow with the length of the page.
    """
    found: dict[int, list[Token]] = {docnum: [] for docnum in docnums}
    wanted = sorted(found)
    for term in terms:
        try:
            matcher = searcher.postings(field, term)
        except TermNotFound:
            continue
        word = term.decode("utf-8")
        for docnum in wanted:
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                found[docnum].extend(
                    Token(text=word, pos=pos, startchar=start, endchar=end, boost=1.0)
                    for pos, start, end in matcher.value_as("characters")
                )
    for tokens in found.values():
        tokens.sort(key=lambda token: (token.startchar, -token.endchar))
    return found


def phrase_offsets(
    searcher: Searcher, field: str, phrases: Collection[tuple[bytes, ...]], docnums: Iterable[int]
) -> dict[int, list[Token]]:
    """Return, for each docnum, one span per occurrence of each whole phrase (words adjacent, in order).

    A phrase highlights only where it stands, not every occurrence of its words.
    """
    wanted = sorted(set(docnums))
    found: dict[int, list[Token]] = {docnum: [] for docnum in wanted}
    for phrase in phrases:
        per_word = [match_offsets(searcher, field, [word], wanted) for word in phrase]
        for docnum in wanted:
            starts = {token.pos: token for token in per_word[0][docnum]}
            later = [{token.pos: token for token in offsets[docnum]} for offsets in per_word[1:]]
            for pos, first in starts.items():
                tokens = [first]
                for step, positions in enumerate(later, start=1):
                    token = positions.get(pos + step)
                    if token is None:
                        break
                    tokens.append(token)
                if len(tokens) == len(phrase):
                    found[docnum].append(Token(text=" ".join(t.text for t in tokens), pos=pos,
                                               startchar=first.startchar, endchar=tokens[-1].endchar,
                                               boost=1.0))
    return found


def merge_offsets(*spans: dict[int, list[Token]]) -> dict[int, list[Token]]:
    """Merge match spans per docnum in text order, dropping any span inside or overlapping an earlier one."""
    merged: dict[int, list[Token]] = {}
    for offsets in spans:
        for docnum, tokens in offsets.items():
            merged.setdefault(docnum, []).extend(tokens)
    for docnum, tokens in merged.items():
        tokens.sort(key=lambda token: (token.startchar, -token.endchar))
        kept: list[Token] = []
        for token in tokens:
            if not kept or token.startchar >= kept[-1].endchar:
                kept.append(token)
        merged[docnum] = kept
    return merged


def snippet_html(text: str, tokens: list[Token]) -> str:
    """Return up to FRAGMENTS_PER_PAGE escaped extracts around the matches, in text order.

    Without matches (the page matched on its title or a filter) returns the
    escaped opening of the page.
    """
    if not tokens:
        return lead_html(text)
    fragments = highlight.top_fragments(
        _FRAGMENTER.fragment_matches(text, tokens),
        FRAGMENTS_PER_PAGE,
        _SCORER,
        highlight.FIRST,
    )
    for fragment in fragments:
        _trim_to_words(fragment)
    body = _FORMATTER.format(fragments)
    before = f"{ELLIPSIS} " if fragments[0].startchar > 0 else ""
    after = f" {ELLIPSIS}" if fragments[-1].endchar < len(text) else ""
    return before + body + after


def whole_page_html(text: str, tokens: list[Token]) -> str:
    """Return the whole page escaped, with every match wrapped in <mark>."""
    return _FORMATTER.format_fragment(highlight.Fragment(text, tokens, 0, len(text)))


def lead_html(text: str) -> str:
    """Return the escaped first LEAD_CHARS characters of a page, cut at a word."""
    if len(text) <= LEAD_CHARS:
        return html.escape(text)
    cut = text.rfind(" ", 0, LEAD_CHARS)
    return html.escape(text[: cut if cut > 0 else LEAD_CHARS]) + f" {ELLIPSIS}"


def _trim_to_words(fragment: highlight.Fragment) -> None:
    # Start and end on a space so extracts do not show half-words; never cut
    # into the first or last match.
    text = fragment.text
    if fragment.startchar > 0:
        space = text.find(" ", fragment.startchar, fragment.matches[0].startchar)
        if space >= 0:
            fragment.startchar = space + 1
    if fragment.endchar < len(text):
        space = text.rfind(" ", fragment.matches[-1].endchar, fragment.endchar)
        if space >= 0:
            fragment.endchar = space


_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
BOLD, RESET = "\x1b[1m", "\x1b[0m"


def snippet_text(snippet: str, *, bold: bool) -> str:
    """Return a snippet's HTML as terminal text: matches in bold ANSI when `bold`, else plain.

    Snippets hold only escaped text and <mark> tags, so unescaping after
    removing the tags gives back the page's own characters.
    """
    marked = _MARK.sub(lambda m: f"{BOLD}{m.group(1)}{RESET}" if bold else m.group(1), snippet)
    return html.unescape(marked).replace("\n", " ")
