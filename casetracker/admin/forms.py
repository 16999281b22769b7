"""Admin forms."""

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from casetracker.forms_common import UKDateField


class ExtraDayForm(FlaskForm):
    day = UKDateField("Date", validators=[DataRequired(message="Give the date.")])
    name = StringField("Name", validators=[DataRequired(message="Name the day, e.g. the proclamation."), Length(max=200)])
    calendar = SelectField("Applies to", choices=[("uk", "UK working days (FOIA, EIR)"), ("scotland", "Scotland only (FOISA)"), ("both", "Both")])
    submit = SubmitField("Add non-working day")
