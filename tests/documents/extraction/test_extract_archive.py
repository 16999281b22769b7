"""Zip files: members become children; zip bombs are refused before and while decompressing."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile

import pytest

from casetracker.documents.extraction import ChildFile, ExtractionError, ZipLimits, detect_kind, extract

MB = 1024 * 1024


def test_the_members_of_a_zip_become_children_in_order(shared_bytes):
    result = extract(shared_bytes("ingest-file/test-documents.zip"), "test-documents.zip")

    assert result.kind == "zip"
    assert result.content_type == "application/zip"
    assert result.pages == ()
    assert [(child.filename, len(child.data)) for child in result.children] == [
        ("testEXCEL.xls", 13824),
        ("testHTML.html", 167),
        ("testOpenOffice2.odt", 26448),
        ("testPDF.pdf", 34824),
        ("testPPT.ppt", 16384),
        ("testRTF.rtf", 3410),
        ("testTXT.txt", 49),
        ("testWORD.doc", 19456),
        ("testXML.xml", 766),
    ]


def test_each_child_of_the_zip_is_read_or_refused_with_a_reason(shared_bytes):
    children = extract(shared_bytes("ingest-file/test-documents.zip"), "test-documents.zip").children
    outcomes = {}
    for child in children:
        try:
            outcomes[child.filename] = extract(child.data, child.filename, depth=1).kind
        except ExtractionError as error:
            outcomes[child.filename] = str(error)

    word = "doc" if shutil.which("antiword") else (
        "Word 97-2003 .doc files are read with antiword, which is not installed on this server: "
        "install the Debian package antiword (or save the file as .docx)."
    )
    ppt = "ppt" if shutil.which("soffice") else (
        "PowerPoint 97-2003 .ppt files are read through LibreOffice, which is not installed on this server: "
        "install the Debian package libreoffice-impress (or save the file as .pptx or PDF)."
    )
    assert outcomes == {
        "testEXCEL.xls": "xls",
        "testHTML.html": "html",
        "testOpenOffice2.odt": "odt",
        "testPDF.pdf": "pdf",
        "testPPT.ppt": ppt,
        "testRTF.rtf": "rtf",
        "testTXT.txt": "txt",
        "testWORD.doc": word,
        "testXML.xml": "xml",
    }


def test_a_zip_bomb_is_refused_for_its_compression_ratio_before_decompressing():
    bomb = _zip({"zeros.bin": bytes(50 * MB)})
    assert len(bomb) < MB

    with pytest.raises(
        ExtractionError,
        match=r"^“zeros\.bin” in this zip file is compressed more than 100 times, the limit \(a sign of a zip bomb\); "
        r"it was refused to protect the server\.$",
    ):
        extract(bomb, "release.zip")


def test_a_zip_that_would_expand_past_the_total_limit_is_refused():
    with pytest.raises(
        ExtractionError,
        match=r"^This zip file would expand to 50 MB, more than the limit of 10 MB; it was refused to protect the server\.$",
    ):
        extract(_zip({"zeros.bin": bytes(50 * MB)}), "release.zip", zip_limits=ZipLimits(max_total_bytes=10 * MB))


def test_a_zip_with_too_many_files_is_refused():
    with pytest.raises(
        ExtractionError,
        match=r"^This zip file holds 5 files, more than the limit of 4; it was refused to protect the server\.$",
    ):
        extract(_zip({f"page-{n}.txt": b"text" for n in range(5)}), "many.zip", zip_limits=ZipLimits(max_files=4))


def test_zips_nested_deeper_than_the_limit_are_not_opened():
    inner = _zip({"response.txt": b"Information not held."})
    outer = _zip({"inner.zip": inner})

    child = extract(outer, "outer.zip").children[0]
    assert child == ChildFile("inner.zip", inner)
    assert extract(child.data, child.filename, depth=1).children == (ChildFile("response.txt", b"Information not held."),)
    with pytest.raises(
        ExtractionError,
        match=r"^This zip file is inside 3 other zip files; more than 3 levels of zips inside zips are not opened",
    ):
        extract(child.data, child.filename, depth=3)


def test_a_member_whose_size_is_understated_yields_nothing_beyond_the_claim():
    # The directory claims 1 MB; the data inflates to 20 MB. The pre-check passes on the claim,
    # and decompression stops at it, so the member is reported damaged instead of expanding.
    data = _with_claimed_size(_zip({"big.txt": b"a" * (20 * MB)}), "big.txt", MB)
    limits = ZipLimits(max_total_bytes=5 * MB, max_ratio=10**9)

    result = extract(data, "liar.zip", zip_limits=limits)

    assert result.children == ()
    assert result.problems == ("“big.txt” in this zip is damaged and was not read.",)


def test_password_protected_members_are_reported_and_the_rest_kept():
    data = _with_encrypted_flag(_zip({"secret.pdf": b"%PDF-1.4", "open.txt": b"Disclosed in full."}), "secret.pdf")

    result = extract(data, "mixed.zip")

    assert result.children == (ChildFile("open.txt", b"Disclosed in full."),)
    assert result.problems == ("“secret.pdf” in this zip is protected with a password and was not read.",)


def test_macos_resource_forks_are_not_documents():
    data = _zip({"__MACOSX/._letter.txt": b"\x00\x05\x16\x07", "folder/.DS_Store": b"Bud1", "folder/letter.txt": b"Dear"})

    assert extract(data, "mac.zip").children == (ChildFile("folder/letter.txt", b"Dear"),)


def test_a_damaged_zip_is_refused():
    with pytest.raises(ExtractionError, match=r"^This zip file is damaged and cannot be opened\.$"):
        extract(b"PK\x03\x04" + b"\x00" * 100, "broken.zip")


def test_a_word_file_inside_a_zip_named_zip_is_still_word(shared_bytes):
    data = shared_bytes("ingest-file/hello world word.docx")

    assert detect_kind(data, "renamed.zip") == "docx"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _headers(data: bytes, name: str) -> tuple[int, int]:
    """Return the offsets of ``name``'s local header and central directory entry."""
    encoded = name.encode()
    local = next(
        offset
        for offset in _all(data, b"PK\x03\x04")
        if data[offset + 30 : offset + 30 + len(encoded)] == encoded
    )
    central = next(
        offset
        for offset in _all(data, b"PK\x01\x02")
        if data[offset + 46 : offset + 46 + len(encoded)] == encoded
    )
    return local, central


def _all(data: bytes, signature: bytes):
    start = data.find(signature)
    while start != -1:
        yield start
        start = data.find(signature, start + 1)


def _with_claimed_size(data: bytes, name: str, size: int) -> bytes:
    out = bytearray(data)
    local, central = _headers(data, name)
    out[local + 22 : local + 26] = struct.pack("<I", size)
    out[central + 24 : central + 28] = struct.pack("<I", size)
    return bytes(out)


def _with_encrypted_flag(data: bytes, name: str) -> bytes:
    out = bytearray(data)
    local, central = _headers(data, name)
    for flags_at in (local + 6, central + 8):
        out[flags_at] |= 0x1
    return bytes(out)
