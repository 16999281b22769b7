"""Office and OpenDocument files that declare XML entities ("billion laughs", XXE) are refused.

Each file is built here with its own library (python-docx, openpyxl, odfpy),
then one XML part is given a DTD: nested entities that expand to a billion
"lol"s, or an external entity that reads /etc/passwd. Uploaded as a document
(web and ``flask documents import``) or as a letter template, each gets a clear
refusal and leaves no row, no stored file and no index entry. The same file
without the DTD is accepted, so the tests would fail if the guard refused too much.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casetracker.extensions import db
from casetracker.xml_safety import XMLEntityError, check_package, check_xml

WORD = "zygomorphically"
PLACEHOLDER = "ENTITYREFERENCE"
LAUGHS = "<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">" + "".join(
    f"<!ENTITY lol{i} \"{('&lol' + str(i - 1) + ';') * 10}\">" for i in range(1, 10)) + "]>"
XXE = '<!DOCTYPE root [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
ATTACKS = {"billion-laughs": (LAUGHS, "&lol9;"), "xxe": (XXE, "&xxe;")}
PASSWD = "root:x:0:0"


def _docx() -> tuple[bytes, str]:
    from docx import Document

    document = Document()
    document.add_paragraph(f"{WORD} {PLACEHOLDER}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), "word/document.xml"


def _xlsx() -> tuple[bytes, str]:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = f"{WORD} {PLACEHOLDER}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), "xl/worksheets/sheet1.xml"  # openpyxl writes inline strings


def _odt() -> tuple[bytes, str]:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text=f"{WORD} {PLACEHOLDER}"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), "content.xml"


BUILDERS = {"docx": _docx, "xlsx": _xlsx, "odt": _odt}


def hostile(fmt: str, attack: str | None) -> bytes:
    """Return a real .docx/.xlsx/.odt whose main XML part carries ``attack`` (None: the clean file)."""
    data, part = BUILDERS[fmt]()
    source = zipfile.ZipFile(io.BytesIO(data))
    assert part in source.namelist()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == part:
                text = body.decode("utf-8")
                assert PLACEHOLDER in text
                if attack is None:
                    text = text.replace(PLACEHOLDER, "plain")
                else:
                    dtd, reference = ATTACKS[attack]
                    head, sep, rest = text.partition("?>")
                    text = (head + sep + dtd + rest) if sep else dtd + text
                    text = text.replace(PLACEHOLDER, reference)
                body = text.encode("utf-8")
            target.writestr(info, body)
    return out.getvalue()


CASES = [(fmt, attack) for fmt in BUILDERS for attack in ATTACKS]
IDS = [f"{fmt}-{attack}" for fmt, attack in CASES]


def _stored(app) -> tuple[int, int, list[Path]]:
    from casetracker.documents.models import Document
    from casetracker.letters.models import LetterTemplate

    with app.app_context():
        documents = db.session.scalar(db.select(db.func.count(Document.id)))
        templates = db.session.scalar(db.select(db.func.count(LetterTemplate.id)))
    files = [p for p in Path(app.config["FILES_PATH"]).rglob("*") if p.is_file()]
    return documents, templates, files


def _hits(app, team_id) -> list[int]:
    from casetracker.documents.indexing import index_for_search

    with app.app_context():
        return [d.document_id for d in index_for_search().search(WORD, team_ids=[team_id]).documents]


def _message(part: str) -> str:
    return ("contains a document type declaration (<!DOCTYPE or <!ENTITY in "
            f"{part}). Word, Excel and OpenDocument files never have one")


@pytest.fixture
def request_id(make_request):
    return make_request(title="Attendance pilot", requester_name="Sian", sent_on=date(2022, 5, 24))


@pytest.mark.parametrize("fmt,attack", CASES, ids=IDS)
def test_hostile_upload_is_refused_everywhere_and_stores_nothing(app, auth, actors, runner, tmp_path,
                                                                 request_id, fmt, attack):
    data = hostile(fmt, attack)
    part = BUILDERS[fmt]()[1]
    auth.login("editor")

    response = auth.post(f"/requests/{request_id}/documents",
                         {"files": (io.BytesIO(data), f"release.{fmt}")},
                         content_type="multipart/form-data")
    assert response.status_code == 422
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ")
    assert _message(part) in " ".join(page.split())
    assert PASSWD not in page

    path = tmp_path / f"release.{fmt}"
    path.write_bytes(data)
    result = runner.invoke(args=["documents", "import", str(path), "--request", "CT-2022-0001", "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert (row["status"], row["document_id"]) == ("failed", None)
    assert _message(part) in row["reason"]

    response = auth.post("/letters/templates", {"name": "Letterhead", "kind": "chaser",
                                                "file": (io.BytesIO(data), "letterhead.docx")})
    assert response.status_code == 422
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ")
    assert "The template contains a document type declaration" in " ".join(page.split())

    out = tmp_path / "letter.docx"
    result = runner.invoke(args=["letters", "render", "chaser", "CT-2022-0001", "--out", str(out),
                                 "--template", str(path), "--set", "today=2022-06-28"])
    assert result.exit_code == 2
    assert "The template contains a document type declaration" in result.output
    assert not out.exists()

    assert _stored(app) == (0, 0, [])
    assert _hits(app, actors.team_ids["alpha"]) == []


@pytest.mark.parametrize("fmt", BUILDERS)
def test_the_same_file_without_a_dtd_is_imported_and_found(app, auth, actors, request_id, fmt):
    auth.login("editor")
    response = auth.post(f"/requests/{request_id}/documents",
                         {"files": (io.BytesIO(hostile(fmt, None)), f"release.{fmt}")},
                         content_type="multipart/form-data")
    assert response.status_code == 303  # queued, and read at once by the test app (QUEUE_IMMEDIATE)
    documents, _, files = _stored(app)
    assert (documents, len(files)) == (1, 1)
    assert len(_hits(app, actors.team_ids["alpha"])) == 1


def test_a_dtd_in_utf16_is_found_too():
    text = '<?xml version="1.0" encoding="UTF-16"?>' + XXE + "<root>&xxe;</root>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("word/document.xml", b"\xff\xfe" + text.encode("utf-16-le"))
        package.writestr("word/media/image1.png", b"\x89PNG\r\n\x1a\n<!DOCTYPE in a picture")
    with pytest.raises(XMLEntityError, match=r"in word/document\.xml\)"):
        check_package(out.getvalue())


def test_a_dtd_split_across_read_chunks_is_found(monkeypatch):
    import casetracker.xml_safety as xml_safety

    monkeypatch.setattr(xml_safety, "_CHUNK", 7)
    with pytest.raises(XMLEntityError):
        check_xml(b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'b'>]><r>&a;</r>")


def test_pictures_and_plain_doctypes_are_not_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("word/media/image1.png", b"\x89PNG\r\n\x1a\n<!DOCTYPE not xml")
    check_package(out.getvalue())
    check_xml(b"<!DOCTYPE html><html><body>A page</body></html>")
    check_xml(b'<?xml version="1.0"?><!DOCTYPE note SYSTEM "note.dtd"><note>hi</note>')
    with pytest.raises(XMLEntityError, match="declares XML entities"):
        check_xml(b'<?xml version="1.0"?>' + XXE.encode() + b"<root>&xxe;</root>")


def test_xml_and_html_uploads_with_entities_are_refused(app, request_id):
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        for name, data in [
            ("feed.xml", b'<?xml version="1.0"?>' + LAUGHS.encode() + b"<lolz>&lol9;</lolz>"),
            ("page.html", XXE.encode() + b"<html><body>&xxe;</body></html>"),
        ]:
            outcome = ingest_bytes(data, name, team=r.team, info_request=r, actor=None)
            assert outcome.status == "failed"
            assert "declares XML entities" in outcome.reason
        db.session.commit()
    assert _stored(app) == (0, 0, [])
