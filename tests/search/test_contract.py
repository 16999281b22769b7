"""One contract, every engine: the same corpus and query give the same hits on Whoosh and PostgreSQL.

The PostgreSQL engine runs at CASETRACKER_TEST_DATABASE_URL when it names a
PostgreSQL database, else at CASETRACKER_TEST_SEARCH_PG_URL; without either it
is skipped with that reason. Each PostgreSQL test runs in a transaction that is
rolled back, so tests never see each other's pages.
"""

from __future__ import annotations

import os
from datetime import date

import pytest

from casetracker.search.index import QueryTooBroad, SearchIndex
from casetracker.search.query import PLAIN_WORDS_NOTICE

TEAM_ONE = [1]
OWNER, TEAMMATE = 7, 8


def _pg_url() -> str | None:
    for name in ("CASETRACKER_TEST_DATABASE_URL", "CASETRACKER_TEST_SEARCH_PG_URL"):
        url = os.environ.get(name, "")
        if url.startswith("postgresql"):
            return url
    return None


@pytest.fixture(scope="session")
def pg_engine():
    url = _pg_url()
    if url is None:
        pytest.skip("no PostgreSQL: set CASETRACKER_TEST_DATABASE_URL or CASETRACKER_TEST_SEARCH_PG_URL")
    from sqlalchemy import create_engine

    from casetracker.search.models import SearchPage, SearchWord

    engine = create_engine(url)
    with engine.begin() as conn:
        SearchWord.__table__.create(conn, checkfirst=True)
        SearchPage.__table__.create(conn, checkfirst=True)
    yield engine
    engine.dispose()


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, tmp_path):
    """Return an empty backend of each kind."""
    if request.param == "whoosh":
        index = SearchIndex(tmp_path / "ix")
        index.ensure()
        yield index
        index.close()
        return
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from casetracker.search.postgres import PostgresSearch

    engine = request.getfixturevalue("pg_engine")
    with engine.connect() as conn:
        transaction = conn.begin()
        session = Session(bind=conn, join_transaction_mode="create_savepoint")
        session.execute(text("DELETE FROM search_pages"))
        yield PostgresSearch(session)
        session.close()
        transaction.rollback()


@pytest.fixture
def loaded(backend, corpus, make_page):
    extra = [
        make_page(6, 1, "A letter from the Information Commissioner's Office."),
        make_page(7, 1, "Attendance officers were told to log every absence."),
        make_page(8, 1, "Our freedom of information request was refused."),
        make_page(9, 1, "Between freedom and information there is a balance."),
        make_page(10, 1, "Email from the DfE about the assessment.", request_id=30, request_ref="FOI-2022-300",
                  authority="Information Commissioner's Office", sender="Department for Education",
                  recipient="Jane Requester", kind="eml", document_date=date(2022, 3, 1), title="Re: your request"),
        make_page(11, 1, "A private DPIA draft.", restricted_to=OWNER, document_date=date(2023, 1, 1)),
    ]
    backend.add_pages(corpus + extra)
    return backend


