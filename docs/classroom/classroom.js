// The classroom page: settings -> window.classroomEngine.simulate (the server's or the WebAssembly
// engine: engine_server.js or engine_static.js) -> charts. Plain JS, no framework; Chart.js (from npm)
// draws the lines. Two views: birth to two years (month by month, with a player) and three linked
// generations. The numbers all come from the engine; this file asks, shows and explains.
"use strict";

const COLOURS = { A: "#0072B2", B: "#009E73", C: "#E69F00", D: "#882255" };
const CLASS_NAMES = { A: "avoidant", B: "secure", C: "resistant", D: "disorganized" };
const CLASSES = ["A", "B", "C", "D"];
const MINDS = ["F", "Ds", "E", "U"];
const MIND_NAMES = { F: "autonomous", Ds: "dismissing", E: "preoccupied", U: "unresolved" };
const MIND_COLOURS = { F: COLOURS.B, Ds: COLOURS.A, E: COLOURS.C, U: COLOURS.D };
const GREY = "#777777";
const MONTHS = 24;
const DEFAULT_SEED = 20261128;
const PROGRAMME_MONTHS = 3;  // a programme runs from its start month for three months

// State-of-mind mixes (shares of autonomous F, dismissing Ds, preoccupied E, unresolved U). "typical"
// is the model's normative default; each "mostly" preset gives that category 70-75%.
const PRESETS = {
  typical: { F: 0.552, Ds: 0.196, E: 0.104, U: 0.148 },
  autonomous: { F: 0.80, Ds: 0.09, E: 0.05, U: 0.06 },
  dismissing: { F: 0.15, Ds: 0.70, E: 0.05, U: 0.10 },
  preoccupied: { F: 0.15, Ds: 0.05, E: 0.70, U: 0.10 },
  unresolved: { F: 0.16, Ds: 0.06, E: 0.03, U: 0.75 },
};

// Cultures (docs/guide_cultures.md): each is the practices of its file in configs/populations/cultures/
// (tests/sim/classroom/test_cultures_page.cpp checks that they agree) and the published three-way
// distribution its babies are compared with. Written as plain JSON, so that the test can read it.
const CULTURES = {
  "today": {"label": "Today's families (no culture chosen)", "settings": {}},
  "united_states_1980s": {
    "label": "United States, around 1980", "settings": {},
    "published": {"A": 0.21, "B": 0.65, "C": 0.14, "N": 1230, "source": "18 American samples (van IJzendoorn & Kroonenberg 1988)"},
    "note": "The model's families are the low-risk ones it was calibrated on, so they come out more secure than this pool of 18 samples, which mixed richer and poorer families."
  },
  "germany_1980s": {
    "label": "Northern Germany, around 1980",
    "settings": {"childcare.share": 0, "care_practices.discourage_bids": 0.21, "care_practices.discourage_from_months": 6, "care_practices.discourage_ramp_months": 3},
    "published": {"A": 0.35, "B": 0.57, "C": 0.08, "N": 136, "source": "3 West German samples (van IJzendoorn & Kroonenberg 1988)"},
    "note": "Parents valued early independence and, once babies could crawl, discouraged clinging (Grossmann et al. 1985). How often they did was set so that A matches; that C falls and D changes little was not set: it follows."
  },
  "japan_1980s": {
    "label": "Japan, around 1980",
    "settings": {"childcare.share": 0, "care_practices.brief_separations_per_week": 0},
    "published": {"A": 0.05, "B": 0.68, "C": 0.27, "N": 96, "source": "2 Japanese samples (van IJzendoorn & Kroonenberg 1988)"},
    "note": "Babies were hardly ever left by their mothers, so the test's separations overwhelmed many of them (Takahashi 1986): they cried hard and could not be settled. How often that happens was set so that C matches; at home these babies are like any others. A does not fall as far as published: the model lacks something about care at home."
  },
  "israel_kibbutz_1980s": {
    "label": "Israeli kibbutz, around 1980",
    "settings": {"childcare.share": 1, "childcare.start_months_min": 1.5, "childcare.start_months_max": 3, "childcare.share_weekday": 0.5, "childcare.availability": 0.5,
                 "night_care.share": 0.25, "night_care.start_months": 1.5, "night_care.availability": 0.4, "night_care.carry_exponent": 4, "night_care.learned_with": "primary"},
    "published": {"A": 0.07, "B": 0.64, "C": 0.29, "N": 118, "source": "2 Israeli samples, kibbutz babies among them (van IJzendoorn & Kroonenberg 1988)"},
    "note": "Babies slept in a children's house, where one night watch listened for several houses (Sagi et al. 1994). Nothing was set to match. The babies come to expect far less of their mothers, and a few more are angry with her at the reunion and resist her, but their classes change far less than the study found, and the many resistant babies are not reproduced: the model's babies learn what to do at home from rebuffs and frightening moments, hardly from cries no one answers. That is what the model lacks."
  }
};

