// Splitting CSV text into numbered records of fields (RFC 4180 quoting within one line).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsim::portfolio::csv {

struct Record {
  std::size_t line = 0;             ///< 1-based
  std::vector<std::string> fields;  ///< unquoted, not trimmed
  std::string error;                ///< non-empty when the line could not be split (bad quoting, not UTF-8)
};

/// Every non-blank line of `text` as a record. Strips a UTF-8 BOM and the CR of CRLF.
std::vector<Record> read_records(std::string_view text);

/// `s` without surrounding spaces and tabs.
std::string_view trim(std::string_view s);

/// Lower-case ASCII copy.
std::string lower(std::string_view s);

/// A price cell: empty optional for a missing marker (empty, NA, NaN, N/A, null), NaN for text that is
/// not a finite number, else the number.
std::optional<double> parse_price_cell(std::string_view cell);

}  // namespace finsim::portfolio::csv
