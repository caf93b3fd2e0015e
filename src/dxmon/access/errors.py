"""Problem codes of access control (stable: tests, the CLI and the web layer match on them)."""

from __future__ import annotations

from typing import Final

AUTH_REQUIRED: Final = "AUTH_REQUIRED"
"""No credentials were sent where they are needed (HTTP 401)."""
AUTH_INVALID: Final = "AUTH_INVALID"
"""Wrong username or password, or an unknown, revoked or expired token or session (HTTP 401)."""
AUTH_THROTTLED: Final = "AUTH_THROTTLED"
"""Too many failed logins for this username from this address; wait (HTTP 429)."""
CSRF_FAILED: Final = "CSRF_FAILED"
"""A cookie-authenticated write without the matching CSRF token (HTTP 403)."""
ACCESS_FORBIDDEN: Final = "ACCESS_FORBIDDEN"
"""The user's role or agency does not allow this (HTTP 403)."""
USER_NOT_FOUND: Final = "USER_NOT_FOUND"
"""No user with this username (HTTP 404)."""
USER_EXISTS: Final = "USER_EXISTS_CONFLICT"
"""A user with this username already exists (HTTP 409)."""
USER_INVALID: Final = "USER_INVALID"
"""A role, agency, username or password that cannot be accepted."""
TOKEN_NOT_FOUND: Final = "TOKEN_NOT_FOUND"
"""No token with this id (HTTP 404)."""
