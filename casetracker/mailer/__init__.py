"""Email from the app: the SMTP adapter, daily digests and saved-search alerts, password resets."""

from flask import Blueprint

bp = Blueprint("mailer", __name__)
