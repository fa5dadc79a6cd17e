// Text helpers for the JavaScript boundary. Everything crosses as JSON text (or NDJSON for message
// batches) so that contract messages keep the exact bytes the engine's serializer wrote, and errors
// cross as values: {"error":{"code","message"}}, never as exceptions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "finsim/result.hpp"

namespace finsim::wasm {

/// {"error":{"code":…,"message":…}} as text.
inline std::string error_text(const Error& error) {
  return nlohmann::json{{"error", {{"code", error.code}, {"message", error.message}}}}.dump();
}

/// Messages joined by '\n' (NDJSON without a trailing newline); "" for none. One string per batch is
/// one copy across the boundary; the worker splits it and posts each line unchanged.
inline std::string ndjson(const std::vector<std::string>& messages) {
  std::size_t size = 0;
  for (const auto& m : messages) size += m.size() + 1;
  std::string out;
  out.reserve(size);
  for (const auto& m : messages) {
    if (!out.empty()) out.push_back('\n');
    out += m;
  }
  return out;
}

}  // namespace finsim::wasm

namespace finsim::wasm {

/// Calls f() (returning std::string) and turns any escaping C++ exception into an error value, so
/// nothing throws across the boundary. With -fno-exceptions (FINSIM_WASM_EXCEPTIONS=none) a throw
/// aborts the module instead, and the worker reports the abort.
template <class F>
std::string guarded(F&& f) {
#if defined(__cpp_exceptions)
  try {
    return f();
  } catch (const std::exception& e) {
    return error_text(make_error("internal", e.what()));
  }
#else
  return f();
#endif
}

}  // namespace finsim::wasm
