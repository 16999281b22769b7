"""Build the Whoosh backend's result hits: stored fields, match spans and snippets of the pages shown."""

from whoosh import query
from whoosh.searching import Searcher

from casetracker.search.finding import Matches
from casetracker.search.query import highlight_phrases, highlight_terms
from casetracker.search.readers import Reading
from casetracker.search.results import DocumentHit, PageHit
from casetracker.search.snippets import match_offsets, merge_offsets, phrase_offsets, snippet_html

#: Pages of one document given a snippet in a search result.
PAGES_SHOWN = 3


def page_offsets(searcher: Searcher, q: query.Query, docnums: list[int]) -> dict:
    """Return the spans to mark per docnum: stemmed words, quoted words and whole phrases."""
    reader = searcher.reader()
    return merge_offsets(
        match_offsets(searcher, "exact", highlight_terms(q, reader, "exact"), docnums),
        phrase_offsets(searcher, "exact", highlight_phrases(q, reader, "exact"), docnums),
    )


def document_hits(searcher: Searcher, reading: Reading, q: query.Query, matches: Matches,
                  groups: list[tuple[int, list[tuple[int, float]]]]) -> list[DocumentHit]:
    """Return the hits shown: each document's best PAGES_SHOWN pages with snippets, and all its page numbers."""
    page_of = reading.column("page")
    best = [docnum for _, pages in groups for docnum, _ in pages[:PAGES_SHOWN]]
    offsets = page_offsets(searcher, q, best)
    hits = []
    for document_id, pages in groups:
        stored = [searcher.stored_fields(docnum) for docnum, _ in pages[:PAGES_SHOWN]]
        shown = [
            PageHit(fields["page"], snippet_html(fields["text"], offsets[docnum]))
            for (docnum, _), fields in zip(pages, stored)
        ]
        shown.sort(key=lambda hit: hit.page)
        first = stored[0]
        document_date = first.get("document_date")
        hits.append(
            DocumentHit(
                document_id=document_id,
                title=first["title"],
                request_ref=first.get("request_ref"),
                request_id=first.get("request_id"),
                kind=first["kind"],
                pages=shown,
                score=pages[0][1],
                matched_pages=sorted(page_of[docnum] for docnum in matches.groups[document_id]),
                authority=first.get("authority"),
                document_date=document_date.date() if document_date else None,
                sender=first.get("sender"),
                recipient=first.get("recipient"),
            )
        )
    return hits
