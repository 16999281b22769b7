"""Forms of the document page's release-safety panel and of the redaction page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget


class CheckForm(FlaskForm):
    submit = SubmitField("Check again")


class AcknowledgeForm(FlaskForm):
    """One tick per open finding; every one must be ticked."""

    findings = SelectMultipleField("Findings released as they are", choices=[], validate_choice=False,
                                   option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False))
    submit = SubmitField("Acknowledge the ticked findings")


class MarkForm(FlaskForm):
    """A passage to redact: its words (on a page, or every page) or an area of a page, and the exemption."""

    text = StringField("Words to redact (exactly as on the page)", validators=[Length(max=1000)])
    page = IntegerField("Page (blank: every page)", validators=[Optional(), NumberRange(min=1, max=100_000)])
    area = StringField("Or an area: x0, y0, x1, y1 in points from the top-left", validators=[Length(max=100)])
    reason = SelectField("Exemption relied on", choices=[], validate_choice=False)
    submit = SubmitField("Add")


class RemoveMarkForm(FlaskForm):
    submit = SubmitField("Remove")


class RedactForm(FlaskForm):
    rasterise = BooleanField("Rasterise every page (no text layer; only when text cannot be removed otherwise)")
    submit = SubmitField("Make the redacted copy")
