"""The Whoosh schema of the search index: one entry per page of a document."""

from whoosh import fields
from whoosh.analysis import (
    CharsetFilter,
    IDTokenizer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

#: Fields searched when a query names no field.
DEFAULT_FIELDS = ("text", "title")

#: Prose fields whose quoted words and phrases are looked up in an unstemmed,
#: stop-word-keeping copy, so `"officers"` is exact (the copies index the same text).
EXACT_FIELDS = {"text": "exact", "title": "title_exact"}

#: Restriction of a page everyone in its team may open (see PageEntry.restricted_to).
OPEN_TO_TEAM = 0

#: Words users type before a colon, mapped to the schema field they search.
FIELD_ALIASES = {
    "authority": "authority_name",
    "from": "sender_name",
    "to": "recipient_name",
    "request": "request_ref",
    "type": "kind",
    "date": "document_date",
}


def text_analyzer():
    """Return the analyzer for prose: lowercase, accent folding, English stemming.

    Accents are folded before stemming so "résumés" and "resumes" reach the
    same stem; folding after would stem the accented form differently.
    """
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter()
    )


def exact_analyzer():
    """Return the analyzer for exact phrases: lowercase and accent folding only.

    Stop words stay (with their positions) so "freedom of information" never
    matches "freedom and information"; nothing is stemmed so "officers" never
    matches "Office".
    """
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def label_analyzer():
    """Return the analyzer for whole-value labels such as a request reference."""
    return IDTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> fields.Schema:
    """Return the schema: one document per page, keyed by "document_id:page".

    Label fields (`authority`, `sender`, `request_ref`, `kind`, `year`) are sortable so
    facets read their original spelling from columns, not from stored fields,
    which would unpickle every page's text.
    """
    prose = text_analyzer()
    exact = exact_analyzer()
    # shift_step=0 indexes one term per number instead of one per 4 bits: ids
    # are only ever matched exactly, and each extra term slows every commit.
    exact_number = dict(numtype=int, bits=64, stored=True, shift_step=0)
    return fields.Schema(
        page_key=fields.ID(unique=True, stored=True),
        document_id=fields.NUMERIC(sortable=True, **exact_number),
        request_id=fields.NUMERIC(**exact_number),
        request_ref=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        authority=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        authority_name=fields.TEXT(analyzer=prose),
        team_id=fields.NUMERIC(**exact_number),
        #: OPEN_TO_TEAM, or the one user who may open the page (a private request's
        #: creator; -1 for nobody), so totals and facets count only what a user can open.
        restricted_to=fields.NUMERIC(**exact_number),
        sender=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        sender_name=fields.TEXT(analyzer=prose),
        recipient=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        recipient_name=fields.TEXT(analyzer=prose),
        #: Fingerprint of the document's entries, the same on each of its pages.
        fingerprint=fields.ID(stored=True),
        kind=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        document_date=fields.DATETIME(stored=True, sortable=True),
        year=fields.ID(sortable=True),
        page=fields.NUMERIC(sortable=True, **exact_number),
        title=fields.TEXT(stored=True, analyzer=prose),
        title_exact=fields.TEXT(analyzer=exact),
        # chars=True keeps each match's character offsets in the postings, so
        # snippets never re-tokenize a page (a 1 MB page would take seconds).
        text=fields.TEXT(stored=True, chars=True, analyzer=prose),
        exact=fields.TEXT(chars=True, analyzer=exact),
    )
