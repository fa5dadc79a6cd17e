// Media types of the static web app's files, by extension. Pure, thread-safe.
#pragma once

#include <string_view>

namespace finsim::server {

/// The Content-Type for a file name, chosen by its extension (case-insensitive): text/html,
/// text/javascript (.js, .mjs), text/css, application/wasm, application/json (.json, .map),
/// image/svg+xml, image/png, image/x-icon, fonts, ... Text types carry "; charset=utf-8".
/// Unknown extensions give application/octet-stream.
std::string_view mime_type(std::string_view file_name);

}  // namespace finsim::server
