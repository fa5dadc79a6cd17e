// Prepared statements: values bound and read as their own types (doubles round-trip exactly, which
// text conversion would not guarantee), and SQL never assembled from user input.
//
// A Statement is a use of a statement prepared once per connection and cached by the Database
// (Database::prepare): destroying it resets the statement and clears its bindings, ready for the
// next use. Two Statements of the same SQL must not be alive at once. Not thread-safe (a connection's
// use is serialized by its owner).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connection.hpp"
#include "finsim/result.hpp"

namespace finsim::store {

class Statement {
 public:
  explicit Statement(PreparedStatement* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  /// Binds parameter `index` (1-based). A NaN double binds NULL; so does an empty optional.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  /// Advances: true when a row is available, false when done. Error code "store" with the
  /// engine's message (a constraint violation, I/O error, a full disk).
  Result<bool> step();
  /// Steps through every row, calling `on_row` for each (it reads the columns). Error as step().
  template <class OnRow>
  Status each(OnRow on_row) {
    for (;;) {
      auto row = step();
      if (!row.ok()) return row.error();
      if (!*row) return {};
      on_row();
    }
  }
  /// Every remaining row as the value `read_row` makes of it, in order. Error as step().
  template <class ReadRow>
  auto collect(ReadRow read_row) -> Result<std::vector<decltype(read_row())>> {
    std::vector<decltype(read_row())> rows;
    if (Status s = each([&] { rows.push_back(read_row()); }); !s.ok()) return s.error();
    return rows;
  }
  /// Steps until done (a statement that returns no rows), then resets the statement (keeping its
  /// bindings) so that it can be bound and run again. Error as step().
  Status run();

  /// Column `index` (0-based) of the current row.
  [[nodiscard]] bool is_null(int index) const;
  [[nodiscard]] std::int64_t integer(int index) const;
  /// NaN for NULL.
  [[nodiscard]] double real(int index) const;
  /// "" for NULL.
  [[nodiscard]] std::string text(int index) const;
  [[nodiscard]] std::optional<std::string> optional_text(int index) const;
  [[nodiscard]] std::optional<std::int64_t> optional_integer(int index) const;

 private:
  PreparedStatement* stmt_;  ///< owned by the connection
};

}  // namespace finsim::store
