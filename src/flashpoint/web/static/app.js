// Flashpoint's page: choose a scenario, a policy and policies to overlay, move parameters, run, and read
// the ensemble beside the scenario's record. The view lives in the URL (scenario, policy, overlays,
// runs, seed, set, indicator, view), so a link restores it. Everything comes from this server (no
// CDN); text from the API is only ever set as textContent, and links only to http(s) addresses.
"use strict";

const state = {
  scenarios: [],
  scenario: null,
  declared: [],        // the scenario's parameters
  switches: [],
  overrides: {},       // name -> value the user set (differs from the declared value)
  compare: null,       // last CompareResult
  compareJob: null,
  jobs: {},            // kind -> job id being followed
  pending: null,       // debounce timer of a slider-triggered run
  shownFrom: null,     // the settings (settingsNow) the shown results were computed from, as JSON
  cancelled: {},       // job id -> what this view's cancel of it came to, shown while the job runs
  droppedLocked: null, // the values last dropped as the policies shown came to lock them, said until the next set
};

// -- the URL ---------------------------------------------------------------------------------------
function readURL() {
  const q = new URLSearchParams(location.search);
  const set = {}, badSet = [];
  // what a link gives is taken, or said to be wrong: never dropped unsaid (a held-out tester's set=name=0.05, a
  // second set= or seed=, audit=yes were)
  for (const key of ["scenario", "policy", "overlays", "runs", "seed", "parameters", "audit", "set", "indicator", "view"]) {
    if (q.getAll(key).length > 1) badSet.push(key + " given " + q.getAll(key).length + " times (give it once)");
  }
  if (q.has("audit") && !["0", "1"].includes(q.get("audit"))) badSet.push("audit=" + q.get("audit") + " (0 or 1)");
  for (const item of (q.get("set") || "").split(",").filter((x) => x !== "")) {
    const i = item.lastIndexOf(":");
    const name = item.slice(0, i), raw = item.slice(i + 1);
    // a name is a parameter's (letters, digits, _ and .): set=::: read "set ::= (not a number)"
    if (i <= 0 || !/^[A-Za-z_][\w.]*$/.test(name)) { badSet.push("set " + item + " (NAME:VALUE)"); continue; }
    const value = raw === "true" ? true : raw === "false" ? false : raw.trim() === "" ? NaN : Number(raw);
    if (typeof value === "number" && !Number.isFinite(value)) badSet.push("set " + name + "=" + raw + " (not a number)");
    else set[name] = value;
  }
  return {
    scenario: q.get("scenario"), policy: q.get("policy"),
    overlays: (q.get("overlays") || "").split(",").filter(Boolean),
    runs: q.get("runs"), seed: q.get("seed"), parameters: q.get("parameters"), audit: q.get("audit") === "1", set, badSet,
    indicator: q.get("indicator"), view: q.get("view"),
    events: Object.fromEntries(Object.keys(EVENT_FILTERS).filter((k) => q.has(k)).map((k) => [k, q.get(k)])),
  };
}

function viewQuery() {
  const q = new URLSearchParams();
  q.set("scenario", $("scenario").value);
  q.set("policy", $("policy").value);
  const overlays = checkedOverlays();
  if (overlays.length) q.set("overlays", overlays.join(","));
  q.set("runs", $("runs").value);
  q.set("seed", $("seed").value);
  if (state.scenario && state.scenario.posterior) q.set("parameters", $("parameter-set").value);
  const set = Object.entries(state.overrides).map(([k, v]) => k + ":" + v);
  if (set.length) q.set("set", set.join(","));
  if ($("audit").checked) q.set("audit", "1");
  if ($("indicator").value) q.set("indicator", $("indicator").value);
  q.set("view", $("view").value);
  eventQuery(q);
  return q.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
}

function writeURL() {
  history.replaceState(null, "", location.pathname + "?" + viewQuery());
}

// -- scenario, policies, parameters ---------------------------------------------------------------
async function loadScenarios(wanted) {
  state.scenarios = await api("/api/scenarios");
  $("scenario").replaceChildren(...state.scenarios.map((s) =>
    el("option", { value: s.name, text: s.name + (s.source === "built-in" ? "" : " (data directory)") })));
  const found = state.scenarios.find((s) => s.name === wanted.scenario);
  const initial = found || state.scenarios.find((s) => s.name === "iraq-2020") || state.scenarios[0];
  $("scenario").value = initial.name;
  await chooseScenario(initial.name, wanted);
  const skipped = (await api("/api/health").catch(() => ({}))).scenarios_skipped || [];
  if (skipped.length) {                     // files of the data directory that did not load, and why
    $("scenarios-skipped").replaceChildren(
      el("p", { text: skipped.length + " scenario file(s) of the data directory not offered:" }),
      ...skipped.map((s) => el("details", {}, el("summary", { text: s.name }),
        el("pre", { class: "reason", text: s.reason }))));
    $("scenarios-skipped").hidden = false;
  }
  if (wanted.scenario && !found) {          // a link to a file that did not load: say why, run nothing
    // else the server's word (a tester's link named a file's scenario by the name inside it, not its file's)
    const why = skipped.find((s) => s.name === wanted.scenario);
    const reason = why ? why.reason : await api("/api/scenarios/" + encodeURIComponent(wanted.scenario))
      .then(() => "no scenario of that name", (e) => e.message.replace(/^path\.name: /, ""));
    $("form-error").textContent = "Scenario " + wanted.scenario + " is not available: " + reason +
      ". Showing " + initial.name + " instead.";
    $("form-error").hidden = false;
    return false;
  }
  return true;
}

function clearResults(why) {
  state.compare = null;
  state.compareJob = null;
  for (const id of Object.values(state.jobs)) api("/api/jobs/" + id, { method: "DELETE" }).catch(() => null);
  state.jobs = {};
  $("charts").replaceChildren(el("p", { class: "hint", text: why }));
  $("charts").dataset.drawn = "false";
  $("chart-caption").textContent = "";
  $("csv-link").hidden = true;
  $("fit-summary").textContent = "";
  $("series-fit").hidden = $("patterns").hidden = true;      // another scenario's series and patterns are not its
  $("results-of").hidden = true;
  $("results-stale").hidden = true;
  for (const copy of document.querySelectorAll(".stale-copy")) copy.hidden = true;
  // the tables as the page first shows them: another scenario's headers over empty bodies read as its results
  for (const table of ["fit-table", "totals", "claims-table"]) {
    const head = $(table).querySelector("thead tr");
    head.replaceChildren(...PRISTINE[table].map((h) => h.cloneNode(true)));
    $(table).querySelector("tbody").replaceChildren(el("tr", {}, el("td", { colspan: head.children.length,
      class: "hint", text: "No results yet." })));
  }
  for (const kind of ["compare", "claims"]) $("job-" + kind).hidden = true;
  // and the claims' notes: a tester read Iraq's capacity-ceiling and posterior notes under another scenario
  $("claims-ceiling").hidden = $("claims-notes").hidden = true;
}

