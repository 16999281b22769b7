"""Default configuration, the first layer of the settings ``create_app`` reads.

Layers, each overriding the one before: these defaults, ``instance/config.py``,
``CASETRACKER_*`` environment variables (Flask's ``from_prefixed_env``), then the
mapping a test passes to ``create_app``. Paths that depend on the instance folder
are filled in by ``create_app`` when a layer leaves them unset.
"""

#: Uploads larger than this are refused with 413 before they reach a view (bytes).
MAX_CONTENT_LENGTH = 200 * 1024 * 1024

SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

#: Bootstrap and its icons are served by the app itself, so it works offline.
BOOTSTRAP_SERVE_LOCAL = True
BOOTSTRAP_BOOTSWATCH_THEME = None

#: Login attempts allowed per address; see auth.views.login.
LOGIN_RATE_LIMIT = "10 per minute"
RATELIMIT_STORAGE_URI = "memory://"
RATELIMIT_HEADERS_ENABLED = True

WTF_CSRF_TIME_LIMIT = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_HTTPONLY = True

#: Requests shown per page in lists.
PER_PAGE = 25

#: Run OCR on PDF pages without a text layer when Tesseract is installed.
OCR_ENABLED = True

#: argon2id parameters, a name from ``argon2.profiles``; tests use ``CHEAPEST``.
ARGON2_PROFILE = "RFC_9106_LOW_MEMORY"

#: Search engine: "whoosh" (files under SEARCH_INDEX_PATH) or "postgres" (full-text
#: search in the database, same transaction); empty picks postgres on PostgreSQL.
SEARCH_BACKEND = ""
