// The event browser: filters, a page of events (by cursor: each page's next_cursor), who an event
// was attributed to where the attacker is not known, and links to its sources. It shows the chosen
// scenario's own record (its dataset) unless the user picks another; the filters are part of the link.
// A scenario whose record the store does not hold (a folder of its own, or none) starts on NO_RECORD: no
// events, and why; never another case's (a held-out historian's own scenario listed a built-in's events).
"use strict";

//: the dataset menu's value for "this scenario's record, which the store does not hold": no events are asked for
const NO_RECORD = "-";

const eventPages = { cursors: [null], page: 0, limit: 25, asked: 0 };   // asked: requests made (a late answer to an
                                                                        // earlier one is dropped)
//: URL key -> filter control
const EVENT_FILTERS = { ev_dataset: "ev-dataset", ev_actor: "ev-actor", ev_type: "ev-type", ev_mode: "ev-mode",
                        ev_from: "ev-start", ev_to: "ev-end" };

async function loadFacets() {
  const facets = await api("/api/events/facets");
  eventPages.actors = facets.actors;
  $("ev-dataset").append(...facets.datasets.map((d) => el("option", { value: d, text: d })));
  actorOptions();
  $("ev-type").append(...facets.plover_types.map((t) => el("option", { value: t, text: t })));
  $("ev-mode").append(...facets.modes.map((m) => el("option", { value: m, text: m.replace("_", " ") })));
}

async function loadEvents() {
  const own = $("ev-dataset").value === NO_RECORD;
  $("ev-own").hidden = !(own && state.scenario && state.scenario.record_events);
  if (own) return noRecord();
  const params = new URLSearchParams();
  const add = (k, v) => { if (v) params.set(k, v); };
  add("dataset", $("ev-dataset").value);
  add("actor", $("ev-actor").value);
  add("plover_type", $("ev-type").value);
  add("mode", $("ev-mode").value);
  add("start", $("ev-start").value);
  add("end", $("ev-end").value);
  params.set("limit", eventPages.limit);
  add("cursor", eventPages.cursors[eventPages.page]);
  const tbody = $("events-table").querySelector("tbody");
  const asked = ++eventPages.asked;
  // no paging while a page loads: a click before it arrives would ask for a page whose cursor a new
  // filter has just reset, and show the first page again under the next page's label
  const pager = document.activeElement && ["ev-prev", "ev-next"].includes(document.activeElement.id)
    ? document.activeElement.id : null;       // disabled while loading, a focused button dropped the focus to the page
  $("ev-prev").disabled = $("ev-next").disabled = true;
  try {
    const page = await api("/api/events?" + params.toString());
    if (asked !== eventPages.asked) return;
    $("ev-source").textContent = "From the " + page.source + ".";
    tbody.replaceChildren(...page.events.map((e) => el("tr", {},
      el("td", { text: e.date + (e.date_precision && e.date_precision !== "day" ? " (" + e.date_precision + ")" : "") }),
      el("td", {}, (e.source_actor || "?") + " → " + (e.target_actor || "?"),
        e.attribution ? el("span", { class: "reason attribution", text: "attributed to: " + e.attribution }) : null),
      el("td", { text: e.plover_type || "" }),
      el("td", { text: e.mode ? e.mode.replace("_", " ") : "" }),
      el("td", { class: "num", text: e.killed === null ? "" : e.killed }),
      el("td", { class: "num", text: e.wounded === null ? "" : e.wounded }),
      el("td", { text: e.location || "" }),
      el("td", { class: "summary", text: e.summary || "" }),
      el("td", { class: "sources" }, ...(e.sources || []).map(safeLink).filter(Boolean).flatMap((a, i) => i ? [el("br"), a] : [a])))));
    if (page.events.length === 0) tbody.append(el("tr", {}, el("td", { colspan: 9, class: "hint", text: "No event matches these filters." })));
    const first = eventPages.page * eventPages.limit + 1;
    $("ev-range").textContent = page.events.length ? "events " + first + "–" + (first + page.events.length - 1) + (page.has_more ? " (more follow)" : "") : "";
    eventPages.cursors[eventPages.page + 1] = page.next_cursor;
    $("ev-prev").disabled = eventPages.page === 0;
    $("ev-next").disabled = !page.next_cursor;
    if (pager) {                              // back on the button pressed, or the other one at the last page
      const back = !$(pager).disabled ? $(pager) : [$("ev-prev"), $("ev-next")].find((b) => !b.disabled);
      if (back) back.focus();
    }
  } catch (e) {
    if (asked !== eventPages.asked) return;
    tbody.replaceChildren(el("tr", {}, el("td", { colspan: 9, class: "error", text: e.message })));
  }
}

