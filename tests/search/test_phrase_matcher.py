"""``search.phrases``: Whoosh phrases matched on positions give Whoosh's own hits, order and scores."""

from __future__ import annotations

from datetime import date

import pytest
from whoosh import query

from casetracker.search.index import PageEntry, SearchIndex

PAGES = [
    "The department worked closely with the ICO. Working closely matters.",
    "working working closely closely",  # the phrase once, its words twice each
    "closely working, not the phrase",
    "freedom of information act requests; freedom and information",
    "the the the council",
    "Information of freedom is not freedom of information",
    "working closely\nwith schools and working closely with the council",
]


@pytest.fixture
def index(tmp_path):
    ix = SearchIndex(tmp_path / "ix")
    ix.rebuild([PageEntry(document_id=n, request_id=1, request_ref="FOI-1", authority="DfE", team_id=1, kind="pdf",
                          document_date=date(2022, 2, n), page=1, title=f"Letter {n}", text=text)
                for n, text in enumerate(PAGES, start=1)])
    return ix


@pytest.mark.parametrize("q", ['"working closely"', '"freedom of information"', '"the the"', '"the council"',
                               '"working closely" council', 'council -"working closely"', '"closely working"',
                               '"no such words"', '"working closely" OR "freedom of information"'])
def test_the_same_documents_pages_and_order_as_whoosh_phrase(index, q, monkeypatch):
    ours = index.search(q, team_ids=[1])
    # Whoosh's own SpanNear2 matching (the parser is shared by the thread: put it back after)
    monkeypatch.setattr(index._parser, "phraseclass", query.Phrase)
    theirs = index.search(q, team_ids=[1])
    assert (ours.total_documents, ours.total_pages, ours.documents) == (
        theirs.total_documents, theirs.total_pages, theirs.documents)


def test_adjacent_words_in_order_only(index):
    assert sorted(d.document_id for d in index.search('"working closely"', team_ids=[1]).documents) == [1, 2, 7]
    assert sorted(d.document_id for d in index.search('"freedom of information"', team_ids=[1]).documents) == [4, 6]
    assert sorted(d.document_id for d in index.search('"the the"', team_ids=[1]).documents) == [5]
    assert [d.document_id for d in index.search('"closely working"', team_ids=[1]).documents] == [3]
