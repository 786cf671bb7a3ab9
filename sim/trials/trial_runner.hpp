// Runs a simulated randomized trial: screen a population, enrol the eligible, randomize them within
// strata, and simulate every enrolled dyad under every arm with common random numbers: all randomness
// unrelated to the program comes from the same streams, so each dyad's twins differ only by the
// program (the reference twin is the screening run itself, a plain run of that dyad). Comparison
// groups, not randomized, are screened from samples of their own.
#pragma once

#include "sim/core/model.hpp"
#include "sim/core/record.hpp"
#include "sim/trials/trial_spec.hpp"

#include <cstdint>
#include <vector>

namespace attachsim::sim {

struct TrialReplicate {
  std::uint64_t seed = 0;
  std::size_t eligible = 0;
  std::vector<std::uint64_t> enrolled;  // dyad ids, in dyad order
  std::vector<int> assigned;            // arm of each enrolled dyad
  std::vector<int> stratum;             // randomization stratum of each enrolled dyad
  std::vector<RecordBlock> twins;       // per arm: records of every enrolled dyad under that arm
  // Per arm: the components of a tailored arm each enrolled dyad is given (bit k: component k), as
  // its assessment chose them for that arm; empty for an arm without components.
  std::vector<std::vector<std::uint32_t>> components;
  // An adaptive trial (spec.decision). Per first-stage arm: whether each enrolled dyad responded under
  // it (read on its twin there), and its twins under each second-stage option of its list, for
  // non-responders and responders ([arm][option]; every dyad is simulated under every option, so that
  // each embedded sequence has a twin). Per dyad: the option it was re-randomized to in the list of its
  // status under its own arm (-1: responders without options, who continue).
  std::vector<std::vector<char>> responded;
  std::vector<std::vector<RecordBlock>> non_responder_twins, responder_twins;
  std::vector<int> option;
  // Per comparison group (not randomized): the eligible among its screened, its dyads and their records.
  std::vector<std::size_t> group_eligible;
  std::vector<std::vector<std::uint64_t>> group_dyads;
  std::vector<RecordBlock> groups;
};

// Seed of a comparison group's sample: apart from the trial's own, so that its families are others.
std::uint64_t group_seed(std::uint64_t seed, std::size_t group);

// Seed of replicate r: the trial's seed for r = 0, fresh samples after.
std::uint64_t replicate_seed(std::uint64_t seed, std::int64_t replicate);

TrialReplicate run_trial_replicate(Model& model, const TrialSpec& spec, std::uint64_t seed, int threads);

}  // namespace attachsim::sim
