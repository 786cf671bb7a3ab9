// The classroom page: sliders -> POST /api/simulate (debounced) -> charts animated month 0 to 24.
// Plain JS, no framework; Chart.js (from npm) draws the lines. The server (sim/classroom/serve.cpp,
// sim/classroom/classroom_api.cpp) runs the real engine; this file only asks and shows.
"use strict";

const COLOURS = { A: "#0072B2", B: "#009E73", C: "#E69F00", D: "#882255" };
const CLASS_NAMES = { A: "avoidant", B: "secure", C: "resistant", D: "disorganized" };
const GREY = "#777777";
const MONTHS = 24;
const DEFAULT_SEED = 20261128;

// State-of-mind mixes (shares of autonomous F, dismissing Ds, preoccupied E, unresolved U). "typical"
// is the model's normative default; each "mostly" preset gives that category 70-75%.
const PRESETS = {
  typical: { F: 0.552, Ds: 0.196, E: 0.104, U: 0.148 },
  autonomous: { F: 0.80, Ds: 0.09, E: 0.05, U: 0.06 },
  dismissing: { F: 0.15, Ds: 0.70, E: 0.05, U: 0.10 },
  preoccupied: { F: 0.15, Ds: 0.05, E: 0.70, U: 0.10 },
  unresolved: { F: 0.16, Ds: 0.06, E: 0.03, U: 0.75 },
};
const SOM_LABELS = { F: "autonomous", Ds: "dismissing", E: "preoccupied", U: "unresolved" };
const SOM_COLOURS = { F: COLOURS.B, Ds: COLOURS.A, E: COLOURS.C, U: COLOURS.D };

const $ = (id) => document.getElementById(id);
const pct = (x) => `${Math.round(100 * x)}%`;

const state = {
  som: { ...PRESETS.typical },
  seed: DEFAULT_SEED,
  result: null,
  month: MONTHS,
  playing: null,
  debounce: null,
  inFlight: false,
  again: false,
  generation: 0,
  charts: {},
};

// ---- settings -----------------------------------------------------------------------------------

function round4(x) { return Math.round(x * 10000) / 10000; }

function settings() {
  const som = state.som;
  const start = Number($("start").value);
  const s = {
    "run.dyads": Number($("dyads").value),
    "run.seed": state.seed,
    "caregiver.sensitivity_mean": Number($("sensitivity").value),
    "state_of_mind.share_F": round4(som.F),
    "state_of_mind.share_Ds": round4(som.Ds),
    "state_of_mind.share_E": round4(som.E),
    "depression.onset_per_year": Number($("depression").value),
    "risk.violence_share": Number($("violence").value),
    "chaos_support.missed_bids": Number($("chaos").value),
    "program.type": $("program").value,
    "program.start_months": start,
    "program.end_months": start + 3,
    "program.sessions": Number($("sessions").value),
  };
  // The four shares must sum to 1: the last one takes what rounding left over.
  s["state_of_mind.share_U"] = round4(1 - s["state_of_mind.share_F"] - s["state_of_mind.share_Ds"] - s["state_of_mind.share_E"]);
  return s;
}

function showValues() {
  const sens = Number($("sensitivity").value);
  $("sensitivity-out").textContent = `${sens.toFixed(2)} ${sens >= 0.7 ? "(high)" : sens <= 0.4 ? "(low)" : "(typical)"}`;
  $("unresolved-out").textContent = pct(state.som.U);
  $("depression-out").textContent = `${Number($("depression").value).toFixed(2)} / year`;
  $("violence-out").textContent = pct(Number($("violence").value));
  $("chaos-out").textContent = pct(Number($("chaos").value));
  const start = Number($("start").value);
  $("start-out").textContent = `${start} (to ${start + 3})`;
  $("sessions-out").textContent = $("sessions").value;
  $("dyads-out").textContent = `${$("dyads").value} babies`;
  const off = $("program").value === "none";
  $("start").disabled = off;
  $("sessions").disabled = off;
  $("som-bar").innerHTML = ["F", "Ds", "E", "U"]
    .map((k) => `<span style="width:${100 * state.som[k]}%;background:${SOM_COLOURS[k]}" title="${SOM_LABELS[k]}">${state.som[k] >= 0.12 ? SOM_LABELS[k] : ""}</span>`)
    .join("");
}

