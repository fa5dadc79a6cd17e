// How deeply a JSON text nests, found without parsing it: parsers, serializers and destructors of a
// document recurse per level, so a body nested 100,000 deep overflows the stack of any of them. Every
// JSON body is checked against kMaxJsonDepth before it is parsed.
#pragma once

#include <cstddef>
#include <string_view>

namespace finsim {

/// No request body the contract defines nests deeper than a few levels.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// True when no array or object in `text` (read as JSON; strings and their escapes skipped) is nested
/// deeper than `limit`. Malformed text is judged by its brackets alone: the parser rejects the rest.
bool json_depth_within(std::string_view text, std::size_t limit = kMaxJsonDepth);

}  // namespace finsim
