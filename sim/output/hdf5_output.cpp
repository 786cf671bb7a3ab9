#include "sim/output/hdf5_output.hpp"

#include "sim/core/input_error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace attachsim::sim {
namespace {

hid_t check(hid_t id, const char* what) {
  if (id < 0) throw std::runtime_error(std::string("HDF5 failed to ") + what);
  return id;
}

void check_status(herr_t status, const char* what) {
  if (status < 0) throw std::runtime_error(std::string("HDF5 failed to ") + what);
}

void string_attribute(hid_t object, const std::string& name, const std::string& value) {
  const hid_t type = check(H5Tcopy(H5T_C_S1), "copy a string type");
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  const hid_t space = check(H5Screate(H5S_SCALAR), "create a scalar space");
  const hid_t attr = check(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), "create an attribute");
  const char* text = value.c_str();
  check_status(H5Awrite(attr, type, &text), "write an attribute");
  H5Aclose(attr), H5Sclose(space), H5Tclose(type);
}

template <class T>
void number_attribute(hid_t object, const std::string& name, T value, hid_t type) {
  const hid_t space = check(H5Screate(H5S_SCALAR), "create a scalar space");
  const hid_t attr = check(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), "create an attribute");
  check_status(H5Awrite(attr, type, &value), "write an attribute");
  H5Aclose(attr), H5Sclose(space);
}

constexpr std::size_t label_width = 2;

hid_t label_type() {
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, label_width);
  H5Tset_strpad(type, H5T_STR_NULLPAD);  // "B" reads back as b'B', "Ds" as b'Ds'
  return type;
}

hid_t file_type(ColumnType t) {
  switch (t) {
    case ColumnType::float64: return H5Tcopy(H5T_IEEE_F64LE);
    case ColumnType::int32: return H5Tcopy(H5T_STD_I32LE);
    case ColumnType::label: return label_type();
  }
  return -1;
}

// An extendible, chunked, compressed dataset of `rank` 1 (rows) or 2 (rows x steps).
hid_t extendible(hid_t group, const std::string& name, hid_t type, std::size_t chunk_rows, std::size_t steps) {
  const int rank = steps ? 2 : 1;
  hsize_t dims[2] = {0, steps}, max[2] = {H5S_UNLIMITED, steps}, chunk[2] = {chunk_rows, steps ? steps : 1};
  const hid_t space = check(H5Screate_simple(rank, dims, max), "create a dataspace");
  const hid_t props = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(props, rank, chunk);
  H5Pset_shuffle(props);
  H5Pset_deflate(props, 1);  // fast: most of the gain of deflate at a fraction of its cost
  // Rows are only appended, never read back: a cache of two chunks per dataset holds a chunk that a
  // block leaves partly written, where HDF5's default (1 MB per dataset) would keep every dataset's
  // recent chunks and grow memory with the run's length up to that bound.
  const hid_t access = H5Pcreate(H5P_DATASET_ACCESS);
  const std::size_t chunk_bytes = chunk_rows * (steps ? steps : 1) * H5Tget_size(type);
  H5Pset_chunk_cache(access, 11, 2 * chunk_bytes, 1.0);
  const hid_t set = check(H5Dcreate2(group, name.c_str(), type, space, H5P_DEFAULT, props, access), "create a dataset");
  H5Pclose(access), H5Pclose(props), H5Sclose(space);
  return set;
}

// Appends `rows` rows (each `steps` wide, or scalar when steps == 0) of memory type `memory`.
void append(hid_t set, hid_t memory, const void* data, std::uint64_t offset, std::size_t rows, std::size_t steps) {
  const int rank = steps ? 2 : 1;
  hsize_t extent[2] = {offset + rows, steps}, start[2] = {offset, 0}, count[2] = {rows, steps};
  check_status(H5Dset_extent(set, extent), "extend a dataset");
  const hid_t file_space = H5Dget_space(set);
  H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr);
  const hid_t memory_space = H5Screate_simple(rank, count, nullptr);
  check_status(H5Dwrite(set, memory, memory_space, file_space, H5P_DEFAULT, data), "write a dataset");
  H5Sclose(memory_space), H5Sclose(file_space);
}

