"""Claims, evidence passages, events and assertions: a request's checked chronology."""

from flask import Blueprint

bp = Blueprint("evidence", __name__)
