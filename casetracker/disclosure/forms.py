"""The form that publishes a response on the disclosure log."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from casetracker.forms_common import UKDateField


class PublishForm(FlaskForm):
    embargo_until = UKDateField("Not before (embargo)", validators=[Optional()])
    exemptions = StringField("Exemptions cited, comma-separated (e.g. s40(2), s43(2))",
                             validators=[Optional(), Length(max=500)])
    summary = TextAreaField("Public summary (do not name the requester)", validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Publish on the disclosure log")


class WithdrawForm(FlaskForm):
    submit = SubmitField("Take off the disclosure log")