def found(results) -> dict[int, list[int]]:
    return {hit.document_id: hit.matched_pages for hit in results.documents}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("budget", {1: [2], 3: [2]}),
        ('"working closely"', {1: [1]}),
        ("working closely", {1: [1], 2: [1]}),
        ('"closely working"', {}),
        ("Jose", {1: [2], 5: [1]}),
        ("José", {1: [2], 5: [1]}),
        ("consulting", {5: [1]}),
        ("goverment~", {1: [2], 2: [1], 5: [1]}),
        ("overnment~", {}),  # a fuzzy word keeps its first letter (MIN_FUZZY_PREFIX)
        ("budget AND attendance", {3: [2]}),
        ("budget OR schools", {1: [2], 2: [1], 3: [1, 2]}),
        ("budget NOT attendance", {1: [2]}),
        ("(budget OR policies) AND NOT pilot", {2: [1], 3: [2]}),
        ("pupil*", {3: [2]}),
        ("abs?nt", {3: [2]}),
        ('authority:"Home Office"', {1: [1, 2, 3], 2: [1], 6: [1], 7: [1], 8: [1], 9: [1]}),
        ("authority:education", {3: [1, 2]}),
        ("request:FOI-2021-203", {3: [1, 2]}),
        ("type:xlsx", {3: [1, 2]}),
        ("type:eml", {10: [1]}),
        ("date:[2022-02-04 TO 2022-02-28]", {2: [1]}),
        ("date:[2022-02-03 TO 2022-02-03]", {1: [1, 2, 3], 6: [1], 7: [1], 8: [1], 9: [1]}),
        ("date:2021", {3: [1, 2]}),
        ("page:[2 TO 3]", {1: [2, 3], 3: [2]}),
        ("budget date:[2022-01-01 TO 2022-12-31]", {1: [2]}),
        ("date:2021 OR budget", {1: [2], 3: [1, 2]}),  # a range under OR stays in the query
        ("budget NOT date:2021", {1: [2]}),
        ("date:[2022-02-01 TO 2022-02-28] date:[2022-02-15 TO 2022-03-31]", {2: [1]}),
        ("date:[2022-02-21 TO]", {10: [1]}),
        ("budget type:xlsx", {3: [2]}),
        ("the of and", {}),
        ('"officers"', {3: [2], 7: [1]}),
        ("officers", {3: [2], 6: [1], 7: [1]}),
        ('"freedom of information"', {8: [1]}),
        ('from:"Department for Education"', {10: [1]}),
        ('from:"Department for Education" assessment', {10: [1]}),
        ("to:jane", {10: [1]}),
        ('authority:"Department for Education" assessment', {}),
        ("DPIA", {1: [2]}),
    ],
)
def test_same_hits_on_every_engine(loaded, query, expected):
    results = loaded.search(query, team_ids=TEAM_ONE)

    assert found(results) == expected
    assert results.total_documents == len(expected)
    assert results.total_pages == sum(len(pages) for pages in expected.values())
    assert results.notice is None


def test_team_isolation(loaded):
    assert found(loaded.search("working closely", team_ids=[2])) == {4: [1]}
    assert set(found(loaded.search("working closely", team_ids=[1, 2]))) == {1, 2, 4}
    assert loaded.search("budget", team_ids=[]).total_documents == 0
    assert loaded.pages_of(4, "budget", team_ids=TEAM_ONE) == []


def test_private_pages_only_for_their_owner(loaded):
    assert found(loaded.search("DPIA", team_ids=TEAM_ONE, viewer_id=OWNER)) == {1: [2], 11: [1]}
    theirs = loaded.search("DPIA", team_ids=TEAM_ONE, viewer_id=TEAMMATE)
    assert (found(theirs), theirs.facets["year"]) == ({1: [2]}, [("2022", 1)])
    assert loaded.pages_of(11, None, team_ids=TEAM_ONE, viewer_id=TEAMMATE) == []
    assert [p.page for p in loaded.pages_of(11, None, team_ids=TEAM_ONE, viewer_id=OWNER)] == [1]


def test_facets_are_the_same(loaded):
    results = loaded.search("budget OR schools OR assessment", team_ids=TEAM_ONE)

    assert results.facets == {
        "authority": [("Home Office", 2), ("Department for Education", 1), ("Information Commissioner's Office", 1)],
        "from": [("Department for Education", 1)],
        "request": [("FOI-2022-014", 2), ("FOI-2021-203", 1), ("FOI-2022-300", 1)],
        "type": [("docx", 1), ("eml", 1), ("pdf", 1), ("xlsx", 1)],
        "year": [("2022", 3), ("2021", 1)],
    }


def test_sort_by_date_is_the_same(loaded):
    results = loaded.search("budget OR schools OR consultation OR assessment", team_ids=TEAM_ONE, sort="date")

    assert [hit.document_id for hit in results.documents] == [10, 2, 1, 3, 5]


def test_snippets_are_escaped_and_mark_the_same_words(loaded):
    [hit] = loaded.search("consultation", team_ids=TEAM_ONE).documents
    assert hit.pages[0].snippet_html == (
        "Jose called about the goverment <mark>consultation</mark> "
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>consultation</mark> closes soon."
    )
    [phrase] = loaded.search('"freedom of information"', team_ids=TEAM_ONE).documents
    assert phrase.pages[0].snippet_html == "Our <mark>freedom of information</mark> request was refused."
    quoted = {h.document_id: h for h in loaded.search('"officers"', team_ids=TEAM_ONE).documents}[7]
    assert quoted.pages[0].snippet_html == "Attendance <mark>officers</mark> were told to log every absence."


