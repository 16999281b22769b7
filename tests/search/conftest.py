"""A small real index of FOI release pages, built fresh in tmp_path for each test."""

from datetime import date

import pytest

from casetracker.search.index import PageEntry, SearchIndex

TEAM_ONE = 1
TEAM_TWO = 2


def _page(document_id: int, page: int, text: str, **overrides) -> PageEntry:
    """Return a page of a Home Office PDF for team one, with `overrides` applied."""
    values = dict(
        document_id=document_id,
        request_id=10,
        request_ref="FOI-2022-014",
        authority="Home Office",
        team_id=TEAM_ONE,
        kind="pdf",
        document_date=date(2022, 2, 3),
        page=page,
        title="Minutes of the data board",
        text=text,
    )
    values.update(overrides)
    return PageEntry(**values)


def _corpus() -> list[PageEntry]:
    email = dict(kind="docx", document_date=date(2022, 2, 20), title="Email to schools")
    sheet = dict(
        request_id=11,
        request_ref="FOI-2021-203",
        authority="Department for Education",
        kind="xlsx",
        document_date=date(2021, 11, 5),
        title="Attendance figures",
    )
    other_team = dict(
        request_id=20,
        request_ref="EIR-2022-001",
        team_id=TEAM_TWO,
        document_date=date(2022, 2, 10),
        title="Memo of team two",
    )
    notes = dict(
        request_id=None,
        request_ref=None,
        authority=None,
        kind="txt",
        document_date=None,
        title="Notes",
    )
    return [
        _page(1, 1, "The board met on 3 February. Officials said they were "
                  "working closely with the ICO on the impact assessment."),
        _page(1, 2, "The government budget for the pilot was agreed. "
                  "José Martínez signed the DPIA."),
        _page(1, 3, "Annex: list of attendees."),
        _page(2, 1, "We have worked closely with schools. Governments change; "
                  "policies remain.", **email),
        _page(3, 1, "Data collected daily from school registers.", **sheet),
        _page(3, 2, "Pupils absent: 1,204. Budget line for attendance officers.", **sheet),
        _page(4, 1, "working closely budget government José attendance", **other_team),
        _page(5, 1, "Jose called about the goverment consultation "
                  "<script>alert(1)</script> consultation closes soon.", **notes),
    ]


@pytest.fixture
def make_page():
    """Return the page factory: a Home Office PDF page of team one, with overrides."""
    return _page


@pytest.fixture
def corpus() -> list[PageEntry]:
    """Return five documents: 1, 2, 3 and 5 of team one, 4 of team two."""
    return _corpus()


@pytest.fixture
def open_index():
    """Return a SearchIndex maker; every index made is closed after the test."""
    made: list[SearchIndex] = []

    def make(path, **options) -> SearchIndex:
        made.append(SearchIndex(path, **options))
        return made[-1]

    yield make
    for index in made:
        index.close()


@pytest.fixture
def empty_index(tmp_path, open_index) -> SearchIndex:
    """Return an index that exists and holds nothing."""
    index = open_index(tmp_path / "search-index")
    index.ensure()
    return index


@pytest.fixture
def index(empty_index, corpus) -> SearchIndex:
    """Return an index holding the corpus."""
    empty_index.add_pages(corpus)
    return empty_index

