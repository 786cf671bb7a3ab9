#include "sim/sweeps/sweep_output.hpp"

#include "sim/core/input_error.hpp"

#include <hdf5.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace attachsim::sim {
namespace {

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) throw std::runtime_error("HDF5 failed to " + what);
  return id;
}

void check_status(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error("HDF5 failed to " + what);
}

hid_t text_type(std::size_t width) {
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, std::max<std::size_t>(width, 1));
  H5Tset_strpad(type, H5T_STR_NULLPAD);
  return type;
}

void string_attribute(hid_t object, const std::string& name, const std::string& value) {
  const hid_t type = check(H5Tcopy(H5T_C_S1), "copy a string type");
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attr = check(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), "create attribute " + name);
  const char* text = value.c_str();
  check_status(H5Awrite(attr, type, &text), "write attribute " + name);
  H5Aclose(attr), H5Sclose(space), H5Tclose(type);
}

template <class T>
void number_attribute(hid_t object, const std::string& name, T value, hid_t memory, hid_t file) {
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attr = check(H5Acreate2(object, name.c_str(), file, space, H5P_DEFAULT, H5P_DEFAULT), "create attribute " + name);
  check_status(H5Awrite(attr, memory, &value), "write attribute " + name);
  H5Aclose(attr), H5Sclose(space);
}

void write_meta(hid_t object, const std::string& name, const MetaValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) string_attribute(object, name, *s);
  if (const auto* i = std::get_if<std::int64_t>(&value)) number_attribute(object, name, *i, H5T_NATIVE_INT64, H5T_STD_I64LE);
  if (const auto* x = std::get_if<double>(&value)) number_attribute(object, name, *x, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE);
}

MetaValue read_attribute(hid_t attr) {
  const hid_t type = H5Aget_type(attr);
  MetaValue out;
  switch (H5Tget_class(type)) {
    case H5T_INTEGER: {
      std::int64_t i = 0;
      H5Aread(attr, H5T_NATIVE_INT64, &i);
      out = i;
      break;
    }
    case H5T_FLOAT: {
      double x = 0;
      H5Aread(attr, H5T_NATIVE_DOUBLE, &x);
      out = x;
      break;
    }
    case H5T_STRING:
      if (H5Tis_variable_str(type) > 0) {
        char* text = nullptr;
        H5Aread(attr, type, &text);
        out = std::string(text ? text : "");
        H5free_memory(text);
      } else {
        std::vector<char> raw(H5Tget_size(type));
        H5Aread(attr, type, raw.data());
        out = std::string(raw.data(), strnlen(raw.data(), raw.size()));
      }
      break;
    default: out = std::string();
  }
  H5Tclose(type);
  return out;
}

std::string string_of(hid_t object, const char* name) {
  if (H5Aexists(object, name) <= 0) return "";
  const hid_t attr = H5Aopen(object, name, H5P_DEFAULT);
  const MetaValue v = read_attribute(attr);
  H5Aclose(attr);
  const auto* s = std::get_if<std::string>(&v);
  return s ? *s : "";
}

}  // namespace

const MetaValue* SweepTable::find_meta(const std::string& name) const {
  for (const auto& [n, v] : meta)
    if (n == name) return &v;
  return nullptr;
}

