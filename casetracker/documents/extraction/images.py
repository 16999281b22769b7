"""Read scanned pictures (TIFF, PNG, JPEG...) with OCR, one page per frame."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from datetime import date, datetime

from PIL import Image, ImageSequence, UnidentifiedImageError

from casetracker.documents.extraction.constants import IMAGE_CONTENT_TYPES, ExtractionMethod, FileKind
from casetracker.documents.extraction.ocr import OCR_LANGUAGE, ocr_images, tesseract_available
from casetracker.documents.extraction.results import ExtractionError, ExtractionResult, PageText

_EXIF_DATETIME = 0x0132


def extract_image(data: bytes, *, ocr: bool = True, ocr_languages: str = OCR_LANGUAGE) -> ExtractionResult:
    """OCR every frame of a picture file in ``ocr_languages`` ("eng", "cym+eng"); frames are pages.

    Raises ExtractionError for a damaged picture or one too large to open safely.
    """
    with warnings.catch_warnings():
        # Big scans are legitimate; Pillow's hard DecompressionBombError limit still applies.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                content_type = IMAGE_CONTENT_TYPES.get(image.format or "", "application/octet-stream")
                document_date = _exif_date(image)
                if ocr and tesseract_available():
                    outcomes = ocr_images(_frames(image), ocr_languages)
                    frame_count = len(outcomes)
                else:
                    outcomes = {}
                    frame_count = getattr(image, "n_frames", 1)
        except Image.DecompressionBombError as error:
            raise ExtractionError("This picture is too large to open safely.") from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ExtractionError("This picture is damaged or in a format that cannot be read.") from error
    pages = []
    problems = []
    for number in range(1, frame_count + 1):
        outcome = outcomes.get(number)
        if outcome is None or outcome.failure:
            pages.append(PageText(number, "", ExtractionMethod.NEEDS_OCR))
            if outcome is not None:
                problems.append(f"Page {number} could not be read by OCR because {outcome.failure}.")
        else:
            pages.append(PageText(number, outcome.text, ExtractionMethod.OCR if outcome.text else ExtractionMethod.EMPTY,
                                  confidence=outcome.confidence))
    if not outcomes:
        why = "OCR is turned off" if not ocr else "OCR (Tesseract) is not installed on this server"
        problems.append(f"This is a picture of text and {why}, so its text was not read.")
    return ExtractionResult(
        kind=FileKind.IMAGE,
        content_type=content_type,
        pages=tuple(pages),
        problems=tuple(problems),
        document_date=document_date,
    )


def _frames(image: Image.Image) -> Iterator[tuple[int, Image.Image]]:
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        yield number, frame.convert("L")


def _exif_date(image: Image.Image) -> date | None:
    value = image.getexif().get(_EXIF_DATETIME)
    try:
        return datetime.strptime(str(value).strip(), "%Y:%m:%d %H:%M:%S").date() if value else None
    except ValueError:
        return None
