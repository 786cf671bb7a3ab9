#include "models/reporting/transmission_summary.hpp"

#include <cmath>
#include <cstdio>

namespace attachsim::models {
namespace {

// Categories in matched order: autonomous with secure, dismissing with avoidant, preoccupied with
// resistant, unresolved with disorganized (Main, Kaplan & Cassidy 1985).
const char* const aai_order[] = {"F", "Ds", "E", "U"};
const char* const ssp_order[] = {"B", "A", "C", "D"};

}  // namespace

Agreement agreement_of(const CategoryTable& t) {
  Agreement a;
  std::vector<std::vector<std::uint64_t>> four(4, std::vector<std::uint64_t>(4)), two(2, std::vector<std::uint64_t>(2));
  double n = 0, diagonal = 0;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      four[i][j] = t[i][j];
      two[i == 0 ? 0 : 1][j == 0 ? 0 : 1] += t[i][j];
      n += static_cast<double>(t[i][j]);
      if (i == j) diagonal += static_cast<double>(t[i][j]);
    }
  if (n == 0) return a;
  a.four_way_agreement = diagonal / n;
  a.four_way_kappa = sim::cohen_kappa(four);
  a.secure_agreement = static_cast<double>(two[0][0] + two[1][1]) / n;
  a.secure_kappa = sim::cohen_kappa(two);
  // Phi of the secure/insecure table as r, and as d = 2r / sqrt(1 - r^2) (Rosenthal 1991).
  const double p = static_cast<double>(two[0][0]), q = static_cast<double>(two[0][1]), s = static_cast<double>(two[1][0]),
               u = static_cast<double>(two[1][1]);
  const double denominator = std::sqrt((p + q) * (s + u) * (p + s) * (q + u));
  a.r = denominator > 0 ? (p * u - q * s) / denominator : 0.0;
  a.d = std::abs(a.r) < 1 ? 2 * a.r / std::sqrt(1 - a.r * a.r) : 0.0;
  return a;
}

TransmissionSummary::TransmissionSummary(const DyadColumns& columns, std::size_t generations, std::size_t observation,
                                         std::string age)
    : columns_(columns), observation_(observation), age_(std::move(age)), generations_(generations) {}

void TransmissionSummary::add(const sim::RecordBlock& block, std::size_t row, std::size_t generation) {
  Generation& g = generations_[generation];
  ++g.dyads;
  const auto& ssp = columns_.strange_situation[0];
  const int aai = sim::label_index(block.value(columns_.aai_coded, row), aai_order);
  const int klass = sim::label_index(block.value(ssp.coded.attachment_class, row), ssp_order);
  if (aai >= 0 && klass >= 0) {
    ++g.aai_by_ssp[aai][klass];
    g.anomalous.add(aai == 3, block.value(ssp.caregiver_alarming, row), klass == 3);  // U, acts seen, D
  }
  if (!columns_.observed_sensitivity.empty() && klass >= 0)  // not when the figure was absent: nothing measured
    g.mediation.add(aai == 0 ? 1.0 : 0.0, block.value(columns_.observed_sensitivity[observation_], row),
                    block.value(ssp.coded.security, row));
  if (columns_.generations) {
    const int adult = sim::label_index(block.value(columns_.generations->adult_aai, row), aai_order);
    if (klass >= 0 && adult >= 0) ++g.infant_adult[klass][adult];
  }
}

