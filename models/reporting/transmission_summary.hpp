// Intergenerational transmission as researchers report it (van IJzendoorn 1995; Verhage et al. 2016),
// for each generation of a run: the caregiver's AAI against the infant's Strange Situation class
// (concordance table, agreement and Cohen's kappa for secure/insecure and for the four categories
// matched F-B, Ds-A, E-C, U-D, and the correlation as Cohen's d), and how much of the transmission runs
// through observed sensitivity (the "transmission gap": mediation of autonomous -> security by
// sensitivity). When infants are followed into adulthood, also the stability from the infant's
// Strange Situation to its own adult AAI (Waters et al. 2000). And the transmission gap of
// disorganization (Madigan et al. 2006): an unresolved caregiver (coded U), her alarming acts that the
// coders saw in the Strange Situation, and the infant's D, as correlations and as a mediation.
#pragma once

#include "models/reporting/dyad_columns.hpp"
#include "sim/core/model.hpp"
#include "sim/core/statistics.hpp"

#include <array>
#include <vector>

namespace attachsim::models {

using CategoryTable = std::array<std::array<std::uint64_t, 4>, 4>;

class TransmissionSummary {
 public:
  // `observation`: the sensitivity observation paired with the first Strange Situation.
  TransmissionSummary(const DyadColumns& columns, std::size_t generations, std::size_t observation, std::string age);
  void add(const sim::RecordBlock& block, std::size_t row, std::size_t generation);
  std::vector<sim::SummaryValue> values() const;
  std::vector<sim::SummaryTable> tables() const;
  std::string report() const;

 private:
  struct Generation {
    CategoryTable aai_by_ssp{};     // [caregiver AAI F/Ds/E/U][infant class B/A/C/D]
    CategoryTable infant_adult{};   // [infant class B/A/C/D][its adult AAI F/Ds/E/U]
    sim::Mediation mediation;       // autonomous caregiver -> observed sensitivity -> security
    sim::Mediation anomalous;       // unresolved caregiver -> her alarming acts seen -> infant D
    std::uint64_t dyads = 0;
  };
  const DyadColumns& columns_;
  std::size_t observation_;
  std::string age_;
  std::vector<Generation> generations_;
};

// Agreement of a 4 x 4 table whose categories are matched by position (F-B, Ds-A, E-C, U-D).
struct Agreement {
  double secure_agreement = 0, secure_kappa = 0, four_way_agreement = 0, four_way_kappa = 0, r = 0, d = 0;
};
Agreement agreement_of(const CategoryTable& t);

}  // namespace attachsim::models
