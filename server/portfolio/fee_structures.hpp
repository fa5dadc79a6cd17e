// Fee structures: the engine's FeeSchedules stored as reusable, named entities (table fee_structures).
// The engine's presets are stored as built-in structures on first start; they cannot be changed or
// deleted. Not thread-safe (the portfolio service's thread).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/fees.hpp"
#include "finsim/result.hpp"
#include "store/database.hpp"

namespace finsim::server {

struct FeeStructure {
  std::int64_t id = 0;
  std::string description;
  bool builtin = false;
  std::string created_at, updated_at;
  portfolio::FeeSchedule schedule;  ///< its name is the structure's name
};

using FeeStructures = std::map<std::int64_t, FeeStructure>;

/// Inserts each engine preset (fee_presets()) that is not stored yet, as a built-in structure.
Status seed_fee_presets(store::Database& db);

/// Every stored structure. Error "store" (also for a stored schedule the engine refuses).
Result<FeeStructures> load_fee_structures(store::Database& db);

/// The structure named by a JSON value: an id (number) or a name (string). Error code
/// "unknown_fee_structure" naming `field`.
Result<const FeeStructure*> find_fee_structure(const FeeStructures& all, const nlohmann::json& ref,
                                               const std::string& field);

/// {"id", "name", "description", "builtin", "components": [...], "created_at", "updated_at"}.
nlohmann::json fee_structure_to_json(const FeeStructure& f);

}  // namespace finsim::server
