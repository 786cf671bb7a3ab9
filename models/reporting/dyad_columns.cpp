#include "models/reporting/dyad_columns.hpp"

#include "models/household/context.hpp"

#include <cmath>
#include <stdexcept>

namespace attachsim::models {

using sim::ColumnType;

std::string age_label(double months) {
  std::string s = sim::format_value(months);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  for (char& ch : s)
    if (ch == '.') ch = 'p';
  return s + "m";
}

std::size_t DyadColumns::add(std::string name, ColumnType type, std::string unit, std::string description,
                             std::string group) {
  columns_.push_back({std::move(name), type, std::move(unit), std::move(description), std::move(group)});
  return columns_.size() - 1;
}

std::size_t DyadColumns::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].name == name) return i;
  throw std::out_of_range("no column " + name);
}

DyadColumns::DyadColumns(const ModelParameters& p, bool adulthood) {
  const auto F = ColumnType::float64, I = ColumnType::int32, L = ColumnType::label;
  dyad = add("dyad", I, "", "Row of the dyad in the run (with one generation, also the id its random streams derive from; see docs/ODD.md).");
  temperament = add("infant_temperament", F, "SD", "Infant negative emotionality, standard-normal units.");
  soothability = add("infant_soothability", F, "probability", "Chance that comfort settles the infant (lower for a more negatively emotional infant).");
  susceptibility = add("infant_susceptibility", F, "x", "Infant susceptibility: amplifies what care does to the infant (infant.susceptibility_mechanism).");
  marker = add("infant_marker", I, "0/1", "1 if the infant carries the susceptibility marker.");
  episodes = add("episodes", I, "episodes", "Distress episodes simulated over the dyad's life.");
  sensitivity_baseline = add("caregiver_sensitivity_baseline", F, "0-1", "Caregiver baseline sensitivity (1-9 scale = 1 + 8 x value).");
  dismissing = add("caregiver_dismissing", F, "0-1", "Caregiver state of mind: dismissing dimension.");
  preoccupied = add("caregiver_preoccupied", F, "0-1", "Caregiver state of mind: preoccupied dimension.");
  unresolved = add("caregiver_unresolved", F, "0-1", "Caregiver state of mind: unresolved dimension.");
  aai_drawn = add("caregiver_aai_drawn", L, "F/Ds/E/U", "State-of-mind category the caregiver was drawn with (population input).");
  aai_coded = add("caregiver_aai", L, "F/Ds/E/U", "AAI classification coded from the caregiver's state of mind, with coding error.");
  intrusive_when_depressed = add("caregiver_intrusive_when_depressed", I, "0/1", "1 if the caregiver's depression, when it comes, shows as intrusive, harsh caregiving rather than withdrawal.");
  stress_baseline = add("caregiver_stress_baseline", F, "0-1", "Caregiver chronic stress level.");
  sensitivity_final = add("caregiver_sensitivity_final", F, "0-1", "Caregiver sensitivity at the end of the span, after transactional drift.");
  self_efficacy_final = add("caregiver_self_efficacy_final", F, "0-1", "Caregiver self-efficacy at the end of the span.");

  high_risk_stratum = add("high_risk_stratum", I, "0/1", "1 if the family was drawn into the high-risk stratum.");
  neighbourhood = add("neighbourhood", I, "", "Neighbourhood index within the generation (families sharing stressors; the lineage when there are none).");
  chaos = add("household_chaos", F, "0-1", "Household chaos level.");
  support = add("social_support", F, "0-1", "Social support of the caregiver at birth (before any support program).");
  for (int k = 0; k < risk_indicator_count; ++k)
    risk_indicators.push_back(add(std::string("risk_") + risk_indicator_names[k], I, "0/1",
                                  std::string("Cumulative-risk indicator: ") + risk_indicator_names[k] + " (see docs/ODD.md for cut-offs)."));
  risk_count = add("risk_count", I, "risks", "Number of cumulative-risk indicators present (0-7).");
  depressed_days = add("depression_days", I, "days", "Days the caregiver was depressed over the span.");
  depression_first_year = add("depression_first_year_share", F, "proportion", "Share of the infant's first year the caregiver was depressed.");
  partner_days_first_year = add("partner_days_first_year", I, "days", "Days of the infant's first year (365) with a co-resident partner.");
  partner_depressed_days = add("partner_depression_days", I, "days", "Days the partner was depressed while living with the infant, over the span (none under depression.model fixed or context.processes false).");
  partner_depressed_days_first_year = add("partner_depression_first_year_days", I, "days", "Of partner_days_first_year, the days on which he was depressed.");
  violence_events = add("violence_events", I, "events", "Partner-violence events over the span.");
  violence_witnessed = add("violence_witnessed", I, "events", "Partner-violence events the infant witnessed.");
  life_events = add("life_events", I, "events", "Stressful life events over the span.");
  hardship_days = add("hardship_days", I, "days", "Days of the span the family spent in economic hardship.");
  violence_days = add("violence_days", I, "days", "Days of the span in a violent partner relationship.");
  single_days = add("single_days", I, "days", "Days of the span without a co-resident partner.");
  hardship_entries = add("hardship_entries", I, "changes", "Times the family entered economic hardship.");
  hardship_exits = add("hardship_exits", I, "changes", "Times the family left economic hardship.");
  violence_starts = add("violence_starts", I, "changes", "Times a partner relationship became violent.");
  violence_ends = add("violence_ends", I, "changes", "Times partner violence ended (including by the partner leaving).");
  partner_departures = add("partner_departures", I, "changes", "Times the partner left the household.");
  partner_arrivals = add("partner_arrivals", I, "changes", "Times a partner joined the household.");
  partner_at_birth = add("partner_at_birth", I, "0/1", "1 if a co-resident partner was there at birth.");
  partner_sensitivity_baseline = add("partner_sensitivity_baseline", F, "0-1", "The partner's baseline sensitivity (whether or not a partner is present).");
  partner_aai_drawn = add("partner_aai_drawn", L, "F/Ds/E/U", "State-of-mind category the partner was drawn with.");
  childcare_start_months = add("childcare_start_months", F, "months", "Age at which care by a provider started; -1 if not within the span.");
  maltreated = add("maltreated", I, "0/1", "1 if the caregiver maltreated the infant (neglect or physical abuse) at any time in the span: the simulator's truth, which no study sees.");
  neglect_days = add("neglect_days", I, "days", "Days of neglect (caregiver absent or unresponsive for the day).");
  abuse_days = add("abuse_days", I, "days", "Days with physical abuse.");
  cps_reports = add("cps_reports", I, "reports", "Reports to child-protective services over the span.");
  cps_substantiated = add("cps_substantiated", I, "0/1", "1 if a report was substantiated: what a trial can screen on.");
  cps_substantiated_months = add("cps_substantiated_months", F, "months", "Age at the first substantiated report; -1 if none.");
  motivation = add("caregiver_motivation", F, "0-1", "Caregiver's motivation to engage in a program.");
  program_attended = add("program_sessions_attended", I, "sessions", "Program sessions attended (0 without a program).");
  program_completed = add("program_completed", I, "0/1", "1 if the dyad received its program as planned: stayed to the end and attended at least program.completion_share of the sessions (always 1 without a program).");
  program_left = add("program_left_months", F, "months", "Infant age at the session at which the family left the program (negative: in pregnancy); -99 if it stayed to the end or had no program.");
  program_cost = add("program_cost", F, "USD (2010)", "Cost of the sessions attended.");
  program_effect = add("program_effect", F, "0-1", "Program effect reached by the last session (share of the gap to the ideal closed).");

  for (double age : p.sensitivity_observation.ages_months)
    observed_sensitivity.push_back(add("sensitivity_" + age_label(age), F, "1-9",
                                       "Observed caregiver sensitivity (Ainsworth 1-9 scale) in a home visit at " + age_label(age) + "."));
  if (p.sensitivity_observation.second_rater)
    for (double age : p.sensitivity_observation.ages_months)
      observed_sensitivity_rater2.push_back(add("sensitivity_" + age_label(age) + "_rater2", F, "1-9",
                                                "The same visit at " + age_label(age) + " rated by a second, independent rater."));
  if (p.sensitivity_observation.with_partner)
    for (double age : p.sensitivity_observation.ages_months) {
      const std::string name = "sensitivity_" + age_label(age) + "_partner";
      observed_partner.push_back(add(name + "_observed", I, "0/1",
                                     "1 if the partner was observed at " + age_label(age) + ": a partner lived with the infant that day."));
      observed_sensitivity_partner.push_back(add(name, F, "1-9",
                                                 "Observed sensitivity of the partner (Ainsworth 1-9 scale) in a home visit with him at " +
                                                     age_label(age) + "; 0 where he was not observed."));
      columns_.back().measured_by = columns_[observed_partner.back()].name;
    }
  for (double age : p.family_screen.ages_months) {
    const std::string screen = "screen_" + age_label(age) + "_", at = " at " + age_label(age) + " (family_screen: the state that day read with the screen's sensitivity and specificity).";
    family_screen.push_back({add(screen + "depression", I, "0/1", "1 if the caregiver screened positive for depression" + at),
                             add(screen + "partner_violence", I, "0/1", "1 if the caregiver disclosed partner violence" + at)});
  }

  const char* const figure = figure_names[static_cast<int>(p.strange_situation.figure)];
  for (double age : p.strange_situation.ages_months)
    strange_situation.push_back(add_assessment(age, figure, "", p.strange_situation.second_coder));
  if (p.strange_situation.with_partner)
    for (double age : p.strange_situation.ages_months)
      strange_situation_partner.push_back(add_assessment(age, "partner", "partner_", false));

  const std::string childhood = "childhood";
  for (double age : p.preschool.ages_months) {
    const std::string a = "preschool_" + age_label(age) + "_", at = " at " + age_label(age) + ".";
    const std::string psa = " in the preschool attachment assessment (separation-reunion, Cassidy & Marvin 1992)" + at;
    PreschoolColumns c{};
    c.attachment_class = add(a + "attachment_class", L, "A/B/C/D", "Attachment classification (D: disorganized or controlling)" + psa, childhood);
    c.organized_class = add(a + "organized_class", L, "A/B/C", "Forced best-fitting organized classification" + psa, childhood);
    c.security = add(a + "security", F, "0-1", "Continuous security" + psa, childhood);
    c.avoidance = add(a + "avoidance", F, "1-7", "Avoidance" + psa, childhood);
    c.resistance = add(a + "resistance", F, "1-7", "Resistance" + psa, childhood);
    c.disorganization = add(a + "disorganization", F, "1-9", "Disorganization" + psa, childhood);
    c.social_competence = add(a + "social_competence", F, "1-5", "Teacher-rated social competence with peers (joining play, peer acceptance), with rater error" + at, childhood);
    c.empathy = add(a + "empathy", F, "1-5", "Observed empathy: comforting of distressed peers, with rater error" + at, childhood);
    c.externalizing = add(a + "externalizing", F, "0-2", "Externalizing problems (item mean, CBCL-like): retaliation to ambiguous provocation, with rater error" + at, childhood);
    c.internalizing = add(a + "internalizing", F, "0-2", "Internalizing problems (item mean, CBCL-like): withdrawal from play, distress shown and left unsettled, clinging, with rater error" + at, childhood);
    c.peer_acceptance = add(a + "peer_acceptance", F, "0-1", "Peers' acceptance of the child (latent, without rater error)" + at, childhood);
    preschool.push_back(c);
  }

  if (adulthood) {
    const std::string g = "generations";
    GenerationColumns c{};
    c.lineage = add("lineage", I, "", "Lineage (the run's unit): the first-generation dyad this dyad descends from.", g);
    c.generation = add("generation", I, "", "Generation within the lineage, 1 for the population as configured.", g);
    c.parent_dyad = add("parent_dyad", I, "", "Row of the dyad whose infant is this dyad's caregiver; -1 in the first generation.", g);
    c.early_deactivation = add("early_deactivation", F, "0-1", "The infant's strategy at the end of the simulated span: probability of suppressing intense distress.", g);
    c.early_hyperactivation = add("early_hyperactivation", F, "0-1", "The infant's strategy at the end of the span: probability of escalating intense distress.", g);
    c.early_fear = add("early_fear", F, "0-1", "The infant's fear of its caregiver at the end of the span.", g);
    c.adult_deactivation = add("adult_deactivation", F, "0-1", "The grown-up infant's deactivation at adulthood.parenthood_years, after revision by later relationships.", g);
    c.adult_hyperactivation = add("adult_hyperactivation", F, "0-1", "The grown-up infant's hyperactivation at adulthood.parenthood_years.", g);
    c.adult_fear = add("adult_fear", F, "0-1", "The grown-up infant's unresolved fear at adulthood.parenthood_years.", g);
    c.traumas = add("adult_traumas", I, "events", "Losses and traumas between the end of the span and parenthood.", g);
    c.adult_dismissing = add("adult_dismissing", F, "0-1", "The grown-up infant's state of mind: dismissing dimension.", g);
    c.adult_preoccupied = add("adult_preoccupied", F, "0-1", "The grown-up infant's state of mind: preoccupied dimension.", g);
    c.adult_unresolved = add("adult_unresolved", F, "0-1", "The grown-up infant's state of mind: unresolved dimension.", g);
    c.adult_mind = add("adult_mind", L, "F/Ds/E/U", "Category of the grown-up infant's state of mind, before coding (its caregiver_aai_drawn as a parent).", g);
    c.adult_mind_organized = add("adult_mind_organized", L, "F/Ds/E", "The organized category of the grown-up infant's state of mind: its own, or for a U mind the one forced beside it (what caregiver.unresolved_secure_buffer reads in its child's dyad).", g);
    c.adult_aai = add("adult_aai", L, "F/Ds/E/U", "AAI classification of the grown-up infant, coded with error (its caregiver_aai as a parent).", g);
    for (int k = 0; k < liability_count; ++k)
      c.risk_liability[static_cast<std::size_t>(k)] =
          add(std::string("risk_liability_") + liability_names[k], F, "SD",
              std::string("The household's liability to ") + liability_names[k] +
                  " (stratum and neighbourhood shifts included); the next generation's household inherits adulthood.risk_continuity of it.", g);
    generations = c;
  }
}

