// Where the classroom page's numbers sit among the attachment model's outputs. With the views
// (cohort_view.cpp, generations_view.cpp) this is the one place outside models/ that knows the model's
// output names: the Strange Situation columns `ssp_<age>_class` and working model `iwm_<age>_*`, the
// preschool columns `preschool_<age>_*`, the generation columns, and the time series. Everything else
// (the model, its parameters, series, units and descriptions) comes from the Model contract. If the
// model renames an output, a request fails with an internal error naming what is missing, instead of
// the page showing wrong numbers.
#pragma once

#include "sim/core/model.hpp"
#include "sim/core/record.hpp"

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace attachsim::sim::classroom {

// The four attachment classes in the page's order, and the four states of mind of the Adult
// Attachment Interview in the order that matches them (autonomous with secure, and so on).
inline constexpr const char* class_letters[] = {"A", "B", "C", "D"};
inline constexpr const char* mind_letters[] = {"Ds", "F", "E", "U"};
inline constexpr std::size_t class_count = 4;

// 12 -> "12m", 7.5 -> "7p5m": the age part of the model's column names.
inline std::string age_label(double months) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", months);
  std::string s = text;
  for (char& c : s)
    if (c == '.') c = 'p';
  return s + "m";
}

inline std::size_t column_index(const std::vector<Column>& columns, const std::string& name) {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  throw std::runtime_error("the model has no column '" + name + "', which the classroom page needs");
}

inline const Column& column_named(const std::vector<Column>& columns, const std::string& name) {
  return columns[column_index(columns, name)];
}

// Every column whose name starts with `prefix`, in the model's order; at least one.
inline std::vector<std::size_t> columns_starting(const std::vector<Column>& columns, const std::string& prefix) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name.rfind(prefix, 0) == 0) found.push_back(i);
  if (found.empty()) throw std::runtime_error("the model has no column named '" + prefix + "...', which the classroom page needs");
  return found;
}

inline std::size_t series_index(const std::vector<Series>& series, const std::string& name) {
  for (std::size_t i = 0; i < series.size(); ++i)
    if (series[i].name == name) return i;
  throw std::runtime_error("the model has no time series '" + name + "', which the classroom page needs");
}

// A class column's value as 0..3 (A, B, C, D), or -1 when not assessed.
inline int class_of(double code) { return label_index(code, class_letters); }
inline int mind_of(double code) { return label_index(code, mind_letters); }

}  // namespace attachsim::sim::classroom
