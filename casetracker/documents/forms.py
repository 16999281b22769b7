"""Upload and search forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import StringField, SubmitField
from wtforms.validators import Length, Optional


class UploadForm(FlaskForm):
    files = MultipleFileField("Files")
    #: Blank: the team's setting. Tesseract codes joined by +, e.g. "cym+eng".
    ocr_languages = StringField("OCR languages for scans", validators=[Optional(), Length(max=100)])
    submit = SubmitField("Upload")


class DeleteForm(FlaskForm):
    submit = SubmitField("Delete document")
