"""Forms of the officer pages: assignment, s36 opinion, consultations, the cost limit workbench, reports."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DecimalField, HiddenField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from casetracker.forms_common import UKDateField
from casetracker.officer.constants import ConsultationOutcome, CostActivity

_HOURS = [Optional(), NumberRange(min=0, max=10000, message="Give hours between 0 and 10000.")]


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class AssignForm(FlaskForm):
    """Choose the case officer, or the internal review officer (``stage`` says which)."""

    stage = HiddenField(default="case")
    officer = SelectField("Case officer", coerce=_optional_int, validators=[Optional()])
    submit = SubmitField("Assign")


class OpinionForm(FlaskForm):
    qualified_person = StringField("Qualified person (name and post)", validators=[
        DataRequired(message="Name the qualified person who gave the opinion."), Length(max=300)])
    given_on = UKDateField("Date of the opinion", validators=[InputRequired(message="Give the date of the opinion.")])
    submit = SubmitField("Record the opinion")


class ConsultationForm(FlaskForm):
    third_party = StringField("Third party", validators=[DataRequired(message="Name the third party."),
                                                         Length(max=300)])
    consulted_on = UKDateField("Consulted on", validators=[InputRequired(message="Give the date consulted.")])
    respond_by = UKDateField("Answer wanted by (internal deadline)",
                             validators=[InputRequired(message="Give the internal deadline.")])
    submit = SubmitField("Record the consultation")


class ConsultationOutcomeForm(FlaskForm):
    outcome = SelectField("Outcome", choices=[(o.value, o.label) for o in ConsultationOutcome])
    notes = StringField("Notes", validators=[Optional(), Length(max=2000)])
    submit = SubmitField("Save outcome")


class CostEstimateForm(FlaskForm):
    """Hours per chargeable activity (Fees Regulations 2004 reg 4(3)) and the requests to aggregate (reg 5)."""

    determining = DecimalField(CostActivity.DETERMINING.label + " (hours)", places=2, validators=_HOURS)
    locating = DecimalField(CostActivity.LOCATING.label + " (hours)", places=2, validators=_HOURS)
    retrieving = DecimalField(CostActivity.RETRIEVING.label + " (hours)", places=2, validators=_HOURS)
    extracting = DecimalField(CostActivity.EXTRACTING.label + " (hours)", places=2, validators=_HOURS)
    aggregate = SelectMultipleField("Similar requests from this requester to aggregate (within 60 working days)",
                                    coerce=int, validators=[Optional()])
    advice = TextAreaField("Advice on narrowing the request (FOIA s16)", validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Save the estimate")


class RefuseForm(FlaskForm):
    submit = SubmitField("Refuse under section 12")


class PerformanceForm(FlaskForm):
    """The period of receipt a performance report covers (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    team = SelectField("Team", coerce=int)
    start = UKDateField("From", validators=[InputRequired(message="Give the first date of receipt.")])
    end = UKDateField("To", validators=[InputRequired(message="Give the last date of receipt.")])
    submit = SubmitField("Show")
