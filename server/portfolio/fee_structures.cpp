#include "fee_structures.hpp"

#include <nlohmann/json.hpp>

namespace finsim::server {

namespace pf = finsim::portfolio;

Status seed_fee_presets(store::Database& db) {
  auto st = db.prepare("INSERT INTO fee_structures (name, schedule, description, builtin) VALUES (?, ?, ?, 1) "
                       "ON CONFLICT (name) DO NOTHING");
  if (!st.ok()) return st.error();
  for (const pf::FeeSchedule& s : pf::fee_presets()) {
    st->bind(1, s.name).bind(2, pf::fee_schedule_to_json(s).dump()).bind(3, "preset of the engine (docs/portfolio.md)");
    if (Status r = st->run(); !r.ok()) return r;
  }
  return {};
}

Result<FeeStructures> load_fee_structures(store::Database& db) {
  auto st = db.prepare(
      "SELECT id, name, schedule, description, builtin, created_at, updated_at FROM fee_structures ORDER BY id");
  if (!st.ok()) return st.error();
  FeeStructures out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    FeeStructure f;
    f.id = st->integer(0);
    auto parsed = nlohmann::json::parse(st->text(2), nullptr, false);
    auto schedule = pf::fee_schedule_from_json(parsed);
    if (!schedule.ok())
      return make_error("store", "fee structure " + std::to_string(f.id) + ": " + schedule.error().message);
    f.schedule = std::move(schedule).value();
    f.schedule.name = st->text(1);
    f.description = st->text(3);
    f.builtin = st->integer(4) != 0;
    f.created_at = st->text(5);
    f.updated_at = st->text(6);
    out.emplace(f.id, std::move(f));
  }
  return out;
}

Result<const FeeStructure*> find_fee_structure(const FeeStructures& all, const nlohmann::json& ref,
                                               const std::string& field) {
  if (ref.is_number_integer()) {
    const auto it = all.find(ref.get<std::int64_t>());
    if (it != all.end()) return &it->second;
    return make_error("unknown_fee_structure", field + ": no fee structure has id " + ref.dump());
  }
  if (ref.is_string()) {
    for (const auto& [id, f] : all)
      if (f.schedule.name == ref.get<std::string>()) return &f;
    return make_error("unknown_fee_structure", field + ": no fee structure is called " + ref.dump());
  }
  return make_error("unknown_fee_structure", field + " must be a fee structure's id or name");
}

nlohmann::json fee_structure_to_json(const FeeStructure& f) {
  nlohmann::json j = pf::fee_schedule_to_json(f.schedule);
  j["id"] = f.id;
  j["description"] = f.description;
  j["builtin"] = f.builtin;
  j["created_at"] = f.created_at;
  j["updated_at"] = f.updated_at;
  return j;
}

}  // namespace finsim::server
