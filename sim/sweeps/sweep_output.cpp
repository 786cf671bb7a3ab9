#include "sim/sweeps/sweep_output.hpp"

#include "sim/core/input_error.hpp"
#include "sim/core/sha1.hpp"
#include "sim/output/hdf5_file.hpp"
#include "sim/output/output_error.hpp"
#include "sim/output/partial_file.hpp"

#include <hdf5.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace attachsim::sim {
namespace {

using hdf5::Handle;

// A sweep table opens with a user block (bytes HDF5 leaves to the application) holding the SHA-1 of
// every byte after it. merge checks it before libhdf5 reads anything: libhdf5 trusts structures that
// carry no checksum in any format (the global heap of variable-length strings), and a byte changed
// there made it crash or hang; a file that fails the check is reported as damaged instead.
constexpr std::size_t checksum_block = 512;
constexpr std::string_view checksum_label = "attachsim sweep table; sha1 of the bytes after the first 512: ";
constexpr std::string_view hdf5_signature = "\x89HDF\r\n\x1a\n";

void seal(const std::string& temporary, const std::string& shown_as) {
  std::fstream file(temporary, std::ios::in | std::ios::out | std::ios::binary);
  std::ostringstream content;
  file.seekg(static_cast<std::streamoff>(checksum_block));
  content << file.rdbuf();
  std::string header(checksum_label);
  header += sha1_hex(content.str());
  header += '\n';
  file.seekp(0);
  file.write(header.data(), static_cast<std::streamsize>(header.size()));
  file.flush();
  if (!file) throw OutputError("cannot write '" + shown_as + "': writing its checksum failed: " + std::strerror(errno));
}

void write_meta(const hdf5::File& file, hid_t object, const std::string& name, const MetaValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) hdf5::string_attribute(file, object, name, *s);
  if (const auto* i = std::get_if<std::int64_t>(&value)) hdf5::int_attribute(file, object, name, *i);
  if (const auto* x = std::get_if<double>(&value)) hdf5::real_attribute(file, object, name, *x);
}

