#include "server_schema.hpp"

#include <array>

namespace finsim::store {

std::span<const Migration> server_migrations() {
  static constexpr std::array<Migration, 1> kMigrations{{
      {1, "server_meta",
       "CREATE TABLE server_meta ("
       " key TEXT PRIMARY KEY NOT NULL,"
       " value TEXT NOT NULL) STRICT;"
       "INSERT INTO server_meta (key, value) VALUES"
       " ('created_by', 'finsim-server'),"
       " ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));"},
  }};
  return kMigrations;
}

}  // namespace finsim::store