std::vector<sim::SummaryValue> TransmissionSummary::values() const {
  std::vector<sim::SummaryValue> v;
  for (std::size_t k = 0; k < generations_.size(); ++k) {
    const Generation& g = generations_[k];
    const std::string gen = "generation_" + std::to_string(k + 1) + "_", who = " in generation " + std::to_string(k + 1) + ".";
    const Agreement a = agreement_of(g.aai_by_ssp);
    v.push_back({gen + "transmission_secure_agreement", a.secure_agreement, "proportion",
                 "Share of dyads whose caregiver AAI (autonomous or not) matches the infant's class at " + age_ + " (secure or not)" + who});
    v.push_back({gen + "transmission_secure_kappa", a.secure_kappa, "kappa", "Cohen's kappa of that secure/insecure agreement" + who});
    v.push_back({gen + "transmission_four_way_kappa", a.four_way_kappa, "kappa",
                 "Cohen's kappa of AAI F/Ds/E/U against infant B/A/C/D" + who});
    v.push_back({gen + "transmission_d", a.d, "SD", "Effect size d of caregiver autonomy on infant security (from phi)" + who});
    const auto m = g.mediation.result();
    v.push_back({gen + "transmission_gap_proportion_mediated", m.proportion, "ratio",
                 "Indirect / total effect of an autonomous caregiver on infant security, the indirect part through observed sensitivity (outside 0-1 when the direct effect has the other sign)" + who});
    const auto gap = g.anomalous.correlations();
    v.push_back({gen + "unresolved_disorganized_r", gap.xy, "r",
                 "Correlation of an unresolved caregiver (AAI coded U) with infant D at " + age_ + who});
    v.push_back({gen + "unresolved_alarming_r", gap.xm, "r",
                 "Correlation of an unresolved caregiver with her alarming acts seen in the Strange Situation at " + age_ + who});
    v.push_back({gen + "alarming_disorganized_r", gap.my, "r",
                 "Correlation of the caregiver's alarming acts seen in the Strange Situation with infant D at " + age_ + who});
    v.push_back({gen + "disorganization_gap_proportion_mediated", g.anomalous.result().proportion, "ratio",
                 "Indirect / total effect of an unresolved caregiver on infant D, the indirect part through her alarming acts seen in the Strange Situation (outside 0-1 when the direct effect has the other sign)" + who});
    if (columns_.generations) {
      const Agreement s = agreement_of(g.infant_adult);
      v.push_back({gen + "infant_adult_secure_agreement", s.secure_agreement, "proportion",
                   "Share of infants whose class at " + age_ + " (secure or not) matches their own adult AAI (autonomous or not)" + who});
      v.push_back({gen + "infant_adult_secure_kappa", s.secure_kappa, "kappa", "Cohen's kappa of that infant-adult stability" + who});
    }
  }
  return v;
}

