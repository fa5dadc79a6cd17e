#include "fanout/fanout_wire.hpp"

#include <charconv>

namespace finsim::server {

namespace redis_names {

namespace {
std::string publications_prefix(int db) { return "finsim:" + std::to_string(db) + ":pub:"; }
}  // namespace

std::string publications(int db, std::string_view session) { return publications_prefix(db).append(session); }
std::string publications_pattern(int db) { return publications_prefix(db) + "*"; }
std::string instance(int db, std::string_view instance_id) {
  return "finsim:" + std::to_string(db) + ":instance:" + std::string(instance_id);
}
std::string owner(std::string_view session) { return std::string("finsim:owner:").append(session); }
std::string latest(std::string_view session) { return std::string("finsim:latest:").append(session); }

std::optional<std::string> session_of_channel(int db, std::string_view channel) {
  const std::string prefix = publications_prefix(db);
  if (channel.substr(0, prefix.size()) != prefix) return std::nullopt;
  return std::string(channel.substr(prefix.size()));
}

}  // namespace redis_names

std::string encode_publication(const Publication& publication) {
  nlohmann::json header{{"owner", publication.owner}, {"status", publication.status}};
  if (publication.tell) header["tell"] = true;
  if (publication.closed) header["closed"] = true;
  if (publication.seq != 0) header["seq"] = publication.seq;
  std::string out = header.dump();
  out += '\n';
  for (const std::string& m : publication.messages) {
    out += std::to_string(m.size());
    out += '\n';
    out += m;
  }
  return out;
}

std::optional<Publication> decode_publication(std::string_view text) {
  const auto line = text.find('\n');
  if (line == std::string_view::npos) return std::nullopt;
  Publication p;
  try {
    const auto header = nlohmann::json::parse(text.substr(0, line));
    if (!header.is_object() || !header.contains("owner") || !header["owner"].is_string()) return std::nullopt;
    p.owner = header["owner"].get<std::string>();
    p.status = header.value("status", nlohmann::json());
    p.tell = header.value("tell", false);
    p.closed = header.value("closed", false);
    p.seq = header.value("seq", std::uint64_t{0});
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(line + 1);
  while (!rest.empty()) {
    const auto newline = rest.find('\n');
    if (newline == std::string_view::npos) return std::nullopt;
    std::size_t size = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + newline, size);
    if (ec != std::errc{} || end != rest.data() + newline || size > rest.size() - newline - 1) return std::nullopt;
    p.messages.emplace_back(rest.substr(newline + 1, size));
    rest.remove_prefix(newline + 1 + size);
  }
  return p;
}

}  // namespace finsim::server
