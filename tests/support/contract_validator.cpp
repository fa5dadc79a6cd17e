#include "contract_validator.hpp"

#include <nlohmann/json.hpp>
#include <set>
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
  impl_->schema_document = nlohmann::json::parse(read_file(contract_schema_path()));
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

std::string ContractValidator::undocumented_fields(const std::string& message_json) const {
  const nlohmann::json doc = nlohmann::json::parse(message_json);
  const nlohmann::json& defs = impl_->schema_document.at("$defs");
  const std::string type = doc.at("type").get<std::string>();
  const nlohmann::json& message = defs.at(type == "STATE_UPDATE" ? "state_update"
                                          : type == "EVENT"      ? "event"
                                                                 : "metrics_update");
  std::set<std::string> missing;  // a set: every node would report the same field again
  auto check = [&missing](const nlohmann::json& object, const nlohmann::json& documented, const std::string& where) {
    for (const auto& item : object.items())
      if (!documented.contains(item.key())) missing.insert(where + "." + item.key());
  };
  check(doc, message.at("properties"), type);
  check(doc.at("payload"), message.at("properties").at("payload").at("properties"), type + ".payload");
  if (type == "STATE_UPDATE") {
    for (const auto& node : doc.at("payload").at("nodes")) check(node, defs.at("node").at("properties"), "node");
    for (const auto& edge : doc.at("payload").at("edges")) check(edge, defs.at("edge").at("properties"), "edge");
  }
  std::string out;
  for (const auto& m : missing) out += m + "\n";
  return out;
}

}  // namespace finsim::test
