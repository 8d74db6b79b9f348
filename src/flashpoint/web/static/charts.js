// Draws a chart spec of flashpoint.report.charts with Plotly: the same spec the CLI's PNGs are drawn from.
// drawSpec(box, spec, layout) fills `box` with one chart ("overlay": every policy on one axis) or one
// chart per policy ("panels"). Each chart div carries data attributes the browser tests read:
// data-y-label, data-y-top, data-upper-max (the largest upper bound, which must not stretch the axis),
// data-shapes (how many record counts are drawn as point / lower / upper / range).
"use strict";

const FlashpointCharts = (() => {
  const COLORS = ["#08519c", "#d94801", "#238b45", "#6a51a3", "#a50f15", "#525252", "#0e7c7b", "#b8860b"];
  const FAN_OUTER = "#c6dbef";
  const FAN_INNER = "#6baed6";
  const RECORD = "#b30000";
  // each policy's median its own dash, as the CLI's charts (render.py LINESTYLES): four solid medians could not be
  // told apart in greyscale, and where they agree only the last one drawn showed
  const MARKER_CHARS = 42;       // a marker's label, at 9 px (about 5 px a character), up a plot about 220 px high
  const LABEL_PX = 12;           // a marker label's room across the plot (9 px text, upright), and the next one's shift
  const LABEL_MIN_PX = 10;       // the least, where a group's labels have no room at LABEL_PX on either side
  const DASHES = ["solid", "dash", "dashdot", "dot", "longdashdot", "5px,2px", "longdash", "3px,1px,1px,1px"];

  function nextDay(iso) {
    const d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  function midDay(a, b) {
    const t = (Date.parse(a + "T00:00:00Z") + Date.parse(b + "T00:00:00Z")) / 2;
    return new Date(t).toISOString().slice(0, 10);
  }

  function rgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  // steps over the periods: each value holds from its period's start to the next one's
  function steps(spec, values) {
    const x = spec.periods.map((p) => p.start).concat([spec.x_range[1]]);
    const y = values.concat([values[values.length - 1]]);
    return { x, y };
  }

  function bandTraces(spec, s, color, full, dash) {
    const lo = steps(spec, s.q05), hi = steps(spec, s.q95);
    const traces = [
      { x: lo.x, y: lo.y, mode: "lines", line: { width: 0, shape: "hv" }, hoverinfo: "skip", showlegend: false,
        connectgaps: false, legendgroup: s.policy },
      { x: hi.x, y: hi.y, mode: "lines", line: { width: 0, shape: "hv" }, fill: "tonexty",
        fillcolor: full ? FAN_OUTER : rgba(color, 0.16), name: (full ? "" : s.label + ": ") + "5–95% of runs",
        hovertemplate: "95%: %{y:.3g}<extra>" + s.policy + "</extra>", legendgroup: s.policy },
    ];
    if (full) {
      const a = steps(spec, s.q25), b = steps(spec, s.q75);
      traces.push(
        { x: a.x, y: a.y, mode: "lines", line: { width: 0, shape: "hv" }, hoverinfo: "skip", showlegend: false },
        { x: b.x, y: b.y, mode: "lines", line: { width: 0, shape: "hv" }, fill: "tonexty", fillcolor: FAN_INNER,
          name: "25–75% of runs", hoverinfo: "skip" });
    }
    const med = steps(spec, s.q50);
    traces.push({ x: med.x, y: med.y, mode: "lines", line: { color, width: 2, shape: "hv", dash },
      name: full ? "median" : s.label + ": median", legendgroup: s.policy,
      hovertemplate: "%{x|%b %Y}: median %{y:.3g}<extra>" + s.policy + "</extra>" });
    return traces;
  }

  // how a count is drawn (the spec's `drawn`: report/charts.py _drawing), for its hover text
  const DRAWN = {
    value: "drawn over its days as its value",
    month: "over a calendar month: drawn at its count, that month's sum",
    rate: "over more than a month: drawn as its average rate per month over its days",
    month_bound: "over less than a month: drawn as at least its count on the month it falls in",
    month_bound_half: "over less than a month, across two: drawn at half, at least half its count on each of the " +
      "two months it falls in (their average)",
  };

  // the record drawn for one panel (or the overlay), its misses those of `judge`, the panel's own policy (the
  // first one on an overlay): its fit over each count's own days (a held-out tester saw a second policy's
  // panel mark the first's misses)
  function recordParts(spec, judge) {
    const top = spec.y_range[1];
    const arrow = 0.09 * top;
    const traces = [], shapes = [], annotations = [];
    const shown = {};
    const misses = new Map(((judge && judge.fit) || []).filter((f) => !f.inside)
      .map((f) => [countKey(f), f.q05 !== null && f.q95 !== null ? [f.q05, f.q95] : null]));
    const span = Date.parse(spec.x_range[1] + "T00:00:00Z") - Date.parse(spec.x_range[0] + "T00:00:00Z");
    // an at-most count over months bounds their average month, not each (as the caption says)
    const upperAverage = spec.record.some((r) => r.shape === "upper" && r.drawn === "rate");
    spec.record.forEach((r0, i) => {
      const key = countKey(r0);
      const r = Object.assign({}, r0, { missed: misses.has(key) ? judge.label : "", missedBand: misses.get(key) || null });
      const x0 = r.drawn_start, x1 = nextDay(r.drawn_end), mid = midDay(x0, x1);
      const faint = r.reliability === "C";
      const color = faint ? rgba(RECORD, 0.5) : RECORD;
      const hover = r.start + " to " + r.end + ": " + r.count + " (" + r.kind + "; reliability " + r.reliability +
        ")<br>" + (DRAWN[r.drawn === "month_bound" && (r.scale || 1) < 1 ? "month_bound_half" : r.drawn] || "") +
        (r.shape === "upper" && r.drawn === "rate" ? " (at most: a bound on that average, not on each month)" : "") +
        (r.missed ? "<br>outside " + r.missed + "'s 90% band over its own days" : "");
      let y = r.shape === "upper" ? Math.min(r.y_high, top * 0.985) : (r.shape === "range" ? r.y_high : r.y_low);
      const legend = { point: "record: exact count", lower: "record: at least (≥)", upper: "record: at most (≤)" +
        (upperAverage ? "; over months: their average, not each" : ""),
        range: "record: approximate or a range (~, lo-hi)" }[r.shape];
      const symbol = { point: "circle", lower: "triangle-up", upper: "triangle-down", range: "diamond" }[r.shape];
      const yLine = r.shape === "range" ? (r.y_low + r.y_high) / 2 : y;
      traces.push({ x: [x0, x1], y: [yLine, yLine], mode: "lines", hoverinfo: "skip", showlegend: false,
        line: { color, width: r.shape === "range" ? 1 : 2.5, dash: r.beyond_axis ? "dash" : "solid" } });
      const group = r.missed ? "missed" : r.shape;     // a miss shows as one: an open, larger mark
      traces.push({ x: [mid], y: [yLine], mode: "markers",
        marker: r.missed ? { symbol: symbol + "-open", size: 13, color, line: { width: 2.5, color } }
          : { symbol, size: 9, color },
        name: r.missed ? "record: outside " + r.missed + "'s 90% band" : legend, legendgroup: "record-" + group,
        showlegend: !shown[group], hovertemplate: hover + "<extra></extra>", meta: "record-" + r.shape + "-" + i });
      shown[group] = true;
      if (r.missed && r.missedBand) {     // the band the fit judged: over the count's own days, beside its mark
        // beside its own open mark (at the middle of its days), not at their end, where another count may sit
        const xb = new Date(Date.parse(mid + "T00:00:00Z") + 0.012 * span).toISOString().slice(0, 10);
        const [lo, hi] = r.missedBand, k = r.scale || 1;   // drawn as its count is
        traces.push({ x: [xb, xb], y: [lo * k, Math.min(hi * k, top)], mode: "lines+markers", line: { color: "#111111", width: 2 },
          marker: { symbol: "line-ew-open", size: 10, color: "#111111" }, legendgroup: "own-days",
          name: r.missed + "'s 90% band over a missed count's own days", showlegend: !shown.ownDays,
          hovertemplate: r.missed + "'s 90% band over " + r.start + " to " + r.end + ": " + lo + "–" + hi +
            " (the count: " + r.count + ")" + (r.drawn === "rate" ? "; drawn per month, as the count is" :
            k === 0.5 ? "; drawn at half, as the count is" : "") +
            "<extra></extra>", meta: "own-days-" + i });
        shown.ownDays = true;
      }
      if (r.shape === "range") {
        shapes.push({ type: "rect", xref: "x", yref: "y", x0, x1, y0: r.y_low, y1: r.y_high, fillcolor: RECORD,
          opacity: 0.2, line: { width: 0 } });
      } else if (r.shape === "lower" || r.shape === "upper") {
        const head = r.shape === "lower" ? y + arrow : Math.max(y - arrow, 0);
        annotations.push({ x: mid, y: head, ax: mid, ay: y, xref: "x", yref: "y", axref: "x", ayref: "y",
          showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 1.6, arrowcolor: color, text: "",
          name: "record-" + r.shape + "-" + i });
        if (r.beyond_axis) {
          annotations.push({ x: mid, y, xref: "x", yref: "y", text: "≤" + r.observed + " (above the axis)",
            showarrow: false, yanchor: "top", font: { size: 10, color: RECORD },
            // in the span's last third it runs leftwards, kept inside the chart (a held-out tester's was cut)
            xanchor: Date.parse(mid + "T00:00:00Z") - Date.parse(spec.x_range[0] + "T00:00:00Z") > span * 2 / 3
              ? "right" : "left" });
        }
      }
    });
    // a count left undrawn because it bounds no month's sum, missed by the band over its own days: an open
    // cross at the foot of the axis over its days, so its miss shows (as the CLI's charts: render.py)
    (spec.record_left_off || []).forEach((r, i) => {
      if (r.why !== "no_bound" || !misses.get(countKey(r))) return;
      const [lo, hi] = misses.get(countKey(r));
      traces.push({ x: [midDay(r.start, nextDay(r.end))], y: [0.03 * top], mode: "markers",
        marker: { symbol: "x-open", size: 11, color: RECORD, line: { width: 2, color: RECORD } },
        name: "record: part of a month, not drawn, outside " + judge.label + "'s 90% band", legendgroup: "unseen",
        showlegend: !shown.unseen, meta: "unseen-miss-" + i,
        hovertemplate: r.start + " to " + r.end + ": " + r.count + " (" + r.kind + "; reliability " + r.reliability +
          ")<br>not drawn: over part of a month, it bounds no month's sum<br>outside " + judge.label +
          "'s 90% band over its own days: " + lo + "–" + hi + "<extra></extra>" });
      shown.unseen = true;
    });
    // every count not drawn, missed or not, is named in the legend as on the CLI's charts (a held-out user found
    // a "<=3 over 1-15 Aug" only in the caption)
    const leftOff = (spec.record_left_off || []).length;
    if (leftOff && !shown.leftOff) {
      traces.push({ x: [null], y: [null], mode: "markers", marker: { size: 0, color: RECORD }, hoverinfo: "skip",
        name: leftOff + " count" + (leftOff > 1 ? "s" : "") + " not drawn (see the caption)", meta: "left-off-legend",
        showlegend: true });
      shown.leftOff = true;
    }
    return { traces, shapes, annotations };
  }

  function markerParts(spec, series, plotWidth) {
    const shapes = [], annotations = [], seen = {}, marks = [];
    for (const s of series) {
      for (const m of s.markers) {
        if (!seen[m.id]) marks.push(m);
        seen[m.id] = true;
      }
    }
    // entries days apart form a group (render.py MARKER_GAP): its labels stand side by side, all on one side of its
    // lines (a held-out teacher's ceasefire and funding cut of one day printed over each other, and a line two
    // weeks on ran through a label)
    const day = (iso) => Date.parse(iso + "T00:00:00Z");
    const span = day(spec.x_range[1]) - day(spec.x_range[0]);
    const gap = 0.02 * span;
    const px = (a, b) => (day(b) - day(a)) / span * plotWidth;      // pixels between two dates on this plot
    const groups = [];
    marks.sort((a, b) => day(a.date) - day(b.date)).forEach((m) => {
      const g = groups[groups.length - 1];
      if (g && day(m.date) - day(g[0].date) < gap) g.push(m);
      else groups.push([m]);
    });
    // right of the group's last line where the next group's first line (or the plot's end) leaves room, else left
    // of its first where the labels before leave room, else right, measured in this plot's pixels (as the PNGs,
    // render.py): a line that would run through a group's labels used to join the group and push its labels
    // months from their lines (a verifier's January labels stood by the lines of March); on a phone's plot of
    // 300 px a held-out teacher's labels of 17 and 29 Aug and 20 Oct had printed over each other
    const at = (iso) => px(spec.x_range[0], iso);
    let placed = 0;                  // where the labels drawn so far end, in pixels from the plot's left
    const merged = new Set();        // groups that took in a crowd before them: one label
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k], first = g[0].date, last = g[g.length - 1].date;
      const after = k + 1 < groups.length ? groups[k + 1][0].date : spec.x_range[1];
      // where neither side has room, the labels closer together (render.py LABEL_MIN_PT; a held-out case's three
      // labels of March 1964 stood over June's line); where neither has room even so, one label for the group,
      // "N entries to LAST (caption)" (a verifier's nine labels ran right into March's, over them)
      const one = g.length === 1 ? g : [{ id: g[0].id, label: `${g.length} entries to ${last} (caption)`,
                                          hover: g.map((m) => m.label).join("<br>") }];
      let step = LABEL_PX, width = 0, left = false, labels = g, fits = false;
      const tries = [[LABEL_PX, g], [LABEL_MIN_PX, g], [LABEL_PX, one]];
      for ([step, labels] of merged.has(k) ? tries.slice(2) : tries) {
        width = step * labels.length + 4;
        left = px(last, after) < width && at(first) - width >= placed;
        fits = left || px(last, after) >= width;
        if (fits) break;
      }
      // no room on either side even for one label: the crowd takes in the next group's lines (a tester's labels
      // on a 400 px plot printed over the next group's), its one label to the last of them
      if (!fits && k + 1 < groups.length) {
        groups[k + 1] = g.concat(groups[k + 1]);
        merged.add(k + 1);
        continue;
      }
      placed = left ? at(last) : at(last) + width;
      g.forEach((m) => {
        shapes.push({ type: "line", xref: "x", yref: "paper", x0: m.date, x1: m.date, y0: 0, y1: 1,
          line: { color: "#444", width: 1, dash: "dash" }, name: "marker-" + m.id });
      });
      labels.forEach((m, shift) => {
        // read upward from the axis's foot, cut to what the plot's height holds (whole on hover and in the
        // caption), as the PNGs are: a long label ran over the chart's title
        const text = m.label.length > MARKER_CHARS ? m.label.slice(0, MARKER_CHARS - 1) + "…" : m.label;
        annotations.push({ x: left ? first : last, y: 0, xref: "x", yref: "paper", text,
          hovertext: m.hover || m.label, showarrow: false, textangle: -90, xanchor: left ? "right" : "left",
          yanchor: "bottom", xshift: left ? -step * (labels.length - 1 - shift) : step * shift,
          font: { size: 9, color: "#444" }, name: "marker-label-" + m.id });
      });
    }
    return { shapes, annotations };
  }

  function partialShapes(spec) {
    return spec.partial.map((p) => ({ type: "rect", xref: "x", yref: "paper", x0: p.start, x1: nextDay(p.end),
      y0: 0, y1: 1, fillcolor: "#999", opacity: 0.15, line: { width: 0 } }));
  }

  function figure(spec, series, title, overlay, narrow, plotWidth) {
    // the medians after every band, the first policy's last so it is drawn over the others where they agree
    // (a held-out teacher found only the last overlay's line where the policies had not yet parted); the legend
    // keeps the policies' order by rank
    let bands = [], medians = [];
    series.forEach((s, k) => {
      const parts = bandTraces(spec, s, COLORS[k % COLORS.length], !overlay, DASHES[k % DASHES.length])
        .map((t) => Object.assign(t, { legendrank: 100 + 10 * k + (t.name && t.name.endsWith("median") ? 1 : 0) }));
      bands = bands.concat(parts.slice(0, -1));
      medians = [parts[parts.length - 1]].concat(medians);
    });
    let traces = bands.concat(medians);
    const rec = recordParts(spec, series[0]), marks = markerParts(spec, series, plotWidth);
    traces = traces.concat(rec.traces);
    const layout = {
      title: { text: title, font: { size: 13 }, x: 0.01, xanchor: "left" },
      margin: { l: 62, r: 10, t: 36, b: narrow ? 40 : 36 },
      xaxis: { type: "date", range: spec.x_range, tickformat: "%b %Y" },
      yaxis: { title: { text: spec.y_label.replace(" (", "<br>(").replace("), ", "),<br>"), font: { size: narrow ? 10 : 11 } },
        range: spec.y_range, fixedrange: false },
      shapes: partialShapes(spec).concat(rec.shapes, marks.shapes),
      annotations: rec.annotations.concat(marks.annotations),
      showlegend: true,
      legend: { orientation: "h", y: -0.18, font: { size: narrow ? 9 : 10 } },
      // on a narrow screen the toolbar stands up the right edge: across the top it covered the panel's title
      modebar: { orientation: narrow ? "v" : "h" },
      paper_bgcolor: "#fff", plot_bgcolor: "#fff",
      font: { family: "system-ui, sans-serif", size: 11, color: "#1d2733" },
    };
    return { traces, layout };
  }

  function summary(spec) {
    const counts = { point: 0, lower: 0, upper: 0, range: 0 };
    let upperMax = 0;
    for (const r of spec.record) {
      counts[r.shape] += 1;
      if (r.shape === "upper" && r.y_high > upperMax) upperMax = r.y_high;
    }
    return { counts, upperMax };
  }

  function drawSpec(box, spec, layout) {
    const narrow = box.clientWidth < 520;
    const groups = layout === "panels" ? spec.series.map((s) => [s]) : [spec.series];
    const info = summary(spec);
    // every panel is in the grid before any is plotted: a lone first panel is laid out at full width
    // and a plot drawn then keeps that width when the grid shrinks it (the panel was cut off)
    const divs = groups.map((series) => {
      const div = document.createElement("div");
      div.className = "chart";
      div.setAttribute("role", "img");          // named for a screen reader; the caption says what it draws
      div.setAttribute("aria-label", (layout === "panels" ? series[0].label + ": " : "") + spec.title + ", " + spec.y_label);
      div.setAttribute("aria-describedby", "chart-caption");
      div.dataset.policy = series.map((s) => s.policy).join(",");
      div.dataset.yLabel = spec.y_label;
      div.dataset.yTop = String(spec.y_range[1]);
      div.dataset.upperMax = String(info.upperMax);
      div.dataset.shapes = JSON.stringify(info.counts);
      return div;
    });
    box.replaceChildren(...divs);
    const drawn = groups.map((series, i) => {
      const title = layout === "panels" ? series[0].label : spec.title.replace(/^[^:]*: /, "");
      // the plot's own width: its panel's, laid out in the grid already, less the margins
      const fig = figure(spec, series, title, layout !== "panels", narrow, Math.max(100, divs[i].clientWidth - 72));
      return Plotly.newPlot(divs[i], fig.traces, fig.layout, { displaylogo: false, responsive: true,
        modeBarButtonsToRemove: ["lasso2d", "select2d"] });
    });
    return Promise.all(drawn);
  }

  return { drawSpec };
})();
