"""Exact phrases and quoted words, stemmed bare words (issue 13)."""

import pytest

TEAM_ONE = [1]


def found(results) -> dict[int, list[int]]:
    return {hit.document_id: hit.matched_pages for hit in results.documents}


@pytest.fixture
def prose(empty_index, make_page):
    empty_index.add_pages([
        make_page(1, 1, "A letter from the Information Commissioner's Office."),
        make_page(2, 1, "Attendance officers were told to log every absence."),
        make_page(3, 1, "The officer in charge signed it."),
        make_page(4, 1, "Our freedom of information request was refused."),
        make_page(5, 1, "Between freedom and information there is a balance."),
        make_page(6, 1, "Information of freedom is not the same."),
    ])
    return empty_index


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"officers"', {2: [1]}),
        ('"Officers"', {2: [1]}),
        ("officers", {1: [1], 2: [1], 3: [1]}),
        ('"officer"', {3: [1]}),
        ('"freedom of information"', {4: [1]}),
        ('"freedom and information"', {5: [1]}),
        ("freedom information", {4: [1], 5: [1], 6: [1]}),
        ('"freedom of information" OR "officers"', {2: [1], 4: [1]}),
        ('"freedom of information" NOT refused', {}),
        ('title:"data board"', {1: [1], 2: [1], 3: [1], 4: [1], 5: [1], 6: [1]}),
        ('"Minutes of the data board"', {1: [1], 2: [1], 3: [1], 4: [1], 5: [1], 6: [1]}),
    ],
)
def test_quotes_are_exact_bare_words_are_stemmed(prose, query, expected):
    results = prose.search(query, team_ids=TEAM_ONE)

    assert found(results) == expected
    assert results.notice is None


def test_a_phrase_highlights_only_the_phrase(empty_index, make_page):
    empty_index.add_pages([make_page(1, 1, "Information about freedom: a freedom of information request.")])

    [hit] = empty_index.search('"freedom of information"', team_ids=TEAM_ONE).documents
    [page] = empty_index.pages_of(1, '"freedom of information"', team_ids=TEAM_ONE)

    expected = "Information about freedom: a <mark>freedom of information</mark> request."
    assert hit.pages[0].snippet_html == expected
    assert page.snippet_html == expected


def test_a_quoted_word_marks_only_that_word_a_bare_word_its_stem(prose):
    [quoted] = prose.search('"officers"', team_ids=TEAM_ONE).documents
    bare = {h.document_id: h for h in prose.search("officers", team_ids=TEAM_ONE).documents}

    assert quoted.pages[0].snippet_html == "Attendance <mark>officers</mark> were told to log every absence."
    assert bare[3].pages[0].snippet_html == "The <mark>officer</mark> in charge signed it."