// The scenario's record is not in the store: no events (the store's are other cases'), and why.
function noRecord() {
  ++eventPages.asked;                          // an answer still on its way is not shown over this
  const sc = state.scenario || {};
  const why = sc.record_events
    ? "this scenario's record is a folder of its own, whose dated events are not in the event store (see below)"
    : sc.record_folder ? "this scenario's record is a folder of its own with no dated events (no events.csv: its " +
      "counts and series are drawn on the charts)" : "this scenario names no record";
  $("ev-source").textContent = "No events: " + why + ". The store's datasets are other cases' records: " +
    "pick one under Dataset to browse it.";
  $("events-table").querySelector("tbody").replaceChildren(el("tr", {}, el("td", { colspan: 9, class: "hint",
    text: "No events of this scenario's record in the event store." })));
  $("ev-range").textContent = "";
  $("ev-prev").disabled = $("ev-next").disabled = true;
}

// an actor as the chosen dataset's record names it; with none chosen, as each record does, with the record's name
// (a held-out case's patron read "forces in Iraq": a shipped record's label, not its scenario's)
function actorLabel(a, dataset) {
  const labels = a.labels || {};
  if (labels[dataset]) return labels[dataset];
  const records = Object.keys(labels);
  return records.length ? records.map((r) => labels[r] + " [" + r + "]").join("; ") : a.label;
}

// the actors of the chosen dataset's record (all of them, for every dataset or one without an actors
// table), each named as that record names it: one actor may be labelled for another theatre elsewhere
function actorOptions() {
  const dataset = $("ev-dataset").value;
  const chosen = $("ev-actor").value;
  const mine = eventPages.actors.filter((a) => a.records.includes(dataset));
  const shown = dataset && mine.length ? mine : eventPages.actors;
  $("ev-actor").replaceChildren(el("option", { value: "", text: "any" }),
    ...shown.map((a) => {       // an imported file's name as written is its own label
      const label = actorLabel(a, dataset);
      return el("option", { value: a.id, text: label && label !== a.id ? a.id + " – " + label : a.id });
    }));
  if (shown.some((a) => a.id === chosen)) $("ev-actor").value = chosen;
}

// A link's filters (keys of EVENT_FILTERS); the dataset defaults to the scenario's record, or to NO_RECORD where
// the store does not hold it (offered only then). A value the page does not offer is said, not dropped unseen.
function setEventFilters(wanted, record) {
  const unknown = [];
  const menu = $("ev-dataset");
  const none = menu.querySelector("option[data-no-record]");
  if (none) none.remove();
  if (!record) {
    const text = state.scenario && state.scenario.record_folder ? "none: this scenario's record is not in the store"
      : "none: this scenario has no record";
    menu.insertBefore(el("option", { value: NO_RECORD, "data-no-record": "", text }), menu.options[1] || null);
  }
  record = record || NO_RECORD;
  for (const [key, id] of Object.entries(EVENT_FILTERS)) {
    if (key === "ev_actor") actorOptions();          // the dataset, set first, decides the actors offered
    const value = wanted[key] !== undefined ? wanted[key] : (key === "ev_dataset" ? record || "" : "");
    $(id).value = value;
    if ($(id).value !== value) { unknown.push(key + "=" + value); $(id).value = ""; }
  }
  $("ev-unknown").textContent = unknown.length ? "Not offered here, so left out of the event filters: " + unknown.join(", ") : "";
  $("ev-unknown").hidden = !unknown.length;
}

function eventQuery(q) {
  for (const [key, id] of Object.entries(EVENT_FILTERS)) if ($(id).value) q.set(key, $(id).value);
  // "any dataset" is no scenario's default (its record, or NO_RECORD): kept in the link as an empty value, or a
  // reload went back to the record (a held-out tester)
  if (!$(EVENT_FILTERS.ev_dataset).value && state.scenario) q.set("ev_dataset", "");
}

function firstEventPage() {
  eventPages.cursors = [null];
  eventPages.page = 0;
  return loadEvents();
}

function startEvents() {
  $("event-form").addEventListener("submit", (e) => { e.preventDefault(); writeURL(); firstEventPage(); });
  // a filter applies as soon as it changes: paging never mixes the shown filters with those last applied
  $("ev-dataset").addEventListener("change", actorOptions);
  for (const id of Object.values(EVENT_FILTERS)) $(id).addEventListener("change", () => { writeURL(); firstEventPage(); });
  $("ev-prev").addEventListener("click", () => { eventPages.page = Math.max(0, eventPages.page - 1); loadEvents(); });
  $("ev-next").addEventListener("click", () => { eventPages.page += 1; loadEvents(); });
}
