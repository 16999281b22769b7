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
#: Failed login attempts allowed per account (the email posted), from any address.
LOGIN_ACCOUNT_RATE_LIMIT = "10 per hour"
RATELIMIT_STORAGE_URI = "memory://"
RATELIMIT_HEADERS_ENABLED = True

WTF_CSRF_TIME_LIMIT = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_HTTPONLY = True
#: Cookies get ``Secure`` whenever a request comes over HTTPS (auth.sessions); set these True to force it always.
SESSION_COOKIE_SECURE = False
REMEMBER_COOKIE_SECURE = False
#: A session ends after this many minutes without a request.
SESSION_IDLE_MINUTES = 480
#: Strict-Transport-Security max-age sent on HTTPS responses (seconds).
HSTS_MAX_AGE = 31536000
#: Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto/-Host/-Port/-Prefix (werkzeug ProxyFix).
PROXY_FIX_X_FOR = 0
PROXY_FIX_X_PROTO = 0
PROXY_FIX_X_HOST = 0
PROXY_FIX_X_PORT = 0
PROXY_FIX_X_PREFIX = 0

#: Requests shown per page in lists.
PER_PAGE = 25

#: Run OCR on PDF pages without a text layer when Tesseract is installed.
OCR_ENABLED = True

#: argon2id parameters, a name from ``argon2.profiles``; tests use ``CHEAPEST``.
ARGON2_PROFILE = "RFC_9106_LOW_MEMORY"

#: Where the task queue lives: unset keeps it in ``instance/queue.sqlite3`` (no server);
#: ``redis://127.0.0.1:6379/0`` shares it between workers on several machines.
QUEUE_URL = None
#: Run each task at once in the process that sends it, instead of in a worker (tests).
QUEUE_IMMEDIATE = False
#: Worker threads per ``flask worker`` process.
QUEUE_WORKERS = 2
#: Times a failing task is tried again, after QUEUE_RETRY_DELAY seconds, doubling each time.
QUEUE_RETRIES = 3
QUEUE_RETRY_DELAY = 5
#: A running job's worker renews its lease this often at least; a lapsed lease means the worker died.
JOB_LEASE_SECONDS = 60
#: Seconds between the worker's reconciler runs (lost jobs, unindexed documents).
RECONCILE_SECONDS = 30
#: A queued job not started after this many seconds is sent again (its message may be lost).
QUEUE_REDRIVE_SECONDS = 300
#: A document still pending in the index outbox after this many seconds is indexed by the worker.
OUTBOX_GRACE_SECONDS = 30
#: A stored file no row refers to is removed by the sweep once it is this old (issue 12):
#: no transaction holds a file it wrote uncommitted for a day.
ORPHAN_FILE_GRACE_SECONDS = 86400
#: Seconds between the worker's sweeps of unreferenced stored files.
SWEEP_SECONDS = 3600
#: A job whose worker died holding it this many times fails (Retry is offered) instead of killing more workers.
JOB_MAX_CLAIMS = 6
#: Search engine: "whoosh" (files under SEARCH_INDEX_PATH) or "postgres" (full-text
#: search in the database, same transaction); empty picks postgres on PostgreSQL.
SEARCH_BACKEND = ""