std::vector<sim::SummaryTable> TransmissionSummary::tables() const {
  sim::SummaryTable concordance{"generations/transmission",
                                "Caregiver AAI (coded) by infant Strange Situation class at " + age_ +
                                    ", per generation: one row per cell of the concordance table.",
                                {{"generation", "", "Generation (1 = the population as configured).", {}, {}},
                                 {"caregiver_aai", "F/Ds/E/U", "Caregiver's AAI classification.", {}, {}},
                                 {"infant_class", "A/B/C/D", "Infant's Strange Situation class at " + age_ + ".", {}, {}},
                                 {"dyads", "dyads", "Dyads in the cell.", {}, {}},
                                 {"share_of_aai", "proportion", "Share of the caregiver category's dyads in the cell (row share).", {}, {}}}};
  sim::SummaryTable stats{"generations/by_generation", "Transmission statistics per generation.",
                          {{"generation", "", "Generation.", {}, {}},
                           {"dyads", "dyads", "Dyads in the generation.", {}, {}},
                           {"secure_agreement", "proportion", "Agreement of autonomous/not with secure/not.", {}, {}},
                           {"secure_kappa", "kappa", "Kappa of the secure/insecure agreement.", {}, {}},
                           {"four_way_agreement", "proportion", "Agreement F-B, Ds-A, E-C, U-D.", {}, {}},
                           {"four_way_kappa", "kappa", "Kappa of the four-way agreement.", {}, {}},
                           {"r", "r", "Phi correlation of caregiver autonomy with infant security.", {}, {}},
                           {"d", "SD", "Effect size d = 2r / sqrt(1 - r^2).", {}, {}},
                           {"mediation_a", "1-9 per autonomy", "Path a: observed sensitivity on caregiver autonomy.", {}, {}},
                           {"mediation_b", "security per 1-9", "Path b: security on sensitivity, controlling autonomy.", {}, {}},
                           {"mediation_c", "security per autonomy", "Total effect c of autonomy on continuous security.", {}, {}},
                           {"mediation_c_prime", "security per autonomy", "Direct effect c' of autonomy, controlling sensitivity.", {}, {}},
                           {"mediation_indirect", "security per autonomy", "Indirect effect a x b through sensitivity.", {}, {}},
                           {"mediation_indirect_se", "security per autonomy", "Sobel standard error of the indirect effect.", {}, {}},
                           {"proportion_mediated", "ratio", "Indirect / total effect: the part of transmission explained by sensitivity (outside 0-1 when the direct effect has the other sign).", {}, {}},
                           {"unresolved_disorganized_r", "r", "Correlation of an unresolved caregiver (coded U) with infant D.", {}, {}},
                           {"unresolved_alarming_r", "r", "Correlation of an unresolved caregiver with her alarming acts seen in the Strange Situation.", {}, {}},
                           {"alarming_disorganized_r", "r", "Correlation of those alarming acts with infant D.", {}, {}},
                           {"disorganization_gap_proportion_mediated", "ratio", "Indirect / total effect of an unresolved caregiver on infant D, the indirect part through those acts (outside 0-1 when the direct effect has the other sign).", {}, {}},
                           {"infant_adult_secure_agreement", "proportion", "Infant secure/not against its own adult AAI autonomous/not (NaN when not followed).", {}, {}},
                           {"infant_adult_secure_kappa", "kappa", "Kappa of that infant-adult agreement (NaN when not followed).", {}, {}}}};
  for (std::size_t k = 0; k < generations_.size(); ++k) {
    const Generation& g = generations_[k];
    for (int i = 0; i < 4; ++i) {
      std::uint64_t row_total = 0;
      for (auto c : g.aai_by_ssp[i]) row_total += c;
      for (int j = 0; j < 4; ++j) {
        concordance.columns[0].numbers.push_back(static_cast<double>(k + 1));
        concordance.columns[1].texts.push_back(aai_order[i]);
        concordance.columns[2].texts.push_back(ssp_order[j]);
        concordance.columns[3].numbers.push_back(static_cast<double>(g.aai_by_ssp[i][j]));
        concordance.columns[4].numbers.push_back(row_total ? static_cast<double>(g.aai_by_ssp[i][j]) / static_cast<double>(row_total) : 0.0);
      }
    }
    const Agreement a = agreement_of(g.aai_by_ssp);
    const auto m = g.mediation.result();
    const auto gap = g.anomalous.correlations();
    const Agreement s = agreement_of(g.infant_adult);
    const double nan = std::nan("");
    const double row[] = {static_cast<double>(k + 1), static_cast<double>(g.dyads), a.secure_agreement, a.secure_kappa,
                          a.four_way_agreement, a.four_way_kappa, a.r, a.d, m.a, m.b, m.c, m.c_prime, m.indirect,
                          m.indirect_se, m.proportion, gap.xy, gap.xm, gap.my, g.anomalous.result().proportion,
                          columns_.generations ? s.secure_agreement : nan,
                          columns_.generations ? s.secure_kappa : nan};
    for (std::size_t c = 0; c < std::size(row); ++c) stats.columns[c].numbers.push_back(row[c]);
  }
  return {concordance, stats};
}

std::string TransmissionSummary::report() const {
  std::string s = "intergenerational transmission (caregiver AAI -> infant class at " + age_ + "):\n";
  char line[256];
  for (std::size_t k = 0; k < generations_.size(); ++k) {
    const Agreement a = agreement_of(generations_[k].aai_by_ssp);
    const auto m = generations_[k].mediation.result();
    std::snprintf(line, sizeof line,
                  "  generation %zu: secure/insecure agreement %.1f%% (kappa %.2f), 4-way kappa %.2f, d %.2f; "
                  "share through sensitivity %.0f%%\n",
                  k + 1, 100 * a.secure_agreement, a.secure_kappa, a.four_way_kappa, a.d, 100 * m.proportion);
    s += line;
    const Generation& g = generations_[k];
    const auto gap = g.anomalous.correlations();
    std::snprintf(line, sizeof line,
                  "    caregiver U with infant D: r %.2f; U with her alarming acts in the Strange Situation: r %.2f, "
                  "those acts with D: r %.2f; share of U -> D through them %.0f%%\n",
                  gap.xy, gap.xm, gap.my, 100 * g.anomalous.result().proportion);
    s += line;
  }
  return s;
}

}  // namespace attachsim::models
