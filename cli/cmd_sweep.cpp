// finsim sweep gai-kapadia: the robust-yet-fragile curve as CSV.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <sstream>
#include <thread>

#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/contagion.hpp"
#include "finsim/messages.hpp"

namespace finsim::cli {

int sweep_command(const std::vector<std::string>& argv) {
  const Args args(argv, {{"n"}, {"draws"}, {"z"}, {"seed"}, {"threads"}}, 1);
  if (args.positional().empty()) throw UsageError("which sweep? (gai-kapadia)");
  if (args.positional()[0] != "gai-kapadia")
    throw UsageError("unknown sweep '" + args.positional()[0] + "' (known: gai-kapadia)");
  const int n = static_cast<int>(args.integer("n", 1000, 2, 1000000));
  const int draws = static_cast<int>(args.integer("draws", 1000, 1, 10000000));
  const auto seed = static_cast<std::uint64_t>(args.integer("seed", 42, 0, (1LL << 53) - 1));
  std::vector<double> zs;
  if (auto list = args.get("z")) {
    std::stringstream in(*list);
    for (std::string item; std::getline(in, item, ',');) zs.push_back(parse_number(item, "--z entry", 0.0, 1000.0));
    if (zs.empty()) throw UsageError("--z needs at least one value");
  } else {
    for (int k = 1; k <= 20; ++k) zs.push_back(0.5 * k);
  }
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const int threads = static_cast<int>(args.integer("threads", hw, 1, 256));

  // Each z has its own random stream (forked by position), so results do not depend on threading.
  std::vector<GaiKapadiaPoint> points(zs.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k = next++; k < zs.size(); k = next++) {
      GaiKapadiaParams params;
      params.banks = n;
      params.mean_degree = zs[k];
      Rng rng = Rng(seed).fork(k);
      points[k] = gai_kapadia_point(params, draws, rng);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  std::string out = "z,p_contagion,mean_extent\n";
  for (const auto& p : points) {
    append_number(out, p.mean_degree);
    out.push_back(',');
    append_number(out, p.p_contagion);
    out.push_back(',');
    append_number(out, p.mean_extent);
    out.push_back('\n');
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace finsim::cli
