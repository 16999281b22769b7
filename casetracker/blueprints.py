"""The list of blueprints the factory mounts, one per domain with pages.

A domain package's ``__init__`` only creates its ``bp``; the views module that
adds routes to it is imported here, so importing a domain's models never drags
in every view.
"""

from __future__ import annotations

from importlib import import_module

from flask import Blueprint

DOMAINS_WITH_PAGES = ["auth", "dashboard", "info_requests", "correspondence", "documents", "evidence", "mail", "letters", "admin", "officer", "disclosure", "teams"]
DOMAINS_WITH_PAGES += ["tasks"]  # background work: the Processing pages
DOMAINS_WITH_PAGES += ["api_tokens"]  # issue 16: personal API tokens on the account page (the API: casetracker.api)
DOMAINS_WITH_PAGES += ["calendar_feeds", "mailer", "mailbox"]  # issue 16: calendar feeds, email, team mailbox
DOMAINS_WITH_PAGES += ["privacy"]  # issue 17: the retention schedule page, a requester's data export
DOMAINS_WITH_PAGES += ["release"]  # release-safety check and redaction (issue 17)
DOMAINS_WITH_PAGES += ["statistics"]  # statistics per authority (issue 16)
DOMAINS_WITH_PAGES += ["intake"]  # an FOI office's public request form (issue 14)


def all_blueprints() -> list[Blueprint]:
    """Import each domain's views and return its blueprint."""
    blueprints = []
    for name in DOMAINS_WITH_PAGES:
        import_module(f"casetracker.{name}.views")
        blueprints.append(import_module(f"casetracker.{name}").bp)
    return blueprints
