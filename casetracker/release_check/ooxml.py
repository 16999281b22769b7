"""Check Office Open XML files (.xlsx, .docx, .pptx) for what a release would leak, part by part.

Pure. Every part is scanned by ``xml_safety.check_package`` before lxml reads
it, and lxml never resolves entities. Places are given as a reader finds them:
a sheet by its tab name, a cell by its reference, rows by number and columns by
letter (ECMA-376 Part 1 §18.3.1.73 ``row/@hidden``, §18.3.1.13 ``col/@hidden``,
§18.2.19 ``sheet/@state``; §17.13.5 ``w:ins``/``w:del``; §17.3.2.41 ``w:vanish``).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from casetracker.release_check.findings import Finding, FindingKind, ReleaseCheckError, clip
from casetracker.xml_safety import XMLEntityError, check_package

__all__ = ["check_ooxml"]

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TRUE = {"1", "true", "on"}
#: Properties that name people or where a file came from (docProps/core.xml, docProps/app.xml).
_CORE_FIELDS = {"creator": "author", "lastModifiedBy": "last modified by"}
_APP_FIELDS = {"Template": "template", "Company": "company", "Manager": "manager"}
#: Word's own blank templates, which say nothing about who wrote a file or where.
_DEFAULT_TEMPLATES = {"normal", "normal.dot", "normal.dotm", "normal.dotx", "blank"}
_EMBEDDED = re.compile(r"^(xl|word|ppt)/(embeddings|activeX)/")


class _Package:
    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ReleaseCheckError("The file is not a readable Office file (its zip is damaged).") from exc

    def xml(self, name: str):
        if name not in self.names:
            return None
        try:
            return etree.fromstring(self.zip.read(name), _PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError):
            return None

    def rels(self, part: str) -> dict[str, tuple[str, str, str]]:
        """Return a part's relationships: id → (type's last word, target path or URL, mode)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out = {}
        for rel in (root if root is not None else []):
            target, mode = rel.get("Target", ""), rel.get("TargetMode", "")
            if mode != "External":
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/") if not target.startswith("/") \
                    else target.lstrip("/")
            out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], target, mode)
        return out


def _text(element) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _ranges(numbers: list[int]) -> str:
    """Return 1, 2, 3, 7 as "1-3, 7"."""
    out, start, prev = [], None, None
    for n in sorted(set(numbers)):
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)


def _column(n: int) -> str:
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _metadata(pkg: _Package) -> list[Finding]:
    findings = []
    core = pkg.xml("docProps/core.xml")
    for element in (core if core is not None else []):
        label = _CORE_FIELDS.get(etree.QName(element).localname)
        if label and _text(element).strip():
            findings.append(Finding(FindingKind.METADATA, "docProps/core.xml", f"{label}: {clip(_text(element))}"))
    app = pkg.xml("docProps/app.xml")
    for element in (app if app is not None else []):
        label = _APP_FIELDS.get(etree.QName(element).localname)
        value = _text(element).strip()
        if label == "template" and value.lower() in _DEFAULT_TEMPLATES:
            continue
        if label and value:
            findings.append(Finding(FindingKind.METADATA, "docProps/app.xml", f"{label}: {clip(_text(element))}"))
    return findings


def _embedded_and_external(pkg: _Package) -> list[Finding]:
    findings = [Finding(FindingKind.EMBEDDED_OBJECT, name, "an embedded file or object")
                for name in sorted(pkg.names) if _EMBEDDED.match(name)]
    # An external workbook link is reported once, from its own part (``_xlsx``).
    for name in sorted(n for n in pkg.names if n.endswith(".rels") and not n.startswith("xl/externalLinks/")):
        root = pkg.xml(name)
        for rel in (root if root is not None else []):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if rel.get("TargetMode") == "External" and kind != "hyperlink":
                findings.append(Finding(FindingKind.EXTERNAL_LINK, name,
                                        f"{kind} pointing outside the file: {clip(rel.get('Target', ''))}"))
    return findings