function choosePreset(name) {
  state.som = { ...PRESETS[name] };
  $("unresolved").value = state.som.U;
  for (const b of document.querySelectorAll("#som-presets button")) b.classList.toggle("active", b.dataset.preset === name);
  changed();
}

// The unresolved slider keeps the other three in the proportions they had.
function setUnresolved(u) {
  const rest = state.som.F + state.som.Ds + state.som.E;
  const scale = rest > 0 ? (1 - u) / rest : 0;
  state.som = rest > 0 ? { F: state.som.F * scale, Ds: state.som.Ds * scale, E: state.som.E * scale, U: u }
                       : { F: 1 - u, Ds: 0, E: 0, U: u };
  for (const b of document.querySelectorAll("#som-presets button")) b.classList.remove("active");
  changed();
}

// ---- talking to the server ----------------------------------------------------------------------

function setState(name, text) {
  document.body.dataset.state = name;
  $("status").textContent = text;
}

function changed() {
  showValues();
  setState("busy", "Simulating…");
  clearTimeout(state.debounce);
  state.debounce = setTimeout(simulate, 350);
}

async function simulate() {
  state.debounce = null;
  if (state.inFlight) { state.again = true; return; }
  state.inFlight = true;
  const body = JSON.stringify({ settings: settings() });
  try {
    const response = await fetch("api/simulate", { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const data = await response.json().catch(() => ({ error: `the server answered ${response.status} without JSON` }));
    if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
    if (!state.again && !state.debounce) {
      $("error").hidden = true;
      state.result = data;
      render();
      state.generation += 1;
      document.body.dataset.generation = String(state.generation);
      setState("ready", `${data.dyads} babies simulated in ${data.wall_seconds.toFixed(1)} s`);
    }
  } catch (e) {
    if (!state.again && !state.debounce) {
      $("error").textContent = `These settings cannot be simulated:\n${e.message}`;
      $("error").hidden = false;
      setState("error", "Error: see above");
    }
  } finally {
    state.inFlight = false;
    if (state.again) { state.again = false; simulate(); }
  }
}

// ---- drawing ------------------------------------------------------------------------------------

const hasCharts = typeof Chart !== "undefined";

function lineChart(canvas, datasets, yTitle, yMax) {
  return new Chart(canvas, {
    type: "line",
    data: { labels: Array.from({ length: MONTHS + 1 }, (_, i) => i), datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      spanGaps: false,
      elements: { point: { radius: 0 }, line: { borderWidth: 4, tension: 0.25 } },
      scales: {
        x: { min: 0, max: MONTHS, title: { display: true, text: "age in months" }, ticks: { stepSize: 3, autoSkip: false,
             callback: (v) => (v % 3 === 0 ? v : "") } },
        y: { min: 0, max: yMax, title: { display: true, text: yTitle },
             ticks: { callback: (v) => (yMax === 1 ? `${Math.round(v * 100)}%` : v) } },
      },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 22, padding: 12 } }, tooltip: { enabled: true } },
    },
  });
}

function makeCharts() {
  if (!hasCharts) return;
  Chart.defaults.font.size = 15;
  Chart.defaults.font.family = '"DejaVu Sans", "Segoe UI", Arial, sans-serif';
  Chart.defaults.color = "#222";
  state.charts.pattern = lineChart($("pattern-chart"), [
    { label: "cries directly for help", borderColor: COLOURS.B, backgroundColor: COLOURS.B, data: [] },
    { label: "hides distress", borderColor: COLOURS.A, backgroundColor: COLOURS.A, data: [] },
    { label: "escalates, clings", borderColor: COLOURS.C, backgroundColor: COLOURS.C, data: [] },
    { label: "is afraid of the caregiver", borderColor: COLOURS.D, backgroundColor: COLOURS.D, borderDash: [8, 5], data: [] },
  ], "share of babies", 1);
  state.charts.infant = lineChart($("infant-chart"), [
    { label: "expects comfort", borderColor: COLOURS.B, backgroundColor: COLOURS.B, data: [] },
    { label: "expects to be pushed away", borderColor: COLOURS.A, backgroundColor: COLOURS.A, data: [] },
    { label: "fear", borderColor: COLOURS.D, backgroundColor: COLOURS.D, data: [] },
    { label: "caregiver's sensitivity", borderColor: GREY, backgroundColor: GREY, borderDash: [6, 5], borderWidth: 3, data: [] },
  ], "0 to 1", 1);
  state.charts.classes = lineChart($("class-chart"), ["A", "B", "C", "D"].map((k) => ({
    label: k, borderColor: COLOURS[k], backgroundColor: COLOURS[k], data: [] })), "expects comfort", 1);
}

