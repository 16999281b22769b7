"""Upload and search forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import HiddenField, IntegerField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional


class UploadForm(FlaskForm):
    files = MultipleFileField("Files")
    #: Blank: the team's setting. Tesseract codes joined by +, e.g. "cym+eng".
    ocr_languages = StringField("OCR languages for scans", validators=[Optional(), Length(max=100)])
    submit = SubmitField("Upload")


class DeleteForm(FlaskForm):
    submit = SubmitField("Delete document")


class OcrLanguagesForm(FlaskForm):
    """A team's default OCR languages; ``request_id`` is the page to go back to."""

    ocr_languages = StringField("Team's OCR languages", validators=[DataRequired(), Length(max=100)])
    request_id = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    submit = SubmitField("Save")