//: each results table's header cells as the page was served (restored when the results are cleared)
const PRISTINE = Object.fromEntries(["fit-table", "totals", "claims-table"].map((id) =>
  [id, Array.from(document.getElementById(id).querySelectorAll("thead tr > *")).map((h) => h.cloneNode(true))]));

async function chooseScenario(name, wanted) {
  wanted = wanted || {};
  const sc = state.scenarios.find((s) => s.name === name);
  if (state.scenario && state.scenario.name !== name) clearResults("Run to see " + name + ".");
  state.scenario = sc;
  $("parameter-set-field").hidden = !sc.posterior;       // only a scenario that ships a posterior offers it
  if (wanted.parameters === "posterior" || wanted.parameters === "defaults") $("parameter-set").value = wanted.parameters;
  $("scenario-title").textContent = sc.title + " · " + sc.start + " to " + sc.end;
  $("scenario-description").textContent = sc.description;
  $("policy").replaceChildren(...sc.policies.map((p) => el("option", { value: p.name, text: p.name, title: p.description + changes(p) })));
  $("policy").value = sc.policies.some((p) => p.name === wanted.policy) ? wanted.policy
    : (sc.policies.some((p) => p.name === "historical") ? "historical" : sc.policies[0].name);
  drawOverlays(wanted.overlays || []);
  $("indicator").replaceChildren(...sc.indicators.map((i) => el("option", { value: i.name, text: indicatorLabel(i) })));
  const ind = sc.indicators.some((i) => i.name === wanted.indicator) ? wanted.indicator
    : (sc.indicators.some((i) => i.name === "attacks_on_foreign_forces") ? "attacks_on_foreign_forces" : sc.indicators[0].name);
  $("indicator").value = ind;
  describeIndicator();
  const declared = await api("/api/scenarios/" + encodeURIComponent(name) + "/parameters");
  state.declared = declared.parameters;
  state.switches = declared.switches;
  state.overrides = {};
  state.droppedLocked = null;
  const unknown = [];
  for (const [k, v] of Object.entries(wanted.set || {})) {
    if (state.declared.some((p) => p.name === k) || state.switches.some((s) => s.name === k)) state.overrides[k] = v;
    else unknown.push(k);
  }
  // a link's value this scenario or page does not offer: said, not dropped unseen
  const offered = (value, ok) => value === null || value === undefined || ok;
  const notOffered = [];
  if (!offered(wanted.policy, wanted.policy === $("policy").value)) notOffered.push("policy=" + wanted.policy + " (showing " + $("policy").value + ")");
  for (const o of new Set(wanted.overlays || [])) {          // the policy shown is no overlay of itself (a tester's
    if (!checkedOverlays().includes(o)) {                    // link named it and read "not offered")
      notOffered.push("overlay " + o + (o === $("policy").value ? " (the policy shown, drawn as the main line)" : ""));
    }
  }
  if (!offered(wanted.indicator, wanted.indicator === ind)) notOffered.push("indicator=" + wanted.indicator + " (showing " + ind + ")");
  if (!offered(wanted.parameters, sc.posterior ? ["posterior", "defaults"].includes(wanted.parameters) : wanted.parameters === "defaults")) {
    notOffered.push("parameters=" + wanted.parameters + " (" + (sc.posterior ? "posterior or defaults" : "this scenario has only its defaults") + ")");
  }
  if (!offered(wanted.view, ["overlay", "panels"].includes(wanted.view))) notOffered.push("view=" + wanted.view + " (overlay or panels)");
  const said = [];
  if (unknown.length) said.push("The link sets " + unknown.join(", ") + ", which " + name + " does not declare: left out.");
  if (notOffered.length) said.push("Not offered for " + name + ", so left out of this view: " + notOffered.join("; ") + ".");
  $("set-unknown").hidden = !said.length;
  $("set-unknown").textContent = said.join(" ");
  flagIndicators();
  drawParameters();
}

// The reference policy said as the overlays are: it drops out of their list (a held-out tester found it described nowhere).
function drawPolicy() {
  const p = state.scenario.policies.find((q) => q.name === $("policy").value);
  $("policy-description").textContent = p ? "Policy " + p.name + ": " + p.description + changes(p) : "";
}

function drawOverlays(wanted) {
  drawPolicy();
  const ref = $("policy").value;
  const list = $("overlay-list");
  list.replaceChildren(...state.scenario.policies.filter((p) => p.name !== ref).map((p, i) => {
    const id = "overlay-" + i;
    return el("label", { class: "policy", for: id },
      el("input", { type: "checkbox", id, name: "overlay", value: p.name, checked: wanted.includes(p.name) }),
      el("span", {}, el("strong", { text: p.name }), el("span", { class: "desc", text: p.description + changes(p) })));
  }));
}

// What a policy sets, drops from the schedule (with what it loses through requires links) and adds, in words.
function changes(p) {
  const said = [];
  const sets = Object.entries(p.set_values || {});
  if (sets.length) said.push("sets " + sets.map(([k, v]) => k + " = " + v).join(", "));
  if (p.drops.length) said.push("drops " + p.drops.join(", "));
  if (p.lost_through_requires.length) said.push("loses through requires links " + p.lost_through_requires.join(", "));
  if (p.adds.length) said.push("adds " + p.adds.join(", "));
  return said.length ? " (" + said.join("; ") + ")" : "";
}

function checkedOverlays() {
  return Array.from(document.querySelectorAll("#overlay-list input[name=overlay]:checked")).map((i) => i.value);
}

// an actor's attribute that only switched-off mechanisms read, or a weight of what only one moves (the server
// refuses it: it changes nothing)
function unreadParam(p) {
  return (p.read_by || []).length > 0 && p.read_by.every((key) => switchedOff(key));
}

// why a value changes nothing under every policy shown, or null (the server refuses it: a held-out historian's
// control.obedience slider, with no patron_order entry, was offered and the run refused); worked out with the
// scenario's switches: none holds once a switch is changed on the page (a verifier's)
function idleParam(p) {
  const why = shownPolicies().map((name) => (p.idle || {})[name]);
  return !unreadParam(p) && !switchedOff(p.group) && !switchesChanged() && why.every(Boolean) ? why[0] : null;
}

