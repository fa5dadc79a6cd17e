#include "connection.hpp"

namespace finsim::store {

Result<bool> Connection::has_table(std::string_view name) {
  auto st = prepare(table_exists_sql());
  if (!st.ok()) return st.error();
  (*st)->clear();
  (*st)->bind_text(1, name);
  auto row = (*st)->step();
  (*st)->clear();
  return row;
}

}  // namespace finsim::store
