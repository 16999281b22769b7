"""HTML, XML and RTF: the text a reader sees, in the right character set."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from casetracker.documents.extraction import ExtractionMethod, PageText, extract
from casetracker.documents.extraction.quality import normalise_text

NATIVE = ExtractionMethod.NATIVE


def test_html_gives_visible_text_and_title_without_scripts_or_styles():
    page = (
        b"<!DOCTYPE html><html><head><title>Decision notice IC-151664-D5Q4</title>"
        b"<style>p { color: red }</style><script>var secret = 1;</script></head>"
        b"<body><h1>Decision notice</h1><p>The public authority  breached <b>s10(1)</b>.</p>"
        b"<noscript>Enable JavaScript</noscript></body></html>"
    )

    result = extract(page, "decision.html")

    assert result.kind == "html"
    assert result.content_type == "text/html"
    assert result.title == "Decision notice IC-151664-D5Q4"
    assert result.pages == (PageText(1, "Decision notice\nThe public authority breached\ns10(1)\n.", NATIVE),)


def test_a_saved_xhtml_page_with_a_non_ascii_file_name(shared_bytes):
    result = extract(shared_bytes("ingest-file/EDRM Micro Datasets « EDRM.htm"), "EDRM Micro Datasets « EDRM.htm")

    assert result.title == "EDRM Micro Datasets « EDRM"
    assert result.pages[0].text.startswith("Creating Practical Resources to Improve E-Discovery & Information Governance")
    assert "function(" not in result.pages[0].text


def test_html_declaring_its_charset_is_decoded_with_it():
    page = '<html><head><meta charset="windows-1252"></head><body>Fee: £450 – s12</body></html>'.encode("cp1252")

    assert extract(page, "fees.htm").pages[0].text == "Fee: £450 – s12"


def test_xml_gives_its_text_content(shared_bytes):
    member = zipfile.ZipFile(_shared_path(shared_bytes, "ingest-file/test-documents.zip")).read("testXML.xml")

    result = extract(member, "testXML.xml")

    assert result.kind == "xml"
    assert result.pages[0].text.startswith("Archimède et Lius\nRida Benjelloun\nJava\nXML")


def test_rtf_in_a_central_european_code_page_matches_its_known_text(shared_bytes):
    result = extract(shared_bytes("striprtf/ansicpg1250.rtf"), "ansicpg1250.rtf")

    assert result.kind == "rtf"
    assert result.content_type == "application/rtf"
    assert result.pages[0].text.strip() == normalise_text(shared_bytes("striprtf/ansicpg1250.txt").decode("utf-8").strip())
    # Dated by the earliest date on its face (the GDPR's Official Journal date), not its \creatim.
    assert result.document_date == date(2016, 5, 4)
    assert result.date_source == "first page"
    assert result.metadata.created.date() == date(2020, 1, 16)


def test_rtf_in_cyrillic_matches_its_known_text(shared_bytes):
    result = extract(shared_bytes("striprtf/bytes.rtf"), "bytes.rtf")

    # The known text is compared after compatibility folding: "№" reads "No".
    assert result.pages[0].text.strip() == normalise_text(shared_bytes("striprtf/bytes.txt").decode("utf-8").strip())


def test_a_long_court_decision_in_rtf_is_read_whole(shared_bytes):
    result = extract(shared_bytes("striprtf/BVWGT_20241227_W258_2227269_1_00_01.rtf"), "decision.rtf")

    expected = shared_bytes("striprtf/BVWGT_20241227_W258_2227269_1_00_01.txt").decode("utf-8")
    assert result.pages[0].text.strip() == normalise_text(expected.replace("\r\n", "\n").strip())
    assert result.pages[0].text.startswith("Gericht\nBundesverwaltungsgericht\nEntscheidungsdatum\n27.12.2024")


def _shared_path(shared_bytes, relative: str):
    shared_bytes(relative)  # skips when absent
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / relative