def _xlsx(pkg: _Package) -> list[Finding]:
    findings: list[Finding] = []
    workbook = pkg.xml("xl/workbook.xml")
    if workbook is None:
        raise ReleaseCheckError("The spreadsheet has no readable workbook part.")
    rels = pkg.rels("xl/workbook.xml")
    for sheet in workbook.iter(_S + "sheet"):
        name, state = sheet.get("name", ""), sheet.get("state", "visible")
        where = f"sheet '{name}'"
        if state == "hidden":
            findings.append(Finding(FindingKind.HIDDEN_SHEET, where, "the sheet is hidden"))
        elif state == "veryHidden":
            findings.append(Finding(FindingKind.VERY_HIDDEN_SHEET, where,
                                    "the sheet is very hidden (only a macro or the XML shows it)"))
        part = rels.get(sheet.get(_R + "id"), ("", "", ""))[1]
        root = pkg.xml(part)
        if root is None:
            continue
        rows = [int(r.get("r")) for r in root.iter(_S + "row") if r.get("hidden", "").lower() in _TRUE and r.get("r")]
        if rows:
            findings.append(Finding(FindingKind.HIDDEN_ROWS, f"{where} rows {_ranges(rows)}",
                                    f"{len(rows)} hidden row{'' if len(rows) == 1 else 's'}"))
        cols = []
        for col in root.iter(_S + "col"):
            if col.get("hidden", "").lower() in _TRUE:
                cols += range(int(col.get("min", "1")), int(col.get("max", col.get("min", "1"))) + 1)
        if cols:
            letters = re.sub(r"\d+", lambda m: _column(int(m.group(0))), _ranges(cols))
            findings.append(Finding(FindingKind.HIDDEN_COLUMNS, f"{where} columns {letters}",
                                    f"{len(cols)} hidden column{'' if len(cols) == 1 else 's'}"))
        for kind, target, _mode in pkg.rels(part).values():
            if kind == "comments":
                comments = pkg.xml(target)
                for comment in (comments.iter(_S + "comment") if comments is not None else []):
                    findings.append(Finding(FindingKind.COMMENT, f"{where} cell {comment.get('ref', '?')}",
                                            clip(_text(comment.find(_S + "text")))))
            elif kind == "threadedComment":
                threaded = pkg.xml(target)
                for comment in (threaded if threaded is not None else []):
                    findings.append(Finding(FindingKind.COMMENT, f"{where} cell {comment.get('ref', '?')}",
                                            "threaded comment: " + clip(_text(comment))))
    for name in sorted(n for n in pkg.names if re.match(r"xl/pivotCache/pivotCacheDefinition\d*\.xml$", n)):
        root = pkg.xml(name)
        source = root.find(f"{_S}cacheSource/{_S}worksheetSource") if root is not None else None
        fields = len(root.findall(f"{_S}cacheFields/{_S}cacheField")) if root is not None else 0
        records = name.replace("Definition", "Records")
        held = " with a copy of its records" if records in pkg.names else ""
        origin = (f" of {source.get('sheet') or source.get('name') or ''}!{source.get('ref') or ''}"
                  if source is not None else "")
        findings.append(Finding(FindingKind.PIVOT_CACHE, name,
                                f"pivot cache{origin}: {fields} fields{held}; it keeps the source data "
                                "even where the pivot table shows totals"))
    for name in sorted(n for n in pkg.names if re.match(r"xl/externalLinks/externalLink\d*\.xml$", n)):
        target = next((t for _k, t, _m in pkg.rels(name).values()), "")
        findings.append(Finding(FindingKind.EXTERNAL_LINK, name, f"link to another workbook: {clip(target)}"))
    return findings


