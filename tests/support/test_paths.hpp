// Where tests find the project, the shared reference material and built binaries.
#pragma once

#include <string>

namespace finsim::test {

/// The repository root.
inline std::string source_dir() { return FINSIM_SOURCE_DIR; }
/// ../shared beside the repository (read-only reference material: schema, data).
inline std::string shared_dir() { return FINSIM_SHARED_DIR; }
/// The CMake build directory (binaries live under it, e.g. cli/finsim).
inline std::string binary_dir() { return FINSIM_BINARY_DIR; }

/// The whole content of a file; throws std::runtime_error if it cannot be read.
std::string read_file(const std::string& path);

}  // namespace finsim::test