def test_pages_of_marks_whole_pages(loaded):
    pages = loaded.pages_of(1, "budget OR attendees", team_ids=TEAM_ONE)

    assert [(p.page, p.snippet_html) for p in pages] == [
        (1, "The board met on 3 February. Officials said they were working closely "
            "with the ICO on the impact assessment."),
        (2, "The government <mark>budget</mark> for the pilot was agreed. "
            "José Martínez signed the DPIA."),
        (3, "Annex: list of <mark>attendees</mark>."),
    ]


def test_malformed_query_falls_back_to_plain_words(loaded):
    results = loaded.search('budget AND (', team_ids=TEAM_ONE)

    assert results.notice == PLAIN_WORDS_NOTICE
    assert found(results) == {1: [2], 3: [2]}


def test_replacing_and_deleting_documents(loaded, make_page):
    loaded.add_pages([make_page(1, 1, "Revised minutes: the budget was cut.")])
    assert found(loaded.search("budget", team_ids=TEAM_ONE)) == {1: [1], 3: [2]}

    assert loaded.delete_documents([1, 99]) == 1
    assert found(loaded.search("budget", team_ids=TEAM_ONE)) == {3: [2]}


def test_indexed_documents_report_fingerprints(loaded, corpus):
    from casetracker.search.results import document_fingerprint

    indexed = loaded.indexed_documents()

    assert set(indexed) == set(range(1, 12))
    assert indexed[3] == document_fingerprint([e for e in corpus if e.document_id == 3])


def test_rebuild_replaces_everything(loaded, make_page):
    assert loaded.rebuild([make_page(20, 1, "Only this budget.")]) == 1

    assert found(loaded.search("budget", team_ids=TEAM_ONE)) == {20: [1]}
    assert loaded.check() is None


def test_a_broad_query_is_refused_the_same_way(loaded, monkeypatch):
    from casetracker.search import query as query_module

    monkeypatch.setattr(query_module, "MAX_EXPANDED_TERMS", 3)

    with pytest.raises(QueryTooBroad, match="more than 3 different words"):
        loaded.search("a* OR b* OR c* OR s* OR t*", team_ids=TEAM_ONE)


@pytest.mark.parametrize("text", ['date:""', "date:", 'type:""', "page:99999999999999999999", "*", "?", "~",
                                  "budget~9", "\\", "'", "%_", "o'brien", "date:[2022-02-30 TO 2022-03-01]",
                                  "title:[a TO c]", "team_id:2", "NOT budget", '"the of"'])
def test_odd_queries_answer_without_raising(loaded, text):
    results = loaded.search(text, team_ids=TEAM_ONE)

    assert results.notice in (None, PLAIN_WORDS_NOTICE)
    assert set(found(results)) <= set(range(1, 12)) - {4}
    assert loaded.pages_of(1, text, team_ids=TEAM_ONE)[0].page == 1


def test_counts_only_gives_the_totals_and_nothing_else(loaded):
    results = loaded.search("budget OR schools", team_ids=TEAM_ONE, counts_only=True)

    assert (results.total_documents, results.total_pages, results.documents) == (3, 4, [])


def test_postgres_restores_the_statement_timeout_after_a_search(loaded):
    if loaded.name != "postgres":
        pytest.skip("PostgreSQL only: Whoosh has no statement timeout")
    from sqlalchemy import text

    before = loaded.session.scalar(text("SHOW statement_timeout"))
    loaded.search("budget", team_ids=TEAM_ONE)

    assert loaded.session.scalar(text("SHOW statement_timeout")) == before


@pytest.mark.parametrize(("query", "index"), [
    ('from:"Department for Education"', "ix_search_pages_sender_name"),
    ('authority:"Home Office"', "ix_search_pages_authority_name"),
    ("to:Jane", "ix_search_pages_recipient_name"),
    ("type:eml", "ix_search_pages_kind_label"),
    ("request:FOI-2022-300", "ix_search_pages_request_ref_label"),
])
def test_postgres_field_conditions_are_written_as_their_index(loaded, query, index):
    """A field condition no index can serve scans every page with the word (138 ms at 100,000 pages)."""
    if loaded.name != "postgres":
        pytest.skip("PostgreSQL only: expression indexes of migration 0018")
    from sqlalchemy import text

    from casetracker.search.pg_query import Translator
    from casetracker.search.query import Budget, parse_query

    conn = loaded.session.connection()
    found = Translator(conn, Budget()).translate(parse_query(query, loaded._parser).query)
    conn.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(conn.scalars(text(f"EXPLAIN SELECT 1 FROM search_pages p WHERE {found.where}"), found.params))

    assert index in plan, plan
