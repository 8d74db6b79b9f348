"""Small HTML summaries for notebooks (``_repr_html_`` of scenarios, ensembles, comparisons, claims)."""
from __future__ import annotations

import html


def table(title: str, header: list[str], rows: list[list], note: str = "") -> str:
    """An escaped HTML table with a caption and an optional note under it."""
    cell = lambda v: html.escape(f"{v:,.3g}" if isinstance(v, float) else str(v))  # noqa: E731
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    foot = f"<p style='font-size:smaller'>{html.escape(note)}</p>" if note else ""
    return (f"<div><table><caption style='text-align:left'><b>{html.escape(title)}</b></caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{foot}</div>")
