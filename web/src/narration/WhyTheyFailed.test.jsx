// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { WhyTheyFailed } from './WhyTheyFailed.jsx';
import { createWhyAsker } from './whyAsker.js';
import { simulationStore } from '../store/simulationStore.js';
import { coreDefaultStep10, coreDefaultStep15, liquidityFreezeStep18 } from './testing/engineAnswers.js';

const def = (from, timestamp, cause) => ({ event_type: 'DEFAULT', from, timestamp, cause, event_id: `evt-${timestamp}-${from}` });

// The engine's real answers, through a transport that answers at once; `asked` records the questions.
function answering(answers) {
  const asked = [];
  const asker = createWhyAsker({
    ask: async ({ bank }) => { asked.push(bank); return answers(bank); },
    mark: () => {},
  });
  return { asker, asked };
}

function runAt(timestep, milestones, { running = true, runId = 1 } = {}) {
  simulationStore.setState({ milestones, runId, status: { running }, state: { timestep, nodes: [], edges: [] } });
}

/** The engine's sentences told for each explained bank, shown and behind "more", joined. */
const told = () => screen.getAllByTestId('why-explained').map((li) => [li.querySelector('[data-testid=why-explained-text]'),
  li.querySelector('[data-testid=why-explained-more]')].filter(Boolean).map((e) => e.textContent).join(' '));
const explained = () => screen.queryAllByTestId('why-explained').map((li) => li.dataset.banks);

afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
});

