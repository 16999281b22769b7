"""Errors of the deadline engine; each message is fit to show to the user."""


class DeadlineError(ValueError):
    """Raised when the dates or options given cannot produce a lawful deadline."""


class DeadlineSettingsError(DeadlineError):
    """Raised when an admin's extra non-working day cannot be saved (duplicate, weekend...)."""
