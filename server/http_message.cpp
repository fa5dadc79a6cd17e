#include "http_message.hpp"

namespace finsim::server {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view find_header(const std::vector<std::pair<std::string, std::string>>& headers,
                             std::string_view name) {
  for (const auto& [key, value] : headers)
    if (iequals(key, name)) return value;
  return {};
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view HttpRequest::header(std::string_view name) const { return find_header(headers, name); }

std::string_view HttpResponse::header(std::string_view name) const { return find_header(headers, name); }

HttpResponse& HttpResponse::set(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

}  // namespace finsim::server
