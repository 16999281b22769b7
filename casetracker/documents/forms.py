"""Upload and search forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import SubmitField


class UploadForm(FlaskForm):
    files = MultipleFileField("Files")
    submit = SubmitField("Upload")


class DeleteForm(FlaskForm):
    submit = SubmitField("Delete document")
