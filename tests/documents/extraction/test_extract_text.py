"""Plain text and CSV: character sets, byte-order marks, line ends, long files."""

from __future__ import annotations

from casetracker.documents.extraction import ExtractionMethod, PageText, detect_kind, extract

NATIVE = ExtractionMethod.NATIVE


def test_a_latin_1_file_is_decoded_correctly(shared_bytes):
    result = extract(shared_bytes("ingest-file/non_utf.txt"), "non_utf.txt")

    assert result.kind == "txt"
    assert result.content_type == "text/plain; charset=windows-1252"
    assert result.pages[0].text.startswith("Der Chef von Großbritanniens größter Partei wohnt")
    assert result.problems == ()


def test_a_utf_8_byte_order_mark_and_cr_cr_lf_line_ends_are_cleaned(shared_bytes):
    result = extract(shared_bytes("ingest-file/udhr_ger.txt"), "udhr_ger.txt")

    assert result.content_type == "text/plain; charset=utf-8"
    text = result.pages[0].text
    assert text.startswith(
        "Resolution 217 A (III) der Generalversammlung vom 10. Dezember 1948\n\nAllgemeine Erklärung der Menschenrechte\n"
    )
    assert "\r" not in text and "\ufeff" not in text


def test_a_csv_with_classic_mac_line_ends_splits_into_its_rows(shared_bytes):
    data = shared_bytes("libraries/LibrariesBookBorrowing.csv")
    assert b"\n" not in data

    result = extract(data, "LibrariesBookBorrowing.csv")

    assert result.kind == "csv"
    assert result.content_type == "text/csv; charset=utf-8"
    rows = result.pages[0].text.split("\n")
    assert len(rows) == 149
    assert rows[1] == "Barking And Dagenham,748366,570582,-177784,-23.80%,FALSE"
    assert rows[-1] == "York,1016508,901455,-115053,-11.30%,FALSE"


def test_a_utf_16_file_is_read_by_its_byte_order_mark():
    result = extract("Refusal notice under s40(2)\n".encode("utf-16"), "notice.txt")

    assert result.pages == (PageText(1, "Refusal notice under s40(2)", NATIVE),)
    assert result.content_type == "text/plain; charset=utf-16"


def test_form_feeds_separate_pages_and_long_text_is_cut_at_line_ends():
    line = "Working closely with the department, the authority withheld the names.\n"  # 71 characters
    long_part = line * 3000  # 213,000 characters: 1,408 whole lines fit in 100,000

    result = extract(f"Cover letter\f{long_part}".encode(), "release.txt")

    assert [page.text[:12] for page in result.pages] == ["Cover letter", "Working clos", "Working clos", "Working clos"]
    assert [len(page.text) for page in result.pages[1:]] == [1408 * 71 - 1, 1408 * 71 - 1, 184 * 71 - 1]
    assert "\n".join(page.text for page in result.pages[1:]) + "\n" == long_part


def test_bytes_that_are_text_in_no_charset_are_replaced_and_reported(shared_bytes):
    result = extract(shared_bytes("ingest-file/full-bmp.txt"), "full-bmp.txt")

    assert result.content_type == "text/plain; charset=utf-8"
    assert "Latin Extended-A (U+0100-U+017F):\n\nĀāĂăĄą" in result.pages[0].text
    assert result.problems == ("Some bytes in this file are not valid text in any character set and were replaced.",)


def test_a_memo_named_txt_stays_text_even_if_it_starts_like_an_email():
    data = b"To: FOI officer\nSubject: Request for internal review\n\nPlease review the response.\n"

    assert detect_kind(data, "memo.txt") == "txt"
    assert detect_kind(data, "memo") == "eml"
