// Config loading against the real schema (run settings + the model's parameters), and the checks
// between parameters that the model's configure() makes: ages within the span, AAI shares summing to 1.
#include "sim/core/config.hpp"
#include "sim/input/yaml_settings.hpp"
#include "sim/core/model.hpp"
#include "sim/core/run_settings.hpp"
#include "support/cli.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sim = attachsim::sim;
using attachsim::testing::ScratchDirectory;

namespace {

std::vector<sim::ParameterSpec> full_schema() { return sim::scenario_schema(*sim::make_model()); }

const std::string normative = std::string(ATTACHSIM_SOURCE_DIR) + "/configs/normative.yaml";

// The InputError that the model's configure() raises for this scenario text, or nothing.
std::optional<sim::InputError> configure_error(const std::string& yaml) {
  ScratchDirectory dir;
  const auto config = sim::load_config(dir.write("scenario.yaml", yaml).string(), full_schema());
  try {
    sim::make_model()->configure(config);
  } catch (const sim::InputError& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("config: the real schema declares each key once, with defaults inside their own ranges") {
  const auto schema = full_schema();
  std::set<std::string> keys;
  for (const auto& spec : schema) {
    CAPTURE(spec.key);
    CHECK(keys.insert(spec.key).second);
    CHECK(spec.key.find('.') != std::string::npos);
    CHECK_FALSE(spec.meaning.empty());
    if (spec.kind == sim::Kind::real) {
      const double x = std::get<double>(spec.default_value);
      CHECK((x >= spec.min && x <= spec.max));
    } else if (spec.kind == sim::Kind::integer) {
      const auto x = static_cast<double>(std::get<std::int64_t>(spec.default_value));
      CHECK((x >= spec.min && x <= spec.max));
    } else if (spec.kind == sim::Kind::choice) {
      const auto& name = std::get<std::string>(spec.default_value);
      CHECK(std::find(spec.choices.begin(), spec.choices.end(), name) != spec.choices.end());
    }
  }
  CHECK(keys.count("learning.rule") == 1);
  CHECK(keys.count("strange_situation.ages_months") == 1);
  CHECK(keys.count("run.dyads") == 1);
}

TEST_CASE("config: normative.yaml loads with the real schema, its values set and the rest defaulted") {
  const auto config = sim::load_config(normative, full_schema());
  CHECK(std::get<std::int64_t>(config.value("run.seed")) == 20261128);
  CHECK(std::get<std::int64_t>(config.value("run.dyads")) == 10000);
  CHECK(std::get<std::vector<double>>(config.value("strange_situation.ages_months")) == std::vector<double>{12});
  CHECK(std::get<std::vector<double>>(config.value("sensitivity_observation.ages_months")) ==
        std::vector<double>{6, 12});
  CHECK(config.value("learning.rule") == config.spec("learning.rule").default_value);
  CHECK(config.position_of("run.seed").line == 9);
  CHECK_NOTHROW(sim::make_model()->configure(config));
}

TEST_CASE("config: --set overrides on the real schema, including list syntax") {
  const auto config = sim::load_config(normative, full_schema(),
                                       {"run.dyads=200", "strange_situation.ages_months=[12, 18]", "learning.rule=bayesian"});
  CHECK(std::get<std::int64_t>(config.value("run.dyads")) == 200);
  CHECK(std::get<std::vector<double>>(config.value("strange_situation.ages_months")) == std::vector<double>{12, 18});
  CHECK(std::get<std::string>(config.value("learning.rule")) == "bayesian");
  auto model = sim::make_model();
  model->configure(config);
  const auto mechanisms = model->mechanisms();
  CHECK(std::find(mechanisms.begin(), mechanisms.end(), std::pair<std::string, std::string>{"learning_rule", "bayesian"}) !=
        mechanisms.end());
}

TEST_CASE("config: the real schema's to_yaml() reads back to the same values and hash") {
  const auto first = sim::load_config(normative, full_schema(),
                                      {"strange_situation.ages_months=[9.5, 18]", "infant.marker_frequency=0.1"});
  ScratchDirectory dir;
  const auto again = sim::load_config(dir.write("again.yaml", first.to_yaml()).string(), full_schema());
  for (const auto& spec : first.schema()) {
    CAPTURE(spec.key);
    CHECK(again.value(spec.key) == first.value(spec.key));
  }
  CHECK(again.to_yaml() == first.to_yaml());
  CHECK(again.hash() == first.hash());
}

TEST_CASE("config: a misspelt real key suggests the declared one") {
  ScratchDirectory dir;
  const auto path = dir.write("typo.yaml", "infant:\n  marker_frequncy: 0.1\n").string();
  try {
    sim::load_config(path, full_schema());
    FAIL("no InputError");
  } catch (const sim::InputError& e) {
    CHECK(e.key() == "infant.marker_frequncy");
    CHECK(e.where().line == 2);
    CHECK(e.found().find("did you mean 'infant.marker_frequency'?") != std::string::npos);
  }
}

TEST_CASE("config: a Strange Situation age beyond the simulated span fails in configure()") {
  const auto e = configure_error("development:\n  span_months: 24\nstrange_situation:\n  ages_months: [30]\n");
  REQUIRE(e);
  CHECK(e->key() == "strange_situation.ages_months");
  CHECK(e->where().line == 4);
  CHECK(e->where().column == 16);
  CHECK(e->expected().find("development.span_months") != std::string::npos);
  CHECK(e->found() == "30.0");
  const std::string what = e->what();
  CHECK(what.find(":4:16: key 'strange_situation.ages_months': expected") != std::string::npos);
  CHECK(what.find("found 30.0") != std::string::npos);

  // The same age inside a longer span is fine, so the check is against the span and not a fixed limit.
  CHECK_FALSE(configure_error("development:\n  span_months: 36\nstrange_situation:\n  ages_months: [30]\n"));
}

TEST_CASE("config: AAI state-of-mind shares that do not sum to 1 fail in configure()") {
  // Built from the declared defaults of the other three shares, so the test follows their values.
  const sim::ResolvedConfig defaults(full_schema());
  const auto share = [&](const char* name) { return std::get<double>(defaults.value(std::string("state_of_mind.") + name)); };
  const double others = share("share_Ds") + share("share_E") + share("share_U");

  const auto e = configure_error("state_of_mind:\n  share_F: " + sim::format_value(1.1 - others) + "\n");
  REQUIRE(e);
  CHECK(e->key().rfind("state_of_mind.share_", 0) == 0);
  CHECK(e->expected().find("sum to 1") != std::string::npos);
  REQUIRE(e->found().rfind("a sum of ", 0) == 0);
  CHECK(std::stod(e->found().substr(9)) == doctest::Approx(1.1).epsilon(1e-9));
  CHECK(std::string(e->what()).find("key 'state_of_mind.share_") != std::string::npos);

  // The complement of the other three is accepted, so the check is the sum and not the single share.
  CHECK_FALSE(configure_error("state_of_mind:\n  share_F: " + sim::format_value(1 - others) + "\n"));
}
