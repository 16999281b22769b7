"""Data protection by design (issue 17): the retention schedule, requesters' export and erasure."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)
