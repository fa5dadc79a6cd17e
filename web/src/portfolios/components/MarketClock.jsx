// The market's clock and the button that moves it one bar: orders fill only at a later bar's close
// (docs/portfolio-api.md, "Time: the market clock").
import { useAdvanceMarket, useMarkets } from '../api/queries.js';
import { advanceLabel, formatBarTime } from './barTime.js';

export function MarketClock({ marketId }) {
  const markets = useMarkets();
  const advance = useAdvanceMarket();
  const market = markets.data?.markets?.find((m) => m.id === marketId);
  if (!market) return null;
  const label = advanceLabel(market);
  return (
    <div className="pf-clock" data-testid="market-clock">
      <span className="muted small">{market.name} market</span>
      <b data-testid="market-date">{formatBarTime(market.current_date)}</b>
      {market.regime && <span className={`badge regime-${market.regime}`}>{market.regime}</span>}
      <button type="button" disabled={advance.isPending || (!market.extendable && !market.bars_ahead)} data-testid="advance-market"
        title={label.title}
        onClick={() => advance.mutate({ marketId })}>{advance.isPending ? 'Advancing…' : label.text}</button>
      {advance.isError && <span className="pf-inline-error" role="alert">{advance.error.message}</span>}
    </div>
  );
}