void describe(hid_t object, const std::string& unit, const std::string& description) {
  string_attribute(object, "units", unit);
  string_attribute(object, "description", description);
}

}  // namespace

Hdf5Output::Hdf5Output(std::string path) : path_(std::move(path)), partial_(path_ + ".partial") {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // failures are reported by us, once
  namespace fs = std::filesystem;
  const fs::path parent = fs::path(path_).parent_path();
  if (!parent.empty() && !fs::is_directory(parent))
    throw InputError({path_, 0, 0}, "output", "a file path in an existing directory",
                     "no directory '" + parent.string() + "'");
  if (fs::is_directory(path_)) throw InputError({path_, 0, 0}, "output", "a file path", "a directory");
  if (std::FILE* probe = std::fopen(partial_.c_str(), "wb")) {
    std::fclose(probe);
  } else {
    throw InputError({path_, 0, 0}, "output", "a writable file path", std::string("'") + std::strerror(errno) + "'");
  }
  file_ = H5Fcreate(partial_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (file_ < 0) {
    std::remove(partial_.c_str());  // the probe's empty file must not outlive the failure
    throw std::runtime_error("HDF5 failed to create the output file " + partial_);
  }
  meta_ = check(H5Gcreate2(file_, "meta", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create /meta");
}

Hdf5Output::~Hdf5Output() {
  if (committed_) return;
  for (hid_t set : column_sets_) H5Dclose(set);
  for (hid_t set : series_sets_) H5Dclose(set);
  for (hid_t g : groups_) H5Gclose(g);
  for (hid_t g : {timeseries_, meta_})
    if (g >= 0) H5Gclose(g);
  if (file_ >= 0) H5Fclose(file_);
  std::remove(partial_.c_str());
}

void Hdf5Output::set_meta(const std::string& name, const std::string& value) { string_attribute(meta_, name, value); }
void Hdf5Output::set_meta(const std::string& name, double value) { number_attribute(meta_, name, value, H5T_NATIVE_DOUBLE); }
void Hdf5Output::set_meta(const std::string& name, std::int64_t value) {
  number_attribute(meta_, name, value, H5T_NATIVE_INT64);
}

void Hdf5Output::define_records(std::vector<Column> columns, const std::vector<std::pair<std::string, std::string>>& groups,
                                std::vector<Series> series, std::vector<double> series_ages, std::size_t chunk) {
  columns_ = std::move(columns);
  series_ = std::move(series);
  steps_ = series_.empty() ? 0 : series_ages.size();
  std::vector<std::string> names;
  const auto group_of = [&](const std::string& name) {
    for (std::size_t g = 0; g < names.size(); ++g)
      if (names[g] == name) return groups_[g];
    std::string description = "One row per dyad, in row order.";
    for (const auto& [group, text] : groups)
      if (group == name) description = text;
    groups_.push_back(check(H5Gcreate2(file_, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create a record group"));
    names.push_back(name);
    describe(groups_.back(), "", description);
    return groups_.back();
  };
  for (const auto& c : columns_) {
    const hid_t type = file_type(c.type);
    column_sets_.push_back(extendible(group_of(c.group), c.name, type, chunk, 0));
    H5Tclose(type);
    describe(column_sets_.back(), c.unit, c.description);
  }
  if (!series_.empty()) {
    timeseries_ = check(H5Gcreate2(file_, "timeseries", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create /timeseries");
    describe(timeseries_, "", "Per-dyad state by month: each dataset is [dyad, step]; steps are at age_months.");
    const hsize_t n = series_ages.size();
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t ages = check(H5Dcreate2(timeseries_, "age_months", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                             "create /timeseries/age_months");
    check_status(H5Dwrite(ages, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, series_ages.data()), "write ages");
    describe(ages, "months", "Infant age at each time-series step.");
    H5Dclose(ages), H5Sclose(space);
    for (const auto& s : series_) {
      series_sets_.push_back(extendible(timeseries_, s.name, H5T_IEEE_F64LE, std::min<std::size_t>(chunk, 1024), steps_));
      describe(series_sets_.back(), s.unit, s.description);
    }
  }
}

void Hdf5Output::write(const RecordBlock& block) {
  const std::size_t n = block.size();
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const double* values = block.column(c);
    switch (columns_[c].type) {
      case ColumnType::float64: append(column_sets_[c], H5T_NATIVE_DOUBLE, values, rows_, n, 0); break;
      case ColumnType::int32: {
        std::vector<std::int32_t> ints(values, values + n);
        append(column_sets_[c], H5T_NATIVE_INT32, ints.data(), rows_, n, 0);
        break;
      }
      case ColumnType::label: {
        std::vector<char> letters(label_width * n);
        for (std::size_t i = 0; i < n; ++i) {
          const auto code = static_cast<unsigned>(values[i]);
          letters[label_width * i] = static_cast<char>(code & 0xFF);
          letters[label_width * i + 1] = static_cast<char>(code >> 8);
        }
        const hid_t type = label_type();
        append(column_sets_[c], type, letters.data(), rows_, n, 0);
        H5Tclose(type);
        break;
      }
    }
  }
  for (std::size_t s = 0; s < series_sets_.size(); ++s)
    append(series_sets_[s], H5T_NATIVE_DOUBLE, block.series(s), rows_, n, steps_);
  rows_ += n;
}

void Hdf5Output::write_summary(const std::vector<SummaryValue>& values) {
  const hid_t group = check(H5Gcreate2(file_, "summary", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create /summary");
  describe(group, "", "Population summaries of the run.");
  const hid_t space = H5Screate(H5S_SCALAR);
  for (const auto& v : values) {
    const hid_t set = check(H5Dcreate2(group, v.name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                            "create a summary dataset");
    check_status(H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &v.value), "write a summary value");
    describe(set, v.unit, v.description);
    H5Dclose(set);
  }
  H5Sclose(space), H5Gclose(group);
}

namespace {

hid_t make_groups(hid_t file, const std::string& path) {
  const hid_t links = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(links, 1);
  const hid_t group = check(H5Gcreate2(file, path.c_str(), links, H5P_DEFAULT, H5P_DEFAULT), "create a group");
  H5Pclose(links);
  return group;
}

void write_dataset(hid_t group, const std::string& name, hid_t file_type, hid_t memory_type, hsize_t n, const void* data) {
  const hid_t space = H5Screate_simple(1, &n, nullptr);
  const hid_t set = check(H5Dcreate2(group, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                          "create a dataset");
  if (n > 0) check_status(H5Dwrite(set, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write a dataset");
  H5Dclose(set), H5Sclose(space);
}

}  // namespace

void Hdf5Output::write_table(const std::string& path, const std::string& description,
                             const std::vector<TableColumn>& columns) {
  const hid_t group = make_groups(file_, path);
  describe(group, "", description);
  for (const auto& c : columns) {
    if (!c.texts.empty()) {
      std::size_t width = 1;
      for (const auto& t : c.texts) width = std::max(width, t.size());
      std::vector<char> raw(width * c.texts.size(), '\0');
      for (std::size_t i = 0; i < c.texts.size(); ++i) std::copy(c.texts[i].begin(), c.texts[i].end(), raw.begin() + static_cast<std::ptrdiff_t>(i * width));
      const hid_t type = H5Tcopy(H5T_C_S1);
      H5Tset_size(type, width);
      H5Tset_strpad(type, H5T_STR_NULLPAD);
      write_dataset(group, c.name, type, type, c.texts.size(), raw.data());
      H5Tclose(type);
    } else {
      write_dataset(group, c.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.numbers.size(), c.numbers.data());
    }
    const hid_t set = H5Dopen2(group, c.name.c_str(), H5P_DEFAULT);
    describe(set, c.unit, c.description);
    H5Dclose(set);
  }
  H5Gclose(group);
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
}

void Hdf5Output::commit() {
  for (hid_t set : column_sets_) H5Dclose(set);
  for (hid_t set : series_sets_) H5Dclose(set);
  column_sets_.clear(), series_sets_.clear();
  for (hid_t g : groups_) H5Gclose(g);
  groups_.clear();
  for (hid_t* g : {&timeseries_, &meta_})
    if (*g >= 0) H5Gclose(*g), *g = -1;
  check_status(H5Fclose(file_), "close the output file");
  file_ = -1;
  std::filesystem::rename(partial_, path_);
  committed_ = true;
}

}  // namespace attachsim::sim
