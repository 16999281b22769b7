"""The officer side: an FOI office assigns, estimates, answers and reports on the requests it receives."""

from flask import Blueprint

bp = Blueprint("officer", __name__)
