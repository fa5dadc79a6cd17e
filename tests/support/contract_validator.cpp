#include "contract_validator.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>
// GCC 12 reports a false -Wrestrict inside std::string::replace as inlined into valijson
// (GCC bug 105329); the warning is about library code, not ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wrestrict"
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#pragma GCC diagnostic pop

#include "test_paths.hpp"

namespace finsim::test {

struct ContractValidator::Impl {
  nlohmann::json schema_document;
  valijson::Schema schema;
};

ContractValidator::ContractValidator() : impl_(std::make_unique<Impl>()) {
  impl_->schema_document = nlohmann::json::parse(read_file(shared_dir() + "/design/contract.schema.json"));
  // The schema is written for draft 2020-12; valijson implements draft 7, which has every keyword
  // it uses ($ref into $defs is a plain JSON pointer, if/then, const, oneOf, pattern).
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(impl_->schema_document);
  parser.populateSchema(adapter, impl_->schema);
}

ContractValidator::~ContractValidator() = default;

std::string ContractValidator::errors(const std::string& message_json) const {
  const nlohmann::json doc = nlohmann::json::parse(message_json);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  if (validator.validate(impl_->schema, target, &results)) return {};
  std::string out;
  valijson::ValidationResults::Error e;
  int shown = 0;
  while (results.popError(e) && shown++ < 5) {
    std::string path;
    for (const auto& p : e.context) path += p;
    out += path + ": " + e.description + "\n";
  }
  return out.empty() ? "invalid" : out;
}

}  // namespace finsim::test
