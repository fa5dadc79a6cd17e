// finsim-server --import FILE: a market import without a server (seeding a database before starting
// it). Same code and rules as POST /api/markets/import. Not thread-safe (runs alone).
#pragma once

#include "server_options.hpp"
#include "store/database.hpp"

namespace finsim::server {

/// Imports options.import_file into `db` and prints the result (JSON) on stdout, or the refusal with
/// every issue on stderr. Returns the exit code: 0 imported, 2 refused or unusable database.
int run_import_command(const ServerOptions& options, store::Database db);

}  // namespace finsim::server
