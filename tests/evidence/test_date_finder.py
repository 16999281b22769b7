"""Dates found in document text, suggested as chronology events."""

from pathlib import Path

import pytest

from casetracker.evidence.constants import DatePrecision
from casetracker.evidence.date_finder import FoundDate, find_dates
from casetracker.evidence.fuzzy_dates import FuzzyDate

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("15 February 2022", FuzzyDate(2022, 2, 15)),
        ("15th Feb 2022", FuzzyDate(2022, 2, 15)),
        ("15th of February 2022", FuzzyDate(2022, 2, 15)),
        ("Tuesday 15 February 2022", FuzzyDate(2022, 2, 15)),
        ("Tue 15 Feb. 2022", FuzzyDate(2022, 2, 15)),
        ("Tuesday, 15 February, 2022", FuzzyDate(2022, 2, 15)),
        ("15 FEBRUARY 2022", FuzzyDate(2022, 2, 15)),
        ("1 Sept 2022", FuzzyDate(2022, 9, 1)),
        ("February 15, 2022", FuzzyDate(2022, 2, 15)),
        ("15/02/2022", FuzzyDate(2022, 2, 15)),
        ("15.02.2022", FuzzyDate(2022, 2, 15)),
        ("15-02-2022", FuzzyDate(2022, 2, 15)),
        ("15/02/22", FuzzyDate(2022, 2, 15)),
        ("2022-02-15", FuzzyDate(2022, 2, 15)),
        ("February 2022", FuzzyDate(2022, 2)),
        ("Feb. 2022", FuzzyDate(2022, 2)),
        ("JULY 2022", FuzzyDate(2022, 7)),
    ],
)
def test_each_uk_format_is_read(words, found):
    text = f"The first version of the DPIA is dated {words} in the register."
    start = text.index(words)
    assert find_dates(text) == [
        FoundDate(found, words, text, start, start + len(words))
    ]


def test_numeric_dates_are_read_day_first():
    (found,) = find_dates("Received 02/03/2022.")
    assert found.date == FuzzyDate(2022, 3, 2)
    assert str(found.date) == "2 March 2022"


def test_a_month_and_year_never_gains_a_day():
    (found,) = find_dates("The pilot ran from February 2022.")
    assert found.date == FuzzyDate(2022, 2)
    assert found.date.day is None
    assert found.date.precision is DatePrecision.MONTH
    assert found.text == "February 2022"


@pytest.mark.parametrize(
    "text",
    [
        "Logged 31/02/2022 by the officer.",
        "Logged 31 February 2022 by the officer.",
        "Logged 2022-02-30 by the officer.",
        "Logged 12/13/2022 by the officer.",
    ],
)
def test_impossible_dates_are_ignored_whole(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Officers may 2022 march on.",
        "Version 1.2.2022.3 of the form.",
        "Call 0207 123 4567 or quote 15/02/2022/7.",
        "The 66 years and 14,000 schools.",
        "Section 7 February",
    ],
)
def test_things_that_are_not_dates_are_not_found(text):
    assert find_dates(text) == []


def test_a_year_after_in_or_since_is_read_to_the_year():
    text = "The collection ended in 2018. It has run since 2019-20 budgets."
    (found,) = find_dates(text)
    assert (found.date, found.text, found.sentence) == (
        FuzzyDate(2018), "2018", "The collection ended in 2018."
    )
    assert found.date.precision is DatePrecision.YEAR


def test_dates_without_a_year_need_the_caller_to_give_one():
    text = "The email was sent on 8 February. The DPIA was dated February 15."
    assert find_dates(text) == []
    assert [(f.date, f.text, f.sentence) for f in find_dates(text, default_year=2022)] == [
        (FuzzyDate(2022, 2, 8), "8 February", "The email was sent on 8 February."),
        (FuzzyDate(2022, 2, 15), "February 15", "The DPIA was dated February 15."),
    ]


