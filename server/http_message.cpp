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

std::string HttpRequest::media_type() const {
  std::string_view type = header("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  std::string out;
  for (char c : type) out += lower(c);
  return out;
}

std::string_view HttpResponse::header(std::string_view name) const { return find_header(headers, name); }

HttpResponse& HttpResponse::set(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

HttpResponse& HttpResponse::remove(std::string_view name) {
  std::erase_if(headers, [&](const auto& h) { return iequals(h.first, name); });
  return *this;
}

}  // namespace finsim::server
