// The CSV importers on good and bad input, including the real AAPL/MSFT/C file (tests/data).
#include <catch2/catch.hpp>

#include "approx.hpp"
#include "finsim/portfolio/csv_import.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "finsim/portfolio/risk_ratios.hpp"
#include "finsim/portfolio/drawdown.hpp"
#include "test_paths.hpp"

using namespace finsim::portfolio;

namespace {

bool has_issue(const ImportReport& r, std::size_t line, const std::string& fragment) {
  for (const ImportIssue& i : r.issues)
    if (i.line == line && i.message.find(fragment) != std::string::npos) return true;
  return false;
}

CsvImportOptions lenient() {
  CsvImportOptions o;
  o.mode = ImportMode::lenient;
  return o;
}

const char* kBadWide =
    "Date,AAA,BBB\n"
    "2024-01-02,10,20\n"
    "2024-01-03,11,abc\n"       // line 3: not a number
    "2024-13-01,12,22\n"        // line 4: bad date
    "2024-01-05,13\n"           // line 5: too few fields
    "2024-01-02,14,24\n"        // line 6: repeated date
    "2024-01-08,-1,25\n"        // line 7: price not > 0
    "2024-01-09,,26\n";         // line 8: missing value — fine

}  // namespace

TEST_CASE("the real AAPL/MSFT/C file imports cleanly: 2,517 days, three stocks") {
  const std::string text = finsim::test::read_file(finsim::test::real_prices_csv());
  CsvImportOptions options;
  options.sector = "unknown";
  const ImportReport r = import_wide_csv(text, options);
  REQUIRE(r.clean());
  const PricePanel& p = *r.panel;
  CHECK(p.bar_count() == 2517);
  REQUIRE(p.asset_count() == 3);
  CHECK(p.asset(0).ticker == "AAPL");
  CHECK(p.asset(2).ticker == "C");
  CHECK(p.dates().front() == date_from_civil(2004, 3, 10));
  CHECK(p.dates().back() == date_from_civil(2014, 3, 10));
  CHECK(p.close(0, 0) == 13.84);
  CHECK(p.close(2516, 1) == 37.82);
  CHECK(r.rows_read == 2517);
  CHECK(r.rows_imported == 2517);
}

TEST_CASE("metrics of the real file agree with an independent computation") {
  const std::string text = finsim::test::read_file(finsim::test::real_prices_csv());
  const PricePanel p = *import_wide_csv(text).panel;
  // Reference values computed in plain Python (statistics.stdev, exact compounding) from the same file.
  const std::vector<double> aapl = simple_returns(p.close_series(0));
  CHECK_VALUE(cum_returns_final(aapl), 530.92 / 13.84 - 1.0, 1e-9);
  CHECK_VALUE(annual_return(aapl), 0.44092411887354577, 1e-9);
  CHECK_VALUE(annual_volatility(aapl), 0.36905988342214996, 1e-9);
  CHECK_VALUE(sharpe_ratio(aapl), 1.1746232565319052, 1e-9);
  CHECK_VALUE(max_drawdown(aapl), -0.6086673672621729, 1e-9);
  const std::vector<double> c = simple_returns(p.close_series(2));
  CHECK_VALUE(annual_return(c), -0.2053825900657381, 1e-9);
  CHECK_VALUE(max_drawdown(c), -0.9819180996277256, 1e-9);
}

TEST_CASE("wide import in strict mode rejects the file and lists every bad row with its line") {
  const ImportReport r = import_wide_csv(kBadWide);
  CHECK_FALSE(r.panel);
  CHECK(r.issue_count == 5);
  CHECK(has_issue(r, 3, "BBB: 'abc' is not a number"));
  CHECK(has_issue(r, 4, "bad date '2024-13-01'"));
  CHECK(has_issue(r, 5, "expected 3 fields, found 2"));
  CHECK(has_issue(r, 6, "repeats line 2"));
  CHECK(has_issue(r, 7, "AAA: price '-1' is not > 0"));
  CHECK(r.rows_read == 7);
  CHECK(r.rows_imported == 0);
}

TEST_CASE("wide import in lenient mode keeps the good rows and reports the others") {
  const ImportReport r = import_wide_csv(kBadWide, lenient());
  REQUIRE(r.panel);
  CHECK(r.issue_count == 5);
  CHECK(r.rows_imported == 2);
  CHECK(r.panel->bar_count() == 2);
  CHECK(r.panel->close(0, 0) == 10.0);
  CHECK(std::isnan(r.panel->close(1, 0)));  // the empty cell of line 8
  CHECK(r.panel->close(1, 1) == 26.0);
}

