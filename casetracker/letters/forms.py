"""Forms: a letter's fields (one form class per kind), and the template upload."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DecimalField,
    Field,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from casetracker.forms_common import UKDateField
from casetracker.letters.constants import LetterKind, Likelihood, Regime, ReviewOutcome
from casetracker.letters.exemptions import CATALOGUE
from casetracker.letters.fields import BOOLEAN_FIELDS, COMPUTED_FIELDS, FIELDS_BY_KIND, LINE_FIELDS, FieldSpec, lookup
from casetracker.letters.formatting import value_text

__all__ = ["DeleteTemplateForm", "LetterForm", "TemplateUploadForm", "letter_form_class"]

_DATES = frozenset({
    "today", "request.sent", "request.received", "request.responded", "request.review_requested",
    "request.review_responded", "estimated_decision_date", "decision_notice_date",
})
_LONG = frozenset({
    "request.text", "authority.address", "requester.address", "withheld", "fee_basis",
    "payment_instructions", "extension_reason", "advice", "review_findings", "result_sought",
    "late_reasons", "cost_limit.estimate", "cost_limit.advice", "vexatious.reason",
})
_AMOUNTS = frozenset({"fee_amount", "cost_limit.hours", "cost_limit.limit"})
#: Groups that are either used whole or not at all (a refusal under s12 or s14).
OPTIONAL_GROUPS = ("cost_limit", "vexatious")
#: Fields the form shows but does not take: computed clocks and the case's chronology.
_NOT_TYPED = ("clocks.", "chronology", "request.due")

LABELS = {
    "today": "Date of the letter",
    "request.our_reference": "Our reference",
    "request.their_reference": "Their reference",
    "request.title": "Request title",
    "request.text": "Request wording",
    "request.regime": "Law the request is made under",
    "request.sent": "Request sent",
    "request.received": "Request received",
    "request.responded": "Response dated",
    "request.review_requested": "Internal review requested",
    "request.review_responded": "Internal review outcome dated",
    "request.preferred_format": "Preferred format",
    "signatory.name": "Signed by",
    "signatory.role": "Signatory's job title",
    "ncnd": "Neither confirm nor deny that the information is held",
    "withheld": "Information withheld",
    "disclosed_items": "Information disclosed",
    "not_held": "Information not held",
    "cost_limit.hours": "Cost limit (s12): estimated hours",
    "cost_limit.limit": "Cost limit (s12): appropriate limit in pounds",
    "cost_limit.estimate": "Cost limit (s12): how the estimate was reached",
    "cost_limit.advice": "Cost limit (s12): advice on narrowing the request",
    "vexatious.reason": "Vexatious or repeated request (s14): why",
    "vexatious.repeated": "The request repeats an earlier one (s14(2))",
}


def attr_name(name: str) -> str:
    """Return the form attribute for dotted field ``name`` (``request.title`` -> ``request__title``)."""
    return name.replace(".", "__")


def label_for(name: str) -> str:
    """Return the label a person reads for dotted field ``name``."""
    if name in LABELS:
        return LABELS[name]
    words = name.replace(".", " ").replace("_", " ")
    words = " ".join("ICO" if w == "ico" else w for w in words.split())
    return words[0].upper() + words[1:]


def _typed(spec: FieldSpec) -> bool:
    computed = {c.name for c in COMPUTED_FIELDS}
    return not (
        spec.name in computed or "[]" in spec.name or spec.name.startswith(_NOT_TYPED)
        or spec.name in OPTIONAL_GROUPS or spec.name == "exemptions"
    )


def _make_field(spec: FieldSpec) -> Field:
    name, label = spec.name, label_for(spec.name)
    kw: dict[str, Any] = {"description": spec.description}
    if name in _DATES:
        return UKDateField(label, validators=[Optional()], **kw)
    if name in BOOLEAN_FIELDS:
        return BooleanField(label, **kw)
    if name in _AMOUNTS:
        return DecimalField(label, validators=[Optional()], **kw)
    if name == "request.regime":
        return SelectField(label, choices=[(r.value, r.value.upper()) for r in Regime], **kw)
    if name == "outcome":
        return SelectField(label, choices=[("", "Choose…")] + [(o.value, o.value.replace("-", " "))
                                                               for o in ReviewOutcome], **kw)
    if name in LINE_FIELDS:
        if "one each" not in kw["description"].lower() and "one a line" not in kw["description"].lower():
            kw["description"] += " One a line."
        return TextAreaField(label, render_kw={"rows": 4}, **kw)
    if name in _LONG:
        return TextAreaField(label, render_kw={"rows": 3}, **kw)
    return StringField(label, **kw)


def _exemption_label(e) -> str:
    """Label one catalogue entry; FOIA and FOISA share codes (s36(2)), so label the entry, not the code."""
    test = "absolute" if e.absolute else "qualified: give the public interest test"
    basis = "prejudice-based: give the harm" if e.prejudice_based else "class-based"
    return f"{e.regime.upper()} {e.code}, {e.title} ({test}; {basis})"


class ExemptionForm(Form):
    """One exemption relied on, with the reasoning FOIA s17(1) and (3) ask for."""

    code = SelectField(
        "Exemption or exception",
        choices=[("", "None")] + [(e.code, _exemption_label(e)) for e in CATALOGUE],
    )
    reason = TextAreaField("Why it applies", render_kw={"rows": 2})
    harm = TextAreaField("Harm disclosure would cause (prejudice-based)", render_kw={"rows": 2})
    likelihood = SelectField("Likelihood of the harm", choices=[("", "—")] + [
        (v.value, v.value) for v in Likelihood])
    pit_for = TextAreaField("Public interest in disclosure (qualified)", render_kw={"rows": 2})
    pit_against = TextAreaField("Public interest in withholding (qualified)", render_kw={"rows": 2})
    pit_conclusion = TextAreaField("Where the balance lies, and why (qualified)", render_kw={"rows": 2})
    qualified_person_opinion = TextAreaField("Qualified person's opinion: who and when (FOIA s36)",
                                             render_kw={"rows": 2})
    legitimate_interests = TextAreaField("Legitimate interests assessment (personal data)", render_kw={"rows": 2})
    purposes = StringField("s31(2) purposes (FOIA s31(1)(g)-(i)), e.g. s31(2)(c)")


class LetterForm(FlaskForm):
    """Base of the per-kind forms: fills from a context and turns back into overrides."""

    kind: LetterKind
    specs: tuple[FieldSpec, ...]

    def fill(self, ctx: dict) -> None:
        """Set every typed field from the context ``ctx`` (a GET: the case's values)."""
        for spec in self.specs:
            value = lookup(ctx, spec.name)
            field = self[attr_name(spec.name)]
            if spec.name in LINE_FIELDS:
                field.data = "\n".join(value_text(v) for v in value or [])
            elif spec.name in _DATES or spec.name in BOOLEAN_FIELDS or spec.name in _AMOUNTS:
                field.data = value if value not in ("", None) else None
            else:
                field.data = value_text(value)
        if "exemptions" in self:
            records = ctx.get("exemptions") or []
            while len(self.exemptions.entries) < len(records) + 1:
                self.exemptions.append_entry()
            for entry, record in zip(self.exemptions.entries, records, strict=False):
                for key, sub in entry.form._fields.items():
                    sub.data = value_text(record.get(key))

    def overrides(self) -> dict[str, Any]:
        """Return the typed values as dotted overrides for ``build_context``.

        Empty optional groups (``cost_limit``) become None; exemption rows with
        no code are left out, and ``exemption_rows`` maps each kept row to its form entry.
        """
        out: dict[str, Any] = {}
        for spec in self.specs:
            data = self[attr_name(spec.name)].data
            if spec.name in LINE_FIELDS:
                out[spec.name] = [line.strip() for line in (data or "").splitlines() if line.strip()]
            elif isinstance(data, str):
                out[spec.name] = data.strip()
            else:
                out[spec.name] = data
        for group in OPTIONAL_GROUPS:
            parts = {k: v for k, v in out.items() if k.startswith(group + ".")}
            if parts and all(v in ("", None, False) for v in parts.values()):
                for key in parts:
                    del out[key]
                out[group] = None
        if "exemptions" in self:
            self.exemption_rows = []
            records = []
            for index, entry in enumerate(self.exemptions.entries):
                record = {k: v.strip() for k, v in entry.form.data.items() if v and v.strip()}
                if record.get("code"):
                    records.append(record)
                    self.exemption_rows.append(index)
            out["exemptions"] = records
        return out

    def place_errors(self, errors: dict[str, str]) -> list[tuple[str, str]]:
        """Put each ``LetterDataError`` message next to its field; return the rest as (label, message)."""
        rest = []
        for name, message in errors.items():
            field = self._field_for(name)
            if field is None:
                rest.append((label_for(re.sub(r"\[(\d+)\]", lambda m: f" {int(m[1]) + 1}", name)),
                             message))
            else:
                field.errors = [*field.errors, message]
        return rest

    def _field_for(self, name: str) -> Field | None:
        row = re.fullmatch(r"exemptions\[(\d+)\]\.(\w+)", name)
        if row and "exemptions" in self:
            index = int(row[1])
            rows = getattr(self, "exemption_rows", [])
            if index < len(rows) and row[2] in self.exemptions.entries[rows[index]].form:
                return self.exemptions.entries[rows[index]].form[row[2]]
            return None
        attr = attr_name(name)
        return self[attr] if attr in self and attr != "exemptions" else None


@cache
def letter_form_class(kind: LetterKind) -> type[LetterForm]:
    """Return the form class for ``kind``: a field for each merge field a person types."""
    specs = tuple(spec for spec in FIELDS_BY_KIND[kind] if _typed(spec))
    attrs: dict[str, Any] = {"kind": kind, "specs": specs}
    for spec in specs:
        attrs[attr_name(spec.name)] = _make_field(spec)
    if any(spec.name == "exemptions" for spec in FIELDS_BY_KIND[kind]):
        attrs["exemptions"] = FieldList(FormField(ExemptionForm), min_entries=2)
    attrs["template"] = SelectField("Layout", choices=[("", "Built-in layout")], default="",
                                    description="A team letterhead from Letter templates.")
    attrs["preview"] = SubmitField("Preview")
    attrs["generate"] = SubmitField("Generate .docx")
    return type(f"LetterForm_{kind.name}", (LetterForm,), attrs)


class TemplateUploadForm(FlaskForm):
    """Upload a team letterhead with merge fields (docxtpl tags typed in Word)."""

    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    kind = SelectField("For", choices=[("", "Any kind of letter")] + [
        (k.value, k.label) for k in LetterKind])
    file = FileField("Word document (.docx)", validators=[
        FileRequired(), FileAllowed(["docx"], "Upload a Word .docx document.")])
    submit = SubmitField("Upload")


class DeleteTemplateForm(FlaskForm):
    """A confirm button to delete a template."""

    submit = SubmitField("Delete")