AssessmentColumns DyadColumns::add_assessment(double age, const std::string& figure, const std::string& tag, bool coder2) {
  const auto F = ColumnType::float64, I = ColumnType::int32, L = ColumnType::label;
  const std::string with = figure == "primary" ? "" : " with the " + figure;
  const std::string a = "ssp_" + age_label(age) + "_" + tag;
  const std::string at = " in the Strange Situation" + with + " at " + age_label(age) + ".";
  const std::size_t first = columns_.size();
  AssessmentColumns c{};
  const auto coded = [&](const std::string& prefix, const std::string& who) {
    CodedColumns k{};
    k.attachment_class = add(prefix + "class", L, "A/B/C/D", "Attachment classification (D where disorganized)" + who + at);
    k.organized_class = add(prefix + "organized_class", L, "A/B/C", "Forced best-fitting organized classification" + who + at);
    k.security = add(prefix + "security", F, "0-1", "Continuous security from the interactive scales" + who + at);
    k.disorganization = add(prefix + "disorganization", F, "1-9", "Disorganization (Main & Solomon scale)" + who + at);
    return k;
  };
  c.proximity_seeking = add(a + "proximity_seeking", F, "1-7", "Proximity seeking (Ainsworth scale)" + at);
  c.contact_maintaining = add(a + "contact_maintaining", F, "1-7", "Contact maintaining (Ainsworth scale)" + at);
  c.avoidance = add(a + "avoidance", F, "1-7", "Avoidance (Ainsworth scale)" + at);
  c.resistance = add(a + "resistance", F, "1-7", "Resistance (Ainsworth scale)" + at);
  c.caregiver_alarming = add(a + "caregiver_alarming", I, "acts",
                             "The figure's alarming (frightening or frightened) acts a coder of her behaviour saw in the reunions, of 2 x strange_situation.behaviours_per_reunion samples (Main & Hesse 1990; AMBIANCE, Lyons-Ruth, Bronfman & Parsons 1999)" + at);
  c.coded = coded(a, "");
  if (coder2) c.coder2 = coded(a + "coder2_", ", as a second coder scored the same behaviour");
  const std::string iwm = "iwm_" + age_label(age) + "_" + tag, when = with + " at " + age_label(age) + ".";
  c.iwm_availability = add(iwm + "availability", F, "0-1", "Working model: expected availability of comfort to a plain (direct) bid" + when);
  c.iwm_predictability = add(iwm + "predictability", F, "0-1", "Working model: how well the infant foresees the kind of answer a bid meets (settling comfort, unsettling comfort, none, harsh, alarming)" + when);
  c.iwm_rejection = add(iwm + "rejection", F, "0-1", "Working model: expected rejection of bids" + when);
  c.iwm_self_worth = add(iwm + "self_worth", F, "0-1", "Working model: self as worth comforting" + when);
  c.fear = add(iwm + "fear", F, "0-1", "Fear of the figure" + when);
  const std::string pol = "policy_" + age_label(age) + "_" + tag;
  c.policy_suppress = add(pol + "suppress", F, "probability", "Learned probability of suppressing intense distress" + when);
  c.policy_direct = add(pol + "direct", F, "probability", "Learned probability of a direct bid in intense distress" + when);
  c.policy_escalate = add(pol + "escalate", F, "probability", "Learned probability of an escalated bid in intense distress" + when);
  const std::string life = "life_" + age_label(age) + "_" + tag, then = " at the Strange Situation at " + age_label(age) + ".";
  c.caregiver_sensitivity = add(life + "caregiver_sensitivity", F, "0-1", "The primary caregiver's sensitivity level (before the day's mood)" + then);
  c.caregiver_responsiveness = add(life + "caregiver_responsiveness", F, "0-1", "The primary caregiver's responsiveness over recent weeks (availability x momentary sensitivity, averaged with context.stress_lasting_days)" + then);
  c.caregiver_stress = add(life + "caregiver_stress", F, "0-1", "The primary caregiver's stress over recent weeks" + then);
  c.depressed = add(life + "depressed", I, "0/1", "1 if the primary caregiver was depressed" + then);
  c.hardship = add(life + "hardship", I, "0/1", "1 if the family was in economic hardship" + then);
  c.violence = add(life + "partner_violence", I, "0/1", "1 if the partner relationship was violent" + then);
  c.partner_present = add(life + "partner_present", I, "0/1", "1 if a co-resident partner was there" + then);
  c.maltreating = add(life + "maltreating", I, "0/1", "1 if the caregiver was in a spell of maltreatment" + then);
  c.life_events = add(life + "life_events", I, "events", "Stressful life events so far" + then);
  c.violence_events = add(life + "violence_events", I, "events", "Partner-violence events so far" + then);
  c.separation_days = add(life + "separation_days", F, "days", "The infant's experience of separation so far: days in childcare or preschool, nights in night care and brief separations (care_practices.brief_separations_per_week)" + then);
  // An infant without the figure is not assessed: its class is empty and every column above holds 0.
  for (std::size_t k = first; k < columns_.size(); ++k) columns_[k].measured_by = columns_[c.coded.attachment_class].name;
  return c;
}

