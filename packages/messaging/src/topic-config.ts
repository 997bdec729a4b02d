/** One configuration entry of a topic as the broker describes it. */
export interface DescribedConfig {
  name: string;
  value: string | null;
  /** True when the value is set on the topic itself (not inherited from the broker or a default). */
  topicOverride: boolean;
}

/**
 * Settings kept in line on topics that already exist: they carry the policy's data-protection
 * promises (how long records stay). A spec's other settings (e.g. `max.message.bytes`) apply when
 * the topic is created only, so an operator's later change to them stands.
 */
export const ENFORCED_TOPIC_CONFIGS: ReadonlySet<string> = new Set(['retention.ms']);

/**
 * The complete set of topic-level overrides to write when an enforced setting of a topic differs
 * from what its spec wants, or null when they already match. Complete, because Kafka's
 * AlterConfigs (the request kafkajs has) replaces all of a topic's overrides: the ones set by
 * someone else (an operator's `min.insync.replicas`, say) are carried over, so only the enforced
 * ones change.
 */
export function topicConfigUpdate(
  current: readonly DescribedConfig[],
  wanted: Readonly<Record<string, string>>,
): Record<string, string> | null {
  const byName = new Map(current.map((c) => [c.name, c]));
  const enforced = Object.entries(wanted).filter(([name]) => ENFORCED_TOPIC_CONFIGS.has(name));
  const differs = enforced.some(([name, value]) => byName.get(name)?.value !== value);
  if (!differs) return null;
  const overrides: Record<string, string> = {};
  for (const c of current) if (c.topicOverride && c.value !== null) overrides[c.name] = c.value;
  return { ...overrides, ...Object.fromEntries(enforced) };
}
