#include "test_paths.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace finsim::test {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace finsim::test
