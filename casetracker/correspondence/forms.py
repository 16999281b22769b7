"""Forms to record and correct correspondence."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from casetracker.correspondence.constants import CorrespondenceKind, Direction
from casetracker.forms_common import UKDateField, not_in_future
from casetracker.info_requests.forms import OUTCOME_CHOICES

KIND_CHOICES = [(k.value, k.label) for k in CorrespondenceKind]
DIRECTION_CHOICES = [(Direction.INCOMING, "From the authority / ICO to us"), (Direction.OUTGOING, "From us")]


class CorrespondenceForm(FlaskForm):
    kind = SelectField("Kind", choices=KIND_CHOICES)
    direction = SelectField("Direction", choices=DIRECTION_CHOICES)
    dated = UKDateField("Date sent or received", validators=[InputRequired(message="Give the date."), not_in_future])
    outcome = SelectField("Outcome (responses and refusal notices)", choices=OUTCOME_CHOICES, default="pending")
    from_text = StringField("From", validators=[Optional(), Length(max=500)])
    to_text = StringField("To", validators=[Optional(), Length(max=1000)])
    subject = StringField("Subject", validators=[Optional(), Length(max=500)])
    body = TextAreaField("Text", validators=[Optional(), Length(max=500_000)])
    attachments = MultipleFileField("Attachments")
    #: Sending a response, refusal or review outcome: attachments the release-safety check flags are refused
    #: unless this is ticked, which records each finding as acknowledged by the officer (issue 17).
    acknowledge_findings = BooleanField("When we send a response: send the attachments with their release-safety "
                                        "findings (each is recorded as acknowledged by you)")
    submit = SubmitField("Save")


class CorrectionForm(FlaskForm):
    kind = SelectField("Kind", choices=KIND_CHOICES)
    direction = SelectField("Direction", choices=DIRECTION_CHOICES)
    dated = UKDateField("Date", validators=[InputRequired(message="Give the date."), not_in_future])
    outcome = SelectField("Outcome", choices=OUTCOME_CHOICES, default="pending")
    submit = SubmitField("Confirm")


class MarkSentForm(FlaskForm):
    sent_on = UKDateField("Sent on", validators=[InputRequired(message="Give the date it was sent."), not_in_future])
    submit = SubmitField("Mark as sent")

