import { describe, expect, it } from 'vitest';
import { createWhyAsker } from './whyAsker.js';
import { coreDefaultBank34AtStep200, coreDefaultStep10 } from './testing/engineAnswers.js';

// An engine reached through a transport: every question waits until the test answers it.
function engineOnALine(answers) {
  const questions = [];
  const ask = (question) => new Promise((resolve) => { questions.push({ question, resolve }); });
  const answerNext = async (reply = answers(questions[0].question.bank)) => {
    questions.shift().resolve(reply);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { ask, questions, answerNext };
}

const at10 = (bank) => coreDefaultStep10.get(bank);
const marks = () => {
  const list = [];
  return { list, mark: (name, detail) => list.push([name, detail.bank]) };
};

describe('the narration\'s questions to the engine', () => {
  it('asks one question at a time, in the order wanted, and keeps each answer', async () => {
    const engine = engineOnALine(at10);
    const record = marks();
    const asker = createWhyAsker({ ask: engine.ask, mark: record.mark });
    asker.want(1, 10, [{ bank: 34, horizon: null }, { bank: 54, horizon: null }]);
    expect(engine.questions.map((q) => q.question)).toEqual([{ ask: 'why', bank: 34 }]);
    expect(asker.asking(34)).toBe(true);
    await engine.answerNext();
    expect(asker.answerFor(34).sentences[0]).toBe('Bank 34 failed at step 10, insolvent: its losses exceeded its capital.');
    expect(engine.questions.map((q) => q.question.bank)).toEqual([54]);
    await engine.answerNext();
    expect(engine.questions).toEqual([]);
    expect(record.list).toEqual([['finsim-why-asked', 34], ['finsim-why-answered', 34], ['finsim-why-asked', 54], ['finsim-why-answered', 54]]);
  });

  it('never asks a question twice in the same run, while playing whatever the horizon', async () => {
    const engine = engineOnALine(at10);
    const asker = createWhyAsker({ ask: engine.ask, mark: () => {} });
    asker.want(1, 10, [{ bank: 34, horizon: null }]);
    await engine.answerNext();
    asker.want(1, 11, [{ bank: 34, horizon: null }]);
    asker.want(1, 12, [{ bank: 34, horizon: null }]);
    expect(engine.questions).toEqual([]);
    expect(asker.answerFor(34).horizon).toBe(10);
  });

  it('asks again at the newest step when paused, so that the answer is judged where the inspector judges it', async () => {
    const engine = engineOnALine(at10);
    const asker = createWhyAsker({ ask: engine.ask, mark: () => {} });
    asker.want(1, 10, [{ bank: 34, horizon: null }]);
    await engine.answerNext();
    asker.want(1, 200, [{ bank: 34, horizon: 200 }]);
    expect(asker.answerFor(34, 200)).toBeNull();
    expect(asker.answerFor(34).horizon).toBe(10);  // the earlier answer stays until the new one comes
    await engine.answerNext(coreDefaultBank34AtStep200);
    expect(asker.answerFor(34, 200).sentences[1]).toBe("Had the scenario's shock not come at step 10, it would still be standing at step 200.");
    expect(asker.answerFor(34, 10).horizon).toBe(10);
    asker.want(1, 200, [{ bank: 34, horizon: 200 }]);
    expect(engine.questions).toEqual([]);
  });

  it('does not ask again at a step whose question the engine refused', async () => {
    const engine = engineOnALine(() => ({ error: { code: 'analysis_too_large', message: 'too large' } }));
    const asker = createWhyAsker({ ask: engine.ask, mark: () => {} });
    asker.want(1, 150, [{ bank: 7, horizon: 150 }]);
    await engine.answerNext();
    asker.want(1, 150, [{ bank: 7, horizon: 150 }]);
    expect(engine.questions).toEqual([]);
    expect(asker.answerFor(7, 150).error.code).toBe('analysis_too_large');
  });

  it('forgets every answer at a new run or a rewind, and drops an answer that arrives for the old one', async () => {
    const engine = engineOnALine(at10);
    const asker = createWhyAsker({ ask: engine.ask, mark: () => {} });
    asker.want(1, 10, [{ bank: 34, horizon: null }]);
    await engine.answerNext();
    asker.want(1, 12, [{ bank: 54, horizon: null }]);
    asker.want(1, 8, []);  // rewound to step 8: a branch
    await engine.answerNext();
    expect(asker.answerFor(34)).toBeNull();
    expect(asker.answerFor(54)).toBeNull();
    asker.want(2, 10, [{ bank: 34, horizon: null }]);
    expect(engine.questions.map((q) => q.question.bank)).toEqual([34]);
  });

  it('drops a question no longer wanted before it is asked', async () => {
    const engine = engineOnALine(at10);
    const asker = createWhyAsker({ ask: engine.ask, mark: () => {} });
    asker.want(1, 10, [{ bank: 34, horizon: null }, { bank: 54, horizon: null }]);
    asker.want(1, 13, [{ bank: 34, horizon: null }]);  // the step on screen moved on: 54 is not shown
    await engine.answerNext();
    expect(engine.questions).toEqual([]);
  });
});
