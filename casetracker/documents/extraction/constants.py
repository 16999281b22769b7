"""How a page's text was read, and the format families we recognise."""

from enum import StrEnum


class ExtractionMethod(StrEnum):
    """How the text of one page was obtained."""

    TEXT_LAYER = "text-layer"  # the PDF's own text
    OCR = "ocr"  # Tesseract read a picture of the page
    NEEDS_OCR = "needs-ocr"  # a picture with no text layer, and OCR was off or unavailable
    NATIVE = "native"  # a format that stores its text: docx, xlsx, odt, rtf, html, txt, email
    EMPTY = "empty"  # read, but there is no text on it


class FileKind(StrEnum):
    """A format family, found by sniffing the bytes first and the file name second."""

    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    XLS = "xls"
    DOC = "doc"
    PPT = "ppt"
    ODT = "odt"
    ODS = "ods"
    ODP = "odp"
    RTF = "rtf"
    HTML = "html"
    XML = "xml"
    TXT = "txt"
    CSV = "csv"
    EML = "eml"
    MBOX = "mbox"
    MSG = "msg"
    EMAIL = "email"  # the body of an email imported into a request's history (search: type:email)
    ZIP = "zip"
    IMAGE = "image"
    UNKNOWN = "unknown"


#: The Content-Type a download of each kind is sent with (images are refined by their format).
CONTENT_TYPES: dict[FileKind, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    FileKind.XLS: "application/vnd.ms-excel",
    FileKind.DOC: "application/msword",
    FileKind.PPT: "application/vnd.ms-powerpoint",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileKind.ODP: "application/vnd.oasis.opendocument.presentation",
    FileKind.RTF: "application/rtf",
    FileKind.HTML: "text/html",
    FileKind.XML: "application/xml",
    FileKind.TXT: "text/plain",
    FileKind.CSV: "text/csv",
    FileKind.EML: "message/rfc822",
    FileKind.MBOX: "application/mbox",
    FileKind.MSG: "application/vnd.ms-outlook",
    FileKind.EMAIL: "message/rfc822",
    FileKind.ZIP: "application/zip",
    FileKind.IMAGE: "application/octet-stream",
    FileKind.UNKNOWN: "application/octet-stream",
}

#: Pillow's format names mapped to the MIME types browsers know.
IMAGE_CONTENT_TYPES: dict[str, str] = {
    "TIFF": "image/tiff",
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "BMP": "image/bmp",
    "WEBP": "image/webp",
}
