"""Upload and search forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import HiddenField, IntegerField, StringField, SubmitField, TextAreaField
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
class PartiesForm(FlaskForm):
    """Who a document is from and to; blank fields go back to the default."""

    sender = StringField("From", validators=[Length(max=500)])
    recipient = StringField("To", validators=[Length(max=500)])
    submit = SubmitField("Save from and to")


class BatchForm(FlaskForm):
    """Terms to search one by one: typed one per line, or a text file of them."""

    terms = TextAreaField("Terms, one per line")
    file = FileField("…or a text file of terms")
    submit = SubmitField("Search each term")
    download = SubmitField("Download CSV")


class SaveSearchForm(FlaskForm):
    """Save the query shown (its filters are posted as `f` fields beside it)."""

    q = StringField("Query", validators=[Length(max=500)])
    submit = SubmitField("Save this search")
