// Simulation: construction, the step orchestration, interventions and read access.
#include "finsim/simulation.hpp"

#include <algorithm>
#include <string>

#include "sim_state.hpp"

namespace finsim {

std::string_view event_type_name(EventType type) {
  switch (type) {
    case EventType::lend: return "LEND";
    case EventType::hoard: return "HOARD";
    case EventType::fire_sale: return "FIRE_SALE";
    case EventType::price_drop: return "PRICE_DROP";
    case EventType::bank_default: return "DEFAULT";
  }
  return "LEND";
}

std::string_view default_cause_name(DefaultCause cause) {
  switch (cause) {
    case DefaultCause::none: return "none";
    case DefaultCause::insolvent: return "insolvent";
    case DefaultCause::illiquid: return "illiquid";
    case DefaultCause::forced: return "forced";
  }
  return "none";
}

std::string_view forced_by_name(ForcedBy by) {
  switch (by) {
    case ForcedBy::none: return "none";
    case ForcedBy::intervention: return "intervention";
    case ForcedBy::shock: return "shock";
    case ForcedBy::shock_and_intervention: return "shock_and_intervention";
  }
  return "none";
}

std::string_view sale_cause_name(SaleCause cause) {
  switch (cause) {
    case SaleCause::voluntary: return "voluntary";
    case SaleCause::recall: return "recall";
    case SaleCause::withdrawal: return "withdrawal";
    case SaleCause::resolution: return "resolution";
  }
  return "voluntary";
}

namespace {

template <class T>
void sized(std::vector<T>& v, int n, T value = T{}) {
  v.assign(static_cast<std::size_t>(n), value);
}

void build_csr(int n, const std::vector<int>& key, std::vector<int>& start, std::vector<int>& items) {
  sized(start, n + 1, 0);
  for (int k : key) ++start[static_cast<std::size_t>(k) + 1];
  for (int i = 0; i < n; ++i) start[i + 1] += start[i];
  items.resize(key.size());
  std::vector<int> cursor(start.begin(), start.end() - 1);
  for (std::size_t l = 0; l < key.size(); ++l) items[static_cast<std::size_t>(cursor[key[l]]++)] = static_cast<int>(l);
}

}  // namespace

Result<Simulation> Simulation::create(const SimConfig& config, std::uint64_t seed) {
  auto policy = make_policy(config.policy);
  if (!policy.ok()) return policy.error();
  return create(config, seed, std::move(policy).value());
}

Result<Simulation> Simulation::create(const SimConfig& config, std::uint64_t seed, std::unique_ptr<Policy> policy) {
  if (Status st = validate_config(config); !st.ok()) return st.error();
  if (!policy) return make_error("unknown_policy", "no policy given");
  auto s = std::make_unique<State>();
  s->config = config;
  s->config.policy = std::string(policy->name());
  s->seed = seed;
  const Rng root(seed);
  Rng network_rng = root.fork(0);
  s->exogenous = root.fork(1);
  s->policy_rng = root.fork(2);
  s->policy = std::move(policy);
  s->network = make_network(s->config, network_rng);

  const int n = s->network.banks;
  const int m = static_cast<int>(s->network.links.size());
  s->n = n;
  s->m = m;
  s->tier = s->network.tier;
  for (auto* v : {&s->cash, &s->units, &s->loan_book, &s->deposits, &s->deposit_target, &s->due_authority, &s->cb_funding,
                  &s->lent, &s->borrowed, &s->term_borrowed, &s->total_assets, &s->equity, &s->capital_ratio, &s->capital_stress,
                  &s->liquidity_stress, &s->counterparty_stress, &s->stress, &s->coverage, &s->buffer, &s->failed_buffer,
                  &s->distress, &s->withdrawal, &s->gap, &s->spare, &s->owed_recall, &s->inflow, &s->pay_share,
                  &s->voluntary_units, &s->need, &s->lolr_capacity, &s->central_draw, &s->flight, &s->run_flight, &s->shock_flight, &s->previous_assets, &s->external_assets,
                  &s->external_liabilities})
    sized(*v, n, 0.0);
  for (auto* v : {&s->defaulted, &s->forced, &s->hit_by_shock, &s->active, &s->newly_defaulted}) sized<std::uint8_t>(*v, n, 0);
  sized(s->action, n, Action::hold);
  sized(s->previous_action, n, Action::hold);
  sized(s->last_updated, n, 0);
  sized(s->default_step, n, -1);
  sized(s->last_hoard, n, -1);
  sized(s->default_cause, n, DefaultCause::none);
  sized(s->forced_cause, n, DefaultCause::none);
  sized(s->forced_by, n, ForcedBy::none);
  sized(s->default_forced_by, n, ForcedBy::none);
  sized(s->reported_ratio, n, 0LL);
  sized(s->reported_stress, n, 0LL);
  sized(s->masks, n, mask_of(Action::hold));
  sized(s->chosen, n, Action::hold);
  sized(s->imposed_action, n, Action::hold);
  sized<std::uint8_t>(s->action_imposed, n, 0);
  s->observations.assign(static_cast<std::size_t>(n), BankObservation{});

  sized(s->lender, m, 0);
  sized(s->borrower, m, 0);
  sized(s->loan, m, 0.0);
  sized(s->term_loan, m, 0.0);
  sized(s->recall, m, 0.0);
  for (int l = 0; l < m; ++l) {
    s->lender[l] = s->network.links[l].first;
    s->borrower[l] = s->network.links[l].second;
  }
  build_csr(n, s->lender, s->out_start, s->out_links);
  build_csr(n, s->borrower, s->in_start, s->in_links);

  s->initialise_balance_sheets();
  s->measure_banks();
  for (int i = 0; i < n; ++i) s->active[i] = 1;
  s->update_metrics(0, 0);
  for (int i = 0; i < n; ++i) s->previous_assets[i] = s->total_assets[i];
  s->update_report_times();
  return Simulation(std::move(s));
}

Simulation::Simulation(std::unique_ptr<State> state) : s_(std::move(state)) {}
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;
Simulation::~Simulation() = default;

void Simulation::State::emit(Event e) {
  e.timestep = t;
  e.sequence = static_cast<int>(events.size());
  events.push_back(e);
}

void Simulation::begin_step() {
  if (s_->decisions_open) return;
  s_->apply_shocks();
  s_->observe();
  s_->decisions_open = true;
}

void Simulation::complete_step(std::span<const Action> chosen) {
  State& s = *s_;
  if (!s.decisions_open) begin_step();
  s.decisions_open = false;
  s.previous_action = s.action;
  for (int i = 0; i < s.n; ++i) {
    // A counterfactual may ban a voluntary choice; an imposed action (force_action) is not one.
    const Action a = s.action_imposed[i] ? s.imposed_action[i]
                     : s.hooks.voluntary(i, i < static_cast<int>(chosen.size()) ? chosen[i] : Action::hold, s.t + 1);
    s.action[i] = (s.active[i] && allows(s.masks[i], a)) ? a : Action::hold;
    if (s.action[i] == Action::hoard) s.last_hoard[i] = s.t + 1;
  }
  s.settle_liquidity();
  s.measure_banks();
  int waves = 0;
  const int new_defaults = s.clear_and_resolve(waves);
  ++s.t;
  if (new_defaults > 0) s.measure_banks();
  s.update_metrics(new_defaults, waves);
  s.update_report_times();

  // Events in the order of the story: decisions, flows, the market, failures.
  for (const auto* group : {&s.hoard_events, &s.lend_events, &s.sale_events})
    for (const Event& e : *group) s.emit(e);
  const double change = s.price / s.step_start_price - 1.0;
  if (change <= -s.config.price_drop_threshold) {
    Event e;
    e.type = EventType::price_drop;
    e.amount = change;
    e.price = s.price;
    s.emit(e);
  }
  for (const Event& e : s.default_events) s.emit(e);
}

void Simulation::step() {
  begin_step();
  State& s = *s_;
  std::fill(s.chosen.begin(), s.chosen.end(), Action::hold);
  PolicyContext ctx{s.observations, s.masks, s.active, s.config, s.t, s.policy_rng};
  s.policy->decide(ctx, s.chosen);
  complete_step(s.chosen);
}

Status check_intervention(const Intervention& iv, int banks) {
  const bool needs_bank = iv.kind != Intervention::Kind::price_shock && iv.kind != Intervention::Kind::policy;
  if (needs_bank && (iv.bank < 0 || iv.bank >= banks))
    return make_error("unknown_bank", "bank " + std::to_string(iv.bank) + " does not exist (0.." +
                                          std::to_string(banks - 1) + ")");
  if (iv.kind == Intervention::Kind::inject_liquidity && !(iv.amount > 0.0 && iv.amount <= 1e12))
    return make_error("out_of_range", "amount must be a positive number up to 1e12");
  if (iv.kind == Intervention::Kind::price_shock && !(iv.amount > 0.0 && iv.amount < 1.0))
    return make_error("out_of_range", "a price shock must be a share between 0 and 1 (exclusive)");
  if (iv.kind == Intervention::Kind::policy)
    if (auto policy = make_policy(iv.policy); !policy.ok()) return policy.error();
  return {};
}

Status Simulation::intervene(const Intervention& iv) {
  State& s = *s_;
  if (iv.kind == Intervention::Kind::policy) {
    auto policy = make_policy(iv.policy);
    if (!policy.ok()) return policy.error();
    s.next_policy = std::move(policy).value();
    return {};
  }
  if (Status st = check_intervention(iv, s.n); !st.ok()) return st;
  if (iv.kind != Intervention::Kind::price_shock && !s.is_active(iv.bank))
    return make_error("bank_defaulted", "bank " + std::to_string(iv.bank) + " has already defaulted");
  s.pending.push_back(iv);
  return {};
}

std::span<const BankObservation> Simulation::observations() const { return s_->observations; }
std::span<const ActionMask> Simulation::action_masks() const { return s_->masks; }
std::span<const std::uint8_t> Simulation::active() const { return s_->active; }
int Simulation::timestep() const { return s_->t; }
int Simulation::banks() const { return s_->n; }
std::uint64_t Simulation::seed() const { return s_->seed; }
const SimConfig& Simulation::config() const { return s_->config; }
const Network& Simulation::network() const { return s_->network; }
std::string_view Simulation::policy_name() const { return s_->policy->name(); }
std::string_view Simulation::next_policy_name() const {
  return s_->next_policy ? s_->next_policy->name() : s_->policy->name();
}
std::span<const double> Simulation::loans() const { return s_->loan; }
std::span<const double> Simulation::recalls() const { return s_->recall; }
double Simulation::price() const { return s_->price; }
std::span<const Event> Simulation::events() const { return s_->events; }
std::span<const Action> Simulation::actions() const { return s_->action; }
const Metrics& Simulation::metrics() const { return s_->metrics; }
const StepLedger& Simulation::ledger() const { return s_->ledger; }
ClearingProblem Simulation::clearing_problem() { return s_->build_clearing_problem(); }

BankReport Simulation::bank(int i) const {
  const State& s = *s_;
  BankReport r;
  r.tier = s.tier[i];
  r.defaulted = !s.is_active(i);
  r.cash = s.cash[i];
  r.holdings = s.units[i];
  r.holdings_value = s.units[i] * s.price;
  r.loan_book = s.loan_book[i];
  r.lent = s.lent[i];
  r.borrowed = s.borrowed[i];
  r.deposits = s.deposits[i];
  r.due_to_authority = s.due_authority[i];
  r.central_bank_funding = s.cb_funding[i];
  r.total_assets = s.total_assets[i];
  r.equity = s.equity[i];
  r.capital_ratio = s.capital_ratio[i];
  r.stress = s.stress[i];
  r.capital_stress = s.capital_stress[i];
  r.liquidity_stress = s.liquidity_stress[i];
  r.counterparty_stress = s.counterparty_stress[i];
  r.liquidity_coverage = s.coverage[i];
  r.last_action = s.action[i];
  r.last_updated_timestep = s.last_updated[i];
  r.default_timestep = s.default_step[i];
  r.default_cause = s.default_cause[i];
  r.forced_by = s.default_forced_by[i];
  r.run_withdrawal = s.run_flight[i];
  r.shock_withdrawal = s.shock_flight[i];
  return r;
}

int largest_core_bank(const Simulation& sim) {
  int best = -1;
  for (int i = 0; i < sim.banks(); ++i) {
    const BankReport b = sim.bank(i);
    if (b.tier == 1 && !b.defaulted && (best < 0 || b.total_assets > sim.bank(best).total_assets)) best = i;
  }
  return best;
}

}  // namespace finsim