// Every control and the value "Back to the start" gives it.
const START = {
  sensitivity: 0.6, depression: 0.1, violence: 0.07, chaos: 0.2, program: "none", start: 6, sessions: 4,
  dyads: 500, families: 300, "example-class": "B", culture: "today",
};
// The sensitivity a culture starts from: the calibrated mean (0.785) to the slider's step (the culture
// files keep 0.785; the page's numbers therefore differ a little from docs/guide_cultures.md's).
const CULTURE_SENSITIVITY = 0.8;

const $ = (id) => document.getElementById(id);
const pct = (x) => `${Math.round(100 * x)}%`;
const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

const state = {
  view: "cohort",
  som: { ...PRESETS.typical },
  seed: DEFAULT_SEED,
  results: { cohort: null, generations: null },
  stale: { cohort: true, generations: true },
  month: MONTHS,
  playing: null,
  debounce: null,
  inFlight: false,
  again: false,
  generation: 0,
  shownGeneration: 1,
  charts: {},
};

// ---- settings -----------------------------------------------------------------------------------

function round4(x) { return Math.round(x * 10000) / 10000; }

function settings(view) {
  const som = state.som;
  const start = Number($("start").value);
  const s = {
    "run.dyads": Number(view === "generations" ? $("families").value : $("dyads").value),
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
    "program.end_months": start + PROGRAMME_MONTHS,
    "program.sessions": Number($("sessions").value),
  };
  // The four shares must sum to 1: the last one takes what rounding left over.
  s["state_of_mind.share_U"] = round4(1 - s["state_of_mind.share_F"] - s["state_of_mind.share_Ds"] - s["state_of_mind.share_E"]);
  return { ...s, ...CULTURES[$("culture").value].settings };
}

function keysHtml(items) {
  return items.map(([label, colour]) => `<span class="key"><span class="swatch" style="background:${colour}"></span>${label}</span>`).join("");
}

function showValues() {
  const sens = Number($("sensitivity").value);
  $("sensitivity-out").textContent = `${sens.toFixed(2)} ${sens >= 0.7 ? "(high)" : sens <= 0.4 ? "(low)" : "(typical)"}`;
  $("unresolved-out").textContent = pct(state.som.U);
  $("depression-out").textContent = `${Number($("depression").value).toFixed(2)} / year`;
  $("violence-out").textContent = pct(Number($("violence").value));
  $("chaos-out").textContent = pct(Number($("chaos").value));
  const start = Number($("start").value);
  $("start-out").textContent = `${start} (to ${start + PROGRAMME_MONTHS})`;
  $("sessions-out").textContent = $("sessions").value;
  $("dyads-out").textContent = $("dyads").value;
  $("families-out").textContent = $("families").value;
  const off = $("program").value === "none";
  $("start").disabled = off;
  $("sessions").disabled = off;
  $("som-bar").innerHTML = MINDS.map((k) => `<span class="${k}" style="width:${100 * state.som[k]}%" title="${MIND_NAMES[k]}"></span>`).join("");
  $("som-keys").innerHTML = keysHtml(MINDS.map((k) => [`${MIND_NAMES[k]} ${pct(state.som[k])}`, MIND_COLOURS[k]]));
}