// Reading a table that passed its checksum: every call is still checked, and anything that is not
// what write_sweep_table writes is refused as bad input naming the file.
class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  InputError refuse(const std::string& found) const {
    return InputError({path_, 0, 0}, "", "a sweep result written by 'attachsim sweep'", found);
  }
  hid_t check(hid_t id, const std::string& what) const {
    if (id < 0) throw refuse("a file whose " + what + " cannot be read (" + hdf5::failure_reason() + ")");
    return id;
  }

  MetaValue attribute(hid_t object, const char* name) const {
    const Handle attr(check(H5Aopen(object, name, H5P_DEFAULT), std::string("attribute ") + name), H5Aclose);
    const Handle type(check(H5Aget_type(attr.get()), std::string("attribute ") + name), H5Tclose);
    const Handle space(check(H5Aget_space(attr.get()), std::string("attribute ") + name), H5Sclose);
    if (H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) throw refuse("attribute " + std::string(name) + " not a scalar");
    const auto fail = [&]() -> MetaValue { throw refuse("attribute " + std::string(name) + " of another type"); };
    switch (H5Tget_class(type.get())) {
      case H5T_INTEGER: {
        std::int64_t i = 0;
        if (H5Tget_size(type.get()) != 8 || H5Aread(attr.get(), H5T_NATIVE_INT64, &i) < 0) return fail();
        return i;
      }
      case H5T_FLOAT: {
        double x = 0;
        if (H5Tget_size(type.get()) != 8 || H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &x) < 0) return fail();
        return x;
      }
      case H5T_STRING: {
        if (H5Tis_variable_str(type.get()) <= 0) return fail();
        char* text = nullptr;
        if (H5Aread(attr.get(), type.get(), &text) < 0) return fail();
        std::string s(text ? text : "");
        H5free_memory(text);
        return s;
      }
      default: return fail();
    }
  }

  std::string text(hid_t object, const char* name) const {
    if (H5Aexists(object, name) <= 0) throw refuse(std::string("no attribute ") + name);
    const MetaValue v = attribute(object, name);
    if (!std::holds_alternative<std::string>(v)) throw refuse(std::string("attribute ") + name + " not a text");
    return std::get<std::string>(v);
  }

  TableColumn column(hid_t points, const std::string& name) const {
    TableColumn c;
    c.name = name;
    if (H5Lexists(points, name.c_str(), H5P_DEFAULT) <= 0) throw refuse("no dataset /points/" + name);
    const Handle set(check(H5Dopen2(points, name.c_str(), H5P_DEFAULT), "/points/" + name), H5Dclose);
    c.unit = text(set.get(), "units");
    c.description = text(set.get(), "description");
    const Handle type(check(H5Dget_type(set.get()), "/points/" + name), H5Tclose);
    const Handle space(check(H5Dget_space(set.get()), "/points/" + name), H5Sclose);
    if (H5Sget_simple_extent_ndims(space.get()) != 1) throw refuse("/points/" + name + " not one-dimensional");
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
    const auto read = [&](hid_t memory, void* data) {
      if (n && H5Dread(set.get(), memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
        throw refuse("/points/" + name + " damaged (" + hdf5::failure_reason() + ")");
    };
    const std::size_t size = H5Tget_size(type.get());
    switch (H5Tget_class(type.get())) {
      case H5T_INTEGER:
        if (size != 8 || H5Tget_sign(type.get()) != H5T_SGN_2) throw refuse("/points/" + name + " of another integer type");
        c.type = TableColumn::Type::int64, c.ints.resize(n);
        read(H5T_NATIVE_INT64, c.ints.data());
        break;
      case H5T_FLOAT:
        if (size != 8) throw refuse("/points/" + name + " of another float type");
        c.type = TableColumn::Type::float64, c.reals.resize(n);
        read(H5T_NATIVE_DOUBLE, c.reals.data());
        break;
      case H5T_STRING: {
        if (H5Tis_variable_str(type.get()) != 0 || size == 0) throw refuse("/points/" + name + " of another text type");
        c.type = TableColumn::Type::text, c.width = size;
        std::vector<char> raw(c.width * n);
        const Handle memory = hdf5::text_type(c.width);
        read(memory.get(), raw.data());
        for (std::size_t i = 0; i < n; ++i) c.texts.emplace_back(&raw[i * c.width], strnlen(&raw[i * c.width], c.width));
        break;
      }
      default: throw refuse("/points/" + name + " of a type no sweep writes");
    }
    return c;
  }

 private:
  std::string path_;
};

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
  PartialFile partial(path);
  hdf5::File file(partial.temporary(), path, checksum_block);
  {
    // Creation order is tracked so that readers which honour it list attributes and columns as written.
    const Handle meta = hdf5::make_group(file, file.id(), "meta", true);
    for (const auto& [name, value] : table.meta) write_meta(file, meta.get(), name, value);
    const Handle points = hdf5::make_group(file, file.id(), "points", true);
    hdf5::describe(file, points.get(), "",
                   "One row per run (a point of the design and a replicate), in run order: run = point x replicates + "
                   "replicate. Every dataset in this group has one entry per run.");
    std::string names;
    for (const auto& c : table.columns) names += (names.empty() ? "" : " ") + c.name;
    hdf5::string_attribute(file, points.get(), "columns", names);
    for (const auto& c : table.columns) {
      const hsize_t n = c.size();
      switch (c.type) {
        case TableColumn::Type::int64:
          hdf5::write_array(file, points.get(), c.name, H5T_STD_I64LE, H5T_NATIVE_INT64, n, c.ints.data(), c.unit, c.description);
          break;
        case TableColumn::Type::float64:
          hdf5::write_array(file, points.get(), c.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, n, c.reals.data(), c.unit,
                            c.description);
          break;
        case TableColumn::Type::text: {
          const std::size_t width = std::max<std::size_t>(c.width, 1);
          std::vector<char> text(width * n, '\0');
          for (std::size_t i = 0; i < n; ++i) std::memcpy(&text[i * width], c.texts[i].data(), std::min(width, c.texts[i].size()));
          const Handle type = hdf5::text_type(width);
          hdf5::write_array(file, points.get(), c.name, type.get(), type.get(), n, text.data(), c.unit, c.description);
          break;
        }
      }
    }
  }
  file.close();
  seal(partial.temporary(), path);
  partial.commit();
}

