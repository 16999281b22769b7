"""The release-safety check, through ``flask documents check FILE --json`` and as a pure function."""

from __future__ import annotations

import json

import pymupdf

from casetracker.release_check import Finding, check_file
from tests.conftest import shared_file
from tests.release.fixtures import docx_with_comment_and_changes, pdf_with_box_and_unapplied_redaction, xlsx_with_comment


def _check(runner, path, *extra):
    result = runner.invoke(args=["documents", "check", str(path), "--json", *extra])
    return result.exit_code, (json.loads(result.stdout)["findings"] if result.stdout.strip() else None)


def test_xlsx_hidden_sheet_rows_comment_and_pivot_cache(runner, tmp_path):
    path = tmp_path / "suspect.xlsx"
    path.write_bytes(xlsx_with_comment(shared_file("alaveteli/suspect.xlsx").read_bytes()))
    code, findings = _check(runner, path)
    assert code == 1
    assert findings == [
        {"kind": "hidden_rows", "where": "sheet 'Hidden Row & Col' rows 1-3", "detail": "3 hidden rows"},
        {"kind": "hidden_columns", "where": "sheet 'Hidden Row & Col' columns A-C", "detail": "3 hidden columns"},
        {"kind": "comment", "where": "sheet 'Hidden Row & Col' cell D5", "detail": "Check with HR before release"},
        {"kind": "hidden_sheet", "where": "sheet 'Hidden Sheet'", "detail": "the sheet is hidden"},
        {"kind": "pivot_cache", "where": "xl/pivotCache/pivotCacheDefinition1.xml",
         "detail": "pivot cache of External Links!A1:E6: 5 fields with a copy of its records; it keeps the "
                   "source data even where the pivot table shows totals"},
        {"kind": "external_link", "where": "xl/externalLinks/externalLink1.xml",
         "detail": "link to another workbook: data.xlsx"},
    ]


def test_xls_hidden_sheet_rows_columns_and_pivot_cache(runner):
    code, findings = _check(runner, shared_file("alaveteli/suspect.xls"))
    assert code == 1
    assert findings == [
        {"kind": "hidden_rows", "where": "sheet 'Hidden Row & Col' rows 1-3", "detail": "3 hidden rows"},
        {"kind": "hidden_columns", "where": "sheet 'Hidden Row & Col' columns A-C", "detail": "3 hidden columns"},
        {"kind": "hidden_sheet", "where": "sheet 'Hidden Sheet'", "detail": "the sheet is hidden"},
        {"kind": "pivot_cache", "where": "_SX_DB_CUR",
         "detail": "pivot cache: it keeps the source data even where the pivot table shows totals"},
    ]


def test_docx_comment_tracked_changes_and_author(runner, tmp_path):
    path = tmp_path / "letter.docx"
    path.write_bytes(docx_with_comment_and_changes())
    code, findings = _check(runner, path)
    assert code == 1
    assert findings == [
        {"kind": "tracked_change", "where": "word/document.xml",
         "detail": "inserted by Pat Clerk on 2022-06-01: the pupils at Ambridge School"},
        {"kind": "tracked_change", "where": "word/document.xml",
         "detail": "deleted by Pat Clerk on 2022-06-01: retained for 66 years"},
        {"kind": "comment", "where": "word/comments.xml comment 0", "detail": "by Pat Clerk: Do we have to release this?"},
        {"kind": "metadata", "where": "docProps/core.xml", "detail": "author: Pat Clerk"},
        {"kind": "metadata", "where": "docProps/core.xml", "detail": "last modified by: Sam Editor"},
    ]


