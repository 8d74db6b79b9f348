"""The API's routers, one per area: scenarios, runs and jobs, analyses (compare and claims), the record,
and the page. Each takes the app's shared state through ``Depends(get_state)``; none keeps state of its own."""
from flashpoint.web.routes import analyses, pages, record, runs, scenarios

ROUTERS = [pages.router, scenarios.router, runs.router, analyses.router, record.router]

__all__ = ["ROUTERS"]
