// Where tests find the project, its test data and built binaries. Everything a test reads is inside the
// repository (or the build tree), so a fresh clone passes its tests on its own.
#pragma once

#include <string>

namespace finsim::test {

/// The repository root.
inline std::string source_dir() { return FINSIM_SOURCE_DIR; }
/// tests/data: files the tests read, with their sources and licences in tests/data/README.md.
inline std::string test_data_dir() { return source_dir() + "/tests/data"; }
/// Real daily closes of AAPL, MSFT and C, 2004-03-10 to 2014-03-10, 2,517 days (the ffn project's test
/// data, MIT licence): a wide CSV, `Date` in M/D/YYYY, one column per ticker.
inline std::string real_prices_csv() { return test_data_dir() + "/aapl_msft_c_2004_2014.csv"; }
/// The wire contract's JSON Schema (docs/contract.schema.json; its prose is docs/contract.md).
inline std::string contract_schema_path() { return source_dir() + "/docs/contract.schema.json"; }
/// The CMake build directory (binaries live under it, e.g. cli/finsim).
inline std::string binary_dir() { return FINSIM_BINARY_DIR; }

/// The whole content of a file; throws std::runtime_error if it cannot be read.
std::string read_file(const std::string& path);

}  // namespace finsim::test
