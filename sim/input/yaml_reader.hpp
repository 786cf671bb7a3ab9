// Reading a structured YAML file (a trial, its economics) with the project's input-error rules: every
// problem names the file, line and column, the key, what was expected and what was found. One reader
// serves every such file, so that their messages say the same things the same way.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::sim {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }

  // The file's text, or an InputError naming it when it cannot be read.
  std::string read_text(const std::string& what) const;

  // map[key], or an InputError at the map ("where.key": expected an entry, found none).
  YAML::Node require(const YAML::Node& map, const std::string& key, const std::string& where) const;
  // Every key of `map` is one of `known`; else an InputError at the key, suggesting the nearest.
  void check_keys(const YAML::Node& map, const std::string& where, const std::vector<std::string>& known) const;

  std::string text_of(const YAML::Node& node, const std::string& key) const;
  double number(const YAML::Node& node, const std::string& key) const;
  std::int64_t whole(const YAML::Node& node, const std::string& key, std::int64_t lo, std::int64_t hi) const;
  // A name among `columns` (the /dyads columns), suggesting the nearest when it is none of them.
  std::string column(const YAML::Node& node, const std::string& key, const std::vector<std::string>& columns) const;

 private:
  std::string file_;
};

}  // namespace attachsim::sim
