// What every HDF5 file attachsim writes has in common. The newest file format (H5Pset_libver_bounds):
// its superblock, object headers, B-trees, heaps and chunk indexes carry checksums, so any reader finds
// damaged metadata instead of trusting it. Fletcher32 on every array dataset (chunked, since contiguous
// data cannot carry filters); scalars are compact, inside their checksummed object header. Every id is
// closed exactly once: closing a file again after a failed close crashed libhdf5 when the disk was
// full. Every failure names the file and the system's reason ("No space left on device").
// libhdf5 is not thread-safe in Debian's serial build: a file is used by one thread at a time.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::sim::hdf5 {

// An HDF5 id that is closed exactly once, by close() or at the end of its scope.
class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, herr_t (*closer)(hid_t)) : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { close(); }

  hid_t get() const { return id_; }
  // Closes now; the id is forgotten whatever the outcome, so no path closes it twice.
  herr_t close();

 private:
  hid_t id_ = -1;
  herr_t (*closer_)(hid_t) = nullptr;
};

// The reason libhdf5's error stack gives for its last failure: the system's message where there is one
// (e.g. "No space left on device; the disk is full"), else libhdf5's own. Clears the stack.
std::string failure_reason();

// A file being written, named in every error as `shown_as` (the output path, not the temporary name).
class File {
 public:
  // Creates (truncates) `temporary` in the newest format, leaving `userblock` bytes (0 or a power of
  // two >= 512) at its start for the caller; throws OutputError.
  File(const std::string& temporary, std::string shown_as, std::size_t userblock = 0);

  hid_t id() const { return file_.get(); }
  const std::string& name() const { return name_; }
  // Throw OutputError "cannot write 'NAME' (HDF5 could not WHAT): REASON" for an id or status below 0.
  hid_t check(hid_t id, const std::string& what) const;
  void check_status(herr_t status, const std::string& what) const;
  // Closes the file, writing everything out; throws OutputError (a full disk is often found only here).
  void close();

 private:
  Handle file_;
  std::string name_;
};

// A group (link creation order tracked when asked: readers that honour it list members as written).
Handle make_group(const File& file, hid_t parent, const std::string& path, bool creation_order = false);

// A one- or two-dimensional dataset of `dims` rows (x steps), chunked by `chunk_rows` rows, with
// Fletcher32 and, when `compress`, shuffle and deflate before it. `extendible`: rows can be appended.
Handle make_array(const File& file, hid_t parent, const std::string& name, hid_t type, std::vector<hsize_t> dims,
                  hsize_t chunk_rows, bool compress, bool extendible);
// A whole one-dimensional dataset written at once (n values of `memory` type as `type`).
void write_array(const File& file, hid_t parent, const std::string& name, hid_t type, hid_t memory, hsize_t n,
                 const void* data, const std::string& unit, const std::string& description);
// A scalar dataset, compact: its value lives in its checksummed object header.
void write_scalar(const File& file, hid_t parent, const std::string& name, double value, const std::string& unit,
                  const std::string& description);

// Scalar attributes: text as variable-length UTF-8 (h5py reads str), numbers as int64 or float64.
void string_attribute(const File& file, hid_t object, const std::string& name, const std::string& value);
void int_attribute(const File& file, hid_t object, const std::string& name, std::int64_t value);
void real_attribute(const File& file, hid_t object, const std::string& name, double value);
// The `units` and `description` every dataset and group carries.
void describe(const File& file, hid_t object, const std::string& unit, const std::string& description);

// A fixed-length, NUL-padded string type of `width` bytes (at least 1).
Handle text_type(std::size_t width);

}  // namespace attachsim::sim::hdf5
