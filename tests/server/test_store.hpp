// The store a test's server uses. By default a SQLite file; with FINSIM_TEST_POSTGRES set (CTest's
// api_tests_pg run, against the throwaway cluster of scripts/postgresql_cluster.sh) a fresh
// PostgreSQL database instead, so that the same tests run against both engines.
#pragma once

#include <string>

namespace finsim::test {

/// True when the tests run against PostgreSQL (FINSIM_TEST_POSTGRES is the URI of the cluster's
/// maintenance database, e.g. postgresql://postgres@/postgres?host=/tmp/finsim-pg).
bool testing_postgresql();

/// A new, empty store for one server: `dir`/`name`.db, or a PostgreSQL database of its own created
/// on the cluster (its URI). Throws std::runtime_error when the database cannot be created.
std::string fresh_store(const std::string& dir, const std::string& name);

/// After the server using `store` was killed (kill -9): waits, up to 10 s, until PostgreSQL has ended
/// that server's sessions. A killed client's backend finishes the statement it was running — a COMMIT
/// already sent still lands — so a test that read at once could see one table before that commit and
/// the next after it. Returns whether they ended; with a SQLite file there is nothing to wait for.
bool await_killed_sessions(const std::string& store);

}  // namespace finsim::test
