// The next generation: grown-up infants become caregivers, and transmission as researchers measure it
// emerges from that history (MODEL.md section 6). Margins are stated with their standard errors.
#include "support/population_run.hpp"

#include "models/dyad/attachment_model.hpp"
#include "sim/core/statistics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <utility>

using attachsim::testing::PopulationRun;
using attachsim::testing::run_population;
namespace sim = attachsim::sim;

namespace {

const PopulationRun& two_generations() {
  // The generations scenario (normative families, each child followed to 60 months), without its
  // preschool assessment, which nothing here reads.
  static const PopulationRun run =
      run_population("configs/generations.yaml", {"run.dyads=3000", "run.generations=2", "preschool.ages_months=[]"});
  return run;
}

double share_in_generation(const PopulationRun& run, const std::string& column, const std::string& label, int generation) {
  const auto labels = run.labels(column);
  const auto& g = run.columns.at("generation");
  double k = 0, n = 0;
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (static_cast<int>(g[i]) == generation) ++n, k += labels[i] == label;
  return k / n;
}

}  // namespace

TEST_CASE("generations: the grown-up infants' states of mind carry their history into the next generation") {
  const auto& run = two_generations();
  // Generation 1 is the configured population. van IJzendoorn (1995) reported 75% secure/insecure
  // agreement and kappa 0.49; later and larger samples find transmission weaker (Verhage et al. 2016,
  // 95 samples: r = .31). The model, whose sensitivity-security link is the published r = .24, must land
  // in that range: kappa above 0.2 (SE of kappa here about 0.017, so 0.2 is more than 5 SE below the
  // figures it reaches) and below 0.6.
  CHECK(run.summary.at("generation_1_transmission_secure_kappa") > 0.2);
  CHECK(run.summary.at("generation_1_transmission_secure_kappa") < 0.6);
  // In generation 2 every caregiver's state of mind came from a simulated childhood, and transmission
  // holds; and infants' classes match their own adult AAI beyond chance (Waters et al. 2000: 72%). The
  // kappas' SE is about 0.017 at 3,000 dyads too; this run (2026-12-03) gives 0.37 and 0.32, 10 and 3.8 SE
  // above their floors.
  CHECK(run.summary.at("generation_2_transmission_secure_kappa") > 0.2);
  CHECK(run.summary.at("generation_1_infant_adult_secure_kappa") > 0.25);
  // Some, not all, transmission runs through observed sensitivity: the transmission gap (van IJzendoorn
  // 1995: about a quarter). Sensitivity is observed in one home visit, whose error attenuates mediation,
  // as in the studies; the claim is only that the share is clearly above zero and well below one (this
  // run: 0.084; the summary gives no SE of the share, so the bounds are the claim, not a statistical test).
  const double gap = run.summary.at("generation_2_transmission_gap_proportion_mediated");
  CHECK(gap > 0.03);
  CHECK(gap < 0.6);
}

TEST_CASE("generations: the AAI distribution of grown-up infants stays near the population's") {
  // The thresholds from representation to state of mind are calibrated for this scenario
  // (docs/calibration.md): the grown-up infants' states of mind, before coding, have the configured
  // shares, in every generation, so the population does not drift from one generation to the next. With
  // 3,000 grown-up infants per generation a share p has SE sqrt(p(1-p)/3000), 0.006-0.009; the margin is
  // 3.5 SE. Before the thresholds were fitted again (2026-12-03) generation 1 was 5.6 SE from the F share
  // and 4.6 SE from the U share, and generation 2 further still.
  const auto& run = two_generations();
  const auto shares = attachsim::models::AttachmentModel().parameters_in_use().state_of_mind;  // the defaults
  const std::pair<const char*, double> configured[] = {
      {"F", shares.share_F}, {"Ds", shares.share_Ds}, {"E", shares.share_E}, {"U", shares.share_U}};
  for (int generation : {1, 2})
    for (const auto& [category, p] : configured) {
      CAPTURE(generation);
      CAPTURE(std::string(category));
      CHECK(std::abs(share_in_generation(run, "adult_mind", category, generation) - p) < 3.5 * std::sqrt(p * (1 - p) / 3000));
    }
  // Coded with the AAI's error, the next generation's caregivers match the first's; a difference of two
  // shares of 3,000 has SE <= 0.013, and the margin is 0.05.
  for (const char* category : {"F", "Ds", "E", "U"}) {
    CAPTURE(std::string(category));
    CHECK(std::abs(share_in_generation(run, "caregiver_aai", category, 2) -
                   share_in_generation(run, "caregiver_aai", category, 1)) < 0.05);
  }
}

TEST_CASE("generations: when later experience alone makes the adult, the infant's class no longer predicts its AAI") {
  // revision_rate 1 and no prototype: at parenthood the representation is the last year's experience,
  // so the carried-forward working model is cut. Kappa's SE is about 0.018: zero within 3 SE.
  const auto run = run_population("configs/normative.yaml", {"run.dyads=3000", "run.generations=2", "adulthood.revision_rate=1",
                                                             "adulthood.stability=revisionist"});
  CHECK(std::abs(run.summary.at("generation_1_infant_adult_secure_kappa")) < 0.055);
  // The caregiver's mind still shapes the answers her infant gets.
  CHECK(run.summary.at("generation_2_transmission_secure_kappa") > 0.2);
}

TEST_CASE("generations: risk runs in families only as far as adulthood.risk_continuity says") {
  // The correlation of a liability between a household and the one its infant makes as an adult is
  // the continuity. With 3,000 pairs its SE is (1 - r^2) / sqrt(3000): 0.018 at 0, 0.014 at 0.5;
  // the margins are three of those.
  const auto correlation = [](const PopulationRun& run, const std::string& column) {
    const auto& g = run.columns.at("generation");
    const auto& x = run.columns.at(column);
    sim::RunningCorrelation r;
    for (std::size_t row = 0; row < x.size(); ++row)
      if (g[row] == 2) r.add(x[row - 1], x[row]);  // rows are lineage-major: the parent is the row before
    return r.r();
  };
  CHECK(std::abs(correlation(two_generations(), "risk_liability_hardship")) < 0.055);
  const auto inherited = run_population("configs/generations.yaml", {"run.dyads=3000", "run.generations=2",
                                                                     "preschool.ages_months=[]", "adulthood.risk_continuity=0.5"});
  for (const char* liability : {"risk_liability_hardship", "risk_liability_violence", "risk_liability_isolation"}) {
    CAPTURE(std::string(liability));
    CHECK(std::abs(correlation(inherited, liability) - 0.5) < 0.042);
  }
}