def _docx(pkg: _Package) -> list[Finding]:
    findings: list[Finding] = []
    body = pkg.xml("word/document.xml")
    if body is None:
        raise ReleaseCheckError("The Word document has no readable body part.")
    parts = [("word/document.xml", body)] + [
        (name, pkg.xml(name)) for name in sorted(pkg.names)
        if re.match(r"word/(header|footer|footnotes|endnotes)\d*\.xml$", name)]
    for name, root in parts:
        if root is None:
            continue
        for tag, label in (("ins", "inserted"), ("del", "deleted"), ("moveFrom", "moved away"), ("moveTo", "moved")):
            for change in root.iter(_W + tag):
                text = _text(change)
                author, when = change.get(_W + "author", "unknown"), change.get(_W + "date", "")
                findings.append(Finding(FindingKind.TRACKED_CHANGE, name,
                                        f"{label} by {author}{' on ' + when[:10] if when else ''}: {clip(text)}"))
        for run in root.iter(_W + "r"):
            props = run.find(_W + "rPr")
            vanish = props.find(_W + "vanish") if props is not None else None
            if vanish is not None and vanish.get(_W + "val", "true").lower() in _TRUE and _text(run).strip():
                findings.append(Finding(FindingKind.HIDDEN_TEXT, name, clip(_text(run))))
        for tag in ("object", "embed"):
            for _element in root.iter(_W + tag):
                findings.append(Finding(FindingKind.EMBEDDED_OBJECT, name, f"an embedded object (w:{tag})"))
    comments = pkg.xml("word/comments.xml")
    for comment in (comments.iter(_W + "comment") if comments is not None else []):
        author = comment.get(_W + "author", "unknown")
        findings.append(Finding(FindingKind.COMMENT, f"word/comments.xml comment {comment.get(_W + 'id', '?')}",
                                f"by {author}: {clip(_text(comment))}"))
    settings = pkg.xml("word/settings.xml")
    if settings is not None and settings.find(_W + "attachedTemplate") is not None:
        target = next((t for k, t, _m in pkg.rels("word/settings.xml").values() if k == "attachedTemplate"), "")
        if target:
            findings.append(Finding(FindingKind.METADATA, "word/settings.xml", f"attached template: {clip(target)}"))
    return findings


def _pptx(pkg: _Package) -> list[Finding]:
    findings: list[Finding] = []
    presentation = pkg.xml("ppt/presentation.xml")
    rels = pkg.rels("ppt/presentation.xml")
    slide_ids = presentation.iter(_P + "sldId") if presentation is not None else []
    for number, slide_id in enumerate(slide_ids, start=1):
        part = rels.get(slide_id.get(_R + "id"), ("", "", ""))[1]
        slide = pkg.xml(part)
        if slide is not None and slide.get("show", "1").lower() in {"0", "false"}:
            findings.append(Finding(FindingKind.HIDDEN_SLIDE, f"slide {number}", "the slide is hidden"))
        for kind, target, _m in pkg.rels(part).values():
            if kind == "notesSlide":
                notes = pkg.xml(target)
                if notes is not None and _text(notes).strip():
                    findings.append(Finding(FindingKind.COMMENT, f"slide {number} notes", clip(_text(notes))))
    for name in sorted(n for n in pkg.names if re.match(r"ppt/comments/.+\.xml$", n)):
        root = pkg.xml(name)
        for comment in (root if root is not None else []):
            findings.append(Finding(FindingKind.COMMENT, name, clip(_text(comment))))
    return findings


def check_ooxml(data: bytes, kind: str) -> list[Finding]:
    """Return the findings of an .xlsx, .docx or .pptx (``kind``); raise ReleaseCheckError if unreadable."""
    try:
        check_package(data)
    except XMLEntityError as exc:
        raise ReleaseCheckError(str(exc)) from exc
    pkg = _Package(data)
    specific = {"xlsx": _xlsx, "docx": _docx, "pptx": _pptx}[kind](pkg)
    return specific + _embedded_and_external(pkg) + _metadata(pkg)
