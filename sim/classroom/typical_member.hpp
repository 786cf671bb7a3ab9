// The example baby of a class is a typical member of it, not the first one met: among the babies who
// ended in the class, the one closest to the class's centre on the working-model dimensions (its
// expectations of the caregiver and its fear at the last assessment) and on its learned strategy (how
// likely it is to suppress, bid or escalate in intense distress then: the behaviour the class is coded
// from), preferring babies who were in the class at every assessment. A rule, not a choice tuned to
// today's numbers, so it stays typical when the model changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace attachsim::sim::classroom {

struct Member {
  std::uint64_t dyad = 0;
  bool stable = false;            // in the class at every assessment
  std::vector<double> position;   // the working-model and strategy dimensions, one value each
};

// Index of the typical member: the centre is the mean position of all members; the chosen one is the
// closest (Euclidean) among the stable members, or among all when none is stable; ties go to the
// lowest dyad. Empty when there are no members.
inline std::optional<std::size_t> typical_member(const std::vector<Member>& members) {
  if (members.empty()) return std::nullopt;
  const std::size_t dims = members.front().position.size();
  std::vector<double> centre(dims, 0.0);
  for (const auto& m : members)
    for (std::size_t d = 0; d < dims; ++d) centre[d] += m.position[d] / static_cast<double>(members.size());
  bool any_stable = false;
  for (const auto& m : members) any_stable = any_stable || m.stable;

  std::optional<std::size_t> best;
  double best_distance = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (any_stable && !members[i].stable) continue;
    double distance = 0;  // squared: the order is the same
    for (std::size_t d = 0; d < dims; ++d) distance += (members[i].position[d] - centre[d]) * (members[i].position[d] - centre[d]);
    if (!best || distance < best_distance || (distance == best_distance && members[i].dyad < members[*best].dyad)) {
      best = i;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace attachsim::sim::classroom