function drawParameters() {
  // a value set before the policies shown came to lock its slider would be refused, and every run with it (a
  // held-out tester's decapitation.control_loss, set before choosing no-decapitation, stuck in a locked slider):
  // dropped, and said under the sliders
  const dropped = state.declared.filter((p) => p.name in state.overrides &&
                                               (switchedOff(p.group) || unreadParam(p) || idleParam(p)));
  for (const p of dropped) delete state.overrides[p.name];
  if (dropped.length) state.droppedLocked = dropped.map((p) => p.name);
  const groups = {};
  for (const p of state.declared) (groups[p.group] = groups[p.group] || []).push(p);
  const box = $("parameter-groups");
  // groups the user has open stay open when the panel is drawn again (after each change)
  const open = new Set(Array.from(box.querySelectorAll("details[open]")).map((d) => d.dataset.group));
  const sections = Object.entries(groups).map(([group, params]) => {
    const changed = params.filter((p) => p.name in state.overrides).length;
    const off = switchedOff(group);     // its sliders would only be refused (a held-out tester dragged one, then a 422)
    const rows = params.map((p) => {
      const value = p.name in state.overrides ? state.overrides[p.name] : p.value;
      const out = el("output", { class: "value", text: fmt(value) + " " + p.unit });
      const unread = unreadParam(p);
      const idle = idleParam(p);
      let slider;
      if (p.high > p.low) {
        slider = el("input", { type: "range", min: p.low, max: p.high, step: "any", value,
          disabled: Boolean(off || unread || idle),
          "data-name": p.name, "aria-label": p.name + " (" + p.unit + ")",
          "aria-valuetext": fmt(value) + " " + p.unit });   // a screen reader says the value with its unit
        slider.addEventListener("input", () => {
          out.textContent = fmt(Number(slider.value)) + " " + p.unit;
          slider.setAttribute("aria-valuetext", out.textContent);
        });
        slider.addEventListener("change", () => setParameter(p, Number(slider.value)));
      } else {                          // a range of no width: nothing to move
        slider = el("p", { class: "hint fixed", text: "fixed: its declared range has no width" });
      }
      const own = shownPolicies().filter((name) => policySets(name).includes(p.name));
      return el("div", { class: "param" + (p.name in state.overrides ? " changed" : ""), "data-param": p.name },
        el("div", { class: "param-head" }, el("code", { text: p.name }), out),
        slider,
        own.length ? el("p", { class: "hint own", text: "set by " + own.join(", ") + " itself: the slider moves the other policies only" }) : null,
        unread ? el("p", { class: "hint off",
                           text: "changes nothing with " + p.read_by.join(" and ") + " switched off: locked" }) : null,
        idle ? el("p", { class: "hint off", text: "locked: " + idle }) : null,
        // under posterior draws the runs do not sit at the slider's default (a held-out teacher moved one "up" from
        // 0.0011 to 0.01, a cut from the draws' median of 0.034)
        p.posterior && state.scenario.posterior && $("parameter-set").value !== "defaults"
          ? el("p", { class: "hint drawn", text: "drawn from the posterior in these runs: median " +
                      fmt(p.posterior[1]) + " (90%: " + fmt(p.posterior[0]) + " – " + fmt(p.posterior[2]) + "); " +
                      "a value set here replaces the draws in every run" }) : null,
        el("div", { class: "param-meta" },
          el("span", { text: "range " + fmt(p.low) + " – " + fmt(p.high) + " · default " + fmt(p.value) }),
          el("span", { class: "source", text: "source: " + p.source })));
    });
    return el("details", { class: "group", open: changed > 0 || open.has(group), "data-group": group },
      el("summary", { text: group + " (" + params.length + (changed ? ", " + changed + " changed" : "") + ")" +
                            (off ? " — switched off" : "") }),
      off ? el("p", { class: "hint off", text: off }) : null, ...rows);
  });
  const switches = el("details", { class: "group", "data-group": "switches",
                                   open: state.switches.some((s) => s.name in state.overrides) || open.has("switches") },
    el("summary", { text: "mechanisms (switches)" }),
    ...state.switches.map((s) => {
      const on = s.name in state.overrides ? state.overrides[s.name] : s.value;
      const idle = on ? null : switchIdle(s);
      const box = el("input", { type: "checkbox", checked: on, "data-name": s.name,
                                disabled: Boolean(s.locked || idle) });
      box.addEventListener("change", () => setSwitch(s, box.checked));
      return el("label", { class: "switch" }, box, " ", el("code", { text: s.name }),
        s.value ? null : el("span", { class: "hint", text: " off in the scenario: " + s.reason +
          (s.locked ? " (cannot be switched on here: it " + s.locked + ")" :
           idle ? " (locked under the policies shown: " + idle + ")" : "") }));
    }));
  box.replaceChildren(...sections, switches);
  const n = Object.keys(state.overrides).length;
  const drawn = state.scenario.posterior && $("parameter-set").value !== "defaults";
  $("changed-count").textContent = (n ? n + " changed from the scenario's values" : "the scenario's values") +
    (drawn ? "; the runs draw the calibrated ones from the posterior, and a value set here replaces its draws" : "") +
    (state.droppedLocked ? "; dropped, as the policies shown lock it: " + state.droppedLocked.join(", ") : "");
  $("reset-parameters").disabled = n === 0;
}

// Why a mechanism's sliders change nothing (its switch off here, and no shown policy switching it on), or "".
function switchedOff(group) {
  const sw = state.switches.find((s) => s.name === group + ".enabled");
  if (!sw) return "";
  const on = sw.name in state.overrides ? state.overrides[sw.name] : sw.value;
  const onByPolicy = shownPolicies().some((name) => {
    const p = state.scenario.policies.find((q) => q.name === name);
    return p && p.set_values && p.set_values[sw.name] === true;
  });
  if (on || onByPolicy) return "";
  const idle = switchIdle(sw);
  return "Switched off (" + (sw.name in state.overrides ? "here" : "in the scenario: " + sw.reason) +
    "): its parameters change nothing, so their sliders are locked; " +
    (sw.locked ? "it cannot be switched on here (it " + sw.locked + ")."     // not "switch it on below" (held-out)
     : idle ? "its switch below is locked under the policies shown (" + idle + ")."   // (an outside tester's
     : "switch it on below to move them.");                                         //  read "switch it on below")
}

// Why a switch, off, would change nothing if switched on under every policy shown (the server refuses it), or null.
function switchIdle(sw) {
  const why = shownPolicies().map((name) => (sw.idle || {})[name]);
  return why.every(Boolean) ? why[0] : null;
}

function switchesChanged() {
  return Object.keys(state.overrides).some((name) => name.endsWith(".enabled") || name.endsWith(".requires"));
}

function shownPolicies() {
  return [$("policy").value].concat(checkedOverlays());
}

function policySets(name) {
  const p = state.scenario.policies.find((q) => q.name === name);
  return (p && p.sets) || [];
}

function setParameter(p, value) {
  state.droppedLocked = null;
  if (Math.abs(value - p.value) < 1e-12) delete state.overrides[p.name];
  else state.overrides[p.name] = Number(value.toPrecision(6));
  drawParametersKeepingFocus();
  scheduleRun();
}

// the sliders and switches are drawn anew: keyboard focus stays on the control it was on (a held-out keyboard
// user's switch sent it to the page's top)
function drawParametersKeepingFocus() {
  const focused = document.activeElement && document.activeElement.dataset.name;
  drawParameters();
  if (focused) {
    const again = document.querySelector('#parameter-groups [data-name="' + CSS.escape(focused) + '"]');
    if (again) again.focus();
  }
}

