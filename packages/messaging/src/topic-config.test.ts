import { describe, expect, it } from 'vitest';
import { topicConfigUpdate } from './topic-config.js';

const DAY_MS = '86400000';

describe('topic configuration updates', () => {
  it('changes nothing when every wanted value is already in force', () => {
    const current = [
      { name: 'retention.ms', value: DAY_MS, topicOverride: true },
      { name: 'max.message.bytes', value: '4194304', topicOverride: true },
      { name: 'cleanup.policy', value: 'delete', topicOverride: false },
    ];
    expect(topicConfigUpdate(current, { 'retention.ms': DAY_MS })).toBeNull();
    // A broker default that equals the wanted value is in force too.
    const inherited = current.map((c) => ({ ...c, topicOverride: false }));
    expect(topicConfigUpdate(inherited, { 'retention.ms': DAY_MS })).toBeNull();
  });

  it('leaves settings that apply at creation only (max.message.bytes) as an operator set them', () => {
    const current = [
      { name: 'retention.ms', value: DAY_MS, topicOverride: true },
      { name: 'max.message.bytes', value: '1500', topicOverride: true },
    ];
    expect(topicConfigUpdate(current, { 'retention.ms': DAY_MS, 'max.message.bytes': '4194304' })).toBeNull();
    expect(topicConfigUpdate(current, { 'retention.ms': '1000', 'max.message.bytes': '4194304' })).toEqual({
      'retention.ms': '1000',
      'max.message.bytes': '1500',
    });
  });

  it('writes the wanted values and keeps the topic overrides set by others', () => {
    const current = [
      { name: 'retention.ms', value: '604800000', topicOverride: false },
      { name: 'max.message.bytes', value: '4194304', topicOverride: true },
      { name: 'min.insync.replicas', value: '2', topicOverride: true },
      { name: 'segment.bytes', value: '1073741824', topicOverride: false },
    ];
    expect(topicConfigUpdate(current, { 'retention.ms': DAY_MS })).toEqual({
      'max.message.bytes': '4194304',
      'min.insync.replicas': '2',
      'retention.ms': DAY_MS,
    });
  });
});
