import { describe, expect, it } from 'vitest';
import { CLIP_TYPES, clipFileName, clipSupport, codecLabel } from './clipFormat.js';

const canvasProto = { captureStream() {} };
const recorderSupporting = (types) => Object.assign(function MediaRecorder() {}, { isTypeSupported: (t) => types.includes(t) });

describe('clipSupport', () => {
  it('prefers VP9, then VP8, then plain WebM', () => {
    expect(clipSupport({ recorder: recorderSupporting(CLIP_TYPES), canvasProto })).toEqual({ type: 'video/webm;codecs=vp9' });
    expect(clipSupport({ recorder: recorderSupporting(['video/webm;codecs=vp8', 'video/webm']), canvasProto }))
      .toEqual({ type: 'video/webm;codecs=vp8' });
    expect(clipSupport({ recorder: recorderSupporting(['video/webm']), canvasProto })).toEqual({ type: 'video/webm' });
  });

  it('says plainly why a browser cannot record', () => {
    expect(clipSupport({ recorder: undefined, canvasProto }).unavailable).toMatch(/no MediaRecorder/);
    expect(clipSupport({ recorder: recorderSupporting(CLIP_TYPES), canvasProto: {} }).unavailable).toMatch(/cannot be captured/);
    expect(clipSupport({ recorder: recorderSupporting(['video/mp4']), canvasProto }).unavailable).toMatch(/no WebM/);
  });

  it('reads the running environment by default (Node has no MediaRecorder)', () => {
    expect(clipSupport().unavailable).toMatch(/no MediaRecorder/);
  });
});

describe('codecLabel', () => {
  it('names the codec of a type', () => {
    expect(codecLabel('video/webm;codecs=vp9')).toBe('VP9');
    expect(codecLabel('video/webm;codecs=vp8')).toBe('VP8');
    expect(codecLabel('video/webm')).toBe('WebM');
  });
});

describe('clipFileName', () => {
  it('names the scenario, seed, policy and the steps shown', () => {
    expect(clipFileName({ scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic', firstStep: 3, lastStep: 25 }))
      .toBe('finsim-liquidity_freeze-seed42-heuristic-steps3-25.webm');
  });

  it('marks a comparison\'s clip, named by world A\'s run', () => {
    expect(clipFileName({ scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic', firstStep: 9, lastStep: 14, compare: true }))
      .toBe('finsim-liquidity_freeze-seed42-heuristic-compare-steps9-14.webm');
  });

  it('says step, not steps, when one step was on screen throughout', () => {
    expect(clipFileName({ scenario: 'calm', seed: 7, policy: 'all_hold', firstStep: 12, lastStep: 12 }))
      .toBe('finsim-calm-seed7-all_hold-step12.webm');
  });

  it('keeps only safe characters (policy modifiers, spaces)', () => {
    expect(clipFileName({ scenario: 'fire sale', seed: 1, policy: 'heuristic+no_hoard', firstStep: 0, lastStep: 4 }))
      .toBe('finsim-fire_sale-seed1-heuristic_no_hoard-steps0-4.webm');
  });

  it('leaves out what is not known', () => {
    expect(clipFileName({})).toBe('finsim-run.webm');
    expect(clipFileName({ scenario: 'calm', seed: 0 })).toBe('finsim-calm-seed0.webm');
  });
});
