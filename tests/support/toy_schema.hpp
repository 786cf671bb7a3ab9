// A small hand-made parameter schema (one parameter of every kind, nested one to three levels deep),
// shared by the config tests so they do not depend on the model's parameters.
#pragma once

#include "sim/core/config.hpp"
#include "sim/core/parameter.hpp"

#include <cstdint>
#include <vector>

namespace attachsim::testing {

struct Toy {
  enum class Rule { reinforcement, bayesian };
  std::int64_t count = -1;
  double probability = -1;
  bool flag = true;
  Rule rule = Rule::bayesian;
  std::vector<double> ages;
};

inline sim::ParameterTable<Toy> toy_table() {
  sim::ParameterTable<Toy> t;
  t.push_back(sim::integer("run.count", &Toy::count, 10, 0, 1000, {"dyads", "A count.", "test"}));
  t.push_back(sim::real("infant.probability", &Toy::probability, 0.25, 0, 1, {"probability", "A probability.", "test"}));
  t.push_back(sim::boolean("infant.temper.flag", &Toy::flag, false, {"", "A flag.", "test"}));
  t.push_back(sim::choice("learning.rule", &Toy::rule, {"reinforcement", "bayesian"}, 0, {"", "A rule.", "test"}));
  t.push_back(sim::real_list("assess.ages_months", &Toy::ages, {12}, 0, 60, {"months", "Ages.", "test"}));
  return t;
}

inline std::vector<sim::ParameterSpec> toy_schema() { return sim::specs_of(toy_table()); }

// to_yaml() of the toy schema with every default.
inline const char* const toy_default_yaml =
    "run:\n"
    "  count: 10\n"
    "infant:\n"
    "  probability: 0.25\n"
    "  temper:\n"
    "    flag: false\n"
    "learning:\n"
    "  rule: reinforcement\n"
    "assess:\n"
    "  ages_months: [12.0]\n";

}  // namespace attachsim::testing
