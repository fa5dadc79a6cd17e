// libFuzzer target: the price importers — the wide, long and auto-detected CSV layouts, the CLI's
// series CSV reader (finsim metrics), and the financial_data_aggregator SQLite reader (the input is
// written to a file and opened read-only, as the server does). Byte 0 picks one and the mode.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "finsim/portfolio/csv_import.hpp"
#include "finsim/portfolio/series_csv.hpp"
#include "portfolio/aggregator_reader.hpp"

using namespace finsim::portfolio;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  CsvImportOptions options;
  options.mode = (data[0] & 8) ? ImportMode::lenient : ImportMode::strict;
  switch (data[0] % 5) {
    case 0: (void)import_wide_csv(text, options); break;
    case 1: (void)import_long_csv(text, options); break;
    case 2: (void)import_price_csv(text, options); break;
    case 3: (void)read_series_csv(text); break;
    default: {
      char path[] = "/tmp/finsim-fuzz-aggregator-XXXXXX";
      const int fd = mkstemp(path);
      if (fd < 0) return 0;
      const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
      close(fd);
      if (written) (void)finsim::server::read_aggregator(path, options);
      std::remove(path);
    }
  }
  return 0;
}
