#include "sim/output/hdf5_file.hpp"

#include "sim/output/output_error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace attachsim::sim::hdf5 {
namespace {

// libhdf5 1.10 closes the files still open when the program exits, and crashes in H5F__close_cb when
// such a file cannot be flushed (a full disk), even if the program never closed it. attachsim closes
// every file it opens itself, so the library's exit handler is never installed. H5dont_atexit must
// come before any other HDF5 call, hence a static initializer of the library that makes every file.
[[maybe_unused]] const herr_t no_exit_handler = H5dont_atexit();

// Where the stack says "... errno = 28, error message = 'No space left on device' ..." (the POSIX
// driver's words), that message and number; else the innermost minor message.
struct StackReason {
  std::string system, hdf5;
  int error = 0;
};

herr_t collect(unsigned, const H5E_error2_t* entry, void* data) {
  auto& reason = *static_cast<StackReason*>(data);
  const std::string text = entry->desc ? entry->desc : "";
  if (const auto at = text.find("error message = '"); at != std::string::npos && reason.system.empty()) {
    const auto start = at + std::strlen("error message = '");
    reason.system = text.substr(start, text.find('\'', start) - start);
    if (const auto e = text.find("errno = "); e != std::string::npos) reason.error = std::atoi(text.c_str() + e + 8);
  }
  char minor[256] = "";
  if (H5Eget_msg(entry->min_num, nullptr, minor, sizeof minor) > 0) reason.hdf5 = minor;
  return 0;
}

}  // namespace

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    close();
    id_ = other.id_, closer_ = other.closer_;
    other.id_ = -1;
  }
  return *this;
}

herr_t Handle::close() {
  if (id_ < 0) return 0;
  const hid_t id = id_;
  id_ = -1;
  return closer_(id);
}

std::string failure_reason() {
  StackReason reason;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &reason);
  H5Eclear2(H5E_DEFAULT);
  if (reason.system.empty()) return reason.hdf5.empty() ? "an HDF5 error" : "HDF5: " + reason.hdf5;
  if (reason.error == ENOSPC) return reason.system + "; the disk is full";
  if (reason.error == EDQUOT) return reason.system + "; the disk quota is exceeded";
  return reason.system;
}

File::File(const std::string& temporary, std::string shown_as, std::size_t userblock) : name_(std::move(shown_as)) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // failures are reported by us, once
  const Handle create(check(H5Pcreate(H5P_FILE_CREATE), "make file properties"), H5Pclose);
  if (userblock) check_status(H5Pset_userblock(create.get(), userblock), "reserve a user block");
  const Handle access(check(H5Pcreate(H5P_FILE_ACCESS), "make file properties"), H5Pclose);
  check_status(H5Pset_libver_bounds(access.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST), "choose the newest format");
  file_ = Handle(check(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, create.get(), access.get()), "create the file"), H5Fclose);
}

hid_t File::check(hid_t id, const std::string& what) const {
  if (id < 0) throw OutputError("cannot write '" + name_ + "' (HDF5 could not " + what + "): " + failure_reason());
  return id;
}

void File::check_status(herr_t status, const std::string& what) const {
  if (status < 0) check(hid_t{-1}, what);
}

void File::close() { check_status(file_.close(), "close the file"); }

Handle make_group(const File& file, hid_t parent, const std::string& path, bool creation_order) {
  const Handle links(file.check(H5Pcreate(H5P_LINK_CREATE), "make group properties"), H5Pclose);
  file.check_status(H5Pset_create_intermediate_group(links.get(), 1), "make group properties");
  const Handle create(file.check(H5Pcreate(H5P_GROUP_CREATE), "make group properties"), H5Pclose);
  if (creation_order) {
    const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
    file.check_status(H5Pset_link_creation_order(create.get(), order), "make group properties");
    file.check_status(H5Pset_attr_creation_order(create.get(), order), "make group properties");
  }
  return {file.check(H5Gcreate2(parent, path.c_str(), links.get(), create.get(), H5P_DEFAULT), "create group " + path),
          H5Gclose};
}

