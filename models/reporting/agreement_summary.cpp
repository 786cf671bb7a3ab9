#include "models/reporting/agreement_summary.hpp"

#include <cstdio>

namespace attachsim::models {
namespace {

const char* const ssp_order[] = {"B", "A", "C", "D"};

void count(CategoryTable& t, double a, double b) {
  const int i = sim::label_index(a, ssp_order), j = sim::label_index(b, ssp_order);
  if (i >= 0 && j >= 0) ++t[i][j];
}

std::uint64_t total(const CategoryTable& t) {
  std::uint64_t n = 0;
  for (const auto& row : t)
    for (auto c : row) n += c;
  return n;
}

}  // namespace

AgreementSummary::AgreementSummary(const DyadColumns& columns, const std::vector<double>& ssp_ages,
                                   const std::vector<double>& observation_ages)
    : columns_(columns) {
  for (double age : ssp_ages) ssp_ages_.push_back(age_label(age));
  for (double age : observation_ages) observation_ages_.push_back(age_label(age));
  figures_.resize(columns.strange_situation_partner.size());
  if (!columns.strange_situation.empty() && columns.strange_situation[0].coder2) coders_.resize(columns.strange_situation.size());
  raters_.resize(columns.observed_sensitivity_rater2.size());
}

void AgreementSummary::add(const sim::RecordBlock& block, std::size_t row) {
  const auto value = [&](std::size_t column) { return block.value(column, row); };
  for (std::size_t i = 0; i < figures_.size(); ++i)
    count(figures_[i], value(columns_.strange_situation[i].coded.attachment_class),
          value(columns_.strange_situation_partner[i].coded.attachment_class));
  for (std::size_t i = 0; i < coders_.size(); ++i)
    count(coders_[i], value(columns_.strange_situation[i].coded.attachment_class),
          value(columns_.strange_situation[i].coder2->attachment_class));
  for (std::size_t i = 0; i < raters_.size(); ++i)
    raters_[i].add(value(columns_.observed_sensitivity[i]), value(columns_.observed_sensitivity_rater2[i]));
}

std::vector<sim::SummaryValue> AgreementSummary::values() const {
  std::vector<sim::SummaryValue> v;
  const auto agreement = [&](const std::string& base, const CategoryTable& t, const std::string& what) {
    const Agreement a = agreement_of(t);
    v.push_back({base + "_dyads", static_cast<double>(total(t)), "dyads", "Dyads with both classifications: " + what + "."});
    v.push_back({base + "_four_way_agreement", a.four_way_agreement, "proportion", "Share with the same class (A/B/C/D): " + what + "."});
    v.push_back({base + "_four_way_kappa", a.four_way_kappa, "kappa", "Cohen's kappa of the 4-way agreement: " + what + "."});
    v.push_back({base + "_secure_agreement", a.secure_agreement, "proportion", "Share secure with both or insecure with both: " + what + "."});
    v.push_back({base + "_secure_kappa", a.secure_kappa, "kappa", "Cohen's kappa of the secure/insecure agreement: " + what + "."});
  };
  for (std::size_t i = 0; i < figures_.size(); ++i)
    agreement("concordance_" + ssp_ages_[i] + "_primary_partner", figures_[i],
              "the Strange Situation at " + ssp_ages_[i] + " with the primary caregiver and with the partner");
  for (std::size_t i = 0; i < coders_.size(); ++i)
    agreement("reliability_ssp_" + ssp_ages_[i] + "_coders", coders_[i], "two coders of the Strange Situation at " + ssp_ages_[i]);
  for (std::size_t i = 0; i < raters_.size(); ++i)
    v.push_back({"reliability_sensitivity_" + observation_ages_[i] + "_raters_r", raters_[i].r(), "r",
                 "Correlation of two raters' scores of the same home visit at " + observation_ages_[i] + "."});
  return v;
}

std::vector<sim::SummaryTable> AgreementSummary::tables() const {
  std::vector<sim::SummaryTable> out;
  for (std::size_t i = 0; i < figures_.size(); ++i) {
    sim::SummaryTable t{"concordance/" + ssp_ages_[i], "Strange Situation class at " + ssp_ages_[i] +
                                                           " with the primary caregiver by class with the partner: one row per cell.",
                        {{"with_primary", "A/B/C/D", "Class with the primary caregiver.", {}, {}},
                         {"with_partner", "A/B/C/D", "Class with the partner.", {}, {}},
                         {"dyads", "dyads", "Dyads in the cell.", {}, {}}}};
    for (int a = 0; a < 4; ++a)
      for (int b = 0; b < 4; ++b) {
        t.columns[0].texts.push_back(ssp_order[a]);
        t.columns[1].texts.push_back(ssp_order[b]);
        t.columns[2].numbers.push_back(static_cast<double>(figures_[i][a][b]));
      }
    out.push_back(std::move(t));
  }
  return out;
}

std::string AgreementSummary::report() const {
  std::string s;
  char line[256];
  for (std::size_t i = 0; i < figures_.size(); ++i) {
    const Agreement a = agreement_of(figures_[i]);
    std::snprintf(line, sizeof line,
                  "concordance with two figures at %s (n=%llu): secure/insecure %.0f%% (kappa %.2f), 4-way %.0f%% (kappa %.2f)\n",
                  ssp_ages_[i].c_str(), static_cast<unsigned long long>(total(figures_[i])), 100 * a.secure_agreement,
                  a.secure_kappa, 100 * a.four_way_agreement, a.four_way_kappa);
    s += line;
  }
  for (std::size_t i = 0; i < coders_.size(); ++i) {
    const Agreement a = agreement_of(coders_[i]);
    std::snprintf(line, sizeof line, "inter-coder agreement, Strange Situation at %s: 4-way %.0f%% (kappa %.2f)\n",
                  ssp_ages_[i].c_str(), 100 * a.four_way_agreement, a.four_way_kappa);
    s += line;
  }
  for (std::size_t i = 0; i < raters_.size(); ++i) {
    std::snprintf(line, sizeof line, "inter-rater r, sensitivity at %s: %.2f\n", observation_ages_[i].c_str(), raters_[i].r());
    s += line;
  }
  return s;
}

}  // namespace attachsim::models
