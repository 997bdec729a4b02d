/** One configuration entry of a topic as the broker describes it. */
export interface DescribedConfig {
  name: string;
  value: string | null;
  /** True when the value is set on the topic itself (not inherited from the broker or a default). */
  topicOverride: boolean;
}

/**
 * The complete set of topic-level overrides to write when a topic's configuration differs from
 * what its spec wants, or null when it already matches. Complete, because Kafka's AlterConfigs
 * (the request kafkajs has) replaces all of a topic's overrides: the ones set by someone else
 * (an operator's `min.insync.replicas`, say) are carried over, so only the wanted ones change.
 */
export function topicConfigUpdate(
  current: readonly DescribedConfig[],
  wanted: Readonly<Record<string, string>>,
): Record<string, string> | null {
  const byName = new Map(current.map((c) => [c.name, c]));
  const differs = Object.entries(wanted).some(([name, value]) => byName.get(name)?.value !== value);
  if (!differs) return null;
  const overrides: Record<string, string> = {};
  for (const c of current) if (c.topicOverride && c.value !== null) overrides[c.name] = c.value;
  return { ...overrides, ...wanted };
}