// The first `month`+1 values; the rest hidden so the lines grow as the animation plays.
function upTo(values) { return (values || []).map((v, i) => (i <= state.month ? v : null)); }

function renderPattern() {
  const p = state.result.pattern;
  if (!state.charts.pattern) return;
  const sets = state.charts.pattern.data.datasets;
  sets[0].data = upTo(p.direct);
  sets[1].data = upTo(p.suppress);
  sets[2].data = upTo(p.escalate);
  sets[3].data = upTo(p.fear_above_half);
  state.charts.pattern.update();
}

function renderStrangeSituation() {
  const rows = state.result.strange_situation.map((ssp) => {
    const age = ssp.age_months;
    const shown = state.month >= age;
    const segments = ["A", "B", "C", "D"].map((k) => {
      const s = ssp.shares[k];
      const label = s.share >= 0.11 ? `${k} ${pct(s.share)}<small>${Math.round(100 * s.low)}–${Math.round(100 * s.high)}%</small>`
                  : s.share >= 0.05 ? `${k}<small>${pct(s.share)}</small>` : "";
      return `<span class="${k}" data-class="${k}" data-share="${s.share}" data-low="${s.low}" data-high="${s.high}"
        style="width:${100 * s.share}%" title="${CLASS_NAMES[k]}: ${pct(s.share)} (95% interval ${pct(s.low)} to ${pct(s.high)})">${label}</span>`;
    }).join("");
    return `<div class="ssp-row ${shown ? "shown" : "pending"}" id="ssp-${age}">
      <div class="age">${age} months</div>
      <div class="bar">${segments}${shown ? "" : `<div class="waiting">assessed when the babies are ${age} months old</div>`}</div></div>`;
  });
  $("ssp-rows").innerHTML = rows.join("");
  const observed = (state.result.observed_sensitivity || []).map((o) => `${o.mean.toFixed(1)} at ${o.name.replace(/^sensitivity_|_mean$/g, "").replace("m", " months")}`);
  $("sensitivity-observed").dataset.first = observed.length ? String(state.result.observed_sensitivity[0].mean) : "";
  $("sensitivity-observed").textContent = observed.length
    ? `Caregiver sensitivity as an observer would rate it (1–9 scale): ${observed.join(", ")}.` : "";
}

function renderInfant() {
  const wanted = $("example-class").value;
  const examples = state.result.examples || {};
  const example = examples[wanted];
  if (!example) {
    $("infant-story").textContent = `No baby in this cohort was ${CLASS_NAMES[wanted]} (${wanted}) at 2 years: pick another.`;
    $("infant-signal").innerHTML = "";
    if (state.charts.infant) { for (const d of state.charts.infant.data.datasets) d.data = []; state.charts.infant.update(); }
    return;
  }
  const s = example.series;
  const m = state.month;
  if (state.charts.infant) {
    const sets = state.charts.infant.data.datasets;
    sets[0].data = upTo(s.iwm_availability);
    sets[1].data = upTo(s.iwm_rejection);
    sets[2].data = upTo(s.fear);
    sets[3].data = upTo(s.caregiver_sensitivity);
    state.charts.infant.update();
  }
  const direct = s.policy_direct[m], suppress = s.policy_suppress[m], escalate = s.policy_escalate[m];
  const most = direct >= suppress && direct >= escalate ? "cries directly for help"
             : suppress >= escalate ? "hides its distress" : "escalates and clings";
  const seen = Object.entries(example.classes).filter(([age]) => parseFloat(age) <= m)
    .map(([age, k]) => `${k} at ${parseFloat(age)} months`);
  $("infant-story").innerHTML = `<b>Month ${m}.</b> Baby no. ${example.dyad}${seen.length ? ` (Strange Situation: ${seen.join(", ")})` : ""}
    mostly <b>${most}</b> when very upset, and expects comfort ${pct(s.iwm_availability[m])} of the time.`;
  $("infant-signal").innerHTML = [["cries for help", direct, "B"], ["hides it", suppress, "A"], ["escalates", escalate, "C"]]
    .map(([label, p, k]) => `<span class="${k}" style="width:${100 * p}%">${p >= 0.16 ? `${label} ${pct(p)}` : p >= 0.07 ? pct(p) : ""}</span>`)
    .join("");
}

