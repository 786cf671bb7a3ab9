// The classroom page's one request: settings in, a small cohort's development out, both as JSON. The
// same code answers in `attachsim serve` (POST /api/simulate, the engine on every core) and in the
// static page's WebAssembly build (a serial run in the browser), so the two cannot drift apart; each
// passes its own way of running a cohort. See docs/guide_classroom.md.
#pragma once

#include "sim/core/cohort_run.hpp"
#include "sim/core/model.hpp"

#include <functional>
#include <string>

namespace attachsim::sim {

// Cohorts the page may ask for: small enough to answer in about a second (a generations request
// counts its lineages: each stands for three dyads followed to 60 months).
inline constexpr long long classroom_max_dyads = 5000;

// Runs a population into `sink`: run_population (sim/engine) with the server's threads, or
// run_population_serial (sim/core/cohort_run.hpp) in the browser. Both give the same records.
using CohortRunner = std::function<RunStatistics(const Model&, const RunSettings&, Summary&, RecordSink&)>;

// Answers `request_json`:
//   {"view": "cohort" (the default: birth to two years) or "generations", "settings": {KEY: VALUE, ...}}
// with the page's JSON (see cohort_view.hpp and generations_view.hpp). Throws InputError for
// malformed JSON, unknown keys, keys the page fixes, or values out of range, with the text
// `attachsim run --set` gives.
std::string simulate_classroom(const std::string& request_json, const CohortRunner& run);

// simulate_classroom with its failures as the page receives them, the same from the server and from
// the WebAssembly build: status 200 and the answer; 400 and {"error": the InputError's text} for bad
// settings; 500 and {"error": "internal error: ..."} for anything else (a bug: the caller logs it).
struct ClassroomAnswer {
  int status = 200;
  std::string body;
};
ClassroomAnswer answer_classroom(const std::string& request_json, const CohortRunner& run);

}  // namespace attachsim::sim
