"""Released documents: storage, text extraction, and the search pages over them."""

from flask import Blueprint

bp = Blueprint("documents", __name__)
