// Validates wire-contract messages against the project's schema, docs/contract.schema.json (valijson).
#pragma once

#include <memory>
#include <string>

namespace finsim::test {

class ContractValidator {
 public:
  /// Loads and compiles the contract schema; throws std::runtime_error if it cannot.
  ContractValidator();
  ~ContractValidator();
  /// Empty when `message_json` is valid; otherwise the validator's first errors, one per line.
  [[nodiscard]] std::string errors(const std::string& message_json) const;
  /// The fields of a STATE_UPDATE, EVENT or METRICS_UPDATE (envelope, payload, nodes, edges) that the
  /// schema does not name, one per line as "<where>.<field>"; empty when it names them all. Precondition:
  /// `message_json` is valid (errors() is empty).
  [[nodiscard]] std::string undocumented_fields(const std::string& message_json) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finsim::test