const TableColumn* SweepTable::find_column(const std::string& name) const {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

void write_sweep_table(const std::string& path, const SweepTable& table) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const std::string partial = path + ".partial";
  const hid_t file = H5Fcreate(partial.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (file < 0) throw InputError({path, 0, 0}, "output", "a writable file path", "'" + partial + "' cannot be created");
  try {
    const hid_t meta_props = H5Pcreate(H5P_GROUP_CREATE);
    H5Pset_attr_creation_order(meta_props, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    const hid_t meta = check(H5Gcreate2(file, "meta", H5P_DEFAULT, meta_props, H5P_DEFAULT), "create /meta");
    H5Pclose(meta_props);
    for (const auto& [name, value] : table.meta) write_meta(meta, name, value);
    H5Gclose(meta);

    // Creation order is tracked so that readers which honour it list the columns as written.
    const hid_t group_props = H5Pcreate(H5P_GROUP_CREATE);
    H5Pset_link_creation_order(group_props, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    const hid_t points = check(H5Gcreate2(file, "points", H5P_DEFAULT, group_props, H5P_DEFAULT), "create /points");
    H5Pclose(group_props);
    string_attribute(points, "units", "");
    string_attribute(points, "description",
                     "One row per run (a point of the design and a replicate), in run order: run = point x replicates + "
                     "replicate. Every dataset in this group has one entry per run.");
    std::string names;
    for (const auto& c : table.columns) names += (names.empty() ? "" : " ") + c.name;
    string_attribute(points, "columns", names);
    for (const auto& c : table.columns) {
      const hsize_t n = c.size();
      const hid_t space = H5Screate_simple(1, &n, nullptr);
      hid_t file_type = -1, memory_type = -1;
      std::vector<char> text;
      const void* data = nullptr;
      switch (c.type) {
        case TableColumn::Type::int64:
          file_type = H5Tcopy(H5T_STD_I64LE), memory_type = H5Tcopy(H5T_NATIVE_INT64), data = c.ints.data();
          break;
        case TableColumn::Type::float64:
          file_type = H5Tcopy(H5T_IEEE_F64LE), memory_type = H5Tcopy(H5T_NATIVE_DOUBLE), data = c.reals.data();
          break;
        case TableColumn::Type::text: {
          const std::size_t width = std::max<std::size_t>(c.width, 1);
          file_type = text_type(width), memory_type = text_type(width);
          text.assign(width * n, '\0');
          for (std::size_t i = 0; i < n; ++i) std::memcpy(&text[i * width], c.texts[i].data(), std::min(width, c.texts[i].size()));
          data = text.data();
          break;
        }
      }
      const hid_t set = check(H5Dcreate2(points, c.name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                              "create /points/" + c.name);
      if (n > 0) check_status(H5Dwrite(set, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write /points/" + c.name);
      string_attribute(set, "units", c.unit);
      string_attribute(set, "description", c.description);
      H5Dclose(set), H5Tclose(file_type), H5Tclose(memory_type), H5Sclose(space);
    }
    H5Gclose(points);
    check_status(H5Fclose(file), "close " + partial);
  } catch (...) {
    H5Fclose(file);
    std::remove(partial.c_str());
    throw;
  }
  std::filesystem::rename(partial, path);
}

SweepTable read_sweep_table(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const auto not_a_sweep = [&](const std::string& found) {
    return InputError({path, 0, 0}, "", "a sweep result written by 'attachsim sweep'", found);
  };
  if (H5Fis_hdf5(path.c_str()) <= 0) throw not_a_sweep(std::filesystem::exists(path) ? "not an HDF5 file" : "no such file");
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) throw not_a_sweep("a file HDF5 cannot open");
  SweepTable table;
  if (H5Lexists(file, "meta", H5P_DEFAULT) <= 0 || H5Lexists(file, "points", H5P_DEFAULT) <= 0) {
    H5Fclose(file);
    throw not_a_sweep("no /meta and /points");
  }
  const hid_t meta = H5Gopen2(file, "meta", H5P_DEFAULT);
  const H5A_operator2_t keep = [](hid_t object, const char* name, const H5A_info_t*, void* data) -> herr_t {
    const hid_t attr = H5Aopen(object, name, H5P_DEFAULT);
    static_cast<SweepTable*>(data)->meta.emplace_back(name, read_attribute(attr));
    H5Aclose(attr);
    return 0;
  };
  H5Aiterate2(meta, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, keep, &table);
  if (table.meta.empty())  // attribute creation order is not tracked by default: fall back to names
    H5Aiterate2(meta, H5_INDEX_NAME, H5_ITER_INC, nullptr, keep, &table);
  H5Gclose(meta);

  const hid_t points = H5Gopen2(file, "points", H5P_DEFAULT);
  std::string names = string_of(points, "columns");
  std::size_t start = 0;
  while (start < names.size()) {
    std::size_t end = names.find(' ', start);
    if (end == std::string::npos) end = names.size();
    TableColumn c;
    c.name = names.substr(start, end - start);
    start = end + 1;
    const hid_t set = H5Dopen2(points, c.name.c_str(), H5P_DEFAULT);
    if (set < 0) {
      H5Gclose(points), H5Fclose(file);
      throw not_a_sweep("no dataset /points/" + c.name);
    }
    c.unit = string_of(set, "units");
    c.description = string_of(set, "description");
    const hid_t type = H5Dget_type(set), space = H5Dget_space(set);
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    switch (H5Tget_class(type)) {
      case H5T_INTEGER:
        c.type = TableColumn::Type::int64, c.ints.resize(n);
        if (n) H5Dread(set, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.ints.data());
        break;
      case H5T_FLOAT:
        c.type = TableColumn::Type::float64, c.reals.resize(n);
        if (n) H5Dread(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.reals.data());
        break;
      default: {
        c.type = TableColumn::Type::text, c.width = H5Tget_size(type);
        std::vector<char> raw(c.width * n);
        const hid_t memory = text_type(c.width);
        if (n) H5Dread(set, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data());
        H5Tclose(memory);
        for (std::size_t i = 0; i < n; ++i) c.texts.emplace_back(&raw[i * c.width], strnlen(&raw[i * c.width], c.width));
      }
    }
    H5Tclose(type), H5Sclose(space), H5Dclose(set);
    table.columns.push_back(std::move(c));
  }
  H5Gclose(points);
  H5Fclose(file);
  return table;
}

}  // namespace attachsim::sim
