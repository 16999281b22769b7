"""Read presentations: PowerPoint .pptx with python-pptx; .ppt and .odp through LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pptx
from lxml import etree
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.exc import PackageNotFoundError

from casetracker.documents.extraction.constants import CONTENT_TYPES, FileKind
from casetracker.documents.extraction.dates import uk_date
from casetracker.documents.extraction.office import office_metadata
from casetracker.documents.extraction.results import ExtractionError, ExtractionResult, ToolMissing, native_pages

_SOFFICE_TIMEOUT_SECONDS = 120
_CONVERTED_NAMES = {FileKind.PPT: "PowerPoint 97-2003 .ppt", FileKind.ODP: "OpenDocument presentation (.odp)"}


def extract_pptx(data: bytes, *, kind: FileKind = FileKind.PPTX) -> ExtractionResult:
    """Read a PowerPoint presentation: each slide a page, its shapes' text in order, then its notes.

    Raises ExtractionError for a damaged file.
    """
    try:
        presentation = pptx.Presentation(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError, etree.XMLSyntaxError) as error:
        # A package without the parts python-pptx expects fails on an attribute of a missing element.
        raise ExtractionError("This PowerPoint presentation is damaged and cannot be opened.") from error
    pages = []
    for slide in presentation.slides:
        lines = [line for shape in slide.shapes for line in _shape_lines(shape)]
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            if notes is not None and notes.text.strip():
                lines += ["Notes:", notes.text]
        pages.append("\n".join(line for line in lines if line.strip()))
    properties = presentation.core_properties
    metadata = office_metadata(properties.created, properties.modified, properties.author)
    return ExtractionResult(
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        title=(properties.title or "").strip() or None,
        pages=native_pages(pages or [""]),
        document_date=uk_date(metadata.created),
        metadata=metadata,
    )


def _shape_lines(shape) -> list[str]:
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [line for inner in shape.shapes for line in _shape_lines(inner)]
    if getattr(shape, "has_table", False) and shape.has_table:
        return ["\t".join(" ".join(cell.text.split()) for cell in row.cells) for row in shape.table.rows]
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        return shape.text_frame.text.replace("\v", "\n").splitlines()
    return []


def extract_via_libreoffice(data: bytes, kind: FileKind) -> ExtractionResult:
    """Convert a .ppt or .odp to .pptx with LibreOffice headless, then read it as a presentation.

    Raises ExtractionError naming the package to install when LibreOffice is missing, or when
    it cannot convert the file.
    """
    what = _CONVERTED_NAMES[kind]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ToolMissing(
            f"{what} files are read through LibreOffice, which is not installed on this server: "
            "install the Debian package libreoffice-impress (or save the file as .pptx or PDF)."
        )
    with tempfile.TemporaryDirectory(prefix="casetracker-soffice-") as folder:
        source = Path(folder) / f"presentation.{kind.value}"
        source.write_bytes(data)
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                 "--convert-to", "pptx", "--outdir", folder, str(source)],
                capture_output=True, timeout=_SOFFICE_TIMEOUT_SECONDS, check=True,
            )
            converted = (Path(folder) / "presentation.pptx").read_bytes()
        except (subprocess.SubprocessError, OSError) as error:
            raise ExtractionError(f"This {what} file is damaged or protected and cannot be read.") from error
    return extract_pptx(converted, kind=kind)
