#include "models/reporting/stability_summary.hpp"

#include <cstdio>

namespace attachsim::models {
namespace {

const char* const ssp_order[] = {"B", "A", "C", "D"};  // secure first, as agreement_of() expects
const char* const stratum_names[] = {"", "low_risk_", "high_risk_"};
const char* const stratum_text[] = {"", " in the low-risk stratum", " in the high-risk stratum"};
const char* const transition_names[] = {"stays_secure", "becomes_secure", "becomes_insecure", "stays_insecure"};
const char* const transition_text[] = {"secure at both", "insecure, then secure", "secure, then insecure", "insecure at both"};

}  // namespace

StabilitySummary::StabilitySummary(const DyadColumns& columns, const std::vector<double>& ages) : columns_(columns) {
  for (double age : ages) ages_.push_back(age_label(age));
  for (std::size_t i = 0; i < ages.size(); ++i)
    for (std::size_t j = i + 1; j < ages.size(); ++j) pairs_.push_back({i, j, ages_[i] + "_" + ages_[j], {}, {}});
}

void StabilitySummary::add(const sim::RecordBlock& block, std::size_t row) {
  const auto value = [&](std::size_t column) { return block.value(column, row); };
  const int stratum = value(columns_.high_risk_stratum) > 0 ? 2 : 1;
  for (Pair& pair : pairs_) {
    const AssessmentColumns& a = columns_.strange_situation[pair.first];
    const AssessmentColumns& b = columns_.strange_situation[pair.second];
    const int from = sim::label_index(value(a.coded.attachment_class), ssp_order);
    const int to = sim::label_index(value(b.coded.attachment_class), ssp_order);
    if (from < 0 || to < 0) continue;  // the assessed figure was absent at one of the ages
    ++pair.classes[0][from][to];
    ++pair.classes[stratum][from][to];
    const int t = from == 0 ? (to == 0 ? stays_secure : becomes_insecure) : (to == 0 ? becomes_secure : stays_insecure);
    Between& w = pair.between[t];
    const auto rose = [&](std::size_t x, std::size_t y) { return value(x) <= 0 && value(y) > 0; };
    ++w.dyads;
    w.sensitivity_change += value(b.caregiver_sensitivity) - value(a.caregiver_sensitivity);
    w.responsiveness_change += value(b.caregiver_responsiveness) - value(a.caregiver_responsiveness);
    w.stress_change += value(b.caregiver_stress) - value(a.caregiver_stress);
    w.life_events += value(b.life_events) - value(a.life_events);
    w.violence_events += value(b.violence_events) - value(a.violence_events);
    w.hardship_entered += rose(a.hardship, b.hardship);
    w.hardship_left += rose(b.hardship, a.hardship);
    w.violence_started += rose(a.violence, b.violence);
    w.violence_ended += rose(b.violence, a.violence);
    w.partner_came += rose(a.partner_present, b.partner_present);
    w.partner_left += rose(b.partner_present, a.partner_present);
    w.depression_began += rose(a.depressed, b.depressed);
    w.depression_ended += rose(b.depressed, a.depressed);
    w.maltreatment_began += rose(a.maltreating, b.maltreating);
    w.maltreatment_ended += rose(b.maltreating, a.maltreating);
  }
}

std::vector<sim::SummaryValue> StabilitySummary::values() const {
  std::vector<sim::SummaryValue> v;
  for (const Pair& pair : pairs_) {
    const std::string between = " between the Strange Situations at " + ages_[pair.first] + " and " + ages_[pair.second];
    for (int s = 0; s < 3; ++s) {
      const Agreement a = agreement_of(pair.classes[s]);
      const std::string base = "stability_" + pair.label + "_" + stratum_names[s];
      v.push_back({base + "four_way_agreement", a.four_way_agreement, "proportion", "Share classified the same (A/B/C/D)" + between + stratum_text[s] + "."});
      v.push_back({base + "four_way_kappa", a.four_way_kappa, "kappa", "Cohen's kappa of the 4-way stability" + between + stratum_text[s] + "."});
      v.push_back({base + "secure_agreement", a.secure_agreement, "proportion", "Share secure at both or insecure at both" + between + stratum_text[s] + "."});
      v.push_back({base + "secure_kappa", a.secure_kappa, "kappa", "Cohen's kappa of the secure/insecure stability" + between + stratum_text[s] + "."});
    }
    std::uint64_t total = 0;
    for (const Between& w : pair.between) total += w.dyads;
    for (int t = 0; t < transition_count; ++t)
      v.push_back({"change_" + pair.label + "_" + transition_names[t] + "_share",
                   total ? static_cast<double>(pair.between[t].dyads) / static_cast<double>(total) : 0.0, "proportion",
                   std::string("Share of dyads ") + transition_text[t] + between + "."});
    for (int t = 0; t < transition_count; ++t) {
      const Between& w = pair.between[t];
      const double n = w.dyads ? static_cast<double>(w.dyads) : 1.0;
      v.push_back({"change_" + pair.label + "_" + transition_names[t] + "_sensitivity_change", w.sensitivity_change / n, "-1 to 1",
                   std::string("Mean change of the caregiver's sensitivity level") + between + ", among dyads " + transition_text[t] + "."});
      v.push_back({"change_" + pair.label + "_" + transition_names[t] + "_responsiveness_change", w.responsiveness_change / n, "-1 to 1",
                   std::string("Mean change of the caregiver's responsiveness over recent weeks") + between + ", among dyads " + transition_text[t] + "."});
    }
  }
  return v;
}

std::vector<sim::SummaryTable> StabilitySummary::tables() const {
  std::vector<sim::SummaryTable> out;
  for (const Pair& pair : pairs_) {
    const std::string between = " between the Strange Situations at " + ages_[pair.first] + " and " + ages_[pair.second];
    sim::SummaryTable classes{"stability/" + pair.label, "Class at the first age by class at the second" + between +
                                                             ", overall and by risk stratum: one row per cell.",
                              {{"stratum", "", "all, low_risk or high_risk.", {}, {}},
                               {"from", "A/B/C/D", "Class at " + ages_[pair.first] + ".", {}, {}},
                               {"to", "A/B/C/D", "Class at " + ages_[pair.second] + ".", {}, {}},
                               {"dyads", "dyads", "Dyads in the cell.", {}, {}}}};
    for (int s = 0; s < 3; ++s)
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) {
          classes.columns[0].texts.push_back(s == 0 ? "all" : s == 1 ? "low_risk" : "high_risk");
          classes.columns[1].texts.push_back(ssp_order[i]);
          classes.columns[2].texts.push_back(ssp_order[j]);
          classes.columns[3].numbers.push_back(static_cast<double>(pair.classes[s][i][j]));
        }
    out.push_back(std::move(classes));
    sim::SummaryTable change{"change/" + pair.label, "What came between the assessments" + between +
                                                         ", by transition (secure = B): one row per transition.",
                             {{"transition", "", "stays_secure, becomes_secure, becomes_insecure or stays_insecure.", {}, {}},
                              {"dyads", "dyads", "Dyads with this transition.", {}, {}},
                              {"sensitivity_change", "-1 to 1", "Mean change of the primary caregiver's sensitivity level.", {}, {}},
                              {"responsiveness_change", "-1 to 1", "Mean change of the caregiver's responsiveness over recent weeks (availability x momentary sensitivity).", {}, {}},
                              {"stress_change", "-1 to 1", "Mean change of the caregiver's stress over recent weeks.", {}, {}},
                              {"life_events", "events", "Mean stressful life events in between.", {}, {}},
                              {"violence_events", "events", "Mean partner-violence events in between.", {}, {}},
                              {"hardship_entered", "proportion", "Share not in hardship at the first age and in hardship at the second.", {}, {}},
                              {"hardship_left", "proportion", "Share in hardship at the first age and not at the second.", {}, {}},
                              {"violence_started", "proportion", "Share whose partner relationship became violent.", {}, {}},
                              {"violence_ended", "proportion", "Share whose partner violence ended.", {}, {}},
                              {"partner_left", "proportion", "Share whose partner left.", {}, {}},
                              {"partner_came", "proportion", "Share who gained a partner.", {}, {}},
                              {"depression_began", "proportion", "Share whose caregiver was depressed at the second age and not the first.", {}, {}},
                              {"depression_ended", "proportion", "Share whose caregiver was depressed at the first age and not the second.", {}, {}},
                              {"maltreatment_began", "proportion", "Share in a maltreatment spell at the second age and not the first.", {}, {}},
                              {"maltreatment_ended", "proportion", "Share in a maltreatment spell at the first age and not the second.", {}, {}}}};
    for (int t = 0; t < transition_count; ++t) {
      const Between& w = pair.between[t];
      const double n = w.dyads ? static_cast<double>(w.dyads) : 1.0;
      const auto share = [n](std::uint64_t k) { return static_cast<double>(k) / n; };
      change.columns[0].texts.push_back(transition_names[t]);
      const double row[] = {static_cast<double>(w.dyads), w.sensitivity_change / n, w.responsiveness_change / n, w.stress_change / n, w.life_events / n,
                            w.violence_events / n, share(w.hardship_entered), share(w.hardship_left), share(w.violence_started),
                            share(w.violence_ended), share(w.partner_left), share(w.partner_came), share(w.depression_began),
                            share(w.depression_ended), share(w.maltreatment_began), share(w.maltreatment_ended)};
      for (std::size_t c = 0; c < std::size(row); ++c) change.columns[c + 1].numbers.push_back(row[c]);
    }
    out.push_back(std::move(change));
  }
  return out;
}