describe('why the banks failed, in the narration', () => {
  it('explains a later failure with the engine\'s sentences, the failure the engine names as a cause first', async () => {
    // liquidity_freeze, seed 42: Bank 64 fails at step 12, Banks 5, 21 and 66 at step 18.
    const { asker, asked } = answering((bank) => liquidityFreezeStep18.get(bank) ?? { error: { code: 'bank_not_failed', message: 'no' } });
    runAt(18, [def(64, 12, 'illiquid'), def(66, 18, 'insolvent'), def(21, 18, 'insolvent'), def(5, 18, 'insolvent')],
      { running: false });
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    expect(asked).toEqual([5, 21, 66, 64]);  // the step on screen first, then where the failures began
    const step18 = screen.getAllByTestId('why-step')[1];
    expect(step18.querySelector('h3').textContent).toBe('Why banks failed at step 18');
    expect(explained()).toEqual(['5', '21', '66']);
    const texts = told();
    expect(texts[1]).toBe(liquidityFreezeStep18.get(21).sentences.join(' '));
    expect(texts[1]).toMatch(/when Bank 5 failed at step 18/);
    expect(step18.textContent).toMatch(/Judged at step 18, the step the run had reached when asked/);
    expect(screen.getAllByTestId('why-step')[0].querySelector('h3').textContent).toBe('How the failures began, at step 12');
    expect(screen.getByTestId('why-refused').textContent).toBe('The engine could not say why Bank 64 failed: no');
  });

  it('while the run plays, explains a step only once the run is SETTLE_STEPS past it, never with an answer judged earlier', async () => {
    const { asker, asked } = answering((bank) => liquidityFreezeStep18.get(bank) ?? { error: { code: 'bank_not_failed', message: 'no' } });
    const failures = [def(64, 12, 'illiquid'), def(66, 18, 'insolvent'), def(21, 18, 'insolvent'), def(5, 18, 'insolvent')];
    runAt(14, failures.slice(0, 1));
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    expect(asked).toEqual([]);  // step 12 is not yet SETTLE_STEPS behind
    expect(screen.queryByTestId('why-they-failed')).toBeNull();
    await act(async () => { runAt(18, failures); });
    expect(asked).toEqual([64]);  // 12 is told now; 18 is too recent
    expect(screen.getAllByTestId('why-step').map((e) => e.dataset.step)).toEqual(['12']);
    expect(screen.getByTestId('why-refused')).toBeTruthy();
  });

  it('tells a failure the engine names as another\'s cause before it, whatever the banks\' numbers', async () => {
    const { asker } = answering((bank) => coreDefaultStep15.get(bank));
    runAt(15, [def(43, 15, 'illiquid'), def(42, 15, 'illiquid'), def(51, 15, 'illiquid')], { running: false });
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    expect(explained()).toEqual(['42', '51', '43']);
    const shared = screen.getByTestId('why-shared-text').textContent;
    expect(told()[2]).toBe(coreDefaultStep15.get(43).sentences.filter((s) => !shared.includes(s)).join(' '));
    expect(told()[2]).toMatch(/its loss on Bank 51's failure at step 15/);
  });

  it('says once, above the explanations, what the engine says alike of every bank of the step and where it judged them', async () => {
    const { asker } = answering((bank) => coreDefaultStep15.get(bank));
    runAt(15, [def(43, 15, 'illiquid'), def(42, 15, 'illiquid'), def(51, 15, 'illiquid')], { running: false });
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    const shock = "Had the scenario's shock not come at step 10, it would still be standing at step 15.";
    const engine = [42, 51, 43].map((b) => coreDefaultStep15.get(b).sentences);
    expect(engine.every((sentences) => sentences.includes(shock))).toBe(true);  // the fixture's three say it alike
    const line = screen.getByTestId('why-shared');
    expect(line.textContent).toMatch(/^Of each bank explained below, the engine says: Had the scenario's shock not come at step 10/);
    expect(line.textContent).toMatch(/Judged at step 15, the step the run had reached when asked\.$/);
    expect(line.dataset.horizon).toBe('15');
    const shared = screen.getByTestId('why-shared-text').textContent;
    const cards = told();
    cards.forEach((card, i) => {
      expect(card.startsWith(engine[i][0])).toBe(true);  // each card first tells its own failure
      expect(card).not.toContain(shock);
      // Nothing the engine said is lost: every sentence is on the card or said once above.
      for (const sentence of engine[i]) expect(card.includes(sentence) || shared.includes(sentence)).toBe(true);
    });
    expect(screen.getByTestId('why-step').textContent.match(/Judged at step/g)).toHaveLength(1);
  });

  it('says nothing once for a step with one explanation: its card keeps all the engine said, and its horizon', async () => {
    const { asker } = answering((bank) => coreDefaultStep15.get(bank));
    runAt(15, [def(43, 15, 'illiquid')], { running: false });
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    expect(screen.queryByTestId('why-shared')).toBeNull();
    expect(told()[0]).toBe(coreDefaultStep15.get(43).sentences.join(' '));
    expect(screen.getByTestId('why-explained').textContent).toMatch(/\(Judged at step 15, the step the run had reached when asked\.\)$/);
  });

  it('tells forced failures as forced and banks with the same causes and verdicts together', async () => {
    const { asker, asked } = answering((bank) => coreDefaultStep10.get(bank));
    runAt(10, [{ ...def(2, 10, 'forced'), forced_by: 'shock' }, { ...def(7, 10, 'forced'), forced_by: 'intervention' },
      { ...def(8, 10, 'forced'), forced_by: 'intervention' }, def(54, 10, 'insolvent'), def(34, 10, 'insolvent')], { running: false });
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    expect(asked).toEqual([34, 54]);  // nothing asked about Banks 2, 7, 8
    const forced = screen.getAllByTestId('why-forced');
    expect(forced.map((li) => [li.dataset.by, li.dataset.banks])).toEqual([['shock', '2'], ['intervention', '7 8']]);
    expect(forced[0].textContent).toMatch(/^Bank 2 was forced into default by the scenario's shock: a forced\s+failure is not explained/);
    expect(forced[1].textContent).toMatch(/^Banks 7 and 8 were forced into default by an intervention: a forced\s+failure is not explained/);
    expect(explained()).toEqual(['34 54']);
    expect(screen.getByTestId('why-explained').textContent).toMatch(/The engine found the same causes and verdicts for Bank 54\./);
  });

  it('says which failures it did not ask about, and a refusal as too large plainly', async () => {
    const { asker, asked } = answering(() => ({ error: { code: 'analysis_too_large', message: 'explaining a failure replays the run: 1000 banks over 250 steps is above the bound of 200000 banks × steps' } }));
    runAt(250, [1, 2, 3, 4, 5].map((b) => def(b, 250, 'illiquid')), { running: false });
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    expect(asked).toEqual([1, 2, 3]);
    expect(screen.getByTestId('why-unasked').textContent).toMatch(/^Banks 4 and 5 also failed at this step; the narration asks the engine about 3 failures/);
    expect(screen.getAllByTestId('why-refused')[0].textContent).toMatch(/^Too large to explain: explaining a failure replays the run: 1000 banks over 250 steps is above the bound of 200000 banks × steps\.$/);
  });

  it('asks about a step\'s other failures too when the reader asks, and tells those the engine judged alike together', async () => {
    const { asker, asked } = answering((bank) => coreDefaultStep10.get(bank === 54 ? 54 : 34));
    runAt(10, [34, 35, 36, 37, 54].map((b) => def(b, 10, 'insolvent')), { running: false });
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    expect(asked).toEqual([34, 35, 36]);
    expect(screen.getByTestId('why-unasked').textContent).toMatch(/^Banks 37 and 54 also failed at this step/);
    expect(screen.getByTestId('why-ask-all').textContent).toBe('Explain these 2 too');
    await act(async () => { screen.getByTestId('why-ask-all').click(); });
    expect(asked).toEqual([34, 35, 36, 37, 54]);
    expect(screen.queryByTestId('why-unasked')).toBeNull();
    expect(explained()).toEqual(['34 35 36 37 54']);  // the fixture gives 35–37 Bank 34's answer; 54's is alike
    await act(async () => { runAt(10, [34, 35, 36, 37, 54].map((b) => def(b, 10, 'insolvent')), { running: false, runId: 2 }); });
    expect(screen.getByTestId('why-unasked').textContent).toMatch(/^Banks 37 and 54 also failed/);  // a new run asks anew
  });

  it('keeps the explanations shown in their places when the reader asks about the rest, which follow them', async () => {
    // core_default, seed 42, step 15: the engine names Bank 51's failure among Bank 43's causes.
    const answers = new Map([[40, coreDefaultStep15.get(42)], [41, coreDefaultStep15.get(42)], [43, coreDefaultStep15.get(43)],
      [51, coreDefaultStep15.get(51)]]);
    const { asker } = answering((bank) => answers.get(bank));
    runAt(15, [40, 41, 43, 51].map((b) => def(b, 15, 'illiquid')), { running: false });
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    expect(explained()).toEqual(['40 41', '43']);
    expect(screen.getByTestId('why-ask-all').textContent).toBe('Explain Bank 51 too');
    await act(async () => { screen.getByTestId('why-ask-all').click(); });
    expect(explained()).toEqual(['40 41', '43', '51']);  // not 51 before 43, as one step's trigger-first order would tell it
  });

  it('asks nothing before a failure, and again at the newest step once paused', async () => {
    const { asker, asked } = answering((bank) => coreDefaultStep10.get(bank));
    runAt(9, []);
    await act(async () => { render(<WhyTheyFailed asker={asker} />); });
    expect(screen.queryByTestId('why-they-failed')).toBeNull();
    await act(async () => { runAt(10, [def(34, 10, 'insolvent')]); });
    await act(async () => { runAt(11, [def(34, 10, 'insolvent')]); });
    expect(asked).toEqual([]);  // playing: not until the run is SETTLE_STEPS past the failure
    await act(async () => { runAt(13, [def(34, 10, 'insolvent')]); });
    expect(asked).toEqual([34]);
    await act(async () => { runAt(14, [def(34, 10, 'insolvent')], { running: false }); });
    expect(asked).toEqual([34, 34]);
  });
});
