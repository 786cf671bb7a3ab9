// Reading an attachsim result back with the HDF5 C library, as any user's tool would.
#pragma once

#include <hdf5.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace attachsim::testing {

class Hdf5File {
 public:
  explicit Hdf5File(const std::string& path) : file_(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {
    if (file_ < 0) throw std::runtime_error("cannot open " + path);
  }
  ~Hdf5File() { H5Fclose(file_); }
  Hdf5File(const Hdf5File&) = delete;
  Hdf5File& operator=(const Hdf5File&) = delete;

  bool exists(const std::string& path) const { return H5Lexists(file_, path.c_str(), H5P_DEFAULT) > 0; }

  std::vector<double> doubles(const std::string& path) const { return read<double>(path, H5T_NATIVE_DOUBLE); }
  std::vector<int> ints(const std::string& path) const { return read<int>(path, H5T_NATIVE_INT); }

  // A dataset of short fixed-length strings (labels such as "B" or "Ds").
  std::vector<std::string> labels(const std::string& path) const {
    const hid_t set = open(path);
    const hid_t type = H5Dget_type(set);
    const std::size_t width = H5Tget_size(type);
    const hsize_t n = rows(set);
    std::vector<char> raw(width * n);
    H5Dread(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data());
    std::vector<std::string> out;
    for (hsize_t i = 0; i < n; ++i) out.emplace_back(raw.data() + i * width, strnlen(raw.data() + i * width, width));
    H5Tclose(type), H5Dclose(set);
    return out;
  }

  bool has_attribute(const std::string& object, const std::string& name) const {
    return H5Aexists_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT) > 0;
  }

  std::string string_attribute(const std::string& object, const std::string& name) const {
    const hid_t attr = H5Aopen_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
    if (attr < 0) throw std::runtime_error("no attribute " + object + "@" + name);
    const hid_t type = H5Aget_type(attr);
    std::string value;
    if (H5Tis_variable_str(type) > 0) {
      char* text = nullptr;
      H5Aread(attr, type, &text);  // the file's own type: HDF5 does not convert UTF-8 to ASCII
      value = text ? text : "";
      H5free_memory(text);
    } else {
      std::vector<char> raw(H5Tget_size(type));
      H5Aread(attr, type, raw.data());
      value.assign(raw.data(), strnlen(raw.data(), raw.size()));
    }
    H5Tclose(type), H5Aclose(attr);
    return value;
  }

  double number_attribute(const std::string& object, const std::string& name) const {
    const hid_t attr = H5Aopen_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
    if (attr < 0) throw std::runtime_error("no attribute " + object + "@" + name);
    double value = 0;
    H5Aread(attr, H5T_NATIVE_DOUBLE, &value);
    H5Aclose(attr);
    return value;
  }

  // Dimensions of a dataset.
  std::vector<hsize_t> shape(const std::string& path) const {
    const hid_t set = open(path);
    const hid_t space = H5Dget_space(set);
    std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    H5Sclose(space), H5Dclose(set);
    return dims;
  }

  // Every value of a one-dimensional dataset as text (labels as they are, numbers exactly), for
  // comparing datasets of any type.
  std::vector<std::string> values_as_text(const std::string& path) const {
    const hid_t set = open(path);
    const hid_t type = H5Dget_type(set);
    const bool text = H5Tget_class(type) == H5T_STRING;
    H5Tclose(type), H5Dclose(set);
    if (text) return labels(path);
    std::vector<std::string> out;
    char buffer[40];
    for (double v : doubles(path)) {
      std::snprintf(buffer, sizeof buffer, "%.17g", v);
      out.emplace_back(buffer);
    }
    return out;
  }

  // Names of the members of a group.
  std::vector<std::string> members(const std::string& group) const {
    std::vector<std::string> names;
    H5Literate_by_name(file_, group.c_str(), H5_INDEX_NAME, H5_ITER_INC, nullptr,
                       [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
                         static_cast<std::vector<std::string>*>(data)->push_back(name);
                         return 0;
                       },
                       &names, H5P_DEFAULT);
    return names;
  }

 private:
  hid_t open(const std::string& path) const {
    const hid_t set = H5Dopen2(file_, path.c_str(), H5P_DEFAULT);
    if (set < 0) throw std::runtime_error("no dataset " + path);
    return set;
  }
  static hsize_t rows(hid_t set) {
    const hid_t space = H5Dget_space(set);
    hsize_t total = static_cast<hsize_t>(H5Sget_simple_extent_npoints(space));
    H5Sclose(space);
    return total;
  }
  template <class T>
  std::vector<T> read(const std::string& path, hid_t memory) const {
    const hid_t set = open(path);
    std::vector<T> out(rows(set));
    H5Dread(set, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
    H5Dclose(set);
    return out;
  }
  hid_t file_;
};

}  // namespace attachsim::testing