TEST_CASE("wide import: header problems reject the file in every mode") {
  CHECK(import_wide_csv("", lenient()).issues.at(0).message == "the file is empty");
  CHECK(has_issue(import_wide_csv("Date,AAA,AAA\n2024-01-02,1,2\n", lenient()), 1, "appears twice"));
  CHECK(has_issue(import_wide_csv("Date,,BBB\n", lenient()), 1, "column 2 has no ticker"));
  CHECK(has_issue(import_wide_csv("Date\n2024-01-02\n", lenient()), 1, "at least one ticker"));
  CHECK_FALSE(import_wide_csv("Date,AAA,AAA\n", lenient()).panel);
}

TEST_CASE("wide import accepts quotes, CRLF, a BOM, missing markers, blank lines and unsorted dates") {
  const ImportReport r = import_wide_csv(
      "\xEF\xBB\xBF\"Date\",\"A, Inc\",B\r\n3/5/2024,\"1,5\",NA\r\n\r\n2024-03-04,2,null\r\n2024/03/06, 3 ,N/A\r\n");
  CHECK(r.issue_count == 1);  // "1,5" is not a number (no thousands separators)
  const ImportReport ok = import_wide_csv("Date,\"A, Inc\",B\r\n3/5/2024,\"1.5\",NA\r\n\r\n2024-03-04,2,null\r\n");
  REQUIRE(ok.clean());
  CHECK(ok.panel->asset(0).ticker == "A, Inc");
  CHECK(ok.panel->dates().front() == date_from_civil(2024, 3, 4));
  CHECK(ok.panel->close(1, 0) == 1.5);
  CHECK(std::isnan(ok.panel->close(0, 1)));
  CHECK(has_issue(import_wide_csv("Date,A\n2024-01-02,\"3\n"), 2, "unterminated quote"));
}

TEST_CASE("long import builds a panel with classes, sectors, volumes and missing cells") {
  const char* text =
      "date,ticker,asset_type,close,volume,sector\n"
      "2024-01-02,AAA,stock,10,100,Technology\n"
      "2024-01-02,BTC,crypto,40000,,\n"
      "2024-01-03,AAA,stock,11,120,Technology\n"
      "2024-01-03,UST10,bond,98.5,5,\n"
      "2024-01-04,GOLD,commodity,2000,1,\n";
  const ImportReport r = import_long_csv(text);
  REQUIRE(r.clean());
  const PricePanel& p = *r.panel;
  REQUIRE(p.asset_count() == 4);
  CHECK(p.asset(0).ticker == "AAA");
  CHECK(p.asset(0).sector == "Technology");
  CHECK(p.asset(1).asset_class == AssetClass::crypto);
  CHECK(p.asset(2).asset_class == AssetClass::bond);
  CHECK(p.asset(3).asset_class == AssetClass::commodity);
  CHECK(p.bar_count() == 3);
  CHECK(p.close(1, 0) == 11.0);
  CHECK(std::isnan(p.close(1, 1)));
  CHECK(p.volume(0, 0) == 100.0);
  CHECK(std::isnan(p.volume(0, 1)));
  // Columns in another order, without the optional ones.
  const ImportReport q = import_long_csv("close,ticker,date,asset_type\n5,X,2024-01-02,stocks\n");
  REQUIRE(q.clean());
  CHECK(q.panel->close(0, 0) == 5.0);
  CHECK_FALSE(q.panel->has_volumes());
}

TEST_CASE("long import reports each bad row, strict rejects, lenient keeps the rest") {
  const char* text =
      "date,ticker,asset_type,close,volume,sector\n"
      "2024-01-02,AAA,stock,10,100,Technology\n"
      "2024-01-02,AAA,stock,10.5,100,Technology\n"  // 3: repeated (date, ticker)
      "2024-01-03,AAA,crypto,11,100,\n"             // 4: class changed
      "2024-01-03,,stock,11,100,\n"                 // 5: empty ticker
      "2024-01-03,BBB,share,11,100,\n"              // 6: unknown asset type
      "2024-01-03,BBB,stock,zero,100,\n"            // 7: bad close
      "2024-01-03,BBB,stock,12,-5,\n"               // 8: bad volume
      "2024-01-04,AAA,stock,12,100,Energy\n"        // 9: sector changed
      "yesterday,AAA,stock,12,100,\n"               // 10: bad date
      "2024-01-05,AAA,stock,13,100,Technology\n";
  const ImportReport strict = import_long_csv(text);
  CHECK_FALSE(strict.panel);
  CHECK(strict.issue_count == 8);
  CHECK(has_issue(strict, 3, "repeats line 2"));
  CHECK(has_issue(strict, 4, "is a crypto here but a stock on line 2"));
  CHECK(has_issue(strict, 5, "empty ticker"));
  CHECK(has_issue(strict, 6, "unknown asset_type 'share'"));
  CHECK(has_issue(strict, 7, "close: 'zero' is not a number"));
  CHECK(has_issue(strict, 8, "volume '-5'"));
  CHECK(has_issue(strict, 9, "sector 'Energy' here but 'Technology'"));
  CHECK(has_issue(strict, 10, "bad date 'yesterday'"));
  const ImportReport len = import_long_csv(text, lenient());
  REQUIRE(len.panel);
  CHECK(len.rows_imported == 2);
  CHECK(len.panel->asset_count() == 1);
  CHECK(len.panel->bar_count() == 2);
}

