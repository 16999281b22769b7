"""Evidence quotes must appear on the cited page, whatever the PDF did to the text."""

from pathlib import Path

import pytest

from casetracker.evidence.quotes import QuoteNotFound, locate_quote, normalise_for_matching

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"

DPIA_PAGE = (
    "Data Protection Impact Assessment \u2013 Daily attendance data collection\n"
    "Version 1, dated 15\u00a0February\u00a02022.\n"
    "The Department\u2019s risk assess-\n"
    "ment  found   the pilot to be \u201clow risk\u201d and the data\n"
    "will be re\u00adtained for 66 years.\n"
)


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("risk assess-\nment", "risk assessment"),
        ("risk assess-  \r\n   ment", "risk assessment"),
        ("risk assess\u00ad\nment", "risk assessment"),
        ("re\u00adtained", "retained"),
        ("evidence-based", "evidencebased"),
        ("15\u00a0February\u00a02022", "15 february 2022"),
        ("The Department\u2019s \u201clow risk\u201d", "the department's \"low risk\""),
        ("2021\u20132022 \u2014 a year", "20212022 - a year"),
        ("  many   spaces\tand\nlines  ", "many spaces and lines"),
        ("\ufb01nal sign-off", "final signoff"),
        ("ZERO\u200bWIDTH STRASSE", "zerowidth strasse"),
    ],
)
def test_normalise_for_matching(text, normalised):
    assert normalise_for_matching(text) == normalised


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        ("risk assessment found the pilot", "risk assess-\nment  found   the pilot"),
        ("dated 15 February 2022", "dated 15\u00a0February\u00a02022"),
        ("will be retained for 66 years", "will be re\u00adtained for 66 years"),
        ("The Department's risk", "The Department\u2019s risk"),
        ('to be "low risk"', "to be \u201clow risk\u201d"),
        ("Assessment - Daily attendance", "Assessment \u2013 Daily attendance"),
        ("the PILOT to be", "the pilot to be"),
        ("found the pilot to be \u201clow risk\u201d and the data will",
         "found   the pilot to be \u201clow risk\u201d and the data\nwill"),
    ],
)
def test_locate_quote_returns_offsets_of_the_passage_in_the_original_text(quote, passage):
    start, end = locate_quote(DPIA_PAGE, quote)
    assert DPIA_PAGE[start:end] == passage


def test_a_quote_not_on_the_page_is_refused_with_page_and_title():
    with pytest.raises(QuoteNotFound) as caught:
        locate_quote(
            DPIA_PAGE,
            "assessed as part of the preparation for the pilot",
            page=3,
            title="DPIA version 1",
        )
    assert str(caught.value) == (
        'The quote "assessed as part of the preparation for the pilot" does not appear '
        'on page 3 of "DPIA version 1".'
    )
    assert caught.value.page == 3


def test_without_page_or_title_the_message_still_reads():
    with pytest.raises(QuoteNotFound) as caught:
        locate_quote(DPIA_PAGE, "high risk")
    assert str(caught.value) == 'The quote "high risk" does not appear in the page text.'


def test_a_long_missing_quote_is_shortened_in_the_message():
    quote = "ICO " + "and the department " * 10
    with pytest.raises(QuoteNotFound) as caught:
        locate_quote(DPIA_PAGE, quote, page=1)
    assert str(caught.value) == (
        'The quote "ICO and the department and the department and the department and the '
        'department and the department and the department…" does not appear on page 1.'
    )


@pytest.mark.parametrize("quote", ["", "   ", "\n\u00a0\t", "\u00ad"])
def test_an_empty_quote_is_refused(quote):
    with pytest.raises(QuoteNotFound) as caught:
        locate_quote(DPIA_PAGE, quote, page=2, title="DPIA version 1")
    assert str(caught.value) == (
        'The quote is empty: give the exact words as they appear on page 2 of "DPIA version 1".'
    )


def test_quote_not_found_is_a_value_error_for_the_web_layer():
    assert issubclass(QuoteNotFound, ValueError)


def test_quotes_match_a_real_pdf_text_layer_with_soft_hyphens_and_no_break_spaces():
    pdf_path = SHARED_DATA / "ingest-file" / "106972554.pdf"
    if not pdf_path.exists():
        pytest.skip(f"shared test file missing: {pdf_path}")
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_path)
    try:
        text_page = document[0].get_textpage()
        page_text = text_page.get_text_range()
    finally:
        document.close()

    start, end = locate_quote(page_text, "Date of Judgment: 04-March-2020")
    assert page_text[start:end] == "Date\u00a0of\u00a0Judgment: 04\u00adMarch\u00ad2020"

    start, end = locate_quote(page_text, "coming on for hearing on 28 February 2020")
    assert page_text[start:end] == (
        "coming\u00a0on\u00a0\r\nfor\u00a0hearing\u00a0on\u00a028\u00a0February\u00a02020"
    )

    with pytest.raises(QuoteNotFound):
        locate_quote(page_text, "Date of Judgment: 05 March 2020")
