"""Admin forms."""

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length

from casetracker.forms_common import UKDateField


class ExtraDayForm(FlaskForm):
    day = UKDateField("Date", validators=[InputRequired(message="Give the date.")])
    name = StringField("Name", validators=[DataRequired(message="Name the day, e.g. the proclamation."), Length(max=200)])
    calendar = SelectField("Applies to", choices=[("uk", "England, Wales or Northern Ireland only (FOIA and EIR clocks)"),
                                               ("scotland", "Scotland (FOISA clocks, and FOIA/EIR clocks too: it is a UK bank holiday)"),
                                               ("both", "Every nation")])
    submit = SubmitField("Add non-working day")
