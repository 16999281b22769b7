"""Generate a letter as .docx bytes, from the built-in wording or a team's template."""

from __future__ import annotations

from casetracker.letters.builders import BUILDERS
from casetracker.letters.constants import LetterKind
from casetracker.letters.docxwriter import letter_docx
from casetracker.letters.errors import LetterDataError, MissingRightsParagraph
from casetracker.letters.exemptions import get_exemption
from casetracker.letters.fields import COMPUTED_FIELDS, FIELDS_BY_KIND
from casetracker.letters.formatting import as_merge_value
from casetracker.letters.layout import Letter
from casetracker.letters.readback import document_paragraphs
from casetracker.letters.team_template import render_team_template
from casetracker.letters.validation import validate_context
from casetracker.letters.wording import act_name, regime_of, rights_paragraph
from casetracker.typed_text import xml_safe_values

__all__ = ["build_letter", "merge_fields", "render_built_letter", "render_letter"]

#: Kinds whose letter must carry the review and complaint rights (FOIA s17(7)).
RIGHTS_REQUIRED = frozenset({LetterKind.REFUSAL_NOTICE})
_RIGHTS_KINDS = frozenset(
    {LetterKind.REFUSAL_NOTICE, LetterKind.RESPONSE, LetterKind.INTERNAL_REVIEW_OUTCOME}
)
_BOOLEANS = frozenset({"ncnd", "vexatious.repeated", "emissions"})


def _kind(kind: LetterKind | str) -> LetterKind:
    try:
        return LetterKind(kind)
    except ValueError:
        raise LetterDataError({"kind": f"{kind!r} is not a kind of letter."}) from None


def build_letter(kind: LetterKind | str, ctx: dict) -> Letter:
    """Validate ``ctx`` and return the built-in letter as blocks of text (for a preview).

    Raises ``LetterDataError``.
    """
    kind = _kind(kind)
    ctx = xml_safe_values(ctx)  # text stored before control characters were refused still makes a letter
    validate_context(kind, ctx)
    return BUILDERS[kind](ctx)


def render_letter(kind: LetterKind | str, ctx: dict, *, template: bytes | None = None) -> bytes:
    """Return the letter ``kind`` for ``ctx`` as the bytes of a .docx file.

    ``ctx`` is the plain context of ``casetracker.letters.fields`` (dates as
    ``datetime.date``). ``template`` is a team's docxtpl .docx; without it the
    built-in letter is written. Raises ``LetterDataError``, ``TemplateFieldError``,
    ``TemplateSyntaxProblem``, ``BadTemplateFile`` or ``MissingRightsParagraph``;
    on any error nothing is returned. A refusal notice is read back before it is
    returned, and refused if the rights paragraph is not in it (FOIA s17(7)).
    """
    kind = _kind(kind)
    return render_built_letter(kind, ctx, build_letter(kind, ctx), template=template)


def render_built_letter(kind: LetterKind, ctx: dict, letter: Letter, *, template: bytes | None = None) -> bytes:
    """Return as .docx bytes a ``letter`` already built from ``ctx`` by ``build_letter``.

    Raises what ``render_letter`` raises, except ``LetterDataError``.
    """
    ctx = xml_safe_values(ctx)
    if template is None:
        data = letter_docx(letter, created=ctx["today"])
    else:
        data = render_team_template(kind, template, merge_fields(kind, ctx, letter), letter)
    if kind in RIGHTS_REQUIRED:
        _check_rights(kind, ctx, data)
    return data


def _check_rights(kind: LetterKind, ctx: dict, data: bytes) -> None:
    wanted = rights_paragraph(kind, ctx)
    if not any(wanted in paragraph for paragraph in document_paragraphs(data)):
        raise MissingRightsParagraph(
            "The template names the rights paragraph but the generated letter does not "
            "show it; check any {% if %} around {{ rights_paragraph }}."
        )


def merge_fields(kind: LetterKind, ctx: dict, letter: Letter) -> dict:
    """Return the values a team template sees: every field of ``kind``, as text.

    Fields missing from ``ctx`` are "" (lists []: ``ncnd`` False), so a template
    can test ``{% if request.sent %}``; dates read "7 February 2022"; each
    exemption gains its catalogue ``title`` and ``citation``.
    """
    merge: dict = {}
    computed = {c.name for c in COMPUTED_FIELDS}
    for spec in FIELDS_BY_KIND[kind]:
        if spec.name in computed or "[]" in spec.name:
            continue
        *groups, leaf = spec.name.split(".")
        target = merge
        for group in groups:
            if not isinstance(target.get(group), dict):
                target[group] = _Group()
            target = target[group]
        target.setdefault(leaf, False if spec.name in _BOOLEANS else "")
    for name in ("exemptions", "chronology", "grounds", "disclosed_items", "not_held",
                 "clarification_points", "enclosures"):
        if name in merge:
            merge[name] = []
    values = as_merge_value(ctx)
    for key, value in values.items():
        if isinstance(value, dict) and isinstance(merge.get(key), dict):
            merge[key] = _Group({**merge[key], **value})
        else:
            merge[key] = value
    merge["exemptions"] = [_exemption_fields(r) for r in ctx.get("exemptions") or []]
    merge["chronology"] = [
        {"date": "", "event": "", "source": "", "quote": "", **as_merge_value(row)}
        for row in ctx.get("chronology") or []
    ]
    merge["regime_name"] = act_name(regime_of(ctx))
    merge["subject"] = letter.subject
    merge["rights_paragraph"] = rights_paragraph(kind, ctx) if kind in _RIGHTS_KINDS else ""
    merge["letter_body"] = ""
    return merge


class _Group(dict):
    """A group of fields that is false when every field is empty.

    So ``{% if cost_limit %}`` is false for a refusal that does not use s12, while
    ``{{ cost_limit.hours }}`` still reads "" rather than failing.
    """

    def __bool__(self) -> bool:
        return any(value not in ("", None, False, [], {}) for value in self.values())


def _exemption_fields(record: dict) -> dict:
    exemption = get_exemption(str(record.get("code")))
    blank = dict.fromkeys(
        ("reason", "harm", "likelihood", "pit_for", "pit_against", "pit_conclusion",
         "qualified_person_opinion", "legitimate_interests", "purposes"), ""
    )
    return {
        **blank,
        **as_merge_value(record),
        "code": exemption.code,
        "title": str(record.get("title") or exemption.title),
        "citation": exemption.citation,
    }
