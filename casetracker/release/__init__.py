"""Releasing documents safely: the release-safety check's stored findings, acknowledgements, true redaction."""

from flask import Blueprint

bp = Blueprint("release", __name__)
