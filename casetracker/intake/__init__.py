"""An FOI office's public request form: a person asks for information without an account."""

from flask import Blueprint

bp = Blueprint("intake", __name__)
