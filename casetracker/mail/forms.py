"""Forms to upload email files and to assign a kept email to a request."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import SelectField, SubmitField
from wtforms.validators import DataRequired


class MailUploadForm(FlaskForm):
    """Several .eml, .mbox or .msg files for one request."""

    files = MultipleFileField("Email files (.eml, .mbox, .msg)")
    submit = SubmitField("Import")


class TeamMailUploadForm(MailUploadForm):
    """Email files for a team; each message goes to the request it names, or onto the list to assign."""

    team_id = SelectField("Team", coerce=int)


class AssignForm(FlaskForm):
    """The request a kept email belongs to."""

    request_id = SelectField("Request", coerce=int, validators=[DataRequired(message="Choose a request.")])
    submit = SubmitField("Assign")
