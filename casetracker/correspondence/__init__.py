"""Letters and emails on a request's history."""

from flask import Blueprint

bp = Blueprint("correspondence", __name__, url_prefix="/requests")
