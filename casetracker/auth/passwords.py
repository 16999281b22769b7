"""The password policy: long enough and not easily guessed (pure: no Flask, no database)."""

from __future__ import annotations

from collections.abc import Iterable

from zxcvbn import zxcvbn

#: NCSC password guidance and NIST SP 800-63B s5.1.1.2: length, and a check against
#: commonly used and compromised passwords, rather than composition rules.
MIN_LENGTH = 12
#: zxcvbn's 0-4 scale; 3 is "safely unguessable: moderate protection from offline attack".
MIN_SCORE = 3
#: zxcvbn's cost grows with length; a longer password is judged on its first this-many characters.
_CHECKED_LENGTH = 100


def password_problem(password: str, *, user_inputs: Iterable[str] = ()) -> str | None:
    """Return why ``password`` is refused, or None when it meets the policy.

    At least ``MIN_LENGTH`` characters and a zxcvbn score of at least
    ``MIN_SCORE`` (NIST SP 800-63B s5.1.1.2: refuse common, expected or
    compromised passwords). ``user_inputs`` (the email, the name) count as
    easily guessed. The message repeats zxcvbn's own feedback.
    """
    if len(password) < MIN_LENGTH:
        return f"A password needs at least {MIN_LENGTH} characters."
    inputs = [part for value in user_inputs if value for part in [value, *value.replace("@", " ").split()]]
    result = zxcvbn(password[:_CHECKED_LENGTH], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    advice = " ".join(part for part in [feedback.get("warning", ""), *feedback.get("suggestions", [])] if part)
    return f"That password is too easy to guess. {advice or 'Add another word or two.'}".strip()
