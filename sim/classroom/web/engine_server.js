// The page's engine when `attachsim serve` serves it: each request goes to POST api/simulate, where
// the real engine runs on every core. The static page has engine_static.js instead; both give
// window.classroomEngine = { kind, ready, simulate(request) }, and the same answers.
"use strict";
window.classroomEngine = {
  kind: "server",
  ready: Promise.resolve(),
  async simulate(request) {
    const response = await fetch("api/simulate", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
    const data = await response.json().catch(() => ({ error: `the server answered ${response.status} without JSON` }));
    if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
    return data;
  },
};
