// A sweep's result as one HDF5 file: /points (one 1-D dataset per column, one row per run, rows in
// run order, each with `units` and `description`) and /meta (provenance attributes). Written as
// PATH.<pid>.partial (sim/output/partial_file.hpp) and renamed by the end, like a run's file. Sweeps, shards and merges all write
// through write_sweep_table, and merges read shards back with read_sweep_table, so a merged file
// has exactly the layout and bytes of an unsharded one.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace attachsim::sim {

struct TableColumn {
  enum class Type { int64, float64, text };
  std::string name, unit, description;
  Type type = Type::float64;
  std::size_t width = 0;  // text: fixed byte width, NUL-padded
  std::vector<std::int64_t> ints;
  std::vector<double> reals;
  std::vector<std::string> texts;

  std::size_t size() const { return type == Type::int64 ? ints.size() : type == Type::float64 ? reals.size() : texts.size(); }
};

using MetaValue = std::variant<std::string, std::int64_t, double>;

struct SweepTable {
  std::vector<std::pair<std::string, MetaValue>> meta;
  std::vector<TableColumn> columns;

  const MetaValue* find_meta(const std::string& name) const;
  const TableColumn* find_column(const std::string& name) const;
};

// Writes PATH.<pid>.partial, then renames it to PATH.
void write_sweep_table(const std::string& path, const SweepTable& table);
// Reads a file written by write_sweep_table; throws InputError if it is not one.
SweepTable read_sweep_table(const std::string& path);

}  // namespace attachsim::sim
