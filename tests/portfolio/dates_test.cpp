// Calendar arithmetic and date parsing.
#include <catch2/catch.hpp>

#include "finsim/portfolio/date.hpp"
#include "finsim/portfolio/price_panel.hpp"

using namespace finsim::portfolio;

TEST_CASE("civil dates convert both ways across centuries and leap days") {
  CHECK(date_from_civil(1970, 1, 1).days == 0);
  CHECK(date_from_civil(2000, 3, 1).days - date_from_civil(2000, 2, 28).days == 2);  // 2000 is a leap year
  CHECK(date_from_civil(1900, 3, 1).days - date_from_civil(1900, 2, 28).days == 1);  // 1900 is not
  for (int d = -800000; d < 800000; d += 997) {
    const CivilDate c = civil_from_date(Date{d});
    CHECK(date_from_civil(c.year, c.month, c.day).days == d);
  }
}

TEST_CASE("ISO weekdays and weeks") {
  CHECK(iso_weekday(date_from_civil(2000, 1, 30)) == 7);  // a Sunday
  CHECK(iso_weekday(date_from_civil(2024, 1, 1)) == 1);   // a Monday
  CHECK(iso_week(date_from_civil(2000, 1, 30)) == 4);
  CHECK(iso_week(date_from_civil(2000, 1, 31)) == 5);
  CHECK(iso_week(date_from_civil(2000, 1, 1)) == 52);     // belongs to 1999's last week
  CHECK(iso_week(date_from_civil(2020, 12, 31)) == 53);
  CHECK(iso_week(date_from_civil(2024, 12, 30)) == 1);
}

TEST_CASE("dates parse from ISO and US forms and reject impossible days") {
  CHECK(parse_date("2004-03-10") == date_from_civil(2004, 3, 10));
  CHECK(parse_date("2004/03/10") == date_from_civil(2004, 3, 10));
  CHECK(parse_date("3/10/2004") == date_from_civil(2004, 3, 10));
  CHECK(parse_date(" 12/31/2013 ") == date_from_civil(2013, 12, 31));
  CHECK_FALSE(parse_date("2013-02-29"));
  CHECK_FALSE(parse_date("2/30/2012"));
  CHECK_FALSE(parse_date("2012-1-5"));
  CHECK_FALSE(parse_date("13/1/2012"));
  CHECK_FALSE(parse_date("2012-01-05x"));
  CHECK_FALSE(parse_date(""));
  CHECK(format_date(date_from_civil(2004, 3, 10)) == "2004-03-10");
}

TEST_CASE("a price panel validates its shape and values") {
  const std::vector<Asset> a = {{"A", AssetClass::stock, ""}};
  const std::vector<Date> d = {Date{1}, Date{2}};
  CHECK(PricePanel::create(a, d, {1.0, 2.0}).ok());
  CHECK(PricePanel::create(a, d, {1.0}).error().code == "bad_panel");
  CHECK(!PricePanel::create(a, {Date{2}, Date{1}}, {1.0, 2.0}).ok());
  CHECK(!PricePanel::create(a, d, {1.0, -2.0}).ok());
  CHECK(!PricePanel::create(a, d, {1.0, 0.0}).ok());
  CHECK(!PricePanel::create({a[0], a[0]}, {Date{1}}, {1.0, 2.0}).ok());
  const auto p = PricePanel::create(a, d, {1.0, std::nan("")}).value();
  CHECK(p.first_bar_after(Date{1}) == 1u);
  CHECK_FALSE(p.first_bar_after(Date{2}));
  CHECK(p.first_bar_after(Date{0}) == 0u);
  CHECK(p.bars_through(Date{1}) == 1u);
  CHECK(p.slice_bars(1, 2).bar_count() == 1);
}
