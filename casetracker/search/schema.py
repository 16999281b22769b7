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

#: Words users type before a colon, mapped to the schema field they search.
FIELD_ALIASES = {
    "authority": "authority_name",
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


def label_analyzer():
    """Return the analyzer for whole-value labels such as a request reference."""
    return IDTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> fields.Schema:
    """Return the schema: one document per page, keyed by "document_id:page".

    Label fields (`authority`, `request_ref`, `kind`, `year`) are sortable so
    facets read their original spelling from columns, not from stored fields,
    which would unpickle every page's text.
    """
    prose = text_analyzer()
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
        kind=fields.ID(stored=True, sortable=True, analyzer=label_analyzer()),
        document_date=fields.DATETIME(stored=True),
        year=fields.ID(sortable=True),
        page=fields.NUMERIC(sortable=True, **exact_number),
        title=fields.TEXT(stored=True, analyzer=prose),
        # chars=True keeps each match's character offsets in the postings, so
        # snippets never re-tokenize a page (a 1 MB page would take seconds).
        text=fields.TEXT(stored=True, chars=True, analyzer=prose),
    )
