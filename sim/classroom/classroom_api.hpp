// The classroom page's one request (POST /api/simulate): settings in, a small cohort's development
// month by month out, both as JSON. See docs/guide_classroom.md.
#pragma once

#include <string>

namespace attachsim::sim {

// Cohorts the page may ask for: small enough to answer in about a second.
inline constexpr long long classroom_max_dyads = 5000;

// Runs the cohort that `request_json` describes ({"settings": {"caregiver.sensitivity_mean": 0.4, ...}})
// and returns the page's JSON. Throws InputError for malformed JSON, unknown keys or values out of
// range, with the same text `attachsim run --set` gives.
std::string simulate_classroom(const std::string& request_json, int threads);

}  // namespace attachsim::sim