function setSwitch(s, on) {
  if (on === s.value) delete state.overrides[s.name];
  else state.overrides[s.name] = on;
  // a mechanism switched off takes its values with it: the server refuses them for a mechanism that is off
  if (!on) for (const p of state.declared) if (p.group + ".enabled" === s.name) delete state.overrides[p.name];
  flagIndicators();
  drawParametersKeepingFocus();
  scheduleRun();
}

// the menu flags what a switch turns off, as it does the file's own
function flagIndicators() {
  for (const option of $("indicator").options) {
    option.textContent = indicatorLabel(state.scenario.indicators.find((i) => i.name === option.value));
  }
  describeIndicator();
}

// an indicator's menu label: whether the record counts it, and whether its mechanism is off (by the file, or by
// a switch on this page: a held-out tester switched one off and the menu still offered its line unflagged)
// the record's own word for what a count counts, where counts of one indicator count different things (as
// flashpoint.records.fit_labels: a held-out journalist's ministries' 'incidents' and 'attacks' both read "attacks")
function countsWord(f, rows) {
  const words = new Set(rows.filter((g) => g.indicator === f.indicator).map((g) => g.what));
  return words.size > 1 && f.what ? " (" + f.what + ")" : "";
}

function indicatorLabel(i) {
  return i.name + (i.observed ? "  (record)" : "") + (offInFile(i) ? "  (switched off)" : "") +
    (!i.switched_off && switchedOffHere(i) ? "  (switched off here)" : "") +
    (i.switched_off && !offInFile(i) ? "  (switched on here)" : "");
}

function switchedOffHere(i) {
  return Boolean(i.owner) && state.overrides[i.owner.split(" ")[1] + ".enabled"] === false;
}

// Off in the scenario file under every policy, and not switched on on the page (a held-out tester's politics,
// switched on, was still said to be off and constant beside a chart that rose).
function offInFile(i) {
  return Boolean(i.switched_off) && !(i.owner && state.overrides[i.owner.split(" ")[1] + ".enabled"] === true);
}

function scheduleRun() {
  writeURL();
  markStale();
  clearTimeout(state.pending);
  state.pending = setTimeout(() => run(null, true), 400);   // a history step, as a Run click is
}

function describeIndicator() {
  const name = $("indicator").value;
  const info = state.scenario && state.scenario.indicators.find((i) => i.name === name);
  if (info) {
    const how = info.kind === "count" ? "summed per month" : "averaged over each month";
    $("indicator-description").textContent = info.description + " (" + info.unit + ", " + how + ")" +
      (info.observed ? "; the scenario's record has sourced counts of it." : "; the scenario's record has no sourced counts of it.") +
      (offInFile(info) ? " " + info.switched_off + " is switched off in this scenario under every policy: the line is its resting value, constant, and says nothing about the case." :
        info.switched_off ? " " + info.switched_off + " is switched off in this scenario's file and switched on here." :
        switchedOffHere(info) ? " " + info.owner + " is switched off here: the line will be its resting value, constant." : "");
  }
}

// -- jobs ------------------------------------------------------------------------------------------
function showJob(kind, job, failed) {
  const box = $("job-" + kind);
  box.hidden = false;
  const bar = box.querySelector("progress");
  const text = box.querySelector(".job-text");
  if (typeof job === "string") { bar.value = failed ? 0 : bar.value; text.textContent = job; box.classList.toggle("failed", !!failed); return; }
  bar.value = job.status === "done" ? 1 : job.fraction;
  let msg;
  if (job.status === "queued") msg = "queued" + (job.queue_position ? " (position " + job.queue_position + ")" : "");
  else if (job.status === "running") msg = job.message + (job.total ? " · " + job.done.toLocaleString("en-US") + " / " + job.total.toLocaleString("en-US") + " runs" : "");
  else if (job.status === "done") msg = job.cached ? "done (from the cache)" : "done in " + job.elapsed_s.toFixed(1) + " s";
  else if (job.status === "failed") msg = "failed: " + (job.error || "unknown error");
  else msg = job.status;
  const asked = state.cancelled[job.id];    // a cancel this view sent: said until the job ends
  if (asked && (job.status === "queued" || job.status === "running")) msg += " · " + asked;
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
  if (state.jobs[kind] !== job.id || job.status !== "done") return null;
  return { job, result: await api(job.result_url) };
}

async function run(event, step) {
  if (event) event.preventDefault();
  clearTimeout(state.pending);
  const err = $("form-error");
  err.hidden = true;
  // an empty field is no 0 (Number("") is): a slider's re-run bypasses the form's own check (a held-out tester's
  // cleared seed ran as seed 0)
  const empty = ["runs", "seed"].filter((id) => $(id).value.trim() === "");
  if (empty.length) {
    err.textContent = "Give " + empty.map((id) => id === "runs" ? "a number of runs" : "a seed").join(" and ") +
      ": the field is empty; nothing was run.";
    err.hidden = false;
    return;
  }
  // a whole number past 2^53 reaches the server as a float ("Input should be a valid integer": a held-out user)
  const unsafe = ["runs", "seed"].filter((id) => /^\s*\d+\s*$/.test($(id).value) && !Number.isSafeInteger(Number($(id).value)));
  if (unsafe.length) {
    err.textContent = unsafe.join(" and ") + ": at most " + Number.MAX_SAFE_INTEGER + " on this page (flashpoint run " +
      "takes larger seeds); nothing was run.";
    err.hidden = false;
    return;
  }
  const superseded = Object.values(state.jobs);
  const base = {
    scenario: $("scenario").value,
    runs: Number($("runs").value),       // as written: the server refuses 1.5, -5 or a huge number, saying why
    seed: Number($("seed").value),
    overrides: state.overrides,
    parameters: state.scenario.posterior ? $("parameter-set").value : "defaults",
  };
  const body = Object.assign({ policies: [$("policy").value].concat(checkedOverlays()) }, base);
  const asked = JSON.stringify(settingsNow());     // what these results will be of, whatever changes meanwhile
  const query = "?" + viewQuery();
  if ((event || step) && state.ranQuery && query !== state.ranQuery) {  // a history entry per run (a slider's re-run
    // replaced the last: Back skipped it, a held-out tester); the last run's view
    history.replaceState(null, "", location.pathname + state.ranQuery);   // keeps its entry (the controls have
    history.pushState(null, "", location.pathname + query);               // rewritten it since), Back shows it
  } else writeURL();
  state.ranQuery = query;
  $("run-button").disabled = true;
  $("cancel-button").disabled = false;
  $("charts").dataset.drawn = "false";
  try {
    const [cjob, kjob] = await Promise.all([
      api("/api/compare", { body }),
      state.scenario.claims.length
        ? api("/api/claims", { body: Object.assign({ audit: $("audit").checked }, base) }).catch((e) => e)
        : Promise.resolve(null),
    ]);
    const current = [cjob.id, kjob && kjob.id];
    for (const id of superseded) {      // jobs of an earlier setting nobody waits for any more
      if (!current.includes(id)) api("/api/jobs/" + id, { method: "DELETE" }).catch(() => null);
    }
    // a refused claims request leaves no job of this run to follow (nor to cancel: a held-out tester's Cancel then
    // redrew the previous run's finished claims job as "done (from the cache)" over the refusal)
    if (kjob instanceof Error) delete state.jobs.claims;
    const claimsDone = (kjob instanceof Error)
      ? Promise.resolve(showJob("claims", kjob.message, true)).then(() => clearClaims(kjob.message))
      : (kjob ? follow("claims", kjob).then((r) => {
        if (r) drawClaims(r.result);
        else if (state.jobs.claims === kjob.id) clearClaims("the claims job did not finish (see above)");
      }) : Promise.resolve());
    const done = await follow("compare", cjob);
    if (done) {
      state.compare = done.result;
      state.compareJob = done.job.id;
      state.shownFrom = asked;
      describeResults();
      drawCharts();
      drawFit();
      drawSeriesFit();
      drawPatterns();
      drawTotals();
    }
    await claimsDone;
  } catch (e) {
    err.textContent = e.message;
    err.hidden = false;
  } finally {
    $("run-button").disabled = false;
    $("cancel-button").disabled = true;
    markStale();
  }
}