Handle make_array(const File& file, hid_t parent, const std::string& name, hid_t type, std::vector<hsize_t> dims,
                  hsize_t chunk_rows, bool compress, bool extendible) {
  const int rank = static_cast<int>(dims.size());
  std::vector<hsize_t> max = dims, chunk = dims;
  // An empty dataset still needs a chunk of at least one row, and room to hold it.
  if (extendible || dims[0] == 0) max[0] = H5S_UNLIMITED;
  chunk[0] = std::max<hsize_t>(1, chunk_rows);
  const Handle space(file.check(H5Screate_simple(rank, dims.data(), max.data()), "make a dataspace"), H5Sclose);
  const Handle create(file.check(H5Pcreate(H5P_DATASET_CREATE), "make dataset properties"), H5Pclose);
  file.check_status(H5Pset_chunk(create.get(), rank, chunk.data()), "chunk " + name);
  if (compress) {
    file.check_status(H5Pset_shuffle(create.get()), "shuffle " + name);
    file.check_status(H5Pset_deflate(create.get(), 1), "compress " + name);  // fast: most of deflate's gain
  }
  // Last, so that the checksum covers the bytes on disk and damage is found before inflating them.
  file.check_status(H5Pset_fletcher32(create.get()), "checksum " + name);
  // Rows are only appended, never read back: a cache of two chunks per dataset holds the chunk a block
  // leaves partly written, where HDF5's default (1 MB per dataset) grows memory with the run's length.
  const Handle access(file.check(H5Pcreate(H5P_DATASET_ACCESS), "make dataset properties"), H5Pclose);
  std::size_t chunk_bytes = H5Tget_size(type);
  for (const hsize_t c : chunk) chunk_bytes *= c;
  file.check_status(H5Pset_chunk_cache(access.get(), 11, 2 * chunk_bytes, 1.0), "size a chunk cache");
  return {file.check(H5Dcreate2(parent, name.c_str(), type, space.get(), H5P_DEFAULT, create.get(), access.get()),
                     "create dataset " + name),
          H5Dclose};
}

void write_array(const File& file, hid_t parent, const std::string& name, hid_t type, hid_t memory, hsize_t n,
                 const void* data, const std::string& unit, const std::string& description) {
  // Chunks of up to 64 Ki rows: one for a small table, bounded memory for a large one.
  Handle set = make_array(file, parent, name, type, {n}, std::min<hsize_t>(n, 65536), false, false);
  if (n > 0) file.check_status(H5Dwrite(set.get(), memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write " + name);
  describe(file, set.get(), unit, description);
  file.check_status(set.close(), "close " + name);
}

void write_scalar(const File& file, hid_t parent, const std::string& name, double value, const std::string& unit,
                  const std::string& description) {
  const Handle space(file.check(H5Screate(H5S_SCALAR), "make a dataspace"), H5Sclose);
  const Handle create(file.check(H5Pcreate(H5P_DATASET_CREATE), "make dataset properties"), H5Pclose);
  file.check_status(H5Pset_layout(create.get(), H5D_COMPACT), "lay out " + name);
  Handle set(file.check(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, create.get(), H5P_DEFAULT),
                        "create dataset " + name),
             H5Dclose);
  file.check_status(H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value), "write " + name);
  describe(file, set.get(), unit, description);
  file.check_status(set.close(), "close " + name);
}

namespace {

void attribute(const File& file, hid_t object, const std::string& name, hid_t file_type, hid_t memory_type,
               const void* value) {
  const Handle space(file.check(H5Screate(H5S_SCALAR), "make a dataspace"), H5Sclose);
  Handle attr(file.check(H5Acreate2(object, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                         "create attribute " + name),
              H5Aclose);
  file.check_status(H5Awrite(attr.get(), memory_type, value), "write attribute " + name);
  file.check_status(attr.close(), "close attribute " + name);
}

}  // namespace

void string_attribute(const File& file, hid_t object, const std::string& name, const std::string& value) {
  const Handle type(file.check(H5Tcopy(H5T_C_S1), "copy a string type"), H5Tclose);
  file.check_status(H5Tset_size(type.get(), H5T_VARIABLE), "size a string type");
  file.check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "make a string type UTF-8");
  const char* text = value.c_str();
  attribute(file, object, name, type.get(), type.get(), &text);
}

void int_attribute(const File& file, hid_t object, const std::string& name, std::int64_t value) {
  attribute(file, object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void real_attribute(const File& file, hid_t object, const std::string& name, double value) {
  attribute(file, object, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void describe(const File& file, hid_t object, const std::string& unit, const std::string& description) {
  string_attribute(file, object, "units", unit);
  string_attribute(file, object, "description", description);
}

Handle text_type(std::size_t width) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.get(), std::max<std::size_t>(width, 1));
  H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
  return type;
}

}  // namespace attachsim::sim::hdf5
