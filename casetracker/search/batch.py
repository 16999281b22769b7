"""Batch search: many terms, one count each, a per-term error instead of a silent failure."""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable

from casetracker.csv_safety import safe_writer
from casetracker.search.backend import SearchBackend
from casetracker.search.query import QueryTooBroad, QueryTooLong
from casetracker.search.storage import SearchIndexError

#: Most terms one batch may hold.
MAX_BATCH_TERMS = 1000


class BatchTooLarge(ValueError):
    """More than MAX_BATCH_TERMS terms."""

    def __init__(self, count: int) -> None:
        super().__init__(f"The list has {count:,} terms; a batch takes at most {MAX_BATCH_TERMS:,}.")


def read_terms(lines: Iterable[str]) -> list[str]:
    """Return the terms of a list, one per line, blank lines and surrounding spaces dropped.

    Raises BatchTooLarge over MAX_BATCH_TERMS terms.
    """
    terms = [line.strip() for line in lines if line.strip()]
    if len(terms) > MAX_BATCH_TERMS:
        raise BatchTooLarge(len(terms))
    return terms


def run_batch(backend: SearchBackend, terms: list[str], *, team_ids: Collection[int],
              viewer_id: int | None = None) -> list[dict]:
    """Search each term; return [{"term", "documents", "pages", "error"}] in the order given.

    A term that is too long, too broad or not understood (searched as plain
    words) carries its message in "error"; the other terms are unaffected.
    SearchIndexError (no index at all) is raised, as no term could be searched.
    """
    rows = []
    for term in terms:
        row = {"term": term, "documents": 0, "pages": 0, "error": None}
        try:
            results = backend.search(term, team_ids=team_ids, viewer_id=viewer_id, counts_only=True)
        except (QueryTooLong, QueryTooBroad) as error:
            row["error"] = str(error)
        except SearchIndexError:
            raise
        else:
            row.update(documents=results.total_documents, pages=results.total_pages, error=results.notice)
        rows.append(row)
    return rows


def batch_csv(rows: list[dict]) -> str:
    """Return batch results as CSV: term, documents, pages, error."""
    out = io.StringIO()
    writer = safe_writer(out)
    writer.writerow(["term", "documents", "pages", "error"])
    for row in rows:
        writer.writerow([row["term"], row["documents"], row["pages"], row["error"] or ""])
    return out.getvalue()