// What the shown results were computed from, and whether the controls still say so.
function settingsNow() {
  return { scenario: $("scenario").value, policies: [$("policy").value].concat(checkedOverlays()),
           runs: $("runs").value, seed: $("seed").value, overrides: state.overrides,
           parameters: state.scenario && state.scenario.posterior ? $("parameter-set").value : "defaults" };
}

function describeResults() {
  const r = state.compare;
  const set = Object.entries(r.overrides || {}).map(([k, v]) => k + "=" + v).join(", ");
  $("results-of").textContent = "Shown: " + r.scenario + ", " + r.policies.join(" vs ") + ", " +
    r.runs.toLocaleString("en") + " runs per policy, seed " + r.seed + ", parameters: " + r.parameters +
    (set ? "; set: " + set : "") + "." + ceilingNote(r.at_ceiling) + runNotes(r.notes);
  $("results-of").hidden = false;
  markStale();
}

function runNotes(notes) {
  // what `flashpoint run` notes beside its table (the ladder past its top rung, the host's consent worn down):
  // a held-out journalist found them in the CLI only
  return Object.entries(notes || {}).flatMap(([policy, list]) =>
    list.map((n) => " Note (" + policy + "): " + n + ".")).join("");
}

function ceilingNote(atCeiling) {
  // factions whose attacks sat at the capacity ceiling: the ceiling, not the mechanisms, set their level
  const parts = Object.entries(atCeiling || {}).flatMap(([p, f]) =>
    Object.entries(f).map(([faction, share]) => faction + " in " + Math.round(100 * share) + "% of runs under " + p));
  return parts.length ? " Note: the attacks of " + parts.join(", ") + " sat at the capacity ceiling " +
    "(attacks.max_daily_rate) for 30 days: their rate ran away and the ceiling, not the mechanisms, set it." : "";
}

function markStale() {
  $("results-stale").hidden = !state.compare || JSON.stringify(settingsNow()) === state.shownFrom;
  // "press Run" while Run is disabled by a run in progress said what could not be done (held-out)
  $("results-stale").textContent = "The settings above have changed since these results were computed: " +
    ($("run-button").disabled ? "a run with them is in progress" : "press Run to update them") +
    " (the link copies the new settings).";
  // said over the fit, the totals and the claims too: a held-out teacher's students would scroll to old verdicts
  for (const copy of document.querySelectorAll(".stale-copy")) {
    copy.hidden = $("results-stale").hidden;
    copy.textContent = $("results-stale").textContent;
  }
}

async function cancel() {
  // said at once (a held-out tester saw no sign of the cancel for seconds), and said when another view with the
  // same settings still follows the job, which then runs on for it
  for (const [kind, id] of Object.entries(state.jobs)) {
    state.cancelled[id] = "cancelling…";
    showJob(kind, "cancelling…");
    try {
      const job = await api("/api/jobs/" + id, { method: "DELETE" });
      if (job.followers > 0) {
        state.cancelled[id] = "cancel sent: " + job.followers + " other view(s) with the same settings still follow " +
          "this job, so it runs on for them";
      }
      showJob(kind, job);
    } catch (e) { /* already gone */ }
  }
}

// -- charts, fit, totals, claims ------------------------------------------------------------------
function drawCharts() {
  const result = state.compare;
  if (!result) return;
  const name = $("indicator").value;
  const box = $("charts");
  box.dataset.drawn = "false";
  const spec = result.charts[name];
  if (!spec) { box.replaceChildren(el("p", { class: "hint", text: "No chart of " + name + "." })); return; }
  // a mechanism these runs switched off (a --set, a policy) is said on its chart too, not in the totals alone
  const off = (result.switched_off || {})[name.split(".")[0]];
  const under = offUnder(result, name.split(".")[0]);
  $("chart-caption").textContent = ($("view").value === "overlay"      // the overlay draws the outer band only
    ? spec.caption.replace("Band: 5–95% and 25–75% of runs", "Band: 5–95% of runs (the panel view adds 25–75%)")
    : spec.caption) + (off ? " " + off + " is switched off in these runs: the line is its resting value, constant, " +
      "and says nothing about the case; the fit of the record beside it is no test of the model." : "") +
    Object.entries(under).map(([p, m]) => " Under " + p + ", " + m + " is switched off: its line is the resting " +
      "value, constant, and its difference from the others is the switch's.").join("");
  const link = $("csv-link");
  link.href = "/api/jobs/" + state.compareJob + "/charts/" + encodeURIComponent(name) + ".csv";
  link.setAttribute("download", "");
  link.hidden = false;
  FlashpointCharts.drawSpec(box, spec, $("view").value).then(() => {
    box.dataset.drawn = "true";
    box.dataset.indicator = name;
    box.dataset.view = $("view").value;
  });
}

