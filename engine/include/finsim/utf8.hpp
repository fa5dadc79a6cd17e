// UTF-8 validity (RFC 3629): what every text that reaches a JSON answer must be.
#pragma once

#include <string_view>

namespace finsim {

/// True when `text` is well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF), nothing
/// above U+10FFFF, no truncated sequence.
bool is_valid_utf8(std::string_view text);

}  // namespace finsim
