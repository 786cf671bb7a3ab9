#include "sim/trials/trial_command.hpp"

#include "sim/output/hdf5_output.hpp"
#include "sim/output/output_name.hpp"
#include "sim/output/partial_file.hpp"
#include "sim/engine/progress.hpp"
#include "sim/trials/adaptive_analysis.hpp"
#include "sim/trials/economics.hpp"
#include "sim/trials/trial_analysis.hpp"
#include "sim/trials/trial_runner.hpp"
#include "sim/trials/trial_spec.hpp"
#include "sim/output/provenance.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <tuple>

namespace attachsim::sim {
namespace {

using Table = std::vector<Hdf5Output::TableColumn>;

Table contrast_table(const std::vector<Contrast>& rows, const std::string& cost_unit) {
  Table t = {{"replicate", "", "Replicate of the whole trial (0 = the trial as specified).", {}, {}},
             {"age_months", "months", "Follow-up age.", {}, {}},
             {"outcome", "", "Outcome (see the trial's outcomes in docs/output.md).", {}, {}},
             {"arm", "", "Arm compared with the reference arm.", {}, {}},
             {"analysis", "", "itt: as randomized; per_protocol: program arms' completers only; twins: every enrolled dyad under both arms.", {}, {}},
             {"n_arm", "dyads", "Dyads in the arm in which the outcome was measured.", {}, {}},
             {"n_reference", "dyads", "Dyads in the reference arm in which the outcome was measured.", {}, {}},
             {"arm_value", "share or mean", "Share (binary outcomes) or mean in the arm.", {}, {}},
             {"reference_value", "share or mean", "Share or mean in the reference arm.", {}, {}},
             {"difference", "share or outcome unit", "Risk or mean difference, arm minus reference.", {}, {}},
             {"difference_low", "share or outcome unit", "Lower 95% bound of the difference.", {}, {}},
             {"difference_high", "share or outcome unit", "Upper 95% bound of the difference.", {}, {}},
             {"odds_ratio", "", "Odds ratio (binary outcomes; NaN otherwise).", {}, {}},
             {"odds_ratio_low", "", "Lower 95% bound of the odds ratio.", {}, {}},
             {"odds_ratio_high", "", "Upper 95% bound of the odds ratio.", {}, {}},
             {"cohens_d", "SD", "Cohen's d: from the odds ratio for binary outcomes (Chinn 2000), pooled SD otherwise.", {}, {}},
             {"d_low", "SD", "Lower 95% bound of d.", {}, {}},
             {"d_high", "SD", "Upper 95% bound of d.", {}, {}},
             {"nnt", "dyads", "Number needed to treat for one more success (success outcome, positive difference).", {}, {}},
             {"cost_difference", cost_unit, "Mean program cost, arm minus reference.", {}, {}},
             {"cost_per_success", cost_unit, "Cost per additional success (e.g. secure child).", {}, {}},
             {"significant", "0/1", "1 if the 95% interval excludes no effect.", {}, {}}};
  for (const auto& c : rows) {
    const double numbers[] = {static_cast<double>(c.replicate), c.age_months};
    t[0].numbers.push_back(numbers[0]), t[1].numbers.push_back(numbers[1]);
    t[2].texts.push_back(c.outcome), t[3].texts.push_back(c.arm), t[4].texts.push_back(c.analysis);
    const double rest[] = {c.n_arm, c.n_reference, c.arm_value, c.reference_value, c.difference, c.difference_low,
                           c.difference_high, c.odds_ratio, c.odds_ratio_low, c.odds_ratio_high, c.cohens_d, c.d_low,
                           c.d_high, c.nnt, c.cost_difference, c.cost_per_success, c.significant ? 1.0 : 0.0};
    for (std::size_t k = 0; k < std::size(rest); ++k) t[5 + k].numbers.push_back(rest[k]);
  }
  return t;
}

Table moderator_table(const std::vector<ModeratorEffect>& rows) {
  Table t = {{"age_months", "months", "Follow-up age.", {}, {}},
             {"outcome", "", "Outcome.", {}, {}},
             {"arm", "", "Arm whose effect is shown.", {}, {}},
             {"moderator", "", "Moderator.", {}, {}},
             {"level", "", "Level of the moderator.", {}, {}},
             {"n", "dyads", "Enrolled dyads at this level, measured under both arms.", {}, {}},
             {"mean_effect", "share or outcome unit", "Mean individual effect: outcome under the arm minus under the reference arm (counterfactual twins).", {}, {}},
             {"se", "share or outcome unit", "Standard error of the mean effect.", {}, {}}};
  for (const auto& m : rows) {
    t[0].numbers.push_back(m.age_months);
    t[1].texts.push_back(m.outcome), t[2].texts.push_back(m.arm), t[3].texts.push_back(m.moderator), t[4].texts.push_back(m.level);
    t[5].numbers.push_back(m.n), t[6].numbers.push_back(m.mean_effect), t[7].numbers.push_back(m.se);
  }
  return t;
}

Table transition_table(const std::vector<Transition>& rows, const TrialDesign& design) {
  const std::string& yes = design.transition_outcome;
  const std::string& no = design.transition_absent;
  Table t = {{"replicate", "", "Replicate of the whole trial (0 = the trial as specified).", {}, {}},
             {"arm", "", "Arm (or comparison group) whose change is shown.", {}, {}},
             {"analysis", "", "itt: the dyads randomized to the arm; per_protocol: those of them who completed its program; comparison: a comparison group (not randomized).", {}, {}},
             {"baseline", "", "first: the trial's first assessment, against a later one, in the same dyads; twin: the same dyads' reference twins (no program) at the same age.", {}, {}},
             {"from_age_months", "months", "Age of the baseline assessment (for 'twin': the follow-up age).", {}, {}},
             {"to_age_months", "months", "Age of the follow-up assessment.", {}, {}},
             {"n", "dyads", "Dyads in the row, measured at both ages.", {}, {}}};
  for (const auto& o : design.tracked_outcomes) {
    t.push_back({o + "_share_baseline", "share", "Share '" + o + "' at baseline (for 'twin': among the reference twins).", {}, {}});
    t.push_back({o + "_share", "share", "Share '" + o + "' at follow-up.", {}, {}});
    t.push_back({o + "_twin_difference", "-1 to 1",
                 "Mean individual effect on '" + o + "' at follow-up in these dyads: under the arm minus under the reference arm (counterfactual twins); NaN for the reference arm and comparison groups.", {}, {}});
  }
  t.push_back({no + "_at_baseline", "dyads", "Dyads not '" + yes + "' at baseline.", {}, {}});
  t.push_back({no + "_to_" + yes, "share", "Of the dyads not '" + yes + "' at baseline, the share '" + yes + "' at follow-up (NaN if none).", {}, {}});
  t.push_back({yes + "_at_baseline", "dyads", "Dyads '" + yes + "' at baseline.", {}, {}});
  t.push_back({yes + "_to_" + no, "share", "Of the dyads '" + yes + "' at baseline, the share not '" + yes + "' at follow-up (NaN if none).", {}, {}});
  for (const auto& r : rows) {
    std::size_t k = 0;
    t[k++].numbers.push_back(static_cast<double>(r.replicate));
    t[k++].texts.push_back(r.arm), t[k++].texts.push_back(r.analysis), t[k++].texts.push_back(r.baseline);
    t[k++].numbers.push_back(r.from_age), t[k++].numbers.push_back(r.to_age), t[k++].numbers.push_back(r.n);
    for (std::size_t o = 0; o < r.share.size(); ++o)
      t[k++].numbers.push_back(r.share_baseline[o]), t[k++].numbers.push_back(r.share[o]), t[k++].numbers.push_back(r.twin_difference[o]);
    t[k++].numbers.push_back(r.absent_baseline), t[k++].numbers.push_back(r.gained);
    t[k++].numbers.push_back(r.present_baseline), t[k++].numbers.push_back(r.lost);
  }
  return t;
}

Table power_table(const std::vector<PowerRow>& rows) {
  Table t = {{"age_months", "months", "Follow-up age.", {}, {}},
             {"outcome", "", "Outcome.", {}, {}},
             {"arm", "", "Arm compared with the reference arm.", {}, {}},
             {"replicates", "", "Replicates of the trial.", {}, {}},
             {"mean_difference", "share or outcome unit", "Mean intention-to-treat difference over replicates.", {}, {}},
             {"sd_difference", "share or outcome unit", "SD of the difference over replicates.", {}, {}},
             {"difference_q025", "share or outcome unit", "2.5th percentile of the difference over replicates.", {}, {}},
             {"difference_q975", "share or outcome unit", "97.5th percentile of the difference over replicates.", {}, {}},
             {"mean_d", "SD", "Mean Cohen's d over replicates.", {}, {}},
             {"power", "share", "Share of replicates whose 95% interval excludes no effect (power at alpha 0.05).", {}, {}}};
  for (const auto& p : rows) {
    t[0].numbers.push_back(p.age_months), t[1].texts.push_back(p.outcome), t[2].texts.push_back(p.arm);
    t[3].numbers.push_back(p.replicates), t[4].numbers.push_back(p.mean_difference), t[5].numbers.push_back(p.sd_difference);
    t[6].numbers.push_back(p.low), t[7].numbers.push_back(p.high), t[8].numbers.push_back(p.mean_d), t[9].numbers.push_back(p.power);
  }
  return t;
}

Table economics_summary_table(const std::vector<EconomicSummary>& rows) {
  Table t = {{"arm", "", "Program arm compared with the reference arm.", {}, {}},
             {"analysis", "", "itt: as randomized; twins: every enrolled family under both arms.", {}, {}},
             {"link", "", "The economics file's link the row belongs to; empty for totals.", {}, {}},
             {"quantity", "", "program_cost_difference, cases_prevented, cost_per_case_prevented, later_outcomes_prevented, cost_per_later_outcome_prevented, benefit, benefits, net_present_benefit, benefit_cost_ratio (docs/output.md).", {}, {}},
             {"basis", "", "simulated: within the simulated span; projected: beyond it, by the economics file's published links and prices.", {}, {}},
             {"unit", "", "The quantity's unit (money: the economics file's currency, per family, present value).", {}, {}},
             {"value", "unit", "At the central prices and the mean shares over replicates (ratios: of the means).", {}, {}},
             {"replicates_low", "unit", "2.5th percentile over replicates at the central prices (NaN with one replicate, or when a ratio's denominator is not positive in some).", {}, {}},
             {"replicates_high", "unit", "97.5th percentile over replicates at the central prices.", {}, {}},
             {"prices_low", "unit", "2.5th percentile over price draws at the mean shares (a simulated quantity does not depend on the prices: its interval has no width).", {}, {}},
             {"prices_high", "unit", "97.5th percentile over price draws at the mean shares.", {}, {}},
             {"low", "unit", "2.5th percentile over replicates and prices together (draw d with replicate d mod replicates).", {}, {}},
             {"high", "unit", "97.5th percentile over replicates and prices together.", {}, {}}};
  for (const auto& r : rows) {
    t[0].texts.push_back(r.arm), t[1].texts.push_back(r.analysis), t[2].texts.push_back(r.link);
    t[3].texts.push_back(r.quantity), t[4].texts.push_back(r.basis), t[5].texts.push_back(r.unit);
    const double numbers[] = {r.value, r.replicates_low, r.replicates_high, r.prices_low, r.prices_high, r.low, r.high};
    for (std::size_t k = 0; k < std::size(numbers); ++k) t[6 + k].numbers.push_back(numbers[k]);
  }
  return t;
}

Table economics_shares_table(const std::vector<EconomicShares>& rows, const EconomicsSpec& economics) {
  Table t = {{"replicate", "", "Replicate of the whole trial (0 = the trial as specified).", {}, {}},
             {"arm", "", "Program arm.", {}, {}},
             {"analysis", "", "itt or twins.", {}, {}},
             {"n_arm", "dyads", "Families in the arm.", {}, {}},
             {"n_reference", "dyads", "Families in the reference arm.", {}, {}},
             {"cost_arm", economics.currency, "Mean program cost per family in the arm (simulated).", {}, {}},
             {"cost_reference", economics.currency, "Mean program cost per family in the reference arm (simulated).", {}, {}}};
  for (const auto& l : economics.links) {
    t.push_back({l.name + "_case_arm", "share", "Share of the arm's families that are cases of '" + l.name + "': " + l.describe_case() + " (simulated).", {}, {}});
    t.push_back({l.name + "_case_reference", "share", "Share of the reference arm's families that are cases of '" + l.name + "' (simulated).", {}, {}});
  }
  for (const auto& r : rows) {
    std::size_t k = 0;
    t[k++].numbers.push_back(static_cast<double>(r.replicate));
    t[k++].texts.push_back(r.arm), t[k++].texts.push_back(r.analysis);
    for (double x : {r.n_arm, r.n_reference, r.cost_arm, r.cost_reference}) t[k++].numbers.push_back(x);
    for (std::size_t l = 0; l < r.case_arm.size(); ++l) t[k++].numbers.push_back(r.case_arm[l]), t[k++].numbers.push_back(r.case_reference[l]);
  }
  return t;
}

// Outcomes the trial measures that no link of the economics file prices.
std::vector<std::string> unpriced_outcomes(const TrialSpec& spec, const TrialDesign& design, const EconomicsSpec& economics) {
  std::vector<std::string> out;
  for (const auto& f : spec.follow_ups)
    for (const auto& o : design.outcomes(f.age_months, f.instruments)) {
      const bool priced = std::any_of(economics.links.begin(), economics.links.end(), [&](const CostLink& l) { return l.outcome == o.name; });
      if (!priced && std::find(out.begin(), out.end(), o.name) == out.end()) out.push_back(o.name);
    }
  return out;
}

// The names of the components in `given` (bit k: component k), joined by '+'.
std::string component_names(const TrialArm& arm, std::uint32_t given) {
  std::string names;
  for (std::size_t k = 0; k < arm.components.size(); ++k)
    if (given >> k & 1) names += (names.empty() ? "" : "+") + arm.components[k].name;
  return names;
}

// How many families each component of a tailored arm went to.
std::string format_components(const TrialArm& arm, const std::vector<std::uint32_t>& given) {
  std::ostringstream s;
  s << "tailored arm " << arm.name << ": components by assessment of the " << given.size() << " enrolled families:";
  for (std::size_t k = 0; k < arm.components.size(); ++k) {
    const auto n = std::count_if(given.begin(), given.end(), [&](std::uint32_t g) { return g >> k & 1; });
    s << (k ? ", " : " ") << arm.components[k].name << " " << n;
  }
  const auto none = std::count(given.begin(), given.end(), 0u);
  s << ", none " << none;
  return s.str();
}

// An adaptive trial's second stage: each family's response and option (replicate 0), its twins under
// every option, and the estimates of every embedded sequence (all replicates).
void write_adaptive(Hdf5Output& out, const TrialSpec& spec, const std::vector<Column>& columns, const TrialReplicate& first,
                    const std::vector<SequenceEstimate>& rows) {
  const DecisionPoint& d = *spec.decision;
  Table families = {{"dyad", "", "Dyad index (the rows of /trial/enrolled, in that order).", {}, {}},
                    {"responded", "", "1 if the dyad met the response rule under the arm it was randomized to.", {}, {}},
                    {"option", "", "The second-stage option it was re-randomized to ('continue' for responders of a design without responder options).", {}, {}}};
  for (std::size_t i = 0; i < first.enrolled.size(); ++i) {
    const auto a = static_cast<std::size_t>(first.assigned[i]);
    const bool responded = first.responded[a][i];
    const auto& options = responded ? d.responders : d.non_responders;
    families[0].numbers.push_back(static_cast<double>(first.enrolled[i]));
    families[1].numbers.push_back(responded ? 1 : 0);
    families[2].texts.push_back(first.option[i] < 0 ? "continue" : options[static_cast<std::size_t>(first.option[i])].name);
  }
  out.write_table("trial/adaptive/families", "Each enrolled family's response at the decision point and its second-stage option (replicate 0).", families);
  for (std::size_t a = 0; a < spec.arms.size(); ++a)
    for (const auto& [list, options, blocks] : {std::tuple{"non_responders", &d.non_responders, &first.non_responder_twins[a]},
                                                std::tuple{"responders", &d.responders, &first.responder_twins[a]}})
      for (std::size_t k = 0; k < options->size(); ++k)
        out.write_block("trial/adaptive/twins/" + spec.arms[a].name + "/" + list + "/" + (*options)[k].name,
                        "Every enrolled dyad (replicate 0) under first-stage arm '" + spec.arms[a].name + "' and second-stage option '" +
                            (*options)[k].name + "' (given where the dyad is a " + (std::string(list) == "responders" ? "responder" : "non-responder") +
                            " under that arm): its counterfactual twin.",
                        columns, (*blocks)[k]);
  Table t = {{"replicate", "", "Replicate.", {}, {}},
             {"age_months", "months", "Follow-up age.", {}, {}},
             {"outcome", "", "Outcome.", {}, {}},
             {"sequence", "", "Embedded adaptive intervention: first-stage arm, option for non-responders, option for responders.", {}, {}},
             {"consistent", "families", "Families whose assignments are consistent with the sequence and whose outcome was measured: the families behind the estimate.", {}, {}},
             {"estimate", "", "Weighted-and-replicated mean outcome under the sequence (Nahum-Shani et al. 2012).", {}, {}},
             {"low", "", "2.5th percentile of the estimate over bootstrap resamples of the families.", {}, {}},
             {"high", "", "97.5th percentile of the estimate over bootstrap resamples of the families.", {}, {}},
             {"twins", "", "Mean outcome every enrolled family would have had under the sequence (counterfactual twins).", {}, {}},
             {"difference", "", "Estimate minus the first sequence's estimate.", {}, {}},
             {"difference_low", "", "2.5th percentile of the difference over bootstrap resamples (paired).", {}, {}},
             {"difference_high", "", "97.5th percentile of the difference over bootstrap resamples (paired).", {}, {}},
             {"twins_difference", "", "The twins' mean minus the first sequence's twins' mean.", {}, {}}};
  for (const auto& e : rows) {
    t[0].numbers.push_back(static_cast<double>(e.replicate));
    t[1].numbers.push_back(e.age_months);
    t[2].texts.push_back(e.outcome);
    t[3].texts.push_back(e.sequence);
    for (std::size_t c = 4; c < t.size(); ++c) {
      const double values[] = {e.consistent, e.estimate, e.low, e.high, e.twins, e.difference, e.difference_low, e.difference_high, e.twins_difference};
      t[c].numbers.push_back(values[c - 4]);
    }
  }
  out.write_table("trial/adaptive/sequences", "Every embedded adaptive intervention at every follow-up after the decision point, per replicate.", t);
}

}  // namespace

int run_trial_command(Model& model, const TrialOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  TrialSpec spec = load_trial(options.file, model, options.overrides);
  if (options.replicates) spec.replicates = *options.replicates;
  if (options.seed) spec.seed = *options.seed;
  if (!options.economics.empty()) spec.economics = load_trial_economics(options.economics, spec, model);
  // Named by the overrides and the seed, as a run's result is, so that a changed trial never replaces
  // another's file.
  const std::string output = options.output.empty()
                                 ? named_output_path(std::filesystem::path(options.file).stem().string(), options.overrides, options.seed)
                                 : options.output;
  std::vector<std::string> inputs{options.file};
  for (const auto& arm : spec.arms) inputs.push_back(arm.config.source_file());
  for (const auto& group : spec.comparison_groups) inputs.push_back(group.config.source_file());
  if (spec.economics) inputs.push_back(spec.economics->file);
  check_output_path(output, inputs);
  Hdf5Output out(output);  // fails now on an unwritable path, before any simulation
  const auto design = model.trial_design();

  std::vector<Contrast> all;
  std::vector<ModeratorEffect> moderator_rows;
  std::vector<Transition> transition_rows;
  std::vector<EconomicShares> economic_rows;
  std::vector<SequenceEstimate> sequence_rows;
  TrialReplicate first;
  std::vector<Column> columns;
  Progress progress("replicates", options.quiet || !options.progress || spec.replicates == 1);
  for (std::int64_t r = 0; r < spec.replicates; ++r) {
    TrialReplicate replicate = run_trial_replicate(model, spec, replicate_seed(spec.seed, r), options.threads);
    if (r == 0) columns = model.columns();
    auto rows = contrasts(spec, design, columns, replicate, r);
    all.insert(all.end(), rows.begin(), rows.end());
    auto changes = transitions(spec, design, columns, replicate, r);
    transition_rows.insert(transition_rows.end(), changes.begin(), changes.end());
    if (spec.decision) {
      auto rows_r = adaptive_estimates(spec, design, columns, replicate, r);
      sequence_rows.insert(sequence_rows.end(), rows_r.begin(), rows_r.end());
    }
    if (spec.economics) {
      auto shares = economic_shares(spec, *spec.economics, design, columns, replicate, r);
      economic_rows.insert(economic_rows.end(), shares.begin(), shares.end());
    }
    if (r == 0) {
      moderator_rows = moderators(spec, design, columns, replicate);
      first = std::move(replicate);
    }
    progress.update(static_cast<std::uint64_t>(r + 1), static_cast<std::uint64_t>(spec.replicates));
  }
  const auto power_rows = power(all);
  const auto economic_summary =
      spec.economics ? summarize_economics(*spec.economics, economic_rows, spec.seed) : std::vector<EconomicSummary>{};

  for (const auto& [name, value] : build_provenance()) out.set_meta(name, value);
  out.set_meta("trial_file", options.file);
  out.set_meta("trial_yaml", spec.text);
  std::string overrides;  // each --set on a line of its own, in the order given (the configs below apply them)
  for (const auto& o : options.overrides) overrides += o + "\n";
  out.set_meta("overrides", overrides);
  out.set_meta("trial_sha1", sha1_hex(spec.text));
  out.set_meta("seed", static_cast<std::int64_t>(spec.seed));
  out.set_meta("replicates", spec.replicates);
  out.set_meta("threads", static_cast<std::int64_t>(options.threads));
  for (const auto& arm : spec.arms) out.set_meta("config_yaml_" + arm.name, arm.config.to_yaml());
  for (const auto& g : spec.comparison_groups) out.set_meta("config_yaml_" + g.name, g.config.to_yaml());
  Table enrolled = {{"dyad", "", "Dyad index (its random streams derive from it).", {}, {}},
                    {"arm", "", "Arm the dyad was randomized to.", {}, {}},
                    {"stratum", "", "Randomization stratum.", {}, {}}};
  for (std::size_t i = 0; i < first.enrolled.size(); ++i) {
    enrolled[0].numbers.push_back(static_cast<double>(first.enrolled[i]));
    enrolled[1].texts.push_back(spec.arms[static_cast<std::size_t>(first.assigned[i])].name);
    enrolled[2].numbers.push_back(first.stratum[i]);
  }
  // A tailored arm: the components each family's assessment gave it under that arm (whether or not the
  // family was randomized to it: its twin there had them).
  for (std::size_t a = 0; a < spec.arms.size(); ++a) {
    if (spec.arms[a].components.empty()) continue;
    enrolled.push_back({"components_" + spec.arms[a].name, "",
                        "Components of tailored arm '" + spec.arms[a].name + "' the family's assessment gave it, joined by '+' ('' for none).", {}, {}});
    for (std::uint32_t given : first.components[a]) enrolled.back().texts.push_back(component_names(spec.arms[a], given));
  }
  out.write_table("trial/enrolled", "Enrolled dyads of replicate 0 and their randomization.", enrolled);
  for (std::size_t a = 0; a < spec.arms.size(); ++a)
    out.write_block("trial/twins/" + spec.arms[a].name,
                    "Every enrolled dyad (replicate 0) simulated under arm '" + spec.arms[a].name +
                        "' with common random numbers: its counterfactual twin.",
                    columns, first.twins[a]);
  for (std::size_t g = 0; g < spec.comparison_groups.size(); ++g) {
    const auto& group = spec.comparison_groups[g];
    out.write_block("trial/groups/" + group.name,
                    "Comparison group '" + group.name + "' (replicate 0, not randomized): its enrolled dyads, a sample of " +
                        group.population + " of its own, under its own settings.",
                    columns, first.groups[g]);
  }
  if (spec.decision) write_adaptive(out, spec, columns, first, sequence_rows);
  out.write_table("trial/transitions",
                  "Change within each arm and comparison group: shares at baseline and follow-up, individual effects from twins, transitions both ways.",
                  transition_table(transition_rows, design));
  out.write_table("trial/contrasts", "Each arm against the reference arm, per follow-up, outcome and analysis.",
                  contrast_table(all, design.cost_unit));
  out.write_table("trial/moderators", "Who benefits most: mean individual effects from twins, by moderator (replicate 0).",
                  moderator_table(moderator_rows));
  out.write_table("trial/power", "Intention-to-treat estimates over replicates, and power at alpha 0.05.", power_table(power_rows));
  if (spec.economics) {
    const auto& e = *spec.economics;
    out.set_meta("economics_file", e.file);
    out.set_meta("economics_yaml", e.text);
    out.set_meta("economics_sha1", sha1_hex(e.text));
    out.write_table("trial/economics/summary",
                    "Long-term costs and benefits per program arm against the reference arm (" + e.currency +
                        " per family, present values at " + format_value(e.present_value_age_months) + " months, discounted at " +
                        format_value(e.discount_rate) + " a year): simulated within the span, projected beyond it by the economics file.",
                    economics_summary_table(economic_summary));
    out.write_table("trial/economics/shares", "What each replicate simulated that the economics file prices: program costs and case shares.",
                    economics_shares_table(economic_rows, e));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.set_meta("wall_seconds", seconds);
  out.commit();

  if (!options.quiet) {
    std::vector<Contrast> shown;
    for (const auto& c : all)
      if (c.replicate == 0) shown.push_back(c);
    std::cout << spec.name << "\n"
              << "screened " << spec.screened << ", eligible " << first.eligible << ", enrolled " << first.enrolled.size()
              << ", arms:";
    for (const auto& arm : spec.arms) {
      std::size_t n = 0;
      for (std::size_t i = 0; i < first.assigned.size(); ++i) n += spec.arms[static_cast<std::size_t>(first.assigned[i])].name == arm.name;
      std::cout << " " << arm.name << " (" << n << ")";
    }
    for (std::size_t g = 0; g < spec.comparison_groups.size(); ++g)
      std::cout << "; comparison group " << spec.comparison_groups[g].name << " (" << first.groups[g].size() << " of "
                << first.group_eligible[g] << " eligible)";
    for (std::size_t a = 0; a < spec.arms.size(); ++a)
      if (!spec.arms[a].components.empty()) std::cout << "\n" << format_components(spec.arms[a], first.components[a]);
    std::cout << "\n\n";
    if (spec.decision) std::cout << "first-stage arms, each as if every family continued it (the adaptive analysis below reads each family's own sequence):\n";
    std::cout << format_contrasts(shown, design.cost_unit);
    std::vector<Transition> changes;
    for (const auto& t : transition_rows)
      if (t.replicate == 0) changes.push_back(t);
    if (!changes.empty())
      std::cout << "\nchange per arm (shares at baseline -> follow-up, individual effects from twins in parentheses):\n"
                << format_transitions(changes, design);
    // Who benefits most, at the last follow-up that measures the success outcome (all are in /trial).
    double last = -1;
    for (const auto& m : moderator_rows)
      if (m.outcome == design.success_outcome) last = std::max(last, m.age_months);
    std::vector<ModeratorEffect> primary;
    for (const auto& m : moderator_rows)
      if (m.outcome == design.success_outcome && m.age_months == last) primary.push_back(m);
    if (!primary.empty())
      std::cout << "\nwho benefits most (individual effects on '" << design.success_outcome << "' at " << last
                << " months, from twins):\n" << format_moderators(primary);
    if (spec.decision) std::cout << "\n" << format_adaptive(spec, first, sequence_rows);
    if (spec.replicates > 1) std::cout << "\nover " << spec.replicates << " replicates:\n" << format_power(power_rows);
    if (spec.economics) {
      double observed = 0;  // what the trial observed ends at its last follow-up
      for (const auto& f : spec.follow_ups) observed = std::max(observed, f.age_months);
      std::cout << "\n" << format_economics(*spec.economics, economic_summary, observed, unpriced_outcomes(spec, design, *spec.economics));
    }
    // Through std::cout like the rest of the report, which the Python binding captures as `report`;
    // formatted apart, so that std::cout keeps its own number format.
    std::ostringstream runtime;
    runtime << std::fixed << std::setprecision(2) << seconds;
    std::cout << "\nruntime: " << runtime.str() << " s\nwritten: " << output << "\n";
  }
  return 0;
}

}  // namespace attachsim::sim
