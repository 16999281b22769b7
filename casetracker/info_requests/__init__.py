"""Requests, public authorities and their clocks."""

from flask import Blueprint

bp = Blueprint("info_requests", __name__, url_prefix="/requests")
