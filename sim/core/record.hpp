// What a model records per dyad: named columns (one value per dyad) and series (one value per dyad
// per step). The engine fills blocks of records in parallel and hands whole blocks to the output.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::sim {

enum class ColumnType { float64, int32, label };  // label: a code of one or two letters, e.g. "B", "Ds"

// Labels travel through the double buffers as (first letter) + 256 x (second letter).
inline double label_code(const char* text) {
  const auto first = static_cast<unsigned char>(text[0]);
  const auto second = first ? static_cast<unsigned char>(text[1]) : 0u;
  return first + 256.0 * second;
}

// The text of a label code: the inverse of label_code.
inline std::string label_text(double code) {
  const auto c = static_cast<unsigned>(code);
  std::string s(1, static_cast<char>(c & 0xFF));
  if (c >> 8) s += static_cast<char>(c >> 8);
  return s;
}

// Position of a label code among `names` (e.g. {"B", "A", "C", "D"}), or -1 if it is none of them.
template <std::size_t N>
int label_index(double code, const char* const (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (label_code(names[i]) == code) return static_cast<int>(i);
  return -1;
}

struct Column {
  std::string name;
  ColumnType type = ColumnType::float64;
  std::string unit;
  std::string description;
  std::string group = "dyads";  // the output group; every group has one row per dyad, in row order
  // A column that reads 0 in rows where this column's assessment was not given (an assessment of a
  // figure the subject does not have): a label column left empty, or a 0/1 column. This column's 0
  // there is no measurement. Empty: always measured.
  std::string measured_by = "";
};

struct Series {
  std::string name;
  std::string unit;
  std::string description;
};

// Column-major buffers for a block of consecutive dyads. All values are held as double in memory
// (int32 and label columns convert exactly) and typed when written.
class RecordBlock {
 public:
  RecordBlock(std::size_t columns, std::size_t series, std::size_t steps, std::size_t capacity)
      : columns_(columns), series_(series), steps_(steps), capacity_(capacity), values_(columns * capacity),
        series_values_(series * steps * capacity) {}

  void reset(std::uint64_t first_dyad, std::size_t size) { first_dyad_ = first_dyad, size_ = size; }

  // Zeroes a row before its dyad is simulated: the buffers are reused from block to block, and a column a
  // dyad does not write (an assessment with a figure absent from its life) must read 0, not the value of
  // the dyad that had the row before.
  void clear_row(std::size_t row) {
    for (std::size_t c = 0; c < columns_; ++c) value(c, row) = 0;
    for (std::size_t s = 0; s < series_; ++s) std::fill_n(series(s) + row * steps_, steps_, 0.0);
  }

  std::uint64_t first_dyad() const { return first_dyad_; }
  std::size_t size() const { return size_; }
  std::size_t columns() const { return columns_; }
  std::size_t capacity() const { return capacity_; }
  std::size_t steps() const { return steps_; }

  double& value(std::size_t column, std::size_t row) { return values_[column * capacity_ + row]; }
  double value(std::size_t column, std::size_t row) const { return values_[column * capacity_ + row]; }
  const double* column(std::size_t column) const { return &values_[column * capacity_]; }

  // Series s of the block as a [size x steps] row-major array.
  double* series(std::size_t s) { return &series_values_[s * steps_ * capacity_]; }
  const double* series(std::size_t s) const { return &series_values_[s * steps_ * capacity_]; }

 private:
  std::size_t columns_, series_, steps_, capacity_;
  std::uint64_t first_dyad_ = 0;
  std::size_t size_ = 0;
  std::vector<double> values_;
  std::vector<double> series_values_;
};

// One dyad's row in a block: what the model writes through.
class DyadRecord {
 public:
  DyadRecord(RecordBlock& block, std::size_t row) : block_(&block), row_(row) {}

  void set(std::size_t column, double v) { block_->value(column, row_) = v; }
  double get(std::size_t column) const { return block_->value(column, row_); }
  void set_series(std::size_t s, std::size_t step, double v) {
    block_->series(s)[row_ * block_->steps() + step] = v;
  }
  std::size_t steps() const { return block_->steps(); }

 private:
  RecordBlock* block_;
  std::size_t row_;
};

}  // namespace attachsim::sim
