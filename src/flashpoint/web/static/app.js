// Flashpoint's page: choose a scenario and policies, run, and read the result beside the record.
// Everything comes from this server (no CDN); text from the API is only ever set as textContent.
"use strict";

const state = {
  scenarios: [],
  scenario: null,
  observed: {},
  compare: null,      // last CompareResult
  jobs: {},           // kind -> job id being polled
  events: { offset: 0, limit: 50 },
  facets: null,
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path, options) {
  const opts = Object.assign({ headers: { "Accept": "application/json" } }, options || {});
  if (opts.body !== undefined) {
    opts.method = opts.method || "POST";
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(opts.body);
  }
  const resp = await fetch(path, opts);
  let data = null;
  try { data = await resp.json(); } catch (e) { data = null; }
  if (!resp.ok) {
    const err = new Error(describeError(resp.status, data));
    err.status = resp.status;
    throw err;
  }
  return data;
}

function describeError(status, data) {
  if (data && Array.isArray(data.detail)) {
    return data.detail.map((d) => {
      const loc = (d.loc || []).filter((x) => x !== "body" && x !== "query").join(".");
      return (loc ? loc + ": " : "") + d.msg;
    }).join("; ");
  }
  if (data && typeof data.detail === "string") return data.detail;
  return "the server answered " + status;
}