function drawFit() {
  const result = state.compare;
  const pols = result.policies;
  const head = $("fit-table").querySelector("thead tr");
  head.replaceChildren(el("th", { text: "Indicator" }), el("th", { text: "Days" }), el("th", { text: "Sourced count" }),
    el("th", { text: "Reliability" }), ...pols.map((p) => el("th", { text: p + ": 90% band" +
      (p !== "historical" ? " (counterfactual: no test)" : "") })));
  const rows = {};
  const record = {};
  for (const [name, spec] of Object.entries(result.charts)) {
    for (const r of spec.record.concat(spec.record_left_off || [])) record[name + countKey(r)] = r;
  }
  pols.forEach((p, k) => {
    for (const f of result.fit[p]) {
      const key = f.indicator + countKey(f);
      rows[key] = rows[key] || { f, cells: [] };
      rows[key].cells[k] = f;
    }
  });
  const tbody = $("fit-table").querySelector("tbody");
  const list = Object.entries(rows);
  if (!list.length) {
    tbody.replaceChildren(el("tr", {}, el("td", { colspan: 4 + pols.length, class: "hint",
      text: "The scenario's record has no sourced counts inside the simulated period." })));
  } else {
    const shown = list.map(([, row]) => row.f);
    tbody.replaceChildren(...list.map(([key, { f, cells }]) => {
      const r = record[key] || f;      // a sum of breakdowns ("a+b") has no chart of its own: the row says
      const src = r.source ? r.source.split(" ; ").map(safeLink).filter(Boolean) : [];
      return el("tr", { "data-inside": cells.map((c) => c && c.inside).join(",") },
        el("td", { text: f.indicator.replaceAll("attacks_on_foreign_forces", "attacks") + countsWord(f, shown) }),
        el("td", { class: "num", text: f.start + " – " + f.end }),
        el("td", {}, el("strong", { text: f.count + (f.count.startsWith(f.hedge) || f.hedge === "=" || f.hedge === "~"
          ? "" : " (read as " + f.hedge.replace(">=", "≥").replace("<=", "≤") + f.observed + ")") }), ...src.flatMap((a) => [" ", a])),
        el("td", { text: r.reliability || "" }),
        ...cells.map((c) => el("td", { class: "num " + (c.inside ? "inside" : "outside"),
          text: fmt(c.q05) + " – " + fmt(c.q95) + (c.inside ? "  ✓ inside" : "  ✗ outside") +
            (c.by_absence ? " (force absent)" : c.by_schedule ? " (by the schedule)" :
              c.past_bound ? " (by its bound alone)" : "") })));
    }));
  }
  const ref = result.fit[pols[0]];
  const inside = ref.filter((f) => f.inside).length;
  const held = ref.filter((f) => f.by_schedule && f.inside).length, lost = ref.filter((f) => f.by_schedule && !f.inside).length;
  const bounds = ref.filter((f) => f.past_bound).length;
  const made = [[held, "held"], [lost, "missed"]].filter(([n]) => n).map(([n, w]) => n + " " + w).join(" and ");
  $("fit-summary").textContent = pols[0] + ": " + inside + " of " + ref.length + " sourced counts lie inside the model's 90% band of the total over their own days" +
    " (every indicator's counts; the chart's caption counts its indicator's)" +
    (made ? " (" + (held + lost) + " of them decided by the schedule's own entries: " + made + " by construction)" : "") +
    (bounds ? "; " + bounds + " of them " + (bounds === 1 ? "a bound" : "bounds") + " (at least, at most) the whole band " +
      "passes by more than twice: held by the hedge alone, not matched" : "") +
    (ref.length - inside ? "; outside: " + ref.filter((f) => !f.inside).map((f) => f.indicator.replaceAll("attacks_on_foreign_forces", "attacks") + " " + f.start + "–" + f.end + " " + f.count).join("; ") : "") + "." +
    (result.reporting_note ? " Note: " + result.reporting_note + "." : "") + counterfactualNote(pols[0]) +
    // the record's counts laid beside no band, as `flashpoint run` names them (a held-out case's went unsaid)
    ((result.left_out || []).length ? " " + result.left_out.length + " of the record's counts are in no row here: " +
      result.left_out.map((x) => "counts.csv line " + x.line + " (" + x.why + ")").join("; ") + "." : "");
}

// A counterfactual's runs beside the record are no test of the fit (as `flashpoint run` says): the record is what
// happened. Every scenario has a policy "historical" (the server refuses one without).
function counterfactualNote(policy) {
  return policy !== "historical" ? " These runs are under " + policy + ", not historical: the record " +
    "is what happened, laid beside a counterfactual to show how far it departs, not a test of the model's fit." : "";
}

function drawSeriesFit() {
  // each value of the record's observed series (troops, seats, a spoiler's attacks) against each policy's band
  const result = state.compare;
  const pols = result.policies;
  const per = result.series_fit || {};
  const ref = per[pols[0]] || [];
  $("series-fit").hidden = !ref.length;
  if (!ref.length) return;
  const head = $("series-fit-table").querySelector("thead tr");
  head.replaceChildren(...["Series", "Indicator", "Days", "Value", "Reliability"].map((t) => el("th", { text: t })),
    ...pols.map((p) => el("th", { text: p + ": 90% band" + (p !== "historical" ? " (counterfactual: no test)" : "") })));
  $("series-fit-table").querySelector("tbody").replaceChildren(...ref.map((f, i) =>
    el("tr", { "data-inside": pols.map((p) => (per[p] || [])[i] && per[p][i].inside).join(",") },
      el("td", { text: f.series }), el("td", { text: f.indicator }),
      el("td", { class: "num", text: f.start === f.end ? f.start : f.start + " – " + f.end }),
      el("td", { text: f.count + " " + f.unit }), el("td", { text: f.reliability }),
      ...pols.map((p) => {
        const c = (per[p] || [])[i];
        return el("td", { class: "num " + (c && c.inside ? "inside" : "outside"), text: c ? fmt(c.q05) + " – " +
          fmt(c.q95) + (c.inside ? "  ✓ inside" : "  ✗ outside") + (c.by_schedule ? " (fixed)" : "") : "" });
      }))));
  const inside = ref.filter((f) => f.inside).length;
  const fixed = ref.filter((f) => f.by_schedule).length;
  $("series-fit-summary").textContent = pols[0] + ": " + inside + " of " + ref.length + " values of the record's " +
    "series lie inside the model's 90% band, read as the calibration reads them" + (fixed ? " (" + fixed +
    " of them fixed: every run gives the same value, as the schedule sets it)" : "") + (ref.length - inside ?
    "; outside: " + ref.filter((f) => !f.inside).map((f) => f.series + " " + f.start + " " + f.count + " " + f.unit)
      .join("; ") : "") + ".";
}

// the record's regime patterns (its `patterns:`): each one's window and bounds and, per policy, the share of runs
// holding it, with the caveats `flashpoint run` prints (a count's total or a state's mean; by construction where a
// party is absent over the whole window; all of them together; a counterfactual is no test)
function drawPatterns() {
  const result = state.compare;
  const pols = result.policies;
  const per = result.patterns || {};
  const ref = (per[pols[0]] || {}).each || [];
  $("patterns").hidden = !ref.length;
  if (!ref.length) return;
  const pct = (x) => (100 * x).toFixed(1) + "%";
  const head = $("patterns-table").querySelector("thead tr");
  head.replaceChildren(...["Pattern", "Indicator", "Days", "Record"].map((t) => el("th", { text: t })),
    ...pols.map((p) => el("th", { text: p + ": runs that hold it" +
      (p !== "historical" ? " (counterfactual: no test)" : "") })));
  $("patterns-table").querySelector("tbody").replaceChildren(...ref.map((f, i) =>
    el("tr", { "data-id": f.id },
      el("td", { text: f.id }), el("td", { text: f.indicator }),
      el("td", { class: "num", text: f.start + " – " + f.end }),
      el("td", { text: f.reads + " " + [f.low !== null && f.low !== undefined ? "≥ " + fmt(f.low) : "",
        f.high !== null && f.high !== undefined ? "≤ " + fmt(f.high) : ""].filter(Boolean).join(" and ") }),
      ...pols.map((p) => {
        const c = ((per[p] || {}).each || [])[i];
        const gone = c && c.absent && c.absent.length
          ? " (by construction: none of " + c.absent.join(", ") + " there)" : "";
        return el("td", { class: "num", "data-share": c ? String(c.share) : "", text: c ? pct(c.share) + gone : "" });
      }))));
  $("patterns-summary").textContent = "The record's regime patterns: " + pols.map((p) => p + ": " +
    pct((per[p] || {}).together || 0) + " of runs hold all " + ref.length + " together").join("; ") + ". A count's " +
    "pattern bounds its total over the days, a state's its mean over them." + counterfactualNote(pols[0]);
}