// A culture starts from the families its comparison was made with: the other controls back to the
// start, with the calibrated sensitivity. Students may move them from there.
function chooseCulture() {
  const culture = $("culture").value;
  if (culture !== "today") {
    stop();
    for (const [id, v] of Object.entries(START)) if (!["culture", "dyads", "families", "example-class"].includes(id)) $(id).value = v;
    $("sensitivity").value = CULTURE_SENSITIVITY;
    state.month = MONTHS;
    choosePreset("typical");  // also simulates again
  } else {
    changed();
  }
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

// ---- asking the engine --------------------------------------------------------------------------

function setState(name, text) {
  document.body.dataset.state = name;
  $("status").textContent = text;
}

// Any change of settings makes both views' results stale; the one on screen is simulated again.
function changed() {
  showValues();
  state.stale.cohort = state.stale.generations = true;
  schedule();
}

function schedule() {
  setState("busy", "Simulating…");
  clearTimeout(state.debounce);
  state.debounce = setTimeout(simulate, 350);
}

async function simulate() {
  state.debounce = null;
  if (state.inFlight) { state.again = true; return; }
  state.inFlight = true;
  const view = state.view;
  const request = { view, settings: settings(view) };
  try {
    // The WebAssembly engine runs on this thread: let the browser show "Simulating…" first.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const data = await window.classroomEngine.simulate(request);
    if (!state.again && !state.debounce) {
      $("error").hidden = true;
      state.results[view] = data;
      state.stale[view] = false;
      render();
      state.generation += 1;
      document.body.dataset.generation = String(state.generation);
      const what = view === "generations" ? `${data.dyads / 3} families (${data.dyads} babies)` : `${data.dyads} babies`;
      setState("ready", `${what} simulated in ${data.wall_seconds.toFixed(1)} s`);
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

// ---- charts -------------------------------------------------------------------------------------

const hasCharts = typeof Chart !== "undefined";

// Shades the programme's months on a time chart, labelled, so that its effects can be seen in place.
const programmeWindow = {
  id: "programmeWindow",
  beforeDatasetsDraw(chart) {
    if ($("program").value === "none") return;
    const start = Number($("start").value), end = start + PROGRAMME_MONTHS;
    const { ctx, chartArea, scales } = chart;
    const x0 = scales.x.getPixelForValue(start), x1 = scales.x.getPixelForValue(Math.min(end, MONTHS));
    ctx.save();
    ctx.fillStyle = "rgba(120, 120, 120, 0.16)";
    ctx.fillRect(x0, chartArea.top, x1 - x0, chartArea.bottom - chartArea.top);
    ctx.fillStyle = "#444";
    ctx.font = "13px 'DejaVu Sans', Arial, sans-serif";
    ctx.textBaseline = "top";
    ctx.fillText("programme", x0 + 3, chartArea.top + 2);
    ctx.restore();
  },
};

function lineChart(canvas, datasets, yTitle) {
  return new Chart(canvas, {
    type: "line",
    data: { labels: Array.from({ length: MONTHS + 1 }, (_, i) => i), datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      spanGaps: false,
      elements: { point: { radius: 0 }, line: { borderWidth: 3.5, tension: 0.25 } },
      scales: {
        x: { min: 0, max: MONTHS, title: { display: true, text: "age in months" },
             ticks: { autoSkip: false, maxRotation: 0, callback: (v) => (v % 6 === 0 ? v : "") } },
        y: { min: 0, max: 1, title: { display: true, text: yTitle },
             ticks: { maxTicksLimit: 6, callback: (v) => (yTitle.startsWith("share") ? `${Math.round(v * 100)}%` : v) } },
      },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 18, padding: 10 } }, tooltip: { enabled: true } },
    },
    plugins: [programmeWindow],
  });
}

function makeCharts() {
  if (!hasCharts) return;
  Chart.defaults.font.size = 14;
  Chart.defaults.font.family = '"DejaVu Sans", "Segoe UI", Arial, sans-serif';
  Chart.defaults.color = "#222";
  state.charts.pattern = lineChart($("pattern-chart"), [
    { label: "cries directly for help", borderColor: COLOURS.B, backgroundColor: COLOURS.B, data: [] },
    { label: "hides distress", borderColor: COLOURS.A, backgroundColor: COLOURS.A, data: [] },
    { label: "escalates, clings", borderColor: COLOURS.C, backgroundColor: COLOURS.C, data: [] },
    { label: "afraid of the caregiver", borderColor: COLOURS.D, backgroundColor: COLOURS.D, borderDash: [8, 5], data: [] },
  ], "share of babies");
  state.charts.infant = lineChart($("infant-chart"), [
    { label: "expects comfort", borderColor: COLOURS.B, backgroundColor: COLOURS.B, data: [] },
    { label: "expects to be pushed away", borderColor: COLOURS.A, backgroundColor: COLOURS.A, data: [] },
    { label: "fear", borderColor: COLOURS.D, backgroundColor: COLOURS.D, data: [] },
    { label: "caregiver's sensitivity", borderColor: GREY, backgroundColor: GREY, borderDash: [6, 5], borderWidth: 3, data: [] },
  ], "0 to 1");
  state.charts.classes = lineChart($("class-chart"), CLASSES.map((k) => ({
    label: `${k} ${CLASS_NAMES[k]}`, key: k, borderColor: COLOURS[k], backgroundColor: COLOURS[k], data: [] })), "expects comfort");
}

// The first `month`+1 values; the rest hidden so that the lines grow as the animation plays.
function upTo(values) { return (values || []).map((v, i) => (i <= state.month ? v : null)); }

// One series of values per line of a chart, in the chart's order.
function showLines(chart, series) {
  chart.data.datasets.forEach((d, i) => { d.data = upTo(series[i]); });
  chart.update();
}

// ---- the birth-to-two view ----------------------------------------------------------------------

function renderPattern(result) {
  if (!state.charts.pattern) return;
  const p = result.pattern;
  showLines(state.charts.pattern, [p.direct, p.suppress, p.escalate, p.fear_above_half]);
  const m = state.month;
  $("pattern-explain").textContent = `Month ${m}: ${pct(p.direct[m])} of the babies mostly cry directly for help, `
    + `${pct(p.suppress[m])} mostly hide their distress, ${pct(p.escalate[m])} mostly escalate, and `
    + `${pct(p.fear_above_half[m])} are more than half-way to the most fear the model allows. At birth every baby cries `
    + "directly: the other strategies are learned, each baby from the answers its own cries get.";
}

// Who moved between two assessments: "41 babies (8%) changed class since 12 months: 20 A→B, …".
function describeMoves(since, total) {
  const moves = [];
  let moved = 0;
  for (const from of CLASSES) for (const to of CLASSES) {
    const n = since.counts[from][to];
    if (from !== to && n > 0) { moves.push([n, `${n} ${from}→${to}`]); moved += n; }
  }
  moves.sort((a, b) => b[0] - a[0]);
  if (moved === 0) return `No baby changed class since ${since.age_months} months.`;
  const shown = moves.slice(0, 4).map((m) => m[1]).join(", ");
  return `${moved} babies (${pct(moved / total)}) changed class since ${since.age_months} months: ${shown}${moves.length > 4 ? ", …" : ""}.`;
}

function renderStrangeSituation(result) {
  const rows = result.strange_situation.map((ssp) => {
    const age = ssp.age_months;
    const shown = state.month >= age;
    const segments = CLASSES.map((k) => {
      const s = ssp.shares[k];
      return `<span class="${k}" data-class="${k}" data-share="${s.share}" data-low="${s.low}" data-high="${s.high}"
        style="width:${100 * s.share}%" title="${CLASS_NAMES[k]}: ${pct(s.share)} (95% interval ${pct(s.low)} to ${pct(s.high)})"></span>`;
    }).join("");
    const keys = shown ? `<div class="keys">${keysHtml(CLASSES.map((k) => {
      const s = ssp.shares[k];
      return [`${k} ${CLASS_NAMES[k]} <b>${pct(s.share)}</b> (${Math.round(100 * s.low)}–${Math.round(100 * s.high)})`, COLOURS[k]];
    }))}</div>` : `<div class="waiting">assessed when the babies are ${age} months old</div>`;
    const moved = shown && ssp.since_previous ? `<div class="moved">${describeMoves(ssp.since_previous, result.dyads)}</div>` : "";
    return `<div class="ssp-row ${shown ? "shown" : "pending"}" id="ssp-${age}">
      <div class="age">${age} months</div><div class="sharebar">${segments}</div>${keys}${moved}</div>`;
  });
  $("ssp-rows").innerHTML = rows.join("");
  const observed = (result.observed_sensitivity || []).map((o) => `${o.mean.toFixed(1)} at ${o.name.replace(/^sensitivity_|_mean$/g, "").replace("m", " months")}`);
  $("sensitivity-observed").dataset.first = observed.length ? String(result.observed_sensitivity[0].mean) : "";
  $("sensitivity-observed").textContent = observed.length
    ? `Caregiver sensitivity as an observer would rate it (1 = very insensitive, 9 = very sensitive): ${observed.join(", ")}.` : "";
  renderCultureComparison(result);
  const last = result.strange_situation[result.strange_situation.length - 1];
  $("drift-explain").textContent = state.month >= last.age_months
    ? "Why do the shares move between assessments? No class is fixed: each Strange Situation reads the baby's "
      + "behaviour at that age, and babies go on learning from every answer after 12 months, while their caregivers' "
      + "sensitivity drifts with how well their comforting works. The observer's ratings are also noisy, so a baby "
      + "near a boundary between classes can land on either side."
    : "";
}

// The chosen culture's babies at 12 months as coders classified them before D was described (the
// forced A/B/C class), beside the published distribution, and what the model does and does not explain.
function renderCultureComparison(result) {
  const culture = CULTURES[$("culture").value];
  const first = result.strange_situation[0];
  if (!culture.published || state.month < first.age_months) { $("culture-compare").innerHTML = ""; return; }
  const organized = ["A", "B", "C"];
  const bar = (share) => organized.map((k) => `<span class="${k}" style="width:${100 * share(k)}%" title="${CLASS_NAMES[k]}"></span>`).join("");
  const simulated = (k) => first.organized_shares[k].share;
  const published = (k) => culture.published[k];
  const keys = (share) => keysHtml(organized.map((k) => [`${k} ${pct(share(k))}`, COLOURS[k]]));
  $("culture-compare").innerHTML = `<h3>${escapeHtml(culture.label)}: A, B and C only, as coded before D was described</h3>
    <div class="bar-row" data-row="simulated"><div class="label">these babies at ${first.age_months} months</div>
      <div class="sharebar">${bar(simulated)}</div><div class="keys">${keys(simulated)}</div></div>
    <div class="bar-row" data-row="published"><div class="label">published: ${escapeHtml(culture.published.source)}, ${culture.published.N} babies</div>
      <div class="sharebar">${bar(published)}</div><div class="keys">${keys(published)}</div></div>
    <p class="explain">${escapeHtml(culture.note)}</p>`;
}

function renderInfant(result) {
  const wanted = $("example-class").value;
  const example = (result.examples || {})[wanted];
  const group = result.means_by_final_class[wanted];
  if (!example) {
    $("infant-story").textContent = `No baby in this cohort was ${CLASS_NAMES[wanted]} (${wanted}) at 2 years: pick another.`;
    $("infant-signal").innerHTML = "";
    $("infant-keys").innerHTML = "";
    if (state.charts.infant) showLines(state.charts.infant, []);
    return;
  }
  const s = example.series;
  const m = state.month;
  if (state.charts.infant) showLines(state.charts.infant, [s.iwm_availability, s.iwm_rejection, s.fear, s.caregiver_sensitivity]);
  const direct = s.policy_direct[m], suppress = s.policy_suppress[m], escalate = s.policy_escalate[m];
  const most = direct >= suppress && direct >= escalate ? "cries directly for help"
             : suppress >= escalate ? "hides its distress" : "escalates and clings";
  const seen = Object.entries(example.classes).filter(([age]) => parseFloat(age) <= m)
    .map(([age, k]) => `${k} at ${parseFloat(age)} months`);
  const typical = `Baby no. ${example.dyad} is a typical ${CLASS_NAMES[wanted]} baby: of the ${group.dyads} babies `
    + `${CLASS_NAMES[wanted]} at 2 years, the one closest to their average expectations and fear`
    + (example.stable ? `, and ${wanted} at every assessment.` : " (none was in this class at every assessment).");
  $("infant-story").innerHTML = `${escapeHtml(typical)} <b>Month ${m}:</b> it mostly <b>${most}</b> when very upset`
    + `${seen.length ? ` (Strange Situation: ${seen.join(", ")})` : ""}; it expects comfort ${s.iwm_availability[m].toFixed(2)} `
    + `and fears its caregiver ${s.fear[m].toFixed(2)}, on scales of 0 to 1.`;
  $("infant-signal").innerHTML = [[direct, "B"], [suppress, "A"], [escalate, "C"]]
    .map(([p, k]) => `<span class="${k}" style="width:${100 * p}%"></span>`).join("");
  $("infant-keys").innerHTML = keysHtml([[`cries for help ${pct(direct)}`, COLOURS.B], [`hides it ${pct(suppress)}`, COLOURS.A],
                                         [`escalates ${pct(escalate)}`, COLOURS.C]]);
  const means = CLASSES.filter((k) => result.means_by_final_class[k].dyads > 0)
    .map((k) => `${CLASS_NAMES[k]} ${result.means_by_final_class[k].means.iwm_availability[MONTHS].toFixed(2)}`);
  $("scales-explain").textContent = "How to read the lines. “Expects comfort” is the baby's own running estimate, "
    + "from 0 (never) to 1 (always), that a plain cry will bring comfort: after every plain cry it moves a step "
    + "toward what happened, up after comfort, down after a clumsy answer, a rebuff or no answer (comfort won only "
    + "by screaming does not count). Even sensitive caregivers "
    + "miss or fumble many bids, so even secure babies stay well below 1 on average: read the value against the other classes "
    + `(at 24 months, on average: ${means.join(", ")}), not against 1. “Expects to be pushed away” rises with each `
    + "rebuff. “Fear” (0 to 1) rises with frightening moments and witnessed violence and fades day by day. The grey "
    + "dashed line is the caregiver's sensitivity that month (0 to 1).";
}

function renderClasses(result) {
  if (!state.charts.classes) return;
  const by = result.means_by_final_class;
  for (const d of state.charts.classes.data.datasets) {
    const group = by[d.key];
    d.data = group && group.dyads > 0 ? upTo(group.means.iwm_availability) : [];
    d.label = `${d.key} ${CLASS_NAMES[d.key]} (${group ? group.dyads : 0})`;
  }
  state.charts.classes.update();
  $("class-explain").textContent = "Each line follows the babies who were in one class at 2 years, back to birth. "
    + "The groups pull apart months before the first Strange Situation at 12 months: the classes summarize "
    + "expectations the babies learned, they do not cause them.";
}

function renderCohort() {
  $("month").value = state.month;
  $("month-out").textContent = state.month;
  const result = state.results.cohort;
  if (!result) return;
  $("cohort-size").textContent = result.dyads;
  renderPattern(result);
  renderStrangeSituation(result);
  renderInfant(result);
  renderClasses(result);
}

// ---- the generations view -----------------------------------------------------------------------

function chip(letter, names) {
  const known = letter && letter !== "?";
  return `<span class="chip ${known ? letter : "unknown"}" title="${known ? names[letter] : "not assessed"}">${known ? letter : "?"}</span>`;
}

function renderFamilies(result) {
  const arrow = '<span class="arrow">→</span>';
  $("family-rows").innerHTML = result.families.map((family, i) => {
    const steps = family.map((g, n) => `<span class="gen-label">G${n + 1} parent</span>${chip(g.parent_mind, MIND_NAMES)}${arrow}`
      + `<span class="gen-label">baby</span>${chip(g.infant_class, CLASS_NAMES)}${arrow}`
      + `<span class="gen-label">at 4½</span>${chip(g.preschool_class, CLASS_NAMES)}`).join(arrow);
    return `<div class="family"><span class="who">Family ${i + 1}</span>${steps}</div>`;
  }).join("");
  $("families-explain").textContent = "Letters: the parent's state of mind in the Adult Attachment Interview "
    + "(F autonomous, Ds dismissing, E preoccupied, U unresolved) and the child's class (A avoidant, B secure, "
    + "C resistant, D disorganized) at 12 months and at 4½ years. Each baby, grown up, is the next generation's parent: "
    + "its state of mind comes from the strategy it learned as a baby, revised by the years between.";
}

// Stacked bars, one per row of a table of counts, with the shares named below each bar.
function tableBars(table, rows, rowNames, columns, columnNames, colours) {
  return rows.map((r) => {
    const counts = columns.map((c) => table[r][c] || 0);
    const n = counts.reduce((a, b) => a + b, 0);
    const bar = columns.map((c, i) => `<span class="${c}" style="width:${n ? (100 * counts[i]) / n : 0}%" title="${columnNames[c]}"></span>`).join("");
    const keys = n ? keysHtml(columns.map((c, i) => [`${c} ${pct(counts[i] / n)}`, colours[c]])) : "none in this cohort";
    return `<div class="bar-row"><div class="label">${rowNames[r]} (${n})</div><div class="sharebar big">${bar}</div><div class="keys">${keys}</div></div>`;
  }).join("");
}

function renderTransmission(result) {
  const g = Math.min(state.shownGeneration, result.generations.length);
  const generation = result.generations[g - 1];
  const picker = result.generations.map((x) => `<button type="button" data-generation="${x.generation}" class="${x.generation === g ? "active" : ""}">Generation ${x.generation}</button>`).join("");
  const rowNames = Object.fromEntries(MINDS.map((k) => [k, `${MIND_NAMES[k]} (${k}) parents`]));
  $("transmission-rows").innerHTML = `<div class="generation-picker" role="group" aria-label="Generation">${picker}</div>`
    + tableBars(generation.parents_by_infant_class, MINDS, rowNames, CLASSES, CLASS_NAMES, COLOURS);
  for (const b of $("transmission-rows").querySelectorAll(".generation-picker button"))
    b.addEventListener("click", () => { state.shownGeneration = Number(b.dataset.generation); renderTransmission(result); });
  const matches = result.generations.map((x) => `generation ${x.generation}: ${pct(x.secure_match)}`).join(", ");
  $("transmission-explain").textContent = `How often a baby is secure exactly when its parent is autonomous: ${matches}. `
    + "Studies of real families found about 75% in the early studies (van IJzendoorn 1995) and about two in "
    + "three in the many later ones (Verhage et al. 2016). From generation 2 on, every parent is a "
    + "simulated baby grown up, so a match there is attachment passed on through two lives.";
}

function renderAdults(result) {
  const rowNames = Object.fromEntries(CLASSES.map((k) => [k, `${CLASS_NAMES[k]} (${k}) babies`]));
  $("adult-rows").innerHTML = tableBars(result.infant_to_adult, CLASSES, rowNames, MINDS, MIND_NAMES, MIND_COLOURS);
  // Secure babies against all the others, from the table itself.
  const rowTotal = (k) => MINDS.reduce((n, m) => n + (result.infant_to_adult[k][m] || 0), 0);
  const secure = rowTotal("B"), insecure = ["A", "C", "D"].reduce((n, k) => n + rowTotal(k), 0);
  const autonomousInsecure = ["A", "C", "D"].reduce((n, k) => n + (result.infant_to_adult[k].F || 0), 0);
  $("adult-explain").textContent = secure && insecure
    ? `${pct(result.infant_to_adult.B.F / secure)} of the secure babies grew up autonomous, against `
      + `${pct(autonomousInsecure / insecure)} of the insecure ones: what a baby learns carries into adulthood, but `
      + "losses, traumas and the relationships of the years between revise it."
    : "";
}

// The range of a rating from its unit ("1-5", "0-2"); 0 to 1 otherwise.
function scaleOf(unit) {
  const m = /^(-?[\d.]+)-(-?[\d.]+)$/.exec(unit || "");
  return m ? [Number(m[1]), Number(m[2])] : [0, 1];
}

const OUTCOME_NAMES = { social_competence: "Social competence with peers", empathy: "Empathy",
                        externalizing: "Externalizing problems (aggression, defiance)", internalizing: "Internalizing problems (withdrawal, anxiety)" };

function renderPreschool(result) {
  $("preschool-rows").innerHTML = result.preschool_outcomes.map((o) => {
    const [lo, hi] = scaleOf(o.unit);
    const bars = CLASSES.map((k) => {
      const c = o.by_infant_class[k];
      if (c.n === 0) return `<div class="outcome-bar"><div class="value">${k}: no child</div></div>`;
      const width = Math.max(0, Math.min(100, (100 * (c.mean - lo)) / (hi - lo)));
      const interval = c.n >= 5 ? ` (${c.low.toFixed(2)}–${c.high.toFixed(2)})` : "";
      return `<div class="outcome-bar" data-class="${k}"><div class="track"><div class="fill ${k}" style="width:${width}%"></div></div>`
        + `<div class="value">${k}: <b>${c.mean.toFixed(2)}</b>${interval}</div></div>`;
    }).join("");
    return `<div class="outcome"><div class="label">${escapeHtml(OUTCOME_NAMES[o.name] || o.name)} <span class="hint">(${escapeHtml(o.unit)})</span></div>`
      + `<div class="outcome-bars">${bars}</div></div>`;
  }).join("");
  // Secure children against the insecure ones (A, C and D pooled), outcome by outcome.
  const pooled = (o, classes) => {
    const n = classes.reduce((t, k) => t + o.by_infant_class[k].n, 0);
    return n ? classes.reduce((t, k) => t + o.by_infant_class[k].n * o.by_infant_class[k].mean, 0) / n : NaN;
  };
  const compare = result.preschool_outcomes.map((o) => `${(OUTCOME_NAMES[o.name] || o.name).split(" (")[0].toLowerCase()} `
    + `${pooled(o, ["B"]).toFixed(2)} against ${pooled(o, ["A", "C", "D"]).toFixed(2)}`);
  $("preschool-explain").textContent = `Averages of the children who were secure as babies against the insecure ones: ${compare.join("; ")}. `
    + "The intervals show how far the averages of this many children can be trusted; and averages they are: "
    + "many children do not follow them.";
}

function renderGenerations() {
  const result = state.results.generations;
  if (!result) return;
  $("cohort-size").textContent = result.dyads / 3;
  renderFamilies(result);
  renderTransmission(result);
  renderAdults(result);
  renderPreschool(result);
}

function render() {
  $("subtitle").innerHTML = state.view === "generations"
    ? `<b id="cohort-size">${$("families").value}</b> simulated families, three generations each`
    : `a simulated cohort of <b id="cohort-size">${$("dyads").value}</b> babies and their caregivers`;
  if (state.view === "generations") renderGenerations();
  else renderCohort();
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
  renderCohort();
  state.playing = setInterval(() => {
    if (state.month >= MONTHS) { stop(); return; }
    state.month += 1;
    renderCohort();
  }, 450);
}

// ---- views, reset, start ------------------------------------------------------------------------

function showView(view) {
  stop();
  state.view = view;
  document.body.dataset.view = view;
  for (const b of document.querySelectorAll("#views button")) {
    b.classList.toggle("active", b.dataset.view === view);
    b.setAttribute("aria-pressed", String(b.dataset.view === view));
  }
  $("cohort-view").hidden = view !== "cohort";
  $("generations-view").hidden = view !== "generations";
  render();
  if (state.stale[view]) schedule();
}

function reset() {
  stop();
  for (const [id, v] of Object.entries(START)) $(id).value = v;
  state.seed = DEFAULT_SEED;
  state.month = MONTHS;
  state.shownGeneration = 1;
  choosePreset("typical");  // also simulates again
}

function start() {
  const query = new URLSearchParams(location.search);
  const engine = window.classroomEngine;
  const inBrowser = engine && engine.kind === "browser";
  if (!inBrowser) {
    // Served, the model runs on the server's cores: cohorts up to its limit of 120,000 dyad-months per
    // request (5,000 babies over 24 months; 650 families over three generations of 60).
    $("dyads").max = "5000";
    $("families").max = "650";
  }
  if (query.has("dyads")) $("dyads").value = query.get("dyads");
  if (query.has("families")) $("families").value = query.get("families");
  if (query.has("month")) state.month = Math.max(0, Math.min(MONTHS, Number(query.get("month")) || 0));
  if (!hasCharts) {
    $("error").textContent = "The charting library is missing (vendor/chart.umd.js), so the line charts are not drawn.";
    $("error").hidden = false;
  }
  $("engine-note").textContent = inBrowser
    ? "The model runs in this browser: nothing is sent anywhere. For cohorts of up to 5,000, use attachsim serve."
    : "The model runs in attachsim serve, on the computer that serves this page (cohorts of up to 5,000).";
  makeCharts();
  for (const id of ["sensitivity", "depression", "violence", "chaos", "start", "sessions", "dyads", "families"]) $(id).addEventListener("input", changed);
  $("program").addEventListener("change", changed);
  $("culture").innerHTML = Object.entries(CULTURES).map(([name, c]) => `<option value="${name}">${escapeHtml(c.label)}</option>`).join("");
  $("culture").addEventListener("change", chooseCulture);
  $("unresolved").addEventListener("input", () => setUnresolved(Number($("unresolved").value)));
  for (const b of document.querySelectorAll("#som-presets button")) b.addEventListener("click", () => choosePreset(b.dataset.preset));
  $("new-sample").addEventListener("click", () => { state.seed = 1 + Math.floor(Math.random() * 1e9); changed(); });
  $("reset").addEventListener("click", reset);
  $("month").addEventListener("input", () => { stop(); state.month = Number($("month").value); renderCohort(); });
  $("play").addEventListener("click", play);
  $("example-class").addEventListener("change", renderCohort);
  for (const b of document.querySelectorAll("#views button")) b.addEventListener("click", () => showView(b.dataset.view));
  showValues();
  if (!engine) {
    $("error").textContent = "The page's engine (engine.js) is missing: nothing can be simulated.";
    $("error").hidden = false;
    setState("error", "Error: see above");
    return;
  }
  showView(query.get("view") === "generations" ? "generations" : "cohort");
}

start();
// For the browser test and the curious: the page's state, with the engines' last answers.
window.classroom = { state };
