#include "models/reporting/childhood_summary.hpp"

#include "models/reporting/transmission_summary.hpp"

#include <cmath>
#include <cstdio>

namespace attachsim::models {
namespace {

const char* const class_order[] = {"B", "A", "C", "D"};
const char* const outcome_names[] = {"social_competence", "empathy", "externalizing", "internalizing"};
const char* const risk_names[] = {"0-1", "2-4", "5+"};

std::array<std::size_t, ChildhoodSummary::outcome_count> outcome_columns(const PreschoolColumns& c) {
  return {c.social_competence, c.empathy, c.externalizing, c.internalizing};
}

double cohens_d(const sim::RunningMoments& a, const sim::RunningMoments& b) {
  const double na = static_cast<double>(a.count()), nb = static_cast<double>(b.count());
  if (na < 2 || nb < 2) return 0;
  const double pooled = std::sqrt(((na - 1) * a.variance() + (nb - 1) * b.variance()) / (na + nb - 2));
  return pooled > 0 ? (a.mean() - b.mean()) / pooled : 0.0;
}

}  // namespace

ChildhoodSummary::ChildhoodSummary(const DyadColumns& columns, std::vector<std::string> preschool_ages, std::string infant_age)
    : columns_(columns), ages_(std::move(preschool_ages)), infant_age_(std::move(infant_age)), at_(ages_.size()) {}

void ChildhoodSummary::add(const sim::RecordBlock& block, std::size_t row) {
  const int infant = sim::label_index(block.value(columns_.strange_situation[0].coded.attachment_class, row), class_order);
  if (infant < 0) return;
  const int secure = infant == 0 ? 0 : 1;  // index: 0 secure, 1 insecure
  const auto risks = static_cast<int>(block.value(columns_.risk_count, row));
  const int risk = risks <= 1 ? 0 : risks <= 4 ? 1 : 2;
  const int events = block.value(columns_.life_events, row) > 0 ? 1 : 0;
  constexpr double year_days = 365;
  const int depressed = block.value(columns_.depressed_days, row) >= year_days ? 1 : 0;
  for (std::size_t i = 0; i < at_.size(); ++i) {
    Age& a = at_[i];
    const auto outcomes = outcome_columns(columns_.preschool[i]);
    for (int k = 0; k < outcome_count; ++k) {
      const double value = block.value(outcomes[static_cast<std::size_t>(k)], row);
      a.by_class[infant][k].add(value);
      a.by_security[secure][k].add(value);
      a.by_risk[risk][secure][k].add(value);
    }
    const int later = sim::label_index(block.value(columns_.preschool[i].attachment_class, row), class_order);
    if (later >= 0) {
      ++a.stability[infant][later];
      const int stable = (infant == 0) == (later == 0) ? 1 : 0;
      ++a.stable_secure_by_events[events][stable];
      ++a.stable_secure_by_depression[depressed][stable];
    }
  }
}

std::vector<sim::SummaryValue> ChildhoodSummary::values() const {
  std::vector<sim::SummaryValue> v;
  for (std::size_t i = 0; i < at_.size(); ++i) {
    const Age& a = at_[i];
    const std::string p = "preschool_" + ages_[i] + "_", at = " at " + ages_[i] + ".";
    for (int k = 0; k < outcome_count; ++k) {
      const std::string name = outcome_names[k];
      v.push_back({p + name + "_d_secure", cohens_d(a.by_security[0][k], a.by_security[1][k]), "SD",
                   "Cohen's d of " + name + ", children secure at " + infant_age_ + " minus insecure" + at});
    }
    // Protection: how much less competence falls from 0-1 to 2 or more risks when secure (the 5+ group
    // alone is too small in most populations to say).
    const auto drop = [&](int secure) {
      sim::RunningMoments high = a.by_risk[1][secure][0];
      high.merge(a.by_risk[2][secure][0]);
      return a.by_risk[0][secure][0].mean() - high.mean();
    };
    const double drop_secure = drop(0), drop_insecure = drop(1);
    v.push_back({p + "competence_risk_drop_secure", drop_secure, "points of the 1-5 scale",
                 "Mean social competence at 0-1 cumulative risks minus at 2 or more, among children secure at " + infant_age_ + at});
    v.push_back({p + "competence_risk_drop_insecure", drop_insecure, "points of the 1-5 scale",
                 "The same drop among children insecure at " + infant_age_ + at});
    const Agreement s = agreement_of(a.stability);
    v.push_back({p + "attachment_stability_secure", s.secure_agreement, "proportion",
                 "Share secure (or insecure) both at " + infant_age_ + " and in the preschool assessment" + at});
    v.push_back({p + "attachment_stability_kappa", s.four_way_kappa, "kappa",
                 "Cohen's kappa of the four classes between " + infant_age_ + " and the preschool assessment" + at});
    const auto stable_share = [](const std::array<std::uint64_t, 2>& c) {
      const double n = static_cast<double>(c[0] + c[1]);
      return n > 0 ? static_cast<double>(c[1]) / n : 0.0;
    };
    for (int e = 0; e < 2; ++e) {
      const std::string with = e ? "with" : "without";
      v.push_back({p + "attachment_stability_secure_" + with + "_life_events", stable_share(a.stable_secure_by_events[e]),
                   "proportion", "Secure/insecure stability among families " + with + " stressful life events over the span" + at});
      v.push_back({p + "attachment_stability_secure_" + with + "_depression", stable_share(a.stable_secure_by_depression[e]),
                   "proportion", "Secure/insecure stability among families " + with + " a year or more of caregiver depression over the span" + at});
    }
  }
  return v;
}

std::vector<sim::SummaryTable> ChildhoodSummary::tables() const {
  sim::SummaryTable by_class{"childhood/outcomes_by_infant_class",
                             "Preschool outcome means by the infant's Strange Situation class at " + infant_age_ + ".",
                             {{"age_months", "", "Preschool assessment age label.", {}, {}},
                              {"infant_class", "A/B/C/D", "Class at " + infant_age_ + ".", {}, {}},
                              {"outcome", "", "Outcome scale.", {}, {}},
                              {"n", "children", "Children in the class.", {}, {}},
                              {"mean", "scale points", "Mean score (units of the outcome's column in /childhood).", {}, {}},
                              {"sd", "scale points", "SD of the score.", {}, {}}}};
  sim::SummaryTable protective{"childhood/protective_factor",
                               "Preschool outcome means by cumulative risk and infant security at " + infant_age_ +
                                   ": security protects when outcomes fall less with risk among secure children.",
                               {{"age_months", "", "Preschool assessment age label.", {}, {}},
                                {"risks", "", "Cumulative-risk group (0-1, 2-4, 5+).", {}, {}},
                                {"secure", "0/1", "1 if secure at " + infant_age_ + ".", {}, {}},
                                {"outcome", "", "Outcome scale.", {}, {}},
                                {"n", "children", "Children in the cell.", {}, {}},
                                {"mean", "scale points", "Mean score.", {}, {}},
                                {"sd", "scale points", "SD of the score.", {}, {}}}};
  for (std::size_t i = 0; i < at_.size(); ++i) {
    const Age& a = at_[i];
    for (int c = 0; c < 4; ++c)
      for (int k = 0; k < outcome_count; ++k) {
        const auto& m = a.by_class[c][k];
        by_class.columns[0].texts.push_back(ages_[i]);
        by_class.columns[1].texts.push_back(class_order[c]);
        by_class.columns[2].texts.push_back(outcome_names[k]);
        by_class.columns[3].numbers.push_back(static_cast<double>(m.count()));
        by_class.columns[4].numbers.push_back(m.mean());
        by_class.columns[5].numbers.push_back(m.sd());
      }
    for (int r = 0; r < risk_groups; ++r)
      for (int s = 0; s < 2; ++s)
        for (int k = 0; k < outcome_count; ++k) {
          const auto& m = a.by_risk[r][s][k];
          protective.columns[0].texts.push_back(ages_[i]);
          protective.columns[1].texts.push_back(risk_names[r]);
          protective.columns[2].numbers.push_back(s == 0 ? 1 : 0);
          protective.columns[3].texts.push_back(outcome_names[k]);
          protective.columns[4].numbers.push_back(static_cast<double>(m.count()));
          protective.columns[5].numbers.push_back(m.mean());
          protective.columns[6].numbers.push_back(m.sd());
        }
  }
  return {by_class, protective};
}

std::string ChildhoodSummary::report() const {
  std::string s;
  char line[256];
  for (std::size_t i = 0; i < at_.size(); ++i) {
    const Age& a = at_[i];
    s += "preschool at " + ages_[i] + ", secure minus insecure at " + infant_age_ + " (Cohen's d):";
    for (int k = 0; k < outcome_count; ++k) {
      std::snprintf(line, sizeof line, " %s %+.2f", outcome_names[k], cohens_d(a.by_security[0][k], a.by_security[1][k]));
      s += line;
    }
    const Agreement st = agreement_of(a.stability);
    std::snprintf(line, sizeof line, "\n  attachment stability %s -> %s: %.1f%% secure/insecure (kappa %.2f)\n",
                  infant_age_.c_str(), ages_[i].c_str(), 100 * st.secure_agreement, st.four_way_kappa);
    s += line;
  }
  return s;
}

}  // namespace attachsim::models
