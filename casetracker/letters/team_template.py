"""Fill a team's own .docx template (docxtpl: Jinja tags typed in Word) with a letter's fields.

Every field the template reads is checked against the kind's fields before
anything renders, so an unknown field or a broken tag is reported with where
it is, and no document is produced.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree
from markupsafe import Markup

from casetracker.letters.constants import LetterKind
from casetracker.letters.docxwriter import write_letter
from casetracker.letters.errors import (
    BadTemplateFile,
    MissingRightsParagraph,
    TemplateFieldError,
    TemplateSyntaxProblem,
    UnsafeTemplate,
)
from casetracker.letters.fields import field_names
from casetracker.letters.layout import Letter
from casetracker.letters.template_checker import ALLOWED_FILTERS, ALLOWED_TESTS, find_unsafe
from casetracker.letters.template_fields import field_uses
from casetracker.xml_safety import XMLEntityError, check_package

__all__ = ["RIGHTS_FIELDS", "render_team_template", "template_fields"]

#: A refusal notice template must place one of these; the built-in body carries the rights too.
RIGHTS_FIELDS = frozenset({"rights_paragraph", "letter_body"})

_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_TOKEN = re.compile(r"<(/?)w:(tbl|tr|tc|p)[ >]")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
#: The core properties docxtpl renders as templates (``DocxTemplate.render_properties``).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def _environment() -> Environment:
    """Return the sandbox a team template renders in: no globals, only the letter filters and tests.

    The template is untrusted code typed by any editor; ``template_checker``
    refuses it before it runs, and the sandbox refuses private attributes and
    mutation if anything slips past.
    """
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.globals.clear()
    env.filters = {name: f for name, f in env.filters.items() if name in ALLOWED_FILTERS}
    env.tests = {name: t for name, t in env.tests.items() if name in ALLOWED_TESTS}
    return env


def _load(template: bytes) -> DocxTemplate:
    try:
        check_package(template, "The template")
    except XMLEntityError as exc:
        raise BadTemplateFile(str(exc)) from None
    tpl = DocxTemplate(io.BytesIO(template))
    try:
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadTemplateFile("The template is not a Word .docx document.") from exc
    return tpl


def _parts(tpl: DocxTemplate) -> Iterator[tuple[str, str]]:
    """Yield (where, Jinja source) for the body, headers and footers, as docxtpl sees them."""
    names = _header_footer_names(tpl)
    yield "the body", _numbered(tpl.patch_xml(tpl.get_xml()))
    for uri in (_HEADER, _FOOTER):
        for rel_id, part in tpl.get_headers_footers(uri):
            yield names.get(rel_id, "a header or footer"), _numbered(
                tpl.patch_xml(tpl.get_part_xml(part))
            )
    for part in tpl.docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            yield "the footnotes", _numbered(tpl.patch_xml(blob))
    for name in _PROPERTIES:
        yield f"the document properties ({name})", getattr(tpl.docx.core_properties, name) or ""


def _numbered(xml: str) -> str:
    # docxtpl starts each paragraph on a new line, so Jinja's line numbers count paragraphs.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _header_footer_names(tpl: DocxTemplate) -> dict[str, str]:
    sections = list(tpl.docx.sections)
    names: dict[str, str] = {}
    for number, section in enumerate(sections, start=1):
        for tag, noun in (("headerReference", "header"), ("footerReference", "footer")):
            for ref in section._sectPr.iterchildren(f"{_W}{tag}"):
                which = {"first": "first-page ", "even": "even-page "}.get(ref.get(f"{_W}type"), "")
                of = f" of section {number}" if len(sections) > 1 else ""
                names.setdefault(ref.get(f"{_R}id"), f"the {which}{noun}{of}")
    return names


def _locate(where: str, source: str, lineno: int | None) -> str:
    """Return e.g. 'the header, table 1, row 2, cell 1 ("Ref: {{ request.nonsense }}")'."""
    if not lineno or "<w:" not in source:
        return where
    lines = source.split("\n")
    prefix = "\n".join(lines[: lineno - 1])
    tables = depth = row = cell = paragraph = 0
    for closing, tag in _TOKEN.findall(prefix):
        if tag == "tbl":
            depth += -1 if closing else 1
            if not closing and depth == 1:
                tables, row = tables + 1, 0
        elif closing:
            continue
        elif depth == 1 and tag == "tr":
            row, cell = row + 1, 0
        elif depth == 1 and tag == "tc":
            cell += 1
        elif depth == 0 and tag == "p":
            paragraph += 1
    line = lines[lineno - 1] if lineno <= len(lines) else ""
    starts_paragraph = line.startswith("<w:p")
    if depth:
        spot = f"table {tables}, row {row}, cell {cell}"
    else:
        spot = f"paragraph {paragraph + (1 if starts_paragraph else 0)}"
    snippet = " ".join(re.sub(r"<[^>]+>", "", line).split())
    if len(snippet) > 70:
        snippet = snippet[:67] + "..."
    return f"{where}, {spot}" + (f' ("{snippet}")' if snippet else "")


class LetterBody:
    """The built-in letter as WordprocessingML paragraphs and tables, for ``{{p letter_body }}``.

    docxtpl's own ``Subdoc`` does the same for a document built from scratch,
    but importing it needs docxcompose, which casetracker does not otherwise use.
    The blocks use no styles, images or links, so the XML stands on its own.
    """

    def __init__(self, letter: Letter) -> None:
        document = Document()
        write_letter(document, letter)
        body = document.element.body
        self._xml = "".join(
            etree.tostring(child, encoding="unicode")
            for child in body
            if child.tag != f"{_W}sectPr"
        )

    def __html__(self) -> str:
        return self._xml

    __str__ = __html__


def template_fields(kind: LetterKind, template: bytes) -> frozenset[str]:
    """Return the fields ``template`` reads, after checking each one is a field of ``kind``.

    Raises ``TemplateSyntaxProblem``, ``TemplateFieldError`` or ``BadTemplateFile``.
    """
    return _check(LetterKind(kind), _load(template), _environment())


def _check(kind: LetterKind, tpl: DocxTemplate, env: Environment) -> frozenset[str]:
    known = field_names(kind)
    used: set[str] = set()
    builtins = frozenset(env.globals)
    for where, source in _parts(tpl):
        try:
            parsed = env.parse(source)
        except TemplateSyntaxError as exc:
            raise TemplateSyntaxProblem(exc.message or str(exc), _locate(where, source, exc.lineno))
        unsafe = find_unsafe(parsed)
        if unsafe is not None:
            raise UnsafeTemplate(unsafe.expression, _locate(where, source, unsafe.lineno),
                                 unsafe.reason, unsafe.hint)
        for use in field_uses(parsed, builtins):
            if use.path not in known:
                raise TemplateFieldError(use.path, _locate(where, source, use.lineno), kind.value)
            used.add(use.path)
    return frozenset(used)


def render_team_template(
    kind: LetterKind, template: bytes, merge: dict, letter: Letter
) -> bytes:
    """Return ``template`` filled from ``merge`` (text values, see ``render.merge_fields``).

    ``letter`` is the built-in letter, placed where the template says
    ``{{p letter_body }}``. A refusal notice template that places neither
    ``rights_paragraph`` nor ``letter_body`` raises ``MissingRightsParagraph``
    (FOIA s17(7)): it is refused rather than patched, because an appended
    paragraph would land after the signature, outside the team's layout.
    """
    tpl, env = _load(template), _environment()
    used = _check(kind, tpl, env)
    if kind is LetterKind.REFUSAL_NOTICE and not {u.split(".")[0] for u in used} & RIGHTS_FIELDS:
        raise MissingRightsParagraph(
            "The template must place {{ rights_paragraph }} (or the whole letter with "
            "{{p letter_body }})."
        )
    context = plain_values(merge)
    if "letter_body" in used:
        context["letter_body"] = Markup(LetterBody(letter).__html__())
    try:
        tpl.render(context, env, autoescape=True)
    except SecurityError as exc:
        # Not reachable past template_checker; kept so a gap in it is a refusal, not a 500.
        raise UnsafeTemplate("a tag", "the template", str(exc)) from None
    except TemplateSyntaxError as exc:
        raise TemplateSyntaxProblem(exc.message or str(exc), "the template") from exc
    except TemplateError as exc:
        raise TemplateSyntaxProblem(str(exc), "the template") from exc
    except etree.XMLSyntaxError as exc:
        raise TemplateSyntaxProblem(
            "the tags split a Word element in two; keep each {% %} tag's pair in the same "
            "paragraph or table row", "the template"
        ) from exc
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


_PLAIN = (str, int, float, bool, type(None))


def plain_values(value):
    """Return ``value`` checked to be only str, numbers, booleans, None, lists and dicts.

    A team template must see no model objects or callables; a value of any
    other type is a programming error (``TypeError``), never rendered.
    """
    if isinstance(value, dict):
        return type(value)({str(k): plain_values(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return [plain_values(v) for v in value]
    if isinstance(value, _PLAIN):
        return value
    raise TypeError(f"A team template may only see plain values, not {type(value).__name__}.")
