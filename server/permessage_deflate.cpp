#include "permessage_deflate.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <stdexcept>
#include <vector>

namespace finsim::server {
namespace {

/// What a sync flush ends with, and what the receiver appends again (RFC 7692 section 7.2.1).
constexpr std::string_view kFlushMarker("\x00\x00\xff\xff", 4);

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::vector<std::string_view> split(std::string_view s, char by) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto at = s.find(by, start);
    parts.push_back(trim(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

/// A window-bits value: 8 to 15, optionally quoted (RFC 7692 section 7.1.2).
std::optional<int> window_bits(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  if (value.empty() || value.size() > 2 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  if (value.size() == 2 && value[0] == '0') return std::nullopt;
  int bits = 0;
  for (const char c : value) bits = bits * 10 + (c - '0');
  if (bits < 8 || bits > 15) return std::nullopt;
  return bits;
}

/// Whether one offer ("permessage-deflate; param; param=value") can be accepted as this server
/// compresses; `names_window` tells whether it named server_max_window_bits (which the answer must echo).
bool acceptable(const std::vector<std::string_view>& offer, bool& names_window) {
  names_window = false;
  std::set<std::string> seen;
  for (std::size_t i = 1; i < offer.size(); ++i) {
    const auto eq = offer[i].find('=');
    const std::string_view name = trim(offer[i].substr(0, eq));
    const std::optional<std::string_view> value =
        eq == std::string_view::npos ? std::nullopt : std::optional(trim(offer[i].substr(eq + 1)));
    std::string key;
    for (const char c : name) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (!seen.insert(key).second) return false;
    if (key == "server_no_context_takeover" || key == "client_no_context_takeover") {
      if (value) return false;
    } else if (key == "server_max_window_bits") {
      const auto bits = value ? window_bits(*value) : std::nullopt;
      if (!bits || *bits < 15) return false;
      names_window = true;
    } else if (key == "client_max_window_bits") {
      if (value && !window_bits(*value)) return false;  // the client may compress as it likes: it sends nothing
    } else {
      return false;
    }
  }
  return true;
}

struct DeflateStream {
  z_stream z{};
  DeflateStream() {
    if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_FILTERED) != Z_OK) throw std::bad_alloc();
  }
  ~DeflateStream() { deflateEnd(&z); }
  DeflateStream(const DeflateStream&) = delete;
  DeflateStream& operator=(const DeflateStream&) = delete;
};

}  // namespace

std::optional<std::string> accept_permessage_deflate(std::string_view offers) {
  for (const std::string_view offer_text : split(offers, ',')) {
    const auto offer = split(offer_text, ';');
    bool names_window = false;
    if (iequals(offer.front(), "permessage-deflate") && acceptable(offer, names_window))
      return std::string("permessage-deflate; server_no_context_takeover") +
             (names_window ? "; server_max_window_bits=15" : "");
  }
  return std::nullopt;
}

std::string deflate_message(std::string_view text) {
  // One compressor per thread, reset for each message: its 400 KB of tables are allocated once.
  thread_local DeflateStream stream;
  z_stream& z = stream.z;
  deflateReset(&z);
  std::string out(deflateBound(&z, text.size()) + 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  std::size_t written = 0;
  do {  // deflateBound almost always suffices; a sync flush's own bytes may need a little more
    if (written == out.size()) out.resize(out.size() * 2);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + written);
    z.avail_out = static_cast<uInt>(out.size() - written);
    if (const int rc = deflate(&z, Z_SYNC_FLUSH); rc != Z_OK && rc != Z_BUF_ERROR) throw std::runtime_error("deflate failed");
    written = out.size() - z.avail_out;
  } while (z.avail_out == 0);
  out.erase(written);
  if (std::string_view(out).ends_with(kFlushMarker)) out.erase(out.size() - kFlushMarker.size());
  out.shrink_to_fit();  // kept for as long as the frame: ~9 KB, not the ~77 KB deflateBound reserved
  return out;
}

std::optional<std::string> inflate_message(std::string_view payload) {
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) throw std::bad_alloc();
  std::string in(payload);
  in += kFlushMarker;
  std::string out;
  char chunk[16384];
  z.next_in = reinterpret_cast<Bytef*>(in.data());
  z.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  do {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    rc = inflate(&z, Z_SYNC_FLUSH);
    out.append(chunk, sizeof chunk - z.avail_out);
  } while (rc == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
  inflateEnd(&z);
  // All input taken, ending on the flush marker: Z_OK, or Z_BUF_ERROR when the last call had nothing left to do.
  if ((rc != Z_OK && rc != Z_BUF_ERROR) || z.avail_in != 0) return std::nullopt;
  return out;
}

}  // namespace finsim::server
