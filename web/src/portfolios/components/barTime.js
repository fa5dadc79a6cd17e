// The market's bars as a trader reads them. A daily market's dates are days ("2024-01-05"); an intraday
// market's are the times its bars close ("2024-01-05T09:35", exchange time), shown with a space.

const BAR_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/;

/** A bar's date as shown: a time of day after a space instead of ISO's 'T'; anything else as is. */
export function formatBarTime(value) {
  const m = typeof value === 'string' ? BAR_TIME.exec(value) : null;
  return m ? `${m[1]} ${m[2]}` : value;
}

/** What the clock's button does, in words: the next trading day, or the next intraday bar. */
export function advanceLabel(market) {
  return market?.bar === 'intraday'
    ? { text: 'Next bar ▸', title: 'Move the market one bar on: pending orders fill at the new bar’s close' }
    : { text: 'Next trading day ▸', title: 'Move the market one trading day on: pending orders fill at the new close' };
}
