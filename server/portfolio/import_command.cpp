#include "portfolio/import_command.hpp"

#include <iostream>

#include "portfolio/book.hpp"
#include "portfolio/market_import.hpp"
#include "portfolio/transaction.hpp"

namespace finsim::server {

int run_import_command(const ServerOptions& options, store::Database db) {
  BookOptions book_options;
  book_options.market_seed = options.market_seed;
  book_options.market_bars = static_cast<std::size_t>(options.market_bars);
  Book book(std::move(db), book_options);
  if (Status s = book.open(); !s.ok()) {
    std::cerr << "finsim-server: " << s.error().message << "\n";
    return 2;
  }
  ImportRequest req;
  req.format = options.import_format;
  req.path = options.import_file;
  req.name = options.import_name;
  req.options.mode = options.import_lenient ? portfolio::ImportMode::lenient : portfolio::ImportMode::strict;
  PortfolioFeed feed;  // nobody listens
  JobContext ctx(book, feed, nullptr);
  Transaction tx(book.db());
  if (Status s = tx.begin(); !s.ok()) {
    std::cerr << "finsim-server: " << s.error().message << "\n";
    return 2;
  }
  const ImportResult r = import_prices(ctx, req);
  if (r.status != 201) {
    std::cerr << "finsim-server: import refused: " << r.body.dump(2) << "\n";
    return 2;
  }
  if (Status s = tx.commit(); !s.ok()) {
    std::cerr << "finsim-server: " << s.error().message << "\n";
    return 2;
  }
  std::cout << r.body.dump(2) << "\n";
  return 0;
}

}  // namespace finsim::server