function renderClasses() {
  if (!state.charts.classes) return;
  const by = state.result.means_by_final_class;
  state.charts.classes.data.datasets.forEach((d) => {
    const group = by[d.label];
    d.data = group && group.dyads > 0 ? upTo(group.means.iwm_availability) : [];
    d.label = d.label; // keep the key; the legend text comes from generateLabels below
  });
  state.charts.classes.options.plugins.legend.labels.generateLabels = (chart) =>
    chart.data.datasets.map((d, i) => ({ text: `${d.label} ${CLASS_NAMES[d.label]} (${by[d.label] ? by[d.label].dyads : 0})`,
      fillStyle: d.borderColor, strokeStyle: d.borderColor, lineWidth: 0, datasetIndex: i, fontColor: "#222" }));
  state.charts.classes.update();
}

function render() {
  $("month").value = state.month;
  $("month-out").textContent = state.month;
  $("cohort-size").textContent = state.result ? state.result.dyads : $("dyads").value;
  if (!state.result) return;
  renderPattern();
  renderStrangeSituation();
  renderInfant();
  renderClasses();
}

// ---- the month player ---------------------------------------------------------------------------

function stop() {
  clearInterval(state.playing);
  state.playing = null;
  $("play").textContent = "▶ Play";
}

function play() {
  if (state.playing) { stop(); return; }
  if (state.month >= MONTHS) state.month = 0;
  $("play").textContent = "❚❚ Pause";
  render();
  state.playing = setInterval(() => {
    if (state.month >= MONTHS) { stop(); return; }
    state.month += 1;
    render();
  }, 450);
}

// ---- start --------------------------------------------------------------------------------------

function start() {
  const query = new URLSearchParams(location.search);
  if (query.has("dyads")) $("dyads").value = query.get("dyads");
  if (query.has("month")) state.month = Math.max(0, Math.min(MONTHS, Number(query.get("month")) || 0));
  if (!hasCharts) {
    $("error").textContent = "The charting library is missing (vendor/chart.umd.js), so the line charts are not drawn. "
      + "Install it with: npm ci --prefix <build directory>/web   (the Strange Situation results still show).";
    $("error").hidden = false;
  }
  makeCharts();
  for (const id of ["sensitivity", "depression", "violence", "chaos", "start", "sessions", "dyads"]) $(id).addEventListener("input", changed);
  $("program").addEventListener("change", changed);
  $("unresolved").addEventListener("input", () => setUnresolved(Number($("unresolved").value)));
  for (const b of document.querySelectorAll("#som-presets button")) b.addEventListener("click", () => choosePreset(b.dataset.preset));
  $("new-sample").addEventListener("click", () => { state.seed = 1 + Math.floor(Math.random() * 1e9); changed(); });
  $("reset").addEventListener("click", () => {
    for (const [id, v] of [["sensitivity", 0.6], ["depression", 0.1], ["violence", 0.07], ["chaos", 0.2], ["start", 6], ["sessions", 4]]) $(id).value = v;
    $("program").value = "none";
    state.seed = DEFAULT_SEED;
    choosePreset("typical");
  });
  $("month").addEventListener("input", () => { stop(); state.month = Number($("month").value); render(); });
  $("play").addEventListener("click", play);
  $("example-class").addEventListener("change", render);
  showValues();
  render();
  setState("busy", "Simulating…");
  simulate();
}

start();
// For the browser test and the curious: the last answer of the server.
window.classroom = { state };