def test_pdf_text_under_box_and_under_unapplied_redaction(runner, tmp_path):
    path = tmp_path / "released.pdf"
    path.write_bytes(pdf_with_box_and_unapplied_redaction())
    code, findings = _check(runner, path)
    assert code == 1
    assert findings == [
        {"kind": "text_under_box", "where": "page 1 at (160, 118, 260, 135)",
         "detail": "a filled box covers text still in the text layer: Pat Clerk"},
        {"kind": "redaction_annotation", "where": "page 2 at (128, 88, 220, 104)",
         "detail": "a redaction marked but never applied; the text is still there: 66 years"},
        {"kind": "metadata", "where": "document information", "detail": "author: Pat Clerk"},
        {"kind": "metadata", "where": "document information", "detail": "creator: Word"},
        {"kind": "metadata", "where": "document information", "detail": "producer: Acme PDF"},
    ]


def test_personal_data_in_text_and_the_requesters_name(runner, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Call Jo Bloggs on 020 7946 0018 or 07700 900123, jo.bloggs@example.net.\n"
                    "NI number QQ 12 34 56 C is not valid; AB 12 34 56 C is the format.\nPost: BC1 2AB.\n")
    code, findings = _check(runner, path, "--name", "Jo Bloggs")
    assert code == 1
    assert findings == [
        {"kind": "personal_data", "where": "page 1", "detail": "email address: jo.bloggs@example.net"},
        {"kind": "personal_data", "where": "page 1", "detail": "phone number: 020 7946 0018"},
        {"kind": "personal_data", "where": "page 1", "detail": "phone number: 07700 900123"},
        {"kind": "personal_data", "where": "page 1", "detail": "National Insurance number: AB 12 34 56 C"},
        {"kind": "personal_data", "where": "page 1", "detail": "postcode: BC1 2AB"},
        {"kind": "personal_data", "where": "page 1", "detail": "the requester's name: Jo Bloggs"},
    ]


def test_exit_codes_clean_and_unreadable(runner, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The board met on 3 May 2022.\n")
    result = runner.invoke(args=["documents", "check", str(clean)])
    assert (result.exit_code, result.output) == (0, "No findings.\n")
    assert _check(runner, clean) == (0, [])
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not a PDF at all")
    result = runner.invoke(args=["documents", "check", str(broken), "--json"])
    assert result.exit_code == 2
    assert (result.stdout, result.stderr) == ("", f"{broken}: The PDF could not be read.\n")
    missing = runner.invoke(args=["documents", "check", str(tmp_path / "absent.pdf")])
    assert missing.exit_code == 2


def test_incremental_save_attachment_and_the_human_output(runner, tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), "Version one", fontsize=12)
    path = tmp_path / "versions.pdf"
    doc.save(path)
    doc.close()
    doc = pymupdf.open(path)
    doc[0].insert_text((72, 130), "Version two", fontsize=12)
    doc.embfile_add("staff.csv", b"name,salary\nPat Clerk,47000\n")
    doc.saveIncr()
    doc.close()
    findings = check_file(path.read_bytes(), "versions.pdf")
    assert Finding("incremental_save", "file",
                   "1 incremental update: earlier versions of the pages remain in the file") in findings
    assert Finding("attachment", "embedded file 'staff.csv'", "a file embedded in the PDF (28 bytes)") in findings
    result = runner.invoke(args=["documents", "check", str(path)])
    assert result.exit_code == 1
    assert "incremental_save\tfile\t1 incremental update: earlier versions of the pages remain in the file\n" \
        in result.output


def test_docx_hidden_text_and_embedded_file():
    import io
    import zipfile

    from docx import Document as WordDocument

    doc = WordDocument()
    run = doc.add_paragraph("Visible. ").add_run("Only the author sees this")
    run.font.hidden = True
    out = io.BytesIO()
    doc.save(out)
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src, zipfile.ZipFile(rebuilt, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0staff list")
    findings = check_file(rebuilt.getvalue(), "memo.docx")
    assert Finding("hidden_text", "word/document.xml", "Only the author sees this") in findings
    assert Finding("embedded_object", "word/embeddings/oleObject1.bin", "an embedded file or object") in findings
