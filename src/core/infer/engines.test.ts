import { describe, expect, it } from 'vitest';
import { engineIds, engineProfile, engineProfiles, isEngineId, schedulingModes } from './engines.js';

describe('engine profiles', () => {
  it('lists every id once, each with sources, a scheduling mode, a budget and a host time', () => {
    expect(engineProfiles().map((p) => p.id)).toEqual([...engineIds]);
    for (const p of engineProfiles()) {
      expect(p.sources.length).toBeGreaterThan(0);
      for (const s of p.sources) expect(s).toMatch(/^https:\/\//);
      expect(schedulingModes).toContain(p.scheduling);
      expect(p.chunkTokens).toBeGreaterThanOrEqual(1024);
      expect(p.hostOverheadS).toBeGreaterThan(0);
      expect(p.hostOverheadS).toBeLessThan(5e-3);
      expect(p.hostOverheadBasis.length).toBeGreaterThan(10);
    }
  });
  it('DeepSeek runs disaggregated with two-micro-batch overlap; the 2024 TensorRT-LLM line in-flight without it', () => {
    expect(engineProfile('deepseek-infer-2025')).toMatchObject({ scheduling: 'disaggregated', twoMicroBatchOverlap: true, attentionDp: true });
    expect(engineProfile('trtllm-2024')).toMatchObject({ scheduling: 'inflight', twoMicroBatchOverlap: false });
    expect(isEngineId('vllm-2025')).toBe(true);
    expect(isEngineId('vllm-2023')).toBe(false);
  });
});
