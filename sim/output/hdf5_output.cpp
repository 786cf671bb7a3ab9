#include "sim/output/hdf5_output.hpp"

#include <algorithm>

namespace attachsim::sim {
namespace {

constexpr std::size_t label_width = 2;

hdf5::Handle file_type(ColumnType t) {
  switch (t) {
    case ColumnType::float64: return {H5Tcopy(H5T_IEEE_F64LE), H5Tclose};
    case ColumnType::int32: return {H5Tcopy(H5T_STD_I32LE), H5Tclose};
    case ColumnType::label: break;
  }
  return hdf5::text_type(label_width);  // "B" reads back as b'B', "Ds" as b'Ds'
}

// Appends `rows` rows (each `steps` wide, or scalar when steps == 0) of memory type `memory`.
void append(const hdf5::File& file, hid_t set, hid_t memory, const void* data, std::uint64_t offset, std::size_t rows,
            std::size_t steps) {
  const int rank = steps ? 2 : 1;
  hsize_t extent[2] = {offset + rows, steps}, start[2] = {offset, 0}, count[2] = {rows, steps};
  file.check_status(H5Dset_extent(set, extent), "extend a dataset");
  const hdf5::Handle file_space(file.check(H5Dget_space(set), "select rows"), H5Sclose);
  file.check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), "select rows");
  const hdf5::Handle memory_space(file.check(H5Screate_simple(rank, count, nullptr), "make a dataspace"), H5Sclose);
  file.check_status(H5Dwrite(set, memory, memory_space.get(), file_space.get(), H5P_DEFAULT, data), "write rows");
}

}  // namespace

Hdf5Output::Hdf5Output(std::string path)
    : partial_(std::move(path)),
      file_(partial_.temporary(), partial_.path()),
      meta_(hdf5::make_group(file_, file_.id(), "meta")) {}

Hdf5Output::~Hdf5Output() = default;

void Hdf5Output::set_meta(const std::string& name, const std::string& value) {
  hdf5::string_attribute(file_, meta_.get(), name, value);
}
void Hdf5Output::set_meta(const std::string& name, double value) { hdf5::real_attribute(file_, meta_.get(), name, value); }
void Hdf5Output::set_meta(const std::string& name, std::int64_t value) {
  hdf5::int_attribute(file_, meta_.get(), name, value);
}

void Hdf5Output::define_records(std::vector<Column> columns, const std::vector<std::pair<std::string, std::string>>& groups,
                                std::vector<Series> series, std::vector<double> series_ages, std::size_t chunk) {
  columns_ = std::move(columns);
  series_ = std::move(series);
  steps_ = series_.empty() ? 0 : series_ages.size();
  std::vector<std::string> names;
  const auto group_of = [&](const std::string& name) {
    for (std::size_t g = 0; g < names.size(); ++g)
      if (names[g] == name) return groups_[g].get();
    std::string description = "One row per dyad, in row order.";
    for (const auto& [group, text] : groups)
      if (group == name) description = text;
    groups_.push_back(hdf5::make_group(file_, file_.id(), name));
    names.push_back(name);
    hdf5::describe(file_, groups_.back().get(), "", description);
    return groups_.back().get();
  };
  for (const auto& c : columns_) {
    const hdf5::Handle type = file_type(c.type);
    column_sets_.push_back(hdf5::make_array(file_, group_of(c.group), c.name, type.get(), {0}, chunk, true, true));
    hdf5::describe(file_, column_sets_.back().get(), c.unit, c.description);
    // Readers leave out the rows where the assessment behind this column was not given.
    if (!c.measured_by.empty()) hdf5::string_attribute(file_, column_sets_.back().get(), "measured_by", c.measured_by);
  }
  if (!series_.empty()) {
    timeseries_ = hdf5::make_group(file_, file_.id(), "timeseries");
    hdf5::describe(file_, timeseries_.get(), "", "Per-dyad state by month: each dataset is [dyad, step]; steps are at age_months.");
    hdf5::write_array(file_, timeseries_.get(), "age_months", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, series_ages.size(),
                      series_ages.data(), "months", "Infant age at each time-series step.");
    for (const auto& s : series_) {
      series_sets_.push_back(hdf5::make_array(file_, timeseries_.get(), s.name, H5T_IEEE_F64LE, {0, steps_},
                                              std::min<std::size_t>(chunk, 1024), true, true));
      hdf5::describe(file_, series_sets_.back().get(), s.unit, s.description);
    }
  }
}