// policy -> mechanism, for an indicator only some of the compared policies switch off (as `flashpoint compare`)
function offUnder(result, which) {
  return (result.switched_off_under || {})[which] || {};
}

function drawTotals() {
  const result = state.compare;
  const name = $("indicator").value;
  const tbody = $("totals").querySelector("tbody");
  // the whole indicator, else its parent, else (an indicator kept per party) each of its parts
  const which = result.indicators[name] ? name : name.split(".")[0];
  const parts = result.indicators[which] ? [which]
    : Object.keys(result.indicators).filter((k) => k.startsWith(which + "."));
  if (!parts.length) {
    $("totals").querySelector("thead th").textContent = "Policy (the page keeps no totals of " + name + ")";
    tbody.replaceChildren();
    return;
  }
  const ind = result.indicators[parts[0]];
  const off = (result.switched_off || {})[which];
  const whole = which === name ? "" : " · all of it: the page keeps totals of whole indicators, not of " + name;
  const split = parts.length > 1 ? " · one row per " + which.split("_by_").pop() : "";
  // the targets no foreign party holds that it counts too, as the CLI says (a held-out analyst's host army)
  const unheld = ((result.charts[which] || {}).unheld_targets || []);
  const also = unheld.length ? " with " + unheld.join(", ") + ", held by no foreign party" : "";
  $("totals").querySelector("thead th").textContent = "Policy (" + which + also + ", " + ind.unit + (ind.kind === "count" ? ", summed" : ", mean") +
    " over " + result.window[0] + " to " + result.window[1] + ")" + whole + split + (off ? " · " + off + " switched off: constant" : "");
  $("totals").dataset.switchedOff = off || "";
  const under = offUnder(result, which);
  tbody.replaceChildren(...parts.flatMap((part) => result.policies.map((p, i) => {
    const t = result.indicators[part].per_policy[p];
    const d = result.indicators[part].vs_first[p];
    const label = (parts.length > 1 ? p + " · " + part.slice(which.length + 1) : p) +
      (under[p] ? " (" + under[p] + " switched off: constant)" : "");
    return el("tr", {},
      el("td", { text: label }),
      el("td", { class: "num", text: fmt(t.mean) }),
      el("td", { class: "num", text: fmt(t.q05) + " – " + fmt(t.q95) }),
      el("td", { class: "num", text: i === 0 ? "(first)" : fmt(d.mean_diff) + "  [" + fmt(d.q05) + ", " + fmt(d.q95) + "]" }),
      el("td", { class: "num", text: i === 0 ? "" : (100 * d.p_positive).toFixed(1) + "%" }));
  })));
}

const VERDICT_CLASS = { "supported": "supported", "not supported": "not-supported", "undecided": "undecided",
  "decided by the model's structure": "structural" };

function auditCell(c) {
  if (c.structural === null || c.structural === undefined) return el("td", { class: "hint", text: "not run" });
  const range = "expected difference " + fmt(c.sign_range[0]) + " .. " + fmt(c.sign_range[1]) + " over the ranges" +
    (c.audit && c.audit.at_defaults ? ", " + fmt(c.audit.at_defaults.mean) + " at the defaults" : "");
  return el("td", { class: "audit-cell", "data-structural": String(c.structural) },
    // not structural: the parameters' values decide the sign, which the record informs only through a posterior
    // (docs/claims.md section 4; "answered by the data" overstated it where no count or posterior bore on it)
    el("span", { class: "verdict " + (c.structural ? "structural" : "supported"),
      // a schedule link's claim: the user's own link decides it, not the model's structure (a held-out analyst);
      // a schedule's whose sign a one-signed effect's declared range gives: that declaration (held-out designers)
      text: c.structural ? (c.under[c.parameters] && c.under[c.parameters].verdict_words !== c.verdict
        ? c.under[c.parameters].verdict_words : "decided by the structure")
        : "not decided by the structure: the parameters' values decide it" }),
    el("span", { class: "reason", text: range }));
}

// the record's counts in a claim's window beside its historical runs: the sentence the CLI prints (claims.py)
const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function drawClaims(result) {
  const sets = result.parameter_sets || [result.parameters];
  const audited = result.claims.some((c) => c.structural !== null && c.structural !== undefined);
  const head = $("claims-table").querySelector("thead tr");
  head.replaceChildren(...["Id", "Claim", "Compared", "Window"].map((t) => el("th", { text: t })),
    ...sets.map((p) => el("th", { text: "Under " + p + ": probability, verdict" })),
    el("th", { text: "Structure audit" }));
  const tbody = $("claims-table").querySelector("tbody");
  tbody.replaceChildren(...result.claims.map((c) => {
    return el("tr", { "data-claim": c.id },
      el("td", { text: c.id }),
      el("td", {}, c.statement, el("span", { class: "reason",
        text: c.indicator + ": " + c.comparison })),
      el("td", { text: c.policy + " vs " + c.baseline }),
      el("td", { class: "num", text: c.window[0] + " – " + c.window[1] }),
      ...sets.map((p, i) => {
        const v = c.under[p];
        return el("td", { class: "verdict-cell", "data-parameters": p },
          el("span", { class: "num", text: v.probability.toFixed(3) + " " + intervalWords(v.probability_interval) + " " }),
          // in the words the command line gives it: a schedule link's claim is "decided by the schedule link
          // X.requires", not by the model's structure (a held-out analyst's ceasefire link)
          el("span", { class: "verdict " + (VERDICT_CLASS[v.verdict] || ""), text: v.verdict_words || v.verdict }),
          // beside the verdict, where it is read, the words the command line's table writes there ("(structure not
          // audited)", "(at these values only)"), decided in Python (a held-out teacher read "supported" for a
          // withdrawal's by-construction claim here, the general note above the table unread)
          // and on tied pairs (a held-out teacher read a green "supported" where no pair differed)
          v.ties ? el("span", { class: "ties", text: " (" + v.ties + ")" }) : null,
          v.caveat ? el("span", { class: "unaudited" + (c.held_at_these_values ? " values-only" : ""),
                                  text: " (" + v.caveat + ")" }) : null,
          i === 0 ? el("span", { class: "reason", text: c.reason }) : null,
          i === 0 && c.record_in_window ? el("span", { class: "reason record-window", text: capitalized(c.record_in_window.text) + "." }) : null,
          // the claim's own notes, as the command line prints them under its table (a held-out journalist's page
          // showed a shift claim "not supported" without the note that the model turns no attacks between targets)
          ...(i === 0 ? (c.notes || []) : []).map((n) => el("span", { class: "reason claim-note", text: capitalized(n) + "." })));
      }),
      auditCell(c));
  }));
  $("claims-table").dataset.runs = String(result.runs);
  $("claims-table").dataset.audited = String(audited);
  const ceiling = ceilingNote(result.at_ceiling);
  $("claims-ceiling").textContent = ceiling.trim() + (ceiling ? " The verdicts rest on those runs." : "");
  $("claims-ceiling").hidden = !ceiling;
  // what the command line prints under its table: the answer's own notes (a held-out designer found the page
  // showing none: what a posterior's interval leaves out, robustness not computed here, a small audit)
  const notes = [result.note, result.interval_note].filter(Boolean).map((n) => capitalized(n.trim()));
  $("claims-notes").replaceChildren(...notes.map((n) => el("span", { class: "reason", text: n.endsWith(".") ? n : n + "." })));
  $("claims-notes").hidden = !notes.length;
}

