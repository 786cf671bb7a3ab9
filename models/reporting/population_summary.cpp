#include "models/reporting/population_summary.hpp"

#include <cstdio>
#include <string>

namespace attachsim::models {
namespace {

const char* const class_letters = "ABCD";
const char* const class_names[] = {"A", "B", "C", "D"};
const char* const aai_names[] = {"F", "Ds", "E", "U"};

double share_of(std::uint64_t part, std::uint64_t whole) {
  return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

PopulationSummary::PopulationSummary(const ModelParameters& p, const DyadColumns& columns, std::size_t generations)
    : p_(p), columns_(columns), ssp_(columns.strange_situation.size()), sensitivity_(columns.observed_sensitivity.size()),
      partner_sensitivity_(columns.observed_sensitivity_partner.size()),
      partner_correlated_(!columns.observed_sensitivity_partner.empty() && !columns.strange_situation_partner.empty()),
      generations_(generations) {
  // Pair the first Strange Situation with the latest observation at or before it (else the first).
  const auto& obs = p.sensitivity_observation.ages_months;
  if (!p.strange_situation.ages_months.empty())
    for (std::size_t i = 0; i < obs.size(); ++i)
      if (obs[i] <= p.strange_situation.ages_months[0] &&
          (obs[correlated_observation_] > p.strange_situation.ages_months[0] || obs[i] >= obs[correlated_observation_]))
        correlated_observation_ = i;
  if (!p.strange_situation.ages_months.empty()) {
    const std::string infant_age = age_label(p.strange_situation.ages_months[0]);
    transmission_.emplace(columns, generations, correlated_observation_, infant_age);
    if (!p.preschool.ages_months.empty()) {
      std::vector<std::string> ages;
      for (double age : p.preschool.ages_months) ages.push_back(age_label(age));
      childhood_.emplace(columns, ages, infant_age);
    }
  }
  if (p.strange_situation.ages_months.size() > 1) stability_.emplace(columns, p.strange_situation.ages_months);
  agreement_.emplace(columns, p.strange_situation.ages_months, p.sensitivity_observation.ages_months);
  if (agreement_->empty()) agreement_.reset();
}

void PopulationSummary::add(const sim::RecordBlock& block, std::size_t row) {
  const std::size_t generation =
      columns_.generations ? static_cast<std::size_t>(block.value(columns_.generations->generation, row)) - 1 : 0;
  if (transmission_) transmission_->add(block, row, generation);
  if (generation > 0) return;  // the rest describes the population as configured
  if (childhood_) childhood_->add(block, row);
  if (stability_) stability_->add(block, row);
  if (agreement_) agreement_->add(block, row);
  ++dyads_;
  episodes_ += static_cast<std::uint64_t>(block.value(columns_.episodes, row));
  for (std::size_t i = 0; i < ssp_.size(); ++i) {
    const auto& c = columns_.strange_situation[i];
    const int a = sim::label_index(block.value(c.coded.attachment_class, row), class_names);
    const int o = sim::label_index(block.value(c.coded.organized_class, row), class_names);
    if (a < 0) continue;  // the figure was not in the infant's life that day: nothing was measured
    ++ssp_[i].assessed, ++ssp_[i].attachment[a];
    if (o >= 0 && o < 3) ++ssp_[i].organized[o];
    ssp_[i].security.add(block.value(c.coded.security, row));
  }
  for (std::size_t i = 0; i < sensitivity_.size(); ++i)
    sensitivity_[i].add(block.value(columns_.observed_sensitivity[i], row));
  // The first Strange Situation's class (-1 if none, or its figure was absent) for what follows.
  const int first = ssp_.empty() ? -1
                                 : sim::label_index(block.value(columns_.strange_situation[0].coded.attachment_class, row), class_names);
  if (first >= 0 && !sensitivity_.empty())
    sensitivity_security_.add(block.value(columns_.observed_sensitivity[correlated_observation_], row),
                              block.value(columns_.strange_situation[0].coded.security, row));
  for (std::size_t i = 0; i < partner_sensitivity_.size(); ++i)
    if (block.value(columns_.observed_partner[i], row) != 0)
      partner_sensitivity_[i].add(block.value(columns_.observed_sensitivity_partner[i], row));
  // The partner's observed sensitivity with security with him, where both were measured.
  if (partner_correlated_ && block.value(columns_.observed_partner[correlated_observation_], row) != 0 &&
      sim::label_index(block.value(columns_.strange_situation_partner[0].coded.attachment_class, row), class_names) >= 0)
    partner_sensitivity_security_.add(block.value(columns_.observed_sensitivity_partner[correlated_observation_], row),
                                      block.value(columns_.strange_situation_partner[0].coded.security, row));
  const int k = sim::label_index(block.value(columns_.aai_coded, row), aai_names);
  if (k >= 0) ++aai_[k];
  depression_first_year_.add(block.value(columns_.depression_first_year, row));
  const auto partner_days = static_cast<std::uint64_t>(block.value(columns_.partner_days_first_year, row));
  const double partner_depressed = block.value(columns_.partner_depressed_days_first_year, row);
  partner_days_first_year_ += partner_days;
  partner_depressed_days_first_year_ += static_cast<std::uint64_t>(partner_depressed);
  if (partner_days == first_year_days)
    parents_depression_.add(block.value(columns_.depression_first_year, row), partner_depressed / first_year_days);
  if (first >= 0) {
    const auto risks = static_cast<int>(block.value(columns_.risk_count, row));
    ++by_stratum_[block.value(columns_.high_risk_stratum, row) > 0 ? 1 : 0][first];
    ++by_risk_group_[risks <= 1 ? 0 : risks <= 4 ? 1 : 2][first];
  }
}

std::vector<sim::SummaryValue> PopulationSummary::values() const {
  std::vector<sim::SummaryValue> v;
  v.push_back({"dyads", static_cast<double>(dyads_), "dyads", "Dyads of the first generation (the population as configured), which the values below describe unless named by generation."});
  v.push_back({"episodes", static_cast<double>(episodes_), "episodes", "Distress episodes of the first generation's infants."});
  for (std::size_t i = 0; i < ssp_.size(); ++i) {
    const std::string age = age_label(p_.strange_situation.ages_months[i]);
    for (int k = 0; k < 4; ++k) {
      const std::string letter(1, class_letters[k]);
      const auto [lo, hi] = sim::wilson95(ssp_[i].attachment[k], ssp_[i].assessed);
      const std::string base = "ssp_" + age + "_share_" + letter;
      const double share = share_of(ssp_[i].attachment[k], ssp_[i].assessed);
      v.push_back({base, share, "proportion", "Share classified " + letter + " in the Strange Situation at " + age + "."});
      v.push_back({base + "_ci_low", lo, "proportion", "Lower bound of the 95% Wilson interval of " + base + "."});
      v.push_back({base + "_ci_high", hi, "proportion", "Upper bound of the 95% Wilson interval of " + base + "."});
    }
    for (int k = 0; k < 3; ++k) {
      const std::string letter(1, class_letters[k]);
      const double share = share_of(ssp_[i].organized[k], ssp_[i].assessed);
      v.push_back({"ssp_" + age + "_organized_share_" + letter, share, "proportion",
                   "Share with forced organized class " + letter + " at " + age + "."});
    }
    v.push_back({"ssp_" + age + "_security_mean", ssp_[i].security.mean(), "0-1", "Mean continuous security at " + age + "."});
  }
  for (std::size_t i = 0; i < sensitivity_.size(); ++i) {
    const std::string age = age_label(p_.sensitivity_observation.ages_months[i]);
    v.push_back({"sensitivity_" + age + "_mean", sensitivity_[i].mean(), "1-9", "Mean observed sensitivity at " + age + "."});
    v.push_back({"sensitivity_" + age + "_sd", sensitivity_[i].sd(), "1-9", "SD of observed sensitivity at " + age + "."});
  }
  const auto correlation = [&](const std::string& name, const sim::RunningCorrelation& r, const std::string& what) {
    const auto [lo, hi] = r.interval95();
    v.push_back({name, r.r(), "r", "Pearson correlation of " + what + "."});
    v.push_back({name + "_ci_low", lo, "r", "Lower bound of the 95% Fisher-z interval of the correlation."});
    v.push_back({name + "_ci_high", hi, "r", "Upper bound of the 95% Fisher-z interval of the correlation."});
  };
  if (!ssp_.empty() && !sensitivity_.empty())
    correlation("sensitivity_security_r", sensitivity_security_,
                "observed sensitivity with security at the first Strange Situation");
  for (std::size_t i = 0; i < partner_sensitivity_.size(); ++i) {
    const std::string age = age_label(p_.sensitivity_observation.ages_months[i]);
    v.push_back({"sensitivity_" + age + "_partner_dyads", static_cast<double>(partner_sensitivity_[i].count()), "dyads",
                 "Dyads whose partner was observed at " + age + "."});
    v.push_back({"sensitivity_" + age + "_partner_mean", partner_sensitivity_[i].mean(), "1-9",
                 "Mean observed sensitivity of the partners observed at " + age + "."});
    v.push_back({"sensitivity_" + age + "_partner_sd", partner_sensitivity_[i].sd(), "1-9",
                 "SD of observed sensitivity of the partners observed at " + age + "."});
  }
  if (partner_correlated_)
    correlation("partner_sensitivity_security_r", partner_sensitivity_security_,
                "the partner's observed sensitivity with security with him at the first Strange Situation, where both were measured");
  v.push_back({"depression_point_prevalence", depression_first_year_.mean(), "proportion",
               "Share of caregivers depressed on an average day of the infant's first year."});
  v.push_back({"partner_depression_point_prevalence", share_of(partner_depressed_days_first_year_, partner_days_first_year_),
               "proportion", "Share of partners depressed on an average day of the infant's first year, over the days a partner lived with the infant."});
  if (partner_depressed_days_first_year_ > 0)  // otherwise the partners were never depressed (depression.partner_*)
    correlation("parents_depression_r", parents_depression_,
                "the shares of the first year the caregiver and the partner were depressed, for infants with a partner all year");
  if (!ssp_.empty()) {
    const std::string age = age_label(p_.strange_situation.ages_months[0]);
    const auto breakdown = [&](const std::string& group, const std::array<std::uint64_t, 4>& counts, const std::string& who) {
      std::uint64_t n = 0;
      for (auto c : counts) n += c;
      v.push_back({"by_risk_" + group + "_dyads", static_cast<double>(n), "dyads",
                   "Dyads " + who + " classified in the first Strange Situation (the shares' denominator; every dyad of the group "
                   "unless the assessed figure is one some infants lack)."});
      for (int k = 0; k < 4; ++k)
        v.push_back({"by_risk_" + group + "_ssp_" + age + "_share_" + std::string(1, class_letters[k]),
                     n ? static_cast<double>(counts[k]) / static_cast<double>(n) : 0.0, "proportion",
                     "Share classified " + std::string(1, class_letters[k]) + " at " + age + " among dyads " + who + "."});
    };
    breakdown("low_risk_stratum", by_stratum_[0], "of the low-risk stratum");
    breakdown("high_risk_stratum", by_stratum_[1], "of the high-risk stratum");
    breakdown("risks_0_to_1", by_risk_group_[0], "with 0-1 cumulative risks");
    breakdown("risks_2_to_4", by_risk_group_[1], "with 2-4 cumulative risks");
    breakdown("risks_5_or_more", by_risk_group_[2], "with 5 or more cumulative risks");
  }
  for (int k = 0; k < 4; ++k)
    v.push_back({std::string("aai_share_") + aai_names[k],
                 dyads_ ? static_cast<double>(aai_[k]) / static_cast<double>(dyads_) : 0.0, "proportion",
                 std::string("Share of caregivers whose AAI is coded ") + aai_names[k] + "."});
  if (childhood_)
    for (auto& value : childhood_->values()) v.push_back(std::move(value));
  if (stability_)
    for (auto& value : stability_->values()) v.push_back(std::move(value));
  if (agreement_)
    for (auto& value : agreement_->values()) v.push_back(std::move(value));
  if (transmission_)
    for (auto& value : transmission_->values()) v.push_back(std::move(value));
  return v;
}

std::vector<sim::SummaryTable> PopulationSummary::tables() const {
  std::vector<sim::SummaryTable> t;
  if (childhood_) t = childhood_->tables();
  if (transmission_)
    for (auto& table : transmission_->tables()) t.push_back(std::move(table));
  if (stability_)
    for (auto& table : stability_->tables()) t.push_back(std::move(table));
  if (agreement_)
    for (auto& table : agreement_->tables()) t.push_back(std::move(table));
  return t;
}

std::string PopulationSummary::report() const {
  std::string s;
  char line[256];
  if (generations_ > 1)  // the runtime line counts every generation's dyads: say which these are
    std::snprintf(line, sizeof line,
                  "%llu dyads of the first generation (of %llu lineages x %zu generations), %llu distress episodes\n",
                  static_cast<unsigned long long>(dyads_), static_cast<unsigned long long>(dyads_), generations_,
                  static_cast<unsigned long long>(episodes_));
  else
    std::snprintf(line, sizeof line, "%llu dyads, %llu distress episodes\n", static_cast<unsigned long long>(dyads_),
                  static_cast<unsigned long long>(episodes_));
  s += line;
  for (std::size_t i = 0; i < ssp_.size(); ++i) {
    s += "Strange Situation at " + age_label(p_.strange_situation.ages_months[i]) + ":";
    for (int k = 0; k < 4; ++k) {
      const auto [lo, hi] = sim::wilson95(ssp_[i].attachment[k], ssp_[i].assessed);
      std::snprintf(line, sizeof line, "  %c %5.1f%% [%4.1f, %4.1f]", class_letters[k],
                    100 * share_of(ssp_[i].attachment[k], ssp_[i].assessed), 100 * lo, 100 * hi);
      s += line;
    }
    if (ssp_[i].assessed < dyads_) {  // a figure other than the caregiver, not in every infant's life
      std::snprintf(line, sizeof line, "  (%llu of the %llu dyads; the figure was not in the others' lives)",
                    static_cast<unsigned long long>(ssp_[i].assessed), static_cast<unsigned long long>(dyads_));
      s += line;
    }
    s += "\n";
  }
  for (std::size_t i = 0; i < sensitivity_.size(); ++i) {
    std::snprintf(line, sizeof line, "observed sensitivity at %s: mean %.2f (SD %.2f) on the 1-9 scale\n",
                  age_label(p_.sensitivity_observation.ages_months[i]).c_str(), sensitivity_[i].mean(),
                  sensitivity_[i].sd());
    s += line;
  }
  if (!ssp_.empty() && !sensitivity_.empty()) {
    const auto [lo, hi] = sensitivity_security_.interval95();
    std::snprintf(line, sizeof line,
                  "sensitivity-security correlation: r = %.3f [%.3f, %.3f] (published: r = .24, De Wolff & van IJzendoorn 1997)\n",
                  sensitivity_security_.r(), lo, hi);
    s += line;
  }
  for (std::size_t i = 0; i < partner_sensitivity_.size(); ++i) {
    std::snprintf(line, sizeof line, "observed sensitivity of the partner at %s (n=%llu): mean %.2f (SD %.2f) on the 1-9 scale\n",
                  age_label(p_.sensitivity_observation.ages_months[i]).c_str(),
                  static_cast<unsigned long long>(partner_sensitivity_[i].count()), partner_sensitivity_[i].mean(),
                  partner_sensitivity_[i].sd());
    s += line;
  }
  if (partner_correlated_) {
    const auto [lo, hi] = partner_sensitivity_security_.interval95();
    std::snprintf(line, sizeof line,
                  "partner's sensitivity with security with him: r = %.3f [%.3f, %.3f] (n=%llu; published for fathers: r = .12, Lucassen et al. 2011)\n",
                  partner_sensitivity_security_.r(), lo, hi,
                  static_cast<unsigned long long>(partner_sensitivity_security_.count()));
    s += line;
  }
  std::snprintf(line, sizeof line, "depression point prevalence in the first year: %.1f%%\n",
                100 * depression_first_year_.mean());
  s += line;
  if (partner_depressed_days_first_year_ > 0) {
    std::snprintf(line, sizeof line,
                  "partner's depression in the first year: %.1f%%, r = %.2f with the caregiver's (published: 10.4%%, r = .31; Paulson & Bazemore 2010)\n",
                  100 * share_of(partner_depressed_days_first_year_, partner_days_first_year_), parents_depression_.r());
    s += line;
  }
  if (!ssp_.empty()) {
    const char* names[3] = {"0-1 risks", "2-4 risks", "5+ risks "};
    for (int g = 0; g < 3; ++g) {
      std::uint64_t n = 0;
      for (auto c : by_risk_group_[g]) n += c;
      if (n == 0) continue;
      std::snprintf(line, sizeof line, "  %s (n=%6llu):", names[g], static_cast<unsigned long long>(n));
      s += line;
      for (int k = 0; k < 4; ++k) {
        std::snprintf(line, sizeof line, "  %c %5.1f%%", class_letters[k],
                      100.0 * static_cast<double>(by_risk_group_[g][k]) / static_cast<double>(n));
        s += line;
      }
      s += "\n";
    }
  }
  std::snprintf(line, sizeof line, "caregiver AAI: F %.1f%%  Ds %.1f%%  E %.1f%%  U %.1f%%\n",
                100.0 * static_cast<double>(aai_[0]) / static_cast<double>(dyads_),
                100.0 * static_cast<double>(aai_[1]) / static_cast<double>(dyads_),
                100.0 * static_cast<double>(aai_[2]) / static_cast<double>(dyads_),
                100.0 * static_cast<double>(aai_[3]) / static_cast<double>(dyads_));
  s += line;
  if (stability_) s += stability_->report();
  if (agreement_) s += agreement_->report();
  if (childhood_) s += childhood_->report();
  if (transmission_) s += transmission_->report();
  return s;
}

}  // namespace attachsim::models
