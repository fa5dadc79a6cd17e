// Reading prices from a SQLite database laid out like the brief's financial_data_aggregator (a star
// schema: fact_*_price tables keyed by date_id → dim_date and an asset id → dim_*), opened read-only.
//
// Mapping (docs/portfolio-api.md, "The financial_data_aggregator mapping"), one PriceRow per fact row:
//   fact_stock_price     ⋈ dim_company      ticker = symbol | ticker, sector = sector, class stock,
//                                           close = adjusted_close when not NULL else close_price | close
//   fact_crypto_price    ⋈ dim_crypto_asset ticker = symbol, class crypto, close = price | close_price
//   fact_bond_price      ⋈ dim_bond         ticker = isin | ticker | cusip | symbol, class bond, close = price
//   fact_commodity_price ⋈ dim_commodity    ticker = symbol | ticker | code, class commodity,
//                                           close = price | close_price | close
// volume = volume | trading_volume when present; the date is dim_date.date (or a date | trade_date
// column of the fact itself); the fact's primary key is the row's "line" in issues. Where one asset has
// several rows for a date (one per source_id), the lowest source_id wins. Missing tables are skipped;
// no fact table at all is an error. The typed rows then go through the engine's import_price_rows
// (its checks, its strict and lenient modes). Pure function of the file; thread-safe.
#pragma once

#include <string>

#include "finsim/portfolio/csv_import.hpp"

namespace finsim::server {

/// The import report of the database at `path`. A file that cannot be opened or read, or holds no
/// fact table, gives a report without panel and one issue at line 0.
portfolio::ImportReport read_aggregator(const std::string& path, const portfolio::CsvImportOptions& options);

}  // namespace finsim::server
