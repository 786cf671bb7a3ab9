// A resolved scenario: a value for every declared parameter (the default where none was set), each
// checked against its declaration and remembered with where it was set. Reading YAML files is
// sim/input's; the model binds the resolved values into its own structs.
#pragma once

#include "sim/core/input_error.hpp"
#include "sim/core/sha1.hpp"
#include "sim/core/parameter.hpp"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace attachsim::sim {

class ResolvedConfig {
 public:
  explicit ResolvedConfig(std::vector<ParameterSpec> schema);  // all defaults

  const std::vector<ParameterSpec>& schema() const { return declared_->specs; }
  bool contains(const std::string& key) const { return declared_->index.count(key) > 0; }  // declared in the schema
  const Value& value(const std::string& key) const;
  const ParameterSpec& spec(const std::string& key) const;

  // Where a key was set (file:line:column), or the config file itself for a default.
  SourcePosition position_of(const std::string& key) const;
  const std::string& source_file() const { return source_file_; }
  void set_source_file(std::string file) { source_file_ = std::move(file); }

  // The canonical text of the resolved config: nested YAML, every key, declaration order.
  std::string to_yaml() const;
  std::string hash() const;  // SHA-1 of to_yaml(), hex

  // Checks one value against its declaration and stores it; throws InputError.
  void set(const std::string& key, const Value& value, const SourcePosition& where);

  template <class T>
  void bind(const ParameterTable<T>& table, T& target) const {
    for (const auto& p : table) p.assign(target, value(p.spec.key));
  }

 private:
  // The declarations, shared by every copy of a config: copying one (a sweep makes one per point, to
  // check it and to run it) copies the values only, not some hundreds of declarations and their texts.
  struct Declarations {
    std::vector<ParameterSpec> specs;
    std::map<std::string, std::size_t> index;
  };
  std::size_t index_of(const std::string& key) const { return declared_->index.at(key); }

  std::shared_ptr<const Declarations> declared_;
  std::vector<Value> values_;  // in declaration order
  std::map<std::string, SourcePosition> positions_;
  std::string source_file_;
};

std::string format_value(const Value& v);
std::string describe_expected(const ParameterSpec& spec);
// A numeric parameter's bounds as the messages write them: [0.0, 1.0], or [0, 1000] for a whole number.
std::string describe_bounds(const ParameterSpec& spec);

// The declared key closest in spelling to `key`, or "" if none is near.
std::string nearest_key(const std::string& key, const std::vector<std::string>& candidates);

}  // namespace attachsim::sim
