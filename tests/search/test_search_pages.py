"""The search pages: facet links add filters, chips remove them, sorting, CSV export, batch search."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from casetracker.extensions import db


@pytest.fixture
def filed(app, make_request):
    """Two requests: one to the Home Office (2021 and 2022 documents), one to the DfE."""
    from casetracker.documents.models import Document
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    home = make_request(title="Home", authority="Home Office")
    dfe = make_request(title="DfE", authority="Department for Education")
    ids = {}
    with app.app_context():
        for request_id, name, text, dated in [
            (home, "old.txt", "The DPIA <i>draft</i> was old.", date(2021, 5, 1)),
            (home, "new.txt", "The DPIA was signed.", date(2022, 6, 1)),
            (dfe, "dfe.txt", "A DPIA from schools.", date(2022, 1, 1)),
        ]:
            r = db.session.get(InfoRequest, request_id)
            document = ingest_bytes(text.encode(), name, team=r.team, info_request=r, actor=None).document
            document.document_date = dated
            ids[name] = document.id
        db.session.commit()
        from casetracker.documents.indexing import queue_add

        for document_id in ids.values():
            queue_add(db.session, document_id)
        db.session.commit()
        assert db.session.get(Document, ids["old.txt"]).document_date == date(2021, 5, 1)
    return ids


def _documents(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-document="(\d+)"', html)]


def test_a_facet_link_adds_its_filter_and_a_chip_removes_it(auth, filed):
    auth.login("viewer")
    html = auth.get("/search?q=DPIA").get_data(as_text=True)
    link = re.search(r'href="([^"]+)" data-facet="authority">Home Office<', html).group(1).replace("&amp;", "&")

    filtered = auth.get(link).get_data(as_text=True)

    assert sorted(_documents(filtered)) == sorted([filed["old.txt"], filed["new.txt"]])
    assert 'data-chip="authority:Home Office"' in filtered
    chip = re.search(r'data-chip="authority:Home Office" title="Remove this filter"\s+href="([^"]+)"', filtered)
    unfiltered = auth.get(chip.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert len(_documents(unfiltered)) == 3


def test_filters_combine_and_sort_by_date_puts_newest_first(auth, filed):
    auth.login("viewer")

    year = auth.get("/search?q=DPIA&f=year:2022&f=authority:Home Office").get_data(as_text=True)
    newest = auth.get("/search?q=DPIA&sort=date").get_data(as_text=True)

    assert _documents(year) == [filed["new.txt"]]
    assert _documents(newest) == [filed["new.txt"], filed["dfe.txt"], filed["old.txt"]]


def test_csv_export_lists_each_hit_as_text(auth, filed):
    auth.login("viewer")

    response = auth.get("/search.csv?q=draft")

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [
        ["document", "title", "page", "date", "from", "request", "snippet"],
        [str(filed["old.txt"]), "old.txt", "1", "2021-05-01", "Home Office", rows[1][5], "The DPIA <i>draft</i> was old."],
    ]
    assert auth.get("/search.csv").status_code == 400


def test_batch_page_counts_terms_and_downloads_csv(auth, filed):
    auth.login("viewer")

    page = auth.post("/search/batch", data={"terms": "DPIA\nschools\n" + "x" * 501})
    download = auth.post("/search/batch", data={"terms": "DPIA\nschools", "download": "Download CSV"})

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert re.search(r'data-term="DPIA"><td>.*?</td><td>3</td><td>3</td>', html)
    assert re.search(r'data-term="schools"><td>.*?</td><td>1</td><td>1</td>', html)
    assert "please shorten it to 500 characters" in html
    assert download.get_data(as_text=True).splitlines() == ["term,documents,pages,error", "DPIA,3,3,", "schools,1,1,"]


def test_batch_page_refuses_over_1000_terms_and_a_missing_token(auth, filed):
    auth.login("viewer")

    too_many = auth.post("/search/batch", data={"terms": "x\n" * 1001})
    no_token = auth.post("/search/batch", data={"terms": "DPIA"}, csrf=False)

    assert too_many.status_code == 400
    assert "The list has 1,001 terms; a batch takes at most 1,000." in too_many.get_data(as_text=True)
    assert no_token.status_code == 400


@pytest.mark.parametrize("url", ["/search?q=DPIA", "/search.csv?q=DPIA", "/search/batch"])
def test_search_pages_need_a_login(client, url):
    response = client.get(url)

    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_another_team_finds_nothing_on_any_search_page(auth, filed):
    auth.login("other")

    assert _documents(auth.get("/search?q=DPIA").get_data(as_text=True)) == []
    assert auth.get("/search.csv?q=DPIA").get_data(as_text=True).splitlines() == [
        "document,title,page,date,from,request,snippet"]
