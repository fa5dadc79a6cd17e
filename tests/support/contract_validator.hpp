// Validates wire-contract messages against ../shared/design/contract.schema.json (valijson).
#pragma once

#include <memory>
#include <string>

namespace finsim::test {

class ContractValidator {
 public:
  /// Loads and compiles the shared schema; throws std::runtime_error if it cannot.
  ContractValidator();
  ~ContractValidator();
  /// Empty when `message_json` is valid; otherwise the validator's first errors, one per line.
  [[nodiscard]] std::string errors(const std::string& message_json) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finsim::test
