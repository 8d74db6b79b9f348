"""``flashpoint serve``: a local web page and JSON API over the engine, the analyses and the record.

    from flashpoint.web import create_app, Limits
    app = create_app(data_dir="~/.flashpoint-web", limits=Limits(max_jobs=1))

See ``docs/web.md`` for the endpoints, the limits and what a request may touch.
"""
from flashpoint.web.jobs import Limits

__all__ = ["create_app", "Limits"]


def create_app(*args, **kwargs):
    """Build the FastAPI app (imports FastAPI only when called)."""
    from flashpoint.web.app import create_app as _create

    return _create(*args, **kwargs)