std::string StabilitySummary::report() const {
  std::string s;
  char line[320];
  for (const Pair& pair : pairs_) {
    const Agreement all = agreement_of(pair.classes[0]), low = agreement_of(pair.classes[1]), high = agreement_of(pair.classes[2]);
    std::snprintf(line, sizeof line,
                  "stability %s -> %s: 4-way %.0f%% (kappa %.2f), secure/insecure %.0f%% (kappa %.2f); low-risk kappa %.2f, high-risk %.2f\n",
                  ages_[pair.first].c_str(), ages_[pair.second].c_str(), 100 * all.four_way_agreement, all.four_way_kappa,
                  100 * all.secure_agreement, all.secure_kappa, low.secure_kappa, high.secure_kappa);
    s += line;
    const Between& up = pair.between[becomes_secure];
    const Between& down = pair.between[becomes_insecure];
    const auto mean = [](double sum, std::uint64_t n) { return n ? sum / static_cast<double>(n) : 0.0; };
    std::snprintf(line, sizeof line,
                  "  became secure: %llu, caregiver responsiveness %+.3f; became insecure: %llu, responsiveness %+.3f, "
                  "life events %.2f (stayed secure: %.2f)\n",
                  static_cast<unsigned long long>(up.dyads), mean(up.responsiveness_change, up.dyads),
                  static_cast<unsigned long long>(down.dyads), mean(down.responsiveness_change, down.dyads),
                  mean(down.life_events, down.dyads), mean(pair.between[stays_secure].life_events, pair.between[stays_secure].dyads));
    s += line;
  }
  return s;
}

}  // namespace attachsim::models
