"""Bounds on request bodies, before any route sees them (pure ASGI middleware).

An unsafe request (POST, PUT, PATCH, DELETE) whose declared ``Content-Length`` is over the
limit is refused at once with 413, without reading a byte of it; a body that turns out
longer while it streams is refused the same way as soon as it crosses the limit; a body that
is not fully received within the timeout (a sender trickling one byte a second) is refused
with 408. Routes therefore never hold a lock or memory for a body that will not come.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
MULTIPART_OVERHEAD = 64 * 1024  # form boundaries and fields around an uploaded file


class BodyRefused(Exception):
    def __init__(self, status: int, code: str, vi: str, en: str) -> None:
        super().__init__(code)
        self.status, self.code, self.vi, self.en = status, code, vi, en


def _too_large(limit: int, code: str = "REQUEST_TOO_LARGE") -> BodyRefused:
    return BodyRefused(413, code,
                       f"Nội dung yêu cầu vượt giới hạn {limit} byte.",
                       f"The request body is over the limit of {limit} bytes.")


def _too_slow(seconds: float) -> BodyRefused:
    return BodyRefused(408, "REQUEST_TIMEOUT",
                       f"Nội dung yêu cầu không được gửi hết trong {seconds:g} giây.",
                       f"The request body was not received within {seconds:g} seconds.")


class BodyLimits:
    """Refuse oversized (413) and slow (408) request bodies; see the module docstring."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, timeout_seconds: float,
                 by_path: dict[str, tuple[int, str]] | None = None) -> None:
        """``by_path``: a path's own limit and error code (the checker's, say)."""
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout_seconds
        self.by_path = by_path or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        started = False

        async def send_watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        limit, code = self.by_path.get(scope["path"], (self.max_bytes, "REQUEST_TOO_LARGE"))
        limit += MULTIPART_OVERHEAD
        try:
            _check_declared_length(scope, limit, code)
            await self.app(scope, self._bounded(receive, limit, code), send_watched)
        except Exception as error:  # middlewares inside may wrap it in an exception group
            refused = _refusal(error)
            if refused is None or started:  # too late for an answer: the server drops it
                raise
            await _answer(send, refused)

    def _bounded(self, receive: Receive, limit: int, code: str) -> Receive:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        state = {"received": 0, "complete": False}

        async def bounded_receive() -> Message:
            if state["complete"]:  # the body is in: waiting for a disconnect is not bounded
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0))
            except TimeoutError:
                raise _too_slow(self.timeout) from None
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    raise _too_large(limit, code)
                state["complete"] = not message.get("more_body", False)
            return message

        return bounded_receive


def _check_declared_length(scope: Scope, limit: int, code: str) -> None:
    for name, value in scope["headers"]:
        if name == b"content-length" and (not value.isdigit() or int(value) > limit):
            raise _too_large(limit, code)


def _refusal(error: BaseException) -> BodyRefused | None:
    if isinstance(error, BodyRefused):
        return error
    if isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            if (found := _refusal(inner)) is not None:
                return found
    return None


async def _answer(send: Send, refused: BodyRefused) -> None:
    body: dict[str, Any] = {"error": {"code": refused.code, "message_vi": refused.vi,
                                      "message_en": refused.en, "details": []}}
    content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": refused.status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(content)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": content})
