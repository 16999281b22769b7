"""The form of the request import page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, SubmitField


class RequestImportForm(FlaskForm):
    """A CSV file of requests and the team they go to."""

    team_id = SelectField("Team", coerce=int)
    file = FileField("CSV file", validators=[FileRequired(message="Choose a CSV file.")])
    submit = SubmitField("Import requests")
