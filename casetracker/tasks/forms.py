"""The Retry form of the Processing page."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField


class RetryForm(FlaskForm):
    force_ocr = BooleanField("Force OCR of every page")
    submit = SubmitField("Retry")
