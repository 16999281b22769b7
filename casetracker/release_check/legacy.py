"""Check legacy Office files (.xls, .doc, .ppt: OLE compound files) for hidden data and metadata.

Pure. An .xls sheet's visibility is the BOUNDSHEET record's hsState (MS-XLS
2.4.28: 0 visible, 1 hidden, 2 very hidden), hidden rows and columns are ROW
and COLINFO flags (read by xlrd with ``formatting_info``), cell notes are NOTE
records, and a pivot cache is the ``_SX_DB_CUR`` storage (MS-XLS 2.1.7.37).
"""

from __future__ import annotations

import io
import re

import olefile
import xlrd

from casetracker.release_check.findings import Finding, FindingKind, ReleaseCheckError, clip
from casetracker.release_check.ooxml import _column, _ranges

__all__ = ["check_ole"]

_SUMMARY = (("author", "author"), ("last_saved_by", "last modified by"), ("template", "template"),
            ("company", "company"), ("manager", "manager"))


def _text(value) -> str:
    if isinstance(value, bytes):
        for encoding in ("utf-8", "cp1252"):
            try:
                return value.decode(encoding).strip("\x00 ")
            except UnicodeDecodeError:
                continue
    return str(value or "").strip()


def _xls(data: bytes) -> list[Finding]:
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
    except Exception as exc:  # xlrd raises many types for a damaged workbook
        raise ReleaseCheckError(f"The spreadsheet could not be read ({exc}).") from exc
    findings = []
    for sheet in book.sheets():
        where = f"sheet '{sheet.name}'"
        if sheet.visibility == 1:
            findings.append(Finding(FindingKind.HIDDEN_SHEET, where, "the sheet is hidden"))
        elif sheet.visibility == 2:
            findings.append(Finding(FindingKind.VERY_HIDDEN_SHEET, where,
                                    "the sheet is very hidden (only a macro shows it)"))
        rows = [r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden]
        if rows:
            findings.append(Finding(FindingKind.HIDDEN_ROWS, f"{where} rows {_ranges(rows)}",
                                    f"{len(rows)} hidden row{'' if len(rows) == 1 else 's'}"))
        cols = [c + 1 for c, info in sheet.colinfo_map.items() if info.hidden]
        if cols:
            letters = re.sub(r"\d+", lambda m: _column(int(m.group(0))), _ranges(cols))
            findings.append(Finding(FindingKind.HIDDEN_COLUMNS, f"{where} columns {letters}",
                                    f"{len(cols)} hidden column{'' if len(cols) == 1 else 's'}"))
        for (row, col), note in sorted(sheet.cell_note_map.items()):
            findings.append(Finding(FindingKind.COMMENT, f"{where} cell {_column(col + 1)}{row + 1}",
                                    f"by {note.author or 'unknown'}: {clip(note.text)}"))
    return findings


def check_ole(data: bytes, kind: str) -> list[Finding]:
    """Return the findings of an .xls, .doc or .ppt (``kind``); raise ReleaseCheckError if unreadable."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError) as exc:
        raise ReleaseCheckError("The file is not a readable legacy Office file.") from exc
    with ole:
        findings = _xls(data) if kind == "xls" else []
        streams = ["/".join(path) for path in ole.listdir(streams=True, storages=True)]
        if any(s.startswith("_SX_DB_CUR") or s.startswith("_SX_DB/") for s in streams):
            findings.append(Finding(FindingKind.PIVOT_CACHE, "_SX_DB_CUR",
                                    "pivot cache: it keeps the source data even where the pivot table shows totals"))
        for stream in streams:
            if stream.startswith(("ObjectPool", "MBD")) or stream.endswith("\x01Ole10Native"):
                findings.append(Finding(FindingKind.EMBEDDED_OBJECT, stream.split("/")[0], "an embedded object"))
                break
        try:
            meta = ole.get_metadata()
        except Exception:  # a damaged property set: the rest of the check still stands
            meta = None
        for attr, label in _SUMMARY if meta is not None else ():
            value = _text(getattr(meta, attr, None))
            if value:
                findings.append(Finding(FindingKind.METADATA, "SummaryInformation", f"{label}: {clip(value)}"))
    return findings
