"""Forms to create and edit requests and authorities."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from casetracker.deadlines.constants import ReceiptConvention, Regime
from casetracker.forms_common import UKDateField, not_in_future
from casetracker.info_requests.constants import Nation, Outcome, RequestStatus, Visibility

REGIME_CHOICES = [(Regime.FOIA, "FOIA"), (Regime.EIR, "EIR"), (Regime.FOISA, "FOISA (Scotland)"), (Regime.SAR, "Subject access request"), (Regime.EISR, "EISR (Scotland, environmental)")]


class RequestForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(message="Give the request a title."), Length(max=300)])
    authority_id = SelectField("Public authority", coerce=int, validators=[DataRequired(message="Choose an authority.")])
    regime = SelectField("Regime", choices=REGIME_CHOICES)
    body = TextAreaField("Full text of the request", validators=[Optional(), Length(max=100_000)])
    their_reference = StringField("Their reference", validators=[Optional(), Length(max=100)])
    requester_name = StringField("Requester name", validators=[Optional(), Length(max=200)])
    requester_email = EmailField("Requester email", validators=[Optional(), Email(), Length(max=254)])
    requester_address = TextAreaField("Requester postal address", validators=[Optional(), Length(max=2000)])
    sent_on = UKDateField("Date sent", validators=[Optional(), not_in_future])
    received_on = UKDateField("Date received", validators=[InputRequired(message="Give the date the authority received the request."),
                                                           not_in_future])
    visibility = SelectField("Who can see it", choices=[(Visibility.TEAM, "My team"), (Visibility.PRIVATE, "Only me")])
    tags = StringField("Tags (comma-separated)", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Save")

    def validate_received_on(self, field):
        if field.data and self.sent_on.data and field.data < self.sent_on.data:
            raise ValidationError("The request cannot be received before it was sent.")


class StageForm(FlaskForm):
    """References for the later stages; their dates come from correspondence."""

    review_outcome = StringField("Internal review outcome", validators=[Optional(), Length(max=200)])
    ico_reference = StringField("ICO case reference", validators=[Optional(), Length(max=40)])
    decision_notice_reference = StringField("Decision notice reference", validators=[Optional(), Length(max=40)])
    appeal_reference = StringField("Tribunal appeal reference", validators=[Optional(), Length(max=60)])
    exemptions_cited = StringField("Exemptions cited in the response (e.g. s40(2), s43(2), reg 12(5)(e))",
                                   validators=[Optional(), Length(max=500)])
    status = SelectField("Close the request?", choices=[("", "Leave open"), (RequestStatus.CLOSED, "Closed")], validators=[Optional()])
    submit = SubmitField("Save stages")


class AuthorityForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(message="An authority needs a name."), Length(max=300)])
    nation = SelectField("Nation", choices=[(n.value, n.value.replace("-", " ").title()) for n in Nation])
    default_regime = SelectField("Default regime", choices=REGIME_CHOICES[:3] + REGIME_CHOICES[4:])
    foi_email = EmailField("FOI email", validators=[Optional(), Email(), Length(max=254)])
    postal_address = TextAreaField("Postal address", validators=[Optional(), Length(max=2000)])
    is_school = BooleanField("This is a school (long overdue after 60 working days)")
    receipt_convention = SelectField(
        "A request arriving on a non-working day is received",
        choices=[(ReceiptConvention.ARRIVAL, "on the day it arrives (FOIA's words)"),
                 (ReceiptConvention.NEXT_WORKING_DAY, "on the next working day")],
    )
    submit = SubmitField("Save")


OUTCOME_CHOICES = [(o.value, o.label) for o in Outcome]