def test_each_date_carries_its_own_sentence():
    text = (
        "Collection began on Monday 7 February 2022. The DPIA is dated 15/02/2022!\n"
        "Was the ICO told by 8 Feb. 2022? No.\n\n"
        "Heading for March 2022\n\n"
        "The DPIA was signed off\non 1 April 2022 by the DPO. Next sentence."
    )
    assert [(str(f.date), f.sentence) for f in find_dates(text)] == [
        ("7 February 2022", "Collection began on Monday 7 February 2022."),
        ("15 February 2022", "The DPIA is dated 15/02/2022!"),
        ("8 February 2022", "Was the ICO told by 8 Feb. 2022?"),
        ("March 2022", "Heading for March 2022"),
        # A line wrapped inside a sentence does not end it.
        ("1 April 2022", "The DPIA was signed off on 1 April 2022 by the DPO."),
    ]
    assert [f.text for f in find_dates(text)] == [
        "Monday 7 February 2022", "15/02/2022", "8 Feb. 2022", "March 2022", "1 April 2022"
    ]


def test_offsets_point_at_the_words_in_the_text():
    text = "Filed on 2022-02-15T10:00 and 15th Feb 2022."
    assert [(f.start, f.end, text[f.start:f.end]) for f in find_dates(text)] == [
        (9, 19, "2022-02-15"),
        (30, 43, "15th Feb 2022"),
    ]


def test_dates_inside_sentences_of_the_seed_article():
    story_path = SHARED / "seed-story.txt"
    if not story_path.exists():
        pytest.skip(f"shared seed story missing: {story_path}")
    story = story_path.read_text(encoding="utf-8")

    # The article was published in 2022 and writes "February 7" without a year.
    found = find_dates(story, default_year=2022)

    assert [(f.date, f.text, f.sentence) for f in found] == [
        (
            FuzzyDate(2022, 2, 7),
            "February 7",
            "In documents obtained by campaign group Defend Digital Me under the freedom of "
            "information act, the ICO said the DfE \u201cdid not complete\u201d a DPIA before "
            "the collection began on February 7.",
        ),
        (
            FuzzyDate(2022, 2, 15),
            "February 15",
            "Instead, it shared the first version of the DPIA, which was dated February 15.",
        ),
        (
            FuzzyDate(2022, 2, 8),
            "February 8",
            "In an email to schools on February 8, the DfE claimed it had been "
            "\u201cworking closely\u201d with the ICO on the impact assessment.",
        ),
        (
            FuzzyDate(2016),
            "2016",
            "In 2016, ministers were forced to admit they planned to share nationality data "
            "with the Home Office for immigration control.",
        ),
        (
            FuzzyDate(2018),
            "2018",
            "The controversial collection ended in 2018 after it was boycotted by schools.",
        ),
        (
            FuzzyDate(2020),
            "2020",
            "A damning audit by the ICO in 2020 found the department had broken data "
            "protection laws in the way it handled pupil information.",
        ),
    ]
    for f in found:
        assert story[f.start:f.end] == f.text
    # "since February" gives neither a day nor a year, so it is not suggested.
    assert "since February through" in story
    assert [f.date for f in find_dates(story)] == [
        FuzzyDate(2016), FuzzyDate(2018), FuzzyDate(2020)
    ]


def test_dates_in_a_real_pdf_text_layer():
    pdf_path = SHARED / "data" / "ingest-file" / "106972554.pdf"
    if not pdf_path.exists():
        pytest.skip(f"shared test file missing: {pdf_path}")
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_path)
    try:
        page_text = document[0].get_textpage().get_text_range()
    finally:
        document.close()

    found = find_dates(page_text)

    assert [str(f.date) for f in found] == [
        "6 March 2020", "4 March 2020", "28 February 2020", "4 March 2020",
        "18 February 2020", "27 February 2020", "31 August 2018", "31 August 2018",
    ]
    # PDFium gives this hyphen as U+00AD; the form has no full stops, so the
    # date's line is its context.
    assert (found[1].text, found[1].sentence) == (
        "04\u00adMarch\u00ad2020", "Date of Judgment: 04\u00adMarch\u00ad2020"
    )
