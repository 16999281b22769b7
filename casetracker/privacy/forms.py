"""The requester export form."""

from flask_wtf import FlaskForm
from wtforms import EmailField, SubmitField
from wtforms.validators import DataRequired, Email, Length


class ExportForm(FlaskForm):
    email = EmailField("Requester's email address", validators=[
        DataRequired(message="Give the requester's email address."),
        Email(message="That is not an email address."), Length(max=254)])
    submit = SubmitField("Download their data (.zip)")
