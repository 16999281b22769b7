"""Personal API tokens: each user's keys to the JSON API, stored as hashes only."""

from flask import Blueprint

bp = Blueprint("api_tokens", __name__, url_prefix="/account/tokens")
