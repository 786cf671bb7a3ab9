// The classroom page's culture choice (web/classroom.js, CULTURES) is the culture files' practices
// (configs/populations/cultures/), and the lesson's cultures question (docs/guide_classroom.md, Q15)
// holds with the page's own settings.
#include "sim/classroom/classroom_api.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace sim = attachsim::sim;
using nlohmann::json;

namespace {

// The CULTURES object of the page's script: the JSON between "const CULTURES = " and the first line
// that is just "};".
json page_cultures() {
  std::ifstream in(std::string(ATTACHSIM_SOURCE_DIR) + "/sim/classroom/web/classroom.js");
  std::stringstream text;
  text << in.rdbuf();
  const std::string js = text.str();
  const std::size_t start = js.find("const CULTURES = ");
  REQUIRE(start != std::string::npos);
  const std::size_t open = js.find('{', start), close = js.find("\n};", start);
  REQUIRE(close != std::string::npos);
  return json::parse(js.substr(open, close + 2 - open));
}

// A number as text that two spellings of it share (1, 1.0), or a choice as it is written.
std::string value_text(double x) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}

// A culture file's settings as "group.key" -> value, without the run and the risks (which the page's
// own controls set).
std::map<std::string, std::string> practices(const std::string& file) {
  std::map<std::string, std::string> out;
  for (const auto& group : YAML::LoadFile(file)) {
    const std::string name = group.first.Scalar();
    if (name == "run" || name == "risk") continue;
    for (const auto& key : group.second) {
      double x = 0;
      out[name + "." + key.first.Scalar()] = YAML::convert<double>::decode(key.second, x) ? value_text(x) : key.second.Scalar();
    }
  }
  return out;
}

json ask(const json& settings) {
  const sim::CohortRunner serial = [](const sim::Model& model, const sim::RunSettings& run, sim::Summary& summary,
                                      sim::RecordSink& sink) { return sim::run_population_serial(model, run, summary, &sink); };
  return json::parse(sim::simulate_classroom(json{{"view", "cohort"}, {"settings", settings}}.dump(), serial));
}

}  // namespace

TEST_CASE("classroom page: every culture file is a choice, with exactly that file's practices") {
  const json cultures = page_cultures();
  CHECK(cultures.contains("today"));
  CHECK(cultures["today"]["settings"].empty());
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ATTACHSIM_SOURCE_DIR) + "/configs/populations/cultures")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().stem().string();
    CAPTURE(name);
    REQUIRE(cultures.contains(name));
    std::map<std::string, std::string> on_page;
    for (const auto& [key, value] : cultures[name]["settings"].items())
      on_page[key] = value.is_number() ? value_text(value.get<double>()) : value.get<std::string>();
    CHECK(on_page == practices(entry.path().string()));
    const json& published = cultures[name]["published"];
    CHECK(published["A"].get<double>() + published["B"].get<double>() + published["C"].get<double>() == doctest::Approx(1.0));
    ++files;
  }
  CHECK(cultures.size() == static_cast<std::size_t>(files) + 1);  // and no culture without its file
}

TEST_CASE("lesson, cultures: Germany's babies avoid more and Japan's resist more than the American ones") {
  // As the page asks: 1,000 babies, its seed, the calibrated sensitivity a culture starts from (0.8),
  // the culture's practices. A share of 1,000 has an SE of at most 1.6 points; the same seed's common
  // random numbers make differences smaller still, so 10 and 8 points are several errors wide.
  const json cultures = page_cultures();
  const auto run = [&](const std::string& culture) {
    json s = {{"run.dyads", 1000}, {"run.seed", 20261128}, {"caregiver.sensitivity_mean", 0.8}};
    for (const auto& [key, value] : cultures[culture]["settings"].items()) s[key] = value;
    return ask(s)["strange_situation"][0]["organized_shares"];
  };
  const json us = run("united_states_1980s"), germany = run("germany_1980s"), japan = run("japan_1980s");
  const auto share = [](const json& shares, const char* k) { return shares[k]["share"].get<double>(); };
  INFO("A/B/C: US " << share(us, "A") << "/" << share(us, "B") << "/" << share(us, "C") << ", Germany " << share(germany, "A") << "/"
                    << share(germany, "B") << "/" << share(germany, "C") << ", Japan " << share(japan, "A") << "/" << share(japan, "B")
                    << "/" << share(japan, "C"));
  CHECK(share(us, "A") + share(us, "B") + share(us, "C") == doctest::Approx(1.0));
  CHECK(share(germany, "A") > share(us, "A") + 0.10);
  CHECK(share(germany, "C") < share(us, "C"));
  CHECK(share(japan, "C") > share(us, "C") + 0.08);
  CHECK(share(japan, "A") < share(us, "A"));
}
