// One run, one self-describing HDF5 file: /meta attributes, /dyads (a dataset per column, so h5py,
// pandas, R and h5dump read it without project code), optional /timeseries and /summary. Every
// dataset carries `units` and `description`. The file is written under a temporary name of its own
// (sim/output/partial_file.hpp) and renamed to PATH only by commit(), so a failed or killed run never
// leaves a file that looks complete; its format is checksummed (sim/output/hdf5_file.hpp).
#pragma once

#include "sim/core/model.hpp"
#include "sim/engine/engine.hpp"
#include "sim/output/hdf5_file.hpp"
#include "sim/output/partial_file.hpp"

#include <string>
#include <vector>

namespace attachsim::sim {

class Hdf5Output : public RecordSink {
 public:
  // Creates the temporary file at once, so an unwritable path fails before any simulation (InputError).
  // Failures to write (a full disk) throw OutputError; the temporary file is then removed.
  explicit Hdf5Output(std::string path);
  ~Hdf5Output() override;
  Hdf5Output(const Hdf5Output&) = delete;
  Hdf5Output& operator=(const Hdf5Output&) = delete;

  void set_meta(const std::string& name, const std::string& value);
  void set_meta(const std::string& name, double value);
  void set_meta(const std::string& name, std::int64_t value);

  // Columns go to the groups they name (described by `groups`: name, description), each with one row
  // per dyad in row order; series to /timeseries.
  void define_records(std::vector<Column> columns, const std::vector<std::pair<std::string, std::string>>& groups,
                      std::vector<Series> series, std::vector<double> series_ages, std::size_t chunk);
  void write(const RecordBlock& block) override;
  void write_summary(const std::vector<SummaryValue>& values);

  // A table as a group of one-dimensional datasets (numbers or texts), each with units and description.
  using TableColumn = ReportColumn;
  void write_table(const std::string& group, const std::string& description, const std::vector<TableColumn>& columns);
  // Every column of a block, as a group of datasets (e.g. the records of one trial arm).
  void write_block(const std::string& group, const std::string& description, const std::vector<Column>& columns,
                   const RecordBlock& block);

  void commit();  // closes the file and renames it to its final name
  const std::string& path() const { return partial_.path(); }

 private:
  // Declared in the order they are made: closed in reverse (datasets, groups, the file), then the
  // temporary file is removed unless committed.
  PartialFile partial_;
  hdf5::File file_;
  hdf5::Handle meta_, timeseries_;
  std::vector<hdf5::Handle> groups_;
  std::vector<Column> columns_;
  std::vector<Series> series_;
  std::vector<hdf5::Handle> column_sets_, series_sets_;
  std::uint64_t rows_ = 0;
  std::size_t steps_ = 0;
};

}  // namespace attachsim::sim
