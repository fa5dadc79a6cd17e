#include "portfolio/csv_reader.hpp"

#include "finsim/utf8.hpp"

#include <cctype>
#include <cstdlib>
#include <cmath>
#include <limits>

namespace finsim::portfolio::csv {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

Record split_line(std::string_view line, std::size_t number) {
  Record r;
  r.line = number;
  if (!is_valid_utf8(line)) {  // names and tickers end up in JSON answers: refuse it here, by line
    r.error = "not valid UTF-8";
    return r;
  }
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      if (!trim(field).empty()) {
        r.error = "a quote inside an unquoted field";
        return r;
      }
      field.clear();
      quoted = was_quoted = true;
    } else if (c == ',') {
      r.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else {
      if (was_quoted && c != ' ' && c != '\t') {
        r.error = "text after a closing quote";
        return r;
      }
      field += c;
    }
  }
  if (quoted) {
    r.error = "an unterminated quote";
    return r;
  }
  r.fields.push_back(std::move(field));
  return r;
}

}  // namespace

std::vector<Record> read_records(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Record> records;
  std::size_t number = 0, pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!trim(line).empty()) records.push_back(split_line(line, number));
    if (end == text.size()) break;
    pos = end + 1;
  }
  return records;
}

namespace {

// A plain decimal: [+-] digits [. digits] [(e|E) [+-] digits], at least one mantissa digit. Rejects what
// strtod would also accept (hex floats, inf, nan) so that only numbers a CSV means are read.
bool plain_decimal(std::string_view s) {
  std::size_t i = 0, digits = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

std::optional<double> parse_price_cell(std::string_view cell) {
  const std::string_view s = trim(cell);
  const std::string l = lower(s);
  if (l.empty() || l == "na" || l == "nan" || l == "n/a" || l == "null") return std::nullopt;
  if (!plain_decimal(s)) return std::numeric_limits<double>::quiet_NaN();
  // strtod, not std::from_chars: Emscripten's libc++ (LLVM 14) has no floating-point from_chars. glibc
  // and musl both round correctly. Under a locale whose decimal point is not '.', the parse stops early
  // and the cell is reported as not a number rather than misread.
  const std::string text(s);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::numeric_limits<double>::quiet_NaN();
  return v;
}

}  // namespace finsim::portfolio::csv
