#include "test_store.hpp"

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include <unistd.h>

#include "store/database.hpp"

namespace finsim::test {
namespace {

const char* cluster_uri() {
  const char* uri = std::getenv("FINSIM_TEST_POSTGRES");
  return uri && *uri ? uri : nullptr;
}

/// `uri` with its database (the path after the host) replaced by `database`.
std::string with_database(const std::string& uri, const std::string& database) {
  const std::size_t scheme = uri.find("://");
  const std::size_t slash = uri.find('/', scheme + 3);
  const std::size_t query = uri.find('?', scheme + 3);
  if (slash == std::string::npos || (query != std::string::npos && slash > query))
    throw std::runtime_error("FINSIM_TEST_POSTGRES must name a database: " + uri);
  const std::size_t end = query == std::string::npos ? uri.size() : query;
  return uri.substr(0, slash + 1) + database + uri.substr(end);
}

}  // namespace

bool testing_postgresql() { return cluster_uri() != nullptr; }

std::string fresh_store(const std::string& dir, const std::string& name) {
  if (!testing_postgresql()) return dir + "/" + name + ".db";
  static std::atomic<int> count{0};
  std::string database = "finsim_test_" + std::to_string(::getpid()) + "_" + std::to_string(++count) + "_";
  for (char c : name) database += (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '_';
  auto admin = store::Database::open(cluster_uri());
  if (!admin.ok()) throw std::runtime_error(admin.error().message);
  if (Status s = admin->exec("CREATE DATABASE " + database); !s.ok()) throw std::runtime_error(s.error().message);
  return with_database(cluster_uri(), database);
}

bool await_killed_sessions(const std::string& store) {
  if (!store::Database::is_postgresql(store)) return true;
  auto db = store::Database::open(store);
  if (!db.ok()) return false;
  for (int i = 0; i < 1000; ++i) {
    auto others = db->query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    if (!others.ok()) return false;
    if (others->at(0).at(0) == "0") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace finsim::test
