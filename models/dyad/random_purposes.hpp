// The purposes that random streams are drawn for. A dyad's life history and each instrument use
// their own streams, so that adding an assessment never changes the life it measures.
#pragma once

#include <cstdint>

namespace attachsim::models {

namespace purpose {
constexpr std::uint32_t population = 1;                 // traits of infant and caregiver, drawn once
constexpr std::uint32_t context = 2;                    // daily context: stress fluctuations
constexpr std::uint32_t episodes = 3;                   // distress episodes, signals, caregiver answers
constexpr std::uint32_t aai_coding = 4;                 // the caregiver's Adult Attachment Interview
constexpr std::uint32_t neighbourhood = 5;              // a neighbourhood's shared stressors (id = neighbourhood)
constexpr std::uint32_t program = 6;                    // attendance at a program's sessions
constexpr std::uint32_t preschool = 7;                  // the child's days with peers and teacher
constexpr std::uint32_t adulthood = 8;                  // yearly relationship experience and traumas
constexpr std::uint32_t adult_aai = 9;                  // the grown-up infant's Adult Attachment Interview
constexpr std::uint32_t life_course = 10;               // the transient parts of the family's risks, weekly
constexpr std::uint32_t partner_depression = 11;        // the partner's depression: at birth, then daily
constexpr std::uint32_t strange_situation = 100;        // + index of the assessment age
constexpr std::uint32_t sensitivity_observation = 200;  // + index of the observation age
constexpr std::uint32_t preschool_assessment = 300;     // + index of the preschool age: attachment assessment
constexpr std::uint32_t preschool_rating = 400;         // + index of the preschool age: rater error
constexpr std::uint32_t strange_situation_partner = 500;  // + index of the assessment age: with the partner
constexpr std::uint32_t family_screen = 600;            // + index of the screening age
constexpr std::uint32_t sensitivity_observation_partner = 700;  // + index of the observation age: the partner's visit
constexpr std::uint32_t second_coder = 1000;            // + the assessment's own purpose: a second coder's error
constexpr std::uint32_t overwhelm = 2000;               // + the assessment's own purpose: an infant overwhelmed by separation
}  // namespace purpose

}  // namespace attachsim::models
