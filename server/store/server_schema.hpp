// The server's schema: its migrations, in order. Later issues (the portfolio, issue 6) append
// theirs here as 2, 3, ...; an applied migration is never edited.
#pragma once

#include <span>

#include "migrations.hpp"

namespace finsim::store {

std::span<const Migration> server_migrations();

}  // namespace finsim::store
