"""What stands between a request and the app: headers, bounded bodies, strict JSON, a time budget.

* :class:`BodyGuard` (ASGI middleware): security headers on every answer; the whole body read
  before the app sees it, at most ``max_body`` bytes whether announced by ``Content-Length`` or
  sent chunked (413 otherwise, before any parsing).
* :class:`TimeBudget` (ASGI middleware): a request that has not started its answer after
  ``seconds`` gets 503 with ``Retry-After``; endpoints that may take long are :func:`budgeted`, so
  their worker thread is abandoned (left to finish on its own) rather than awaited.
* :class:`StrictJSONRoute` (the routers' route class): JSON bodies are parsed strictly: invalid
  UTF-8, ``NaN``, ``Infinity``, numbers that overflow a float (``1e400``), integers of more than
  ``MAX_DIGITS`` digits and nesting deeper than ``MAX_DEPTH`` are all 422, never 400 or 500.
* :class:`StrictJSONRoute` also refuses query parameters the endpoint does not declare (a typo such
  as ``acter=x`` would otherwise be ignored and every event answered) and a single-valued one given
  twice (only the last would count): 422 at ``["query", NAME]`` listing the known ones.
* :func:`validation_error`: 422 answers rendered as strict JSON (an offending value is echoed
  shortened, and never as a bare ``NaN``).
"""
from __future__ import annotations

import difflib
import functools
import json
import math

import anyio
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import APIRoute

from flashpoint.errors import unique_keys
from flashpoint.web.jobs import dumps

MAX_BODY = 64 * 1024
MAX_DEPTH = 32
MAX_DIGITS = 40
ECHO = 80  # characters of an offending value echoed back

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


async def _answer(send, status: int, detail, extra: list | None = None) -> None:
    body = dumps({"detail": detail})
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
                + (extra or []) + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})


class BodyGuard:
    """Security headers on every answer; bodies read whole and capped at ``max_body`` bytes (413)."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        too_large = f"request body larger than {self.max_body} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.max_body):
                return await _answer(send, 413 if value.isdigit() else 400,
                                     too_large if value.isdigit() else "invalid Content-Length")
        chunks, seen = [], 0
        while True:  # read it all first: an over-long chunked body is refused before anything parses it
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            seen += len(body)
            if seen > self.max_body:
                return await _answer(send, 413, too_large)
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                message = {**message, "headers": headers + [(k, v) for k, v in SECURITY_HEADERS if k not in present]}
            await send(message)

        await self.app(scope, replay, with_headers)


class TimeBudget:
    """503 (with ``Retry-After``) for a request whose answer has not started within ``seconds``."""

    def __init__(self, app, seconds: float):
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def watch(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            with anyio.fail_after(self.seconds):
                await self.app(scope, receive, watch)
        except TimeoutError:
            if not started:
                await _answer(send, 503, f"the request took longer than its budget of {self.seconds:g} s; "
                                         "try again shortly", [(b"retry-after", b"5")])


def budgeted(endpoint):
    """A sync endpoint run in a worker thread that is abandoned (left to finish on its own) when the
    request's time budget runs out, so the client gets its 503 on time (FastAPI would wait for it)."""
    @functools.wraps(endpoint)
    async def run(*args, **kwargs):
        return await anyio.to_thread.run_sync(functools.partial(endpoint, *args, **kwargs), abandon_on_cancel=True)
    return run


# -- strict JSON -----------------------------------------------------------------------------------
def _bad(msg: str, doc: str = "", pos: int = 0) -> json.JSONDecodeError:
    return json.JSONDecodeError(msg, doc, pos)