void Hdf5Output::write(const RecordBlock& block) {
  const std::size_t n = block.size();
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const double* values = block.column(c);
    const hid_t set = column_sets_[c].get();
    switch (columns_[c].type) {
      case ColumnType::float64: append(file_, set, H5T_NATIVE_DOUBLE, values, rows_, n, 0); break;
      case ColumnType::int32: {
        std::vector<std::int32_t> ints(values, values + n);
        append(file_, set, H5T_NATIVE_INT32, ints.data(), rows_, n, 0);
        break;
      }
      case ColumnType::label: {
        std::vector<char> letters(label_width * n);
        for (std::size_t i = 0; i < n; ++i) {
          const auto code = static_cast<unsigned>(values[i]);
          letters[label_width * i] = static_cast<char>(code & 0xFF);
          letters[label_width * i + 1] = static_cast<char>(code >> 8);
        }
        const hdf5::Handle type = hdf5::text_type(label_width);
        append(file_, set, type.get(), letters.data(), rows_, n, 0);
        break;
      }
    }
  }
  for (std::size_t s = 0; s < series_sets_.size(); ++s)
    append(file_, series_sets_[s].get(), H5T_NATIVE_DOUBLE, block.series(s), rows_, n, steps_);
  rows_ += n;
}

void Hdf5Output::write_summary(const std::vector<SummaryValue>& values) {
  hdf5::Handle group = hdf5::make_group(file_, file_.id(), "summary");
  hdf5::describe(file_, group.get(), "", "Population summaries of the run.");
  for (const auto& v : values) hdf5::write_scalar(file_, group.get(), v.name, v.value, v.unit, v.description);
  file_.check_status(group.close(), "close /summary");
}

void Hdf5Output::write_table(const std::string& path, const std::string& description,
                             const std::vector<TableColumn>& columns) {
  hdf5::Handle group = hdf5::make_group(file_, file_.id(), path);
  hdf5::describe(file_, group.get(), "", description);
  for (const auto& c : columns) {
    if (!c.texts.empty()) {
      std::size_t width = 1;
      for (const auto& t : c.texts) width = std::max(width, t.size());
      std::vector<char> raw(width * c.texts.size(), '\0');
      for (std::size_t i = 0; i < c.texts.size(); ++i)
        std::copy(c.texts[i].begin(), c.texts[i].end(), raw.begin() + static_cast<std::ptrdiff_t>(i * width));
      const hdf5::Handle type = hdf5::text_type(width);
      hdf5::write_array(file_, group.get(), c.name, type.get(), type.get(), c.texts.size(), raw.data(), c.unit, c.description);
    } else {
      hdf5::write_array(file_, group.get(), c.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.numbers.size(), c.numbers.data(),
                        c.unit, c.description);
    }
  }
  file_.check_status(group.close(), "close /" + path);
}

void Hdf5Output::write_block(const std::string& path, const std::string& description, const std::vector<Column>& columns,
                             const RecordBlock& block) {
  std::vector<TableColumn> table;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    TableColumn t{columns[c].name, columns[c].unit, columns[c].description, {}, {}};
    for (std::size_t row = 0; row < block.size(); ++row) {
      const double v = block.value(c, row);
      if (columns[c].type == ColumnType::label) {
        t.texts.push_back(label_text(v));
      } else {
        t.numbers.push_back(v);
      }
    }
    table.push_back(std::move(t));
  }
  write_table(path, description, table);
  // As in /dyads: readers leave out the rows where the assessment behind a column was not given.
  hdf5::Handle group(file_.check(H5Gopen2(file_.id(), path.c_str(), H5P_DEFAULT), "open /" + path), H5Gclose);
  for (const auto& c : columns) {
    if (c.measured_by.empty()) continue;
    hdf5::Handle set(file_.check(H5Dopen2(group.get(), c.name.c_str(), H5P_DEFAULT), "open " + c.name), H5Dclose);
    hdf5::string_attribute(file_, set.get(), "measured_by", c.measured_by);
    file_.check_status(set.close(), "close " + c.name);
  }
  file_.check_status(group.close(), "close /" + path);
}

void Hdf5Output::commit() {
  // Every close is checked: a full disk often shows only when the last chunks and metadata go out.
  for (auto* handles : {&column_sets_, &series_sets_, &groups_})
    for (auto& h : *handles) file_.check_status(h.close(), "close a dataset or group");
  file_.check_status(timeseries_.close(), "close /timeseries");
  file_.check_status(meta_.close(), "close /meta");
  file_.close();
  partial_.commit();
}

}  // namespace attachsim::sim