SweepTable read_sweep_table(const std::string& path) {
  const Reader reader(path);
  std::string bytes;
  {
    if (std::error_code ec; !std::filesystem::is_regular_file(path, ec)) {
      if (ec && ec != std::errc::no_such_file_or_directory)  // a folder on the way that cannot be entered
        throw reader.refuse("a file it cannot reach (" + ec.message() + ")");
      throw reader.refuse(std::filesystem::exists(path, ec) ? "not a file" : "no such file");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) throw reader.refuse("an unreadable file");
    bytes = content.str();
  }
  if (bytes.compare(0, hdf5_signature.size(), hdf5_signature) == 0)
    throw reader.refuse("an HDF5 file without attachsim's checksum (written by an older attachsim, or by another "
                        "program): run this shard again with this attachsim");
  if (bytes.size() <= checksum_block || bytes.compare(0, checksum_label.size(), checksum_label) != 0)
    throw reader.refuse("not an HDF5 file written by 'attachsim sweep' or 'attachsim merge'");
  if (bytes.compare(checksum_label.size(), 41, sha1_hex(bytes.substr(checksum_block)) + "\n") != 0)
    throw reader.refuse("a damaged file: its bytes do not match the checksum attachsim wrote into it (changed or "
                        "corrupted since); run this shard again");

  // The checked bytes themselves are opened (HDF5's in-memory driver), not the file again.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const Handle access(reader.check(H5Pcreate(H5P_FILE_ACCESS), "properties"), H5Pclose);
  reader.check(H5Pset_fapl_core(access.get(), 1 << 16, 0), "properties");
  reader.check(H5Pset_file_image(access.get(), bytes.data(), bytes.size()), "image");
  // A name of no file on disk: given an existing one, the in-memory driver refuses ("File already exists").
  const Handle file(reader.check(H5Fopen("attachsim sweep table in memory", H5F_ACC_RDONLY, access.get()), "HDF5 structure"),
                    H5Fclose);
  SweepTable table;
  if (H5Lexists(file.get(), "meta", H5P_DEFAULT) <= 0 || H5Lexists(file.get(), "points", H5P_DEFAULT) <= 0)
    throw reader.refuse("no /meta and /points");
  {
    const Handle meta(reader.check(H5Gopen2(file.get(), "meta", H5P_DEFAULT), "/meta"), H5Gclose);
    H5O_info_t info{};
    reader.check(H5Oget_info2(meta.get(), &info, H5O_INFO_NUM_ATTRS), "/meta");
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
      char name[1024];
      const ssize_t length = H5Aget_name_by_idx(meta.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT);
      if (length < 0 || static_cast<std::size_t>(length) >= sizeof name) throw reader.refuse("an unreadable /meta attribute name");
      table.meta.emplace_back(name, reader.attribute(meta.get(), name));
    }
  }
  const Handle points(reader.check(H5Gopen2(file.get(), "points", H5P_DEFAULT), "/points"), H5Gclose);
  std::istringstream names(reader.text(points.get(), "columns"));
  for (std::string name; names >> name;) table.columns.push_back(reader.column(points.get(), name));
  for (const auto& c : table.columns)
    if (c.size() != table.columns.front().size())
      throw reader.refuse("/points/" + c.name + " with " + std::to_string(c.size()) + " rows, /points/" +
                          table.columns.front().name + " with " + std::to_string(table.columns.front().size()));
  return table;
}

}  // namespace attachsim::sim
