// Every parameter is declared once and fully: default in range, unit, meaning and source; docs/
// parameters.md is generated from the same declarations; invalid relations are rejected.
#include "models/dyad/attachment_model.hpp"
#include "sim/core/config.hpp"
#include "sim/core/run_settings.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace attachsim;

TEST_CASE("parameters: every declaration has a default in range, a meaning and a source") {
  models::AttachmentModel model;
  std::set<std::string> keys;
  for (const auto& p : model.parameters()) {
    INFO(p.key);
    CHECK(keys.insert(p.key).second);  // declared once
    CHECK(!p.meaning.empty());
    CHECK(!p.source.empty());
    if (p.kind == sim::Kind::real) {
      const double v = std::get<double>(p.default_value);
      CHECK(v >= p.min);
      CHECK(v <= p.max);
    }
    if (p.kind == sim::Kind::real_list)
      for (double v : std::get<std::vector<double>>(p.default_value)) {
        CHECK(v >= p.min);
        CHECK(v <= p.max);
      }
  }
  CHECK(keys.size() > 50);
}

TEST_CASE("parameters: the default model binds and checks its own defaults") {
  models::AttachmentModel model;
  const auto& p = model.parameters_in_use();
  CHECK(p.state_of_mind.share_F + p.state_of_mind.share_Ds + p.state_of_mind.share_E + p.state_of_mind.share_U ==
        doctest::Approx(1));
  CHECK(p.strange_situation.ages_months == std::vector<double>{12});
  CHECK(p.learning.rule == models::LearningRule::reinforcement);
}

TEST_CASE("parameters: the learning rule is a config choice and is recorded as a mechanism") {
  models::AttachmentModel model;
  sim::ResolvedConfig config(model.parameters());
  config.set("learning.rule", std::string("bayesian"), {"test", 1, 1});
  model.configure(config);
  CHECK(model.parameters_in_use().learning.rule == models::LearningRule::bayesian);
  CHECK(model.mechanisms().at(0) == std::pair<std::string, std::string>{"learning_rule", "bayesian"});
}

TEST_CASE("parameters: more than the allowed number of assessment ages is rejected") {
  models::AttachmentModel model;
  sim::ResolvedConfig config(model.parameters());
  config.set("strange_situation.ages_months", std::vector<double>{9, 10, 11, 12, 13, 14, 15, 16, 17},
             {"test.yaml", 4, 3});
  CHECK_THROWS_WITH_AS(model.configure(config), doctest::Contains("at most 8 ages"), sim::InputError);
}

TEST_CASE("parameters: phases out of order are rejected") {
  models::AttachmentModel model;
  sim::ResolvedConfig config(model.parameters());
  config.set("development.clear_cut_months", 1.0, {"test.yaml", 2, 5});
  CHECK_THROWS_AS(model.configure(config), sim::InputError);
}