def _constant(name: str):
    raise _bad(f"{name} is not JSON (numbers must be finite)")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _bad(f"number {text[:ECHO]} is out of range")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _bad(f"integer of {len(text)} digits is out of range")
    return int(text)


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def strict_loads(raw: bytes):
    """JSON as the API accepts it; any other input raises ``json.JSONDecodeError`` (a 422)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(f"the body is not UTF-8 (byte {exc.start})", "", exc.start) from None
    if _depth(text) > MAX_DEPTH:
        raise _bad(f"the body nests deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int,
                          object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        raise _bad(exc.msg, "", exc.pos) from None
    except (ValueError, RecursionError) as exc:
        raise _bad(str(exc)[:ECHO]) from None


class StrictRequest(Request):
    async def json(self):
        if not hasattr(self, "_json"):
            self._json = strict_loads(await self.body())
        return self._json


def declared_query(dependant) -> dict[str, bool]:
    """The query parameters an endpoint declares (its own and its dependencies'): name -> takes one value."""
    from fastapi.dependencies.utils import is_scalar_field

    found = {f.alias: is_scalar_field(f) for f in dependant.query_params}
    for sub in dependant.dependencies:
        found.update(declared_query(sub))
    return found


def query_errors(query_params, declared: dict[str, bool]) -> list[dict]:
    """A 422 item for each query parameter not declared, and each single-valued one given more than once."""
    errors = []
    known = ", ".join(sorted(declared)) if declared else None
    for name in query_params:   # each name once, in the order first given
        values = query_params.getlist(name)
        if name not in declared:
            close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
            msg = f"unknown query parameter {name[:ECHO]!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
            msg += f"; known: {known}" if known else "; this endpoint takes no query parameters"
            errors.append({"type": "extra_forbidden", "loc": ("query", name[:ECHO]), "msg": msg,
                           "input": values[-1]})
        elif declared[name] and len(values) > 1:
            errors.append({"type": "value_error", "loc": ("query", name),
                           "msg": f"query parameter {name!r} is given {len(values)} times; give it once",
                           "input": values})
    return errors


def _is_json(content_type: str) -> bool:
    """application/json, or a JSON-based media type (application/problem+json), with any parameters."""
    media = content_type.partition(";")[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class StrictJSONRoute(APIRoute):
    """An APIRoute whose JSON bodies are parsed by :func:`strict_loads`, and whose query parameters must be
    ones the endpoint declares (each single-valued one given once): 422 otherwise."""

    def get_route_handler(self):
        handler = super().get_route_handler()
        declared = declared_query(self.dependant)

        takes_body = self.body_field is not None

        async def strict(request: Request):
            errors = query_errors(request.query_params, declared)
            kind = request.headers.get("content-type")
            if takes_body and not _is_json(kind or ""):
                given = f"not {kind[:ECHO]!r}" if kind is not None else "the request named no content type"
                errors.append({"type": "content_type", "loc": ("header", "content-type"), "input": kind,
                               "msg": f"the body is JSON, sent with Content-Type: application/json ({given})"})
            if errors:
                raise RequestValidationError(errors)
            return await handler(StrictRequest(request.scope, request.receive))
        return strict


def _shorten(value):
    """An offending value as it is echoed back: plain JSON, at most about ``ECHO`` characters."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        return value[:ECHO]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = json.dumps(value, default=str, allow_nan=True)
    return json.loads(text) if len(text) <= ECHO else text[:ECHO] + "…"


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    """A 422 in FastAPI's shape (``detail[].loc`` names the field), always strict JSON."""
    from flashpoint.scenario.loader import MEMBER, member_words

    detail, unions = [], {}
    for err in exc.errors():
        item = {k: v for k, v in err.items() if k in ("type", "loc", "msg")}
        loc = [p if isinstance(p, (str, int)) else str(p) for p in item.get("loc", [])]
        member = next((i for i, p in enumerate(loc) if isinstance(p, str) and MEMBER.match(p)), None)
        if member is not None:     # a field of several types: one item saying them in words, not one per
            words = member_words(loc[member])          # pydantic union member ("reprisal.enabled", "float")
            loc = loc[:member] + loc[member + 1:]
            if tuple(loc[:member]) in unions:
                first = unions[tuple(loc[:member])]
                first["msg"] = first["msg"].replace(": ", f" or {words}: ", 1)
                continue
            item["msg"] = f"expected {words}: {item['msg']}"
            unions[tuple(loc[:member])] = item
        item["loc"] = loc
        if "input" in err:
            item["input"] = _shorten(err["input"])
        if err.get("ctx") and "error" in err["ctx"]:
            item["ctx"] = {"error": str(err["ctx"]["error"])[:200]}
        detail.append(item)
    return Response(dumps({"detail": detail}), status_code=422, media_type="application/json")