function fmt(v) {
  if (v === null || v === undefined || !isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

// -- scenario and policies -------------------------------------------------------------------------
async function loadScenarios() {
  state.scenarios = await api("/api/scenarios");
  const sel = $("scenario");
  sel.replaceChildren(...state.scenarios.map((s) =>
    el("option", { value: s.name, text: s.name + (s.source === "built-in" ? "" : " (data directory)") })));
  const initial = state.scenarios.find((s) => s.name === "iraq-2020") || state.scenarios[0];
  if (initial) { sel.value = initial.name; chooseScenario(initial.name); }
}

function chooseScenario(name) {
  const sc = state.scenarios.find((s) => s.name === name);
  state.scenario = sc;
  $("scenario-title").textContent = sc.title + " · " + sc.start + " to " + sc.end;
  $("scenario-description").textContent = sc.description;
  const list = $("policy-list");
  list.replaceChildren(...sc.policies.map((p, i) => {
    const id = "policy-" + i;
    return el("label", { class: "policy", for: id },
      el("input", { type: "checkbox", id, name: "policy", value: p.name, checked: p.name === "historical" }),
      el("span", {}, el("strong", { text: p.name }), el("span", { class: "desc", text: p.description })));
  }));
  const ind = $("indicator");
  ind.replaceChildren(...sc.indicators.map((i) =>
    el("option", { value: i.name, text: i.name + (i.observed ? "  (record)" : "") })));
  ind.value = sc.indicators.some((i) => i.name === "attacks_on_foreign_forces") ? "attacks_on_foreign_forces" : sc.indicators[0].name;
  describeIndicator();
}

function checkedPolicies() {
  return Array.from(document.querySelectorAll("#policy-list input[name=policy]:checked")).map((i) => i.value);
}

function describeIndicator() {
  const name = $("indicator").value;
  const info = state.scenario && state.scenario.indicators.find((i) => i.name === name);
  if (info) {
    const how = info.kind === "count" ? "count per month" : "monthly average";
    $("indicator-description").textContent = info.description + " (" + info.unit + ", " + how + ")" +
      (info.observed ? "; the record has sourced counts of it." : "; the record has no sourced counts of it.");
  }
}

// -- jobs ------------------------------------------------------------------------------------------
function showJob(kind, job, failed) {
  const box = $("job-" + kind);
  box.hidden = false;
  box.classList.toggle("failed", !!failed);
  const bar = box.querySelector("progress");
  const text = box.querySelector(".job-text");
  if (typeof job === "string") { bar.value = failed ? 0 : bar.value; text.textContent = job; return; }
  bar.value = job.status === "done" ? 1 : job.fraction;
  let msg;
  if (job.status === "queued") msg = "queued" + (job.queue_position ? " (position " + job.queue_position + ")" : "");
  else if (job.status === "running") msg = job.message + (job.total ? " · " + job.done.toLocaleString("en-US") + " / " + job.total.toLocaleString("en-US") + " runs" : "");
  else if (job.status === "done") msg = job.cached ? "done (from the cache)" : "done in " + job.elapsed_s.toFixed(1) + " s";
  else if (job.status === "failed") msg = "failed: " + (job.error || "unknown error");
  else msg = job.status;
  text.textContent = msg;
  box.classList.toggle("failed", job.status === "failed");
}

async function follow(kind, job) {
  state.jobs[kind] = job.id;
  showJob(kind, job);
  while (job.status === "queued" || job.status === "running") {
    await new Promise((r) => setTimeout(r, 350));
    if (state.jobs[kind] !== job.id) return null;     // superseded by a newer run
    job = await api("/api/jobs/" + job.id);
    showJob(kind, job);
  }
  if (state.jobs[kind] !== job.id) return null;
  if (job.status !== "done") return null;
  return api(job.result_url);
}

async function run(event) {
  event.preventDefault();
  const err = $("form-error");
  err.hidden = true;
  const policies = checkedPolicies();
  if (policies.length === 0) { err.textContent = "Choose at least one policy."; err.hidden = false; return; }
  const body = {
    scenario: $("scenario").value,
    policies,
    runs: parseInt($("runs").value, 10),
    seed: parseInt($("seed").value, 10),
  };
  $("run-button").disabled = true;
  $("cancel-button").disabled = false;
  $("charts").dataset.drawn = "false";
  try {
    const [cjob, kjob] = await Promise.all([
      api("/api/compare", { body }),
      state.scenario.claims.length
        ? api("/api/claims", { body: { scenario: body.scenario, runs: body.runs, seed: body.seed } }).catch((e) => e)
        : Promise.resolve(null),
    ]);
    const claimsDone = (kjob instanceof Error)
      ? Promise.resolve(showJob("claims", kjob.message, true))
      : (kjob ? follow("claims", kjob).then((r) => { if (r) drawClaims(r); }) : Promise.resolve());
    const result = await follow("compare", cjob);
    if (result) { state.compare = result; drawCharts(); drawTotals(); }
    await claimsDone;
  } catch (e) {
    err.textContent = e.message;
    err.hidden = false;
  } finally {
    $("run-button").disabled = false;
    $("cancel-button").disabled = true;
  }
}

async function cancel() {
  for (const id of Object.values(state.jobs)) {
    try { await api("/api/jobs/" + id, { method: "DELETE" }); } catch (e) { /* already gone */ }
  }
}

// -- charts ----------------------------------------------------------------------------------------
const BAND_OUTER = "rgba(107, 174, 214, 0.35)";
const BAND_INNER = "rgba(33, 113, 181, 0.45)";
const MEDIAN = "#08306b";
const OBSERVED = "#d94801";

function midMonth(m) { return m + "-15"; }

function yMax(result, name, observed) {
  let top = 0;
  for (const fan of Object.values(result.fan[name])) for (const v of fan.q95) if (v !== null && v > top) top = v;
  for (const r of observed) {
    const v = r.high_per_month !== null ? r.high_per_month : r.low_per_month;
    if (v !== null && v > top) top = v;
  }
  return top > 0 ? top * 1.08 : 1;
}

function drawCharts() {
  const result = state.compare;
  if (!result) return;
  const name = $("indicator").value;
  const box = $("charts");
  box.dataset.drawn = "false";
  if (!result.fan[name]) { box.replaceChildren(el("p", { class: "hint", text: "No fan for " + name + "." })); return; }
  const observed = state.observed[name] || [];
  const meta = result.fan_meta[name];
  const x = result.months.map(midMonth);
  const top = yMax(result, name, observed);
  const markers = (state.scenario ? state.scenario.schedule : []).filter((e) => e.type === "decapitation");
  box.replaceChildren();
  const drawn = [];
  for (const policy of result.policies) {
    const fan = result.fan[name][policy];
    const div = el("div", { class: "chart", "data-policy": policy });
    box.append(div);
    const traces = [
      { x, y: fan.q05, mode: "lines", line: { width: 0 }, hoverinfo: "skip", showlegend: false },
      { x, y: fan.q95, mode: "lines", line: { width: 0 }, fill: "tonexty", fillcolor: BAND_OUTER, name: "5–95% of runs",
        hovertemplate: "95%: %{y:.3g}<extra></extra>" },
      { x, y: fan.q25, mode: "lines", line: { width: 0 }, hoverinfo: "skip", showlegend: false },
      { x, y: fan.q75, mode: "lines", line: { width: 0 }, fill: "tonexty", fillcolor: BAND_INNER, name: "25–75%",
        hoverinfo: "skip" },
      { x, y: fan.q50, mode: "lines", line: { color: MEDIAN, width: 2 }, name: "median",
        hovertemplate: "%{x|%b %Y}: median %{y:.3g}<extra></extra>" },
    ];
    const shapes = [];
    observed.forEach((r, i) => {
      if (r.low_per_month === null) return;
      traces.push({
        x: [r.start, r.end], y: [r.low_per_month, r.low_per_month], mode: "lines",
        line: { color: OBSERVED, width: 3 }, name: "record (monthly rate)", showlegend: i === 0,
        legendgroup: "record",
        hovertemplate: r.start + " to " + r.end + ": " + r.count + " (" + r.kind + ")<extra></extra>",
      });
      if (r.high_per_month !== null && r.high_per_month > r.low_per_month) {
        shapes.push({ type: "rect", xref: "x", yref: "y", x0: r.start, x1: r.end, y0: r.low_per_month,
          y1: r.high_per_month, fillcolor: OBSERVED, opacity: 0.18, line: { width: 0 } });
      }
    });
    for (const m of markers) {
      shapes.push({ type: "line", xref: "x", yref: "paper", x0: m.date, x1: m.date, y0: 0, y1: 1,
        line: { color: "#555", width: 1, dash: "dash" } });
    }
    const layout = {
      title: { text: policy, font: { size: 14 }, x: 0.02, xanchor: "left" },
      margin: { l: 52, r: 12, t: 34, b: 36 },
      xaxis: { type: "date", tickformat: "%b %Y", range: [result.months[0] + "-01", result.months[result.months.length - 1] + "-28"] },
      yaxis: { title: { text: meta.unit + (meta.kind === "count" ? " / month" : ""), font: { size: 11 } }, range: [0, top], rangemode: "tozero" },
      shapes,
      showlegend: true,
      legend: { orientation: "h", y: -0.16, font: { size: 10 } },
      paper_bgcolor: "#fff", plot_bgcolor: "#fff",
      font: { family: "system-ui, sans-serif", size: 11, color: "#1d2733" },
    };
    drawn.push(Plotly.newPlot(div, traces, layout, { displaylogo: false, responsive: true,
      modeBarButtonsToRemove: ["lasso2d", "select2d"] }));
  }
  Promise.all(drawn).then(() => {
    box.dataset.drawn = "true";
    box.dataset.indicator = name;
    $("chart-note").hidden = false;
  });
}

function drawTotals() {
  const result = state.compare;
  const name = $("indicator").value;
  const tbody = $("totals").querySelector("tbody");
  const ind = result.indicators[name] || result.indicators[name.split(".")[0]];
  if (!ind) {
    tbody.replaceChildren(el("tr", {}, el("td", { colspan: 5, class: "hint",
      text: "Totals are kept for the base indicators; " + name.split(".")[0] + " is one." })));
    return;
  }
  const which = result.indicators[name] ? name : name.split(".")[0];
  $("totals").querySelector("thead th").textContent = "Policy (" + which + ", " + result.window[0] + " to " + result.window[1] + ")";
  tbody.replaceChildren(...result.policies.map((p, i) => {
    const t = ind.per_policy[p];
    const d = ind.vs_first[p];
    return el("tr", {},
      el("td", { text: p }),
      el("td", { class: "num", text: fmt(t.mean) }),
      el("td", { class: "num", text: fmt(t.q05) + " – " + fmt(t.q95) }),
      el("td", { class: "num", text: i === 0 ? "(first)" : fmt(d.mean_diff) + "  [" + fmt(d.q05) + ", " + fmt(d.q95) + "]" }),
      el("td", { class: "num", text: i === 0 ? "" : (100 * d.p_positive).toFixed(1) + "%" }));
  }));
}

function drawClaims(result) {
  const tbody = $("claims-table").querySelector("tbody");
  tbody.replaceChildren(...result.claims.map((c) => {
    const cls = c.verdict.replace(" ", "-");
    return el("tr", { "data-claim": c.id },
      el("td", { text: c.id }),
      el("td", {}, c.statement, el("span", { class: "reason",
        text: c.indicator + " " + c.direction + " under " + c.policy + " than under " + c.baseline })),
      el("td", { text: c.policy + " vs " + c.baseline }),
      el("td", { class: "num", text: c.window[0] + " – " + c.window[1] }),
      el("td", { class: "num", text: c.probability.toFixed(3) + " [" + c.probability_interval[0].toFixed(3) + ", " + c.probability_interval[1].toFixed(3) + "]" }),
      el("td", {}, el("span", { class: "verdict " + cls, text: c.verdict }), el("span", { class: "reason", text: c.reason })));
  }));
  $("claims-table").dataset.runs = String(result.runs);
}

// -- events ----------------------------------------------------------------------------------------
async function loadFacets() {
  state.facets = await api("/api/events/facets");
  $("ev-actor").append(...state.facets.actors.map((a) => el("option", { value: a.id, text: a.id + " – " + a.label })));
  $("ev-type").append(...state.facets.plover_types.map((t) => el("option", { value: t, text: t })));
  $("ev-mode").append(...state.facets.modes.map((m) => el("option", { value: m, text: m.replace("_", " ") })));
}

async function loadEvents() {
  const params = new URLSearchParams();
  const add = (k, v) => { if (v) params.set(k, v); };
  add("actor", $("ev-actor").value);
  add("plover_type", $("ev-type").value);
  add("mode", $("ev-mode").value);
  add("start", $("ev-start").value);
  add("end", $("ev-end").value);
  params.set("limit", state.events.limit);
  params.set("offset", state.events.offset);
  const tbody = $("events-table").querySelector("tbody");
  try {
    const page = await api("/api/events?" + params.toString());
    $("ev-source").textContent = "From the " + page.source + ".";
    tbody.replaceChildren(...page.events.map((e) => el("tr", {},
      el("td", { text: e.date + (e.date_precision && e.date_precision !== "day" ? " (" + e.date_precision + ")" : "") }),
      el("td", { text: (e.source_actor || "?") + " → " + (e.target_actor || "?") }),
      el("td", { text: e.plover_type || "" }),
      el("td", { text: e.mode ? e.mode.replace("_", " ") : "" }),
      el("td", { class: "num", text: e.killed === null ? "" : e.killed }),
      el("td", { class: "num", text: e.wounded === null ? "" : e.wounded }),
      el("td", { text: e.location || "" }),
      el("td", { class: "summary", text: e.summary || "" }))));
    if (page.events.length === 0) tbody.append(el("tr", {}, el("td", { colspan: 8, class: "hint", text: "No event matches these filters." })));
    const first = page.offset + 1;
    $("ev-range").textContent = page.events.length ? "events " + first + "–" + (page.offset + page.events.length) + (page.has_more ? " (more follow)" : "") : "";
    $("ev-prev").disabled = page.offset === 0;
    $("ev-next").disabled = !page.has_more;
  } catch (e) {
    tbody.replaceChildren(el("tr", {}, el("td", { colspan: 8, class: "error", text: e.message })));
  }
}

// -- start -----------------------------------------------------------------------------------------
async function start() {
  $("run-form").addEventListener("submit", run);
  $("cancel-button").addEventListener("click", cancel);
  $("scenario").addEventListener("change", (e) => chooseScenario(e.target.value));
  $("indicator").addEventListener("change", () => { describeIndicator(); if (state.compare) { drawCharts(); drawTotals(); } });
  $("event-form").addEventListener("submit", (e) => { e.preventDefault(); state.events.offset = 0; loadEvents(); });
  $("ev-prev").addEventListener("click", () => { state.events.offset = Math.max(0, state.events.offset - state.events.limit); loadEvents(); });
  $("ev-next").addEventListener("click", () => { state.events.offset += state.events.limit; loadEvents(); });
  try {
    const [, observed] = await Promise.all([loadScenarios(), api("/api/observed"), loadFacets()]);
    state.observed = observed;
    await loadEvents();
    document.body.dataset.ready = "true";
  } catch (e) {
    $("form-error").textContent = "The page could not load its data: " + e.message;
    $("form-error").hidden = false;
  }
}

document.addEventListener("DOMContentLoaded", start);
