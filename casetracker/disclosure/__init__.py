"""The disclosure log: published responses on public pages, with the requester's personal data removed."""

from flask import Blueprint

bp = Blueprint("disclosure", __name__)