TEST_CASE("long import needs its four columns, import_price_csv picks the layout from the header") {
  CHECK(has_issue(import_long_csv("date,ticker,close\n"), 1, "missing column asset_type"));
  CHECK(has_issue(import_long_csv("date,ticker,asset_type,close,close\n"), 1, "appears twice"));
  CHECK(import_price_csv("date,ticker,asset_type,close\n2024-01-02,A,stock,1\n").panel->asset(0).ticker == "A");
  CHECK(import_price_csv("Date,A\n2024-01-02,1\n").panel->asset(0).ticker == "A");
}

TEST_CASE("the issue list is capped but the count is not") {
  std::string text = "Date,A\n";
  for (int i = 0; i < 250; ++i) text += "bad,1\n";
  const ImportReport r = import_wide_csv(text);
  CHECK(r.issues.size() == 100);
  CHECK(r.issue_count == 250);
}

TEST_CASE("typed rows (a database loader's) go through the same checks, reported by row id") {
  const auto d = [](int day) { return date_from_civil(2024, 1, day); };
  std::vector<PriceRow> rows = {
      {101, d(2), "AAPL", AssetClass::stock, 185.0, 1e6, "Technology"},
      {102, d(2), "BTC", AssetClass::crypto, 45000.0, std::nan(""), ""},
      {103, d(3), "AAPL", AssetClass::stock, 186.5, 9e5, ""},
      {104, d(3), "UST10", AssetClass::bond, 97.25, std::nan(""), ""},
      {105, d(3), "GC", AssetClass::commodity, std::nan(""), std::nan(""), ""},
  };
  const ImportReport ok = import_price_rows(rows);
  REQUIRE(ok.clean());
  CHECK(ok.panel->asset_count() == 4);
  CHECK(ok.panel->asset(0).sector == "Technology");
  CHECK(ok.panel->close(1, 0) == 186.5);
  CHECK(std::isnan(ok.panel->close(1, 3)));
  rows.push_back({106, d(3), "AAPL", AssetClass::stock, 187.0, 1.0, ""});
  rows.push_back({107, d(4), "BTC", AssetClass::stock, 46000.0, 1.0, ""});
  rows.push_back({108, d(4), "ETH", AssetClass::crypto, -3.0, 1.0, ""});
  rows.push_back({109, d(4), "", AssetClass::crypto, 3.0, 1.0, ""});
  const ImportReport bad = import_price_rows(rows);
  CHECK_FALSE(bad.panel);
  CHECK(bad.issue_count == 4);
  CHECK(has_issue(bad, 106, "repeats line 103"));
  CHECK(has_issue(bad, 107, "is a stock here but a crypto on line 102"));
  CHECK(has_issue(bad, 108, "price '-3' is not > 0"));
  CHECK(has_issue(bad, 109, "empty ticker"));
}

TEST_CASE("price cells are plain decimals: no hex, no infinities, no thousands separators") {
  const auto first_close = [](const std::string& cell) {
    const ImportReport r = import_wide_csv("Date,A\n2024-01-02," + cell + "\n");
    return r.panel ? r.panel->close(0, 0) : -1.0;
  };
  CHECK(first_close("1e2") == 100.0);
  CHECK(first_close("+2.5") == 2.5);
  CHECK(first_close(".5") == 0.5);
  CHECK(first_close("5.") == 5.0);
  CHECK(first_close("1.25E-1") == 0.125);
  for (const char* bad : {"0x10", "inf", "Infinity", "1,000", "1e", "--1", "1.2.3", "1e999"}) {
    INFO(bad);
    CHECK(first_close(bad) == -1.0);
  }
}
