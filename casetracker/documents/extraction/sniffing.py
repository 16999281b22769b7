"""Tell a file's format from its first bytes, falling back to its name."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import PurePath

import charset_normalizer
import olefile

from casetracker.documents.extraction.constants import FileKind
from casetracker.documents.extraction.email import sniff_mail

_EXTENSIONS: dict[str, FileKind] = {
    ".pdf": FileKind.PDF,
    ".docx": FileKind.DOCX,
    ".docm": FileKind.DOCX,
    ".xlsx": FileKind.XLSX,
    ".xlsm": FileKind.XLSX,
    ".pptx": FileKind.PPTX,
    ".doc": FileKind.DOC,
    ".xls": FileKind.XLS,
    ".ppt": FileKind.PPT,
    ".odt": FileKind.ODT,
    ".ods": FileKind.ODS,
    ".odp": FileKind.ODP,
    ".rtf": FileKind.RTF,
    ".htm": FileKind.HTML,
    ".html": FileKind.HTML,
    ".xhtml": FileKind.HTML,
    ".xml": FileKind.XML,
    ".txt": FileKind.TXT,
    ".text": FileKind.TXT,
    ".md": FileKind.TXT,
    ".log": FileKind.TXT,
    ".csv": FileKind.CSV,
    ".tsv": FileKind.CSV,
    ".eml": FileKind.EML,
    ".mbox": FileKind.MBOX,
    ".msg": FileKind.MSG,
    ".zip": FileKind.ZIP,
    ".tif": FileKind.IMAGE,
    ".tiff": FileKind.IMAGE,
    ".png": FileKind.IMAGE,
    ".jpg": FileKind.IMAGE,
    ".jpeg": FileKind.IMAGE,
    ".gif": FileKind.IMAGE,
    ".bmp": FileKind.IMAGE,
    ".webp": FileKind.IMAGE,
}

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": FileKind.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileKind.ODS,
    b"application/vnd.oasis.opendocument.presentation": FileKind.ODP,
}
# olefile fails on damaged directories with whatever its parsing hits.
_OLE_ERRORS = (OSError, ValueError, IndexError, struct.error)
_ZIP_BASED = (FileKind.DOCX, FileKind.XLSX, FileKind.PPTX, FileKind.ODT, FileKind.ODS, FileKind.ODP, FileKind.ZIP)
# A memo saved as .txt may start with "To:" and "Subject:" lines; its name says it is text.
_TEXT_KINDS = (FileKind.TXT, FileKind.CSV, FileKind.HTML, FileKind.XML)


def detect_kind(data: bytes, filename: str) -> FileKind:
    """Return the format family of ``data``, sniffing magic bytes first and the extension second.

    A ``.msg`` that is really an RFC 822 message is ``eml``; a zip that is really a Word file is
    ``docx``. Binary data of no known format is ``unknown``.
    """
    extension = PurePath(filename).suffix.lower()
    by_name = _EXTENSIONS.get(extension, FileKind.UNKNOWN)
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return FileKind.PDF
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(data, by_name)
    if head.startswith(_CFB_MAGIC):
        return _cfb_kind(data, by_name)
    if head.lstrip().startswith(b"{\\rtf"):
        return FileKind.RTF
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return FileKind.IMAGE
    if head.startswith(b"BM") and len(data) >= 26 and int.from_bytes(data[2:6], "little") == len(data):
        return FileKind.IMAGE
    markup = _markup_kind(head)
    if markup is not None:
        return markup
    if by_name not in _TEXT_KINDS:
        mail = sniff_mail(data)
        if mail is not None:
            # Saved single messages often keep their mbox envelope line ("From x Mon ..."): the
            # name says which was meant.
            return FileKind.EML if mail is FileKind.MBOX and by_name is FileKind.EML else mail
    if by_name is not FileKind.UNKNOWN:
        return by_name
    if data and not charset_normalizer.is_binary(data[:65536]):
        return FileKind.TXT
    return FileKind.UNKNOWN


def is_encrypted_office_file(data: bytes) -> bool:
    """Return whether ``data`` is a password-protected Office 2007+ file (an OLE wrapper)."""
    if not data.startswith(_CFB_MAGIC):
        return False
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:  # bytes under 1.5 KB would be taken as a path
            return ole.exists("EncryptedPackage")
    except _OLE_ERRORS:
        return False


def _zip_kind(data: bytes, by_name: FileKind) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return FileKind.DOCX
                if "xl/workbook.xml" in names:
                    return FileKind.XLSX
                if "ppt/presentation.xml" in names:
                    return FileKind.PPTX
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                return _ODF_MIMETYPES.get(archive.read("mimetype").strip(), FileKind.ZIP)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        # Damaged: trust a name that says which zip-based format it was, so the reader's
        # message names it ("This Word document is damaged").
        return by_name if by_name in _ZIP_BASED else FileKind.ZIP
    return FileKind.ZIP


def _cfb_kind(data: bytes, by_name: FileKind) -> FileKind:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:  # bytes under 1.5 KB would be taken as a path
            if ole.exists("WordDocument"):
                return FileKind.DOC
            if ole.exists("Workbook") or ole.exists("Book"):
                return FileKind.XLS
            if ole.exists("PowerPoint Document"):
                return FileKind.PPT
            if ole.exists("__properties_version1.0"):
                return FileKind.MSG
            if ole.exists("EncryptedPackage") and by_name in (FileKind.DOCX, FileKind.XLSX, FileKind.PPTX):
                return by_name
    except _OLE_ERRORS:
        pass  # a damaged OLE file: trust the name, and let the reader report the damage
    return by_name


def _markup_kind(head: bytes) -> FileKind | None:
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return FileKind.HTML
    if start.startswith(b"<?xml"):
        return FileKind.HTML if b"<html" in start else FileKind.XML
    return None