function clearClaims(why) {
  // a refused or failed claims job leaves no earlier run's verdicts on screen under these settings (a held-out
  // tester read a 100-run table under "170 runs")
  const columns = String($("claims-table").querySelectorAll("thead th").length || 6);
  $("claims-table").querySelector("tbody").replaceChildren(el("tr", {}, el("td", { colspan: columns, class: "error",
    text: "No claims for these settings: " + why })));
  $("claims-ceiling").hidden = true;
  $("claims-notes").hidden = true;
}

async function loadEvaluations() {
  const area = $("forecast-area");
  try {
    const found = await api("/api/evaluations");
    if (!found.evaluations.length) {
      area.replaceChildren(el("p", { class: "hint", id: "forecast-message", text: found.message || "no evaluation available" }));
      return;
    }
    area.replaceChildren(el("div", { class: "table-wrap" }, el("table", { class: "data" },
      el("thead", {}, el("tr", {}, ...Object.keys(found.evaluations[0]).map((k) => el("th", { text: k })))),
      el("tbody", {}, ...found.evaluations.map((e) => el("tr", {}, ...Object.values(e).map((v) =>
        el("td", { text: typeof v === "number" ? fmt(v) : String(v) }))))))));
  } catch (e) {
    area.replaceChildren(el("p", { class: "error", text: e.message }));
  }
}

// -- start -----------------------------------------------------------------------------------------
async function start() {
  const wanted = readURL();
  for (const key of ["runs", "seed"]) if (wanted[key]) $(key).value = wanted[key];
  // a number field empties itself of text that is no number: say so rather than run something else
  const notNumbers = ["runs", "seed"].filter((k) => wanted[k] && $(k).value !== wanted[k])
    .map((k) => k + "=" + wanted[k] + " (not a number)").concat(wanted.badSet);
  $("audit").checked = wanted.audit;
  if (wanted.view === "panels" || wanted.view === "overlay") $("view").value = wanted.view;
  $("run-form").addEventListener("submit", run);
  window.addEventListener("popstate", () => location.reload());   // Back and Forward: the view that link shows
  $("cancel-button").addEventListener("click", cancel);
  // a view that goes (a reload, a closed tab) lets go of the jobs it follows, so that Cancel in another view of
  // the same settings is not told this one still follows them (a held-out tester's reload left such a phantom)
  window.addEventListener("pagehide", () => {
    for (const id of Object.values(state.jobs)) fetch("/api/jobs/" + id, { method: "DELETE", keepalive: true });
  });
  $("link-button").addEventListener("click", async () => {
    writeURL();
    const note = $("link-note");
    try { await navigator.clipboard.writeText(location.href); note.textContent = "Link copied: " + location.href; }
    catch (e) { note.textContent = "This view's link: " + location.href; }
    note.hidden = false;
  });
  $("scenario").addEventListener("change", (e) => chooseScenario(e.target.value).then(() => {
    setEventFilters({}, state.scenario.record);       // the new scenario's own record
    writeURL();
    return firstEventPage();
  }));
  $("policy").addEventListener("change", () => { drawOverlays(checkedOverlays()); drawParameters(); writeURL(); markStale(); });
  $("overlay-list").addEventListener("change", () => { drawParameters(); writeURL(); markStale(); });
  for (const key of ["runs", "seed"]) {
    $(key).addEventListener("input", markStale);
    // a refusal of the last value is not one of the new (a held-out user read "at most 20000" under an empty field)
    $(key).addEventListener("input", () => { $("form-error").hidden = true; });
    $(key).addEventListener("change", writeURL);   // as every other control writes it (a held-out tester's seed did not)
  }
  $("reset-parameters").addEventListener("click", () => {
    state.overrides = {}; state.droppedLocked = null; drawParameters(); scheduleRun();
  });
  const redraw = () => { describeIndicator(); writeURL(); if (state.compare) { drawCharts(); drawTotals(); } };
  $("indicator").addEventListener("change", redraw);
  $("view").addEventListener("change", redraw);
  $("parameter-set").addEventListener("change", () => { drawParameters(); writeURL(); scheduleRun(); });
  $("audit").addEventListener("change", () => { writeURL(); scheduleRun(); });
  startEvents();
  try {
    const [available] = await Promise.all([loadScenarios(wanted), loadFacets()]);
    $("run-button").disabled = false;     // only now is there a scenario to run (a click before it was lost)
    setEventFilters(wanted.events, state.scenario.record);
    await Promise.all([loadEvents(), loadEvaluations()]);
    document.body.dataset.ready = "true";
    if (notNumbers.length) {
      $("form-error").textContent = "This link cannot be read as written: " + notNumbers.join("; ") + ". Nothing was run.";
      $("form-error").hidden = false;
    } else if (location.search.length > 1 && available) run();  // a shared link: show what it showed
  } catch (e) {
    $("form-error").textContent = "The page could not load its data: " + e.message;
    $("form-error").hidden = false;
  }
}

document.addEventListener("DOMContentLoaded", start);

// "[lo, hi]" rounded outward (low down, high up) to 3 decimals, so the printed interval holds the computed one, as
// the command line prints it (a held-out tester's table read [0.000, 0.009] where the JSON had [0.0, 0.0095])
function intervalWords([lo, hi]) {
  const down = Math.floor(Math.round(lo * 1e12) / 1e9) / 1e3, up = Math.ceil(Math.round(hi * 1e12) / 1e9) / 1e3;
  return "[" + down.toFixed(3) + ", " + up.toFixed(3) + "]";
}