std::vector<sim::Series> DyadColumns::series() {
  std::vector<sim::Series> s(series_count);
  s[series_iwm_availability] = {"iwm_availability", "0-1", "Generalized working model (all figures, by how much each mattered): expected availability of comfort to a plain (direct) bid."};
  s[series_iwm_predictability] = {"iwm_predictability", "0-1", "Working model: how well the infant foresees the kind of answer a bid meets."};
  s[series_iwm_rejection] = {"iwm_rejection", "0-1", "Working model: expected rejection of bids."};
  s[series_iwm_self_worth] = {"iwm_self_worth", "0-1", "Working model: self as worth comforting."};
  s[series_fear] = {"fear", "0-1", "Fear of the caregiver."};
  s[series_policy_suppress] = {"policy_suppress", "probability", "Probability of suppressing intense distress with the primary caregiver."};
  s[series_policy_direct] = {"policy_direct", "probability", "Probability of a direct bid in intense distress."};
  s[series_policy_escalate] = {"policy_escalate", "probability", "Probability of an escalated bid in intense distress."};
  s[series_caregiver_sensitivity] = {"caregiver_sensitivity", "0-1", "Primary caregiver's sensitivity level (before the day's mood)."};
  s[series_caregiver_stress] = {"caregiver_stress", "0-1", "Caregiver stress on that day."};
  s[series_caregiver_self_efficacy] = {"caregiver_self_efficacy", "0-1", "Caregiver self-efficacy."};
  s[series_caregiver_depressed] = {"caregiver_depressed", "0/1", "1 if the caregiver is depressed on that day."};
  s[series_violence_events] = {"violence_events", "events", "Partner-violence events so far."};
  s[series_life_events] = {"life_events", "events", "Stressful life events so far."};
  s[series_social_support] = {"social_support", "0-1", "Social support of the caregiver, as the life course moves it and a support program raises it."};
  s[series_partner_present] = {"partner_present", "0/1", "1 if a co-resident partner is there."};
  s[series_hardship] = {"hardship", "0/1", "1 if the family is in economic hardship."};
  s[series_partner_violence] = {"partner_violence", "0/1", "1 if the partner relationship is violent."};
  s[series_maltreating] = {"maltreating", "0/1", "1 if the caregiver is in a spell of maltreatment."};
  return s;
}

}  // namespace attachsim::models
