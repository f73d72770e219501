/**
 * The parts of an ESLint plugin the audit relies on. Kept structural so the audit can run any
 * plugin of this shape (tests use small local plugins; production uses prepguard's own).
 */
import type { Linter } from 'eslint';

export interface AuditableRuleMeta {
  type?: string;
  docs?: { description?: string; url?: string; recommended?: unknown };
  deprecated?: unknown;
}

export interface AuditablePlugin {
  meta?: { name?: string; version?: string; namespace?: string };
  rules: Record<string, { meta?: AuditableRuleMeta }>;
  configs: Record<string, Linter.Config | Linter.Config[]>;
}

/** Loads prepguard's own plugin lazily, so the audit module does not pin its shape at compile time. */
export async function loadOwnPlugin(): Promise<AuditablePlugin> {
  const mod = (await import('../index.js')) as unknown as { default?: unknown };
  const plugin = mod.default as AuditablePlugin | undefined;
  if (plugin === undefined || typeof plugin !== 'object' || plugin.rules === undefined || plugin.configs === undefined) {
    throw new Error('@prepguard/eslint-plugin does not export a plugin with rules and configs.');
  }
  return plugin;
}

/** The flat config objects of a named preset (`recommended`, `strict`, `all`). */
export function presetConfigs(plugin: AuditablePlugin, preset: string): Linter.Config[] {
  const config = plugin.configs[preset];
  if (config === undefined) throw new Error(`The plugin has no "${preset}" config.`);
  return Array.isArray(config) ? config : [config];
}

/** The prefix under which the preset registers the plugin (`prepguard` in `prepguard/no-naive-scaling`). */
export function pluginPrefix(plugin: AuditablePlugin, configs: Linter.Config[]): string {
  for (const config of configs) {
    for (const [prefix, registered] of Object.entries(config.plugins ?? {})) {
      if (registered === (plugin as unknown)) return prefix;
    }
  }
  return plugin.meta?.namespace ?? 'prepguard';
}

export type ConfiguredLevel = 'error' | 'warning' | 'off';

/** The severity each rule gets in the given preset configs, by fully qualified rule id. */
export function configuredLevels(configs: Linter.Config[]): Map<string, ConfiguredLevel> {
  const levels = new Map<string, ConfiguredLevel>();
  for (const config of configs) {
    for (const [ruleId, entry] of Object.entries(config.rules ?? {})) {
      const severity = Array.isArray(entry) ? entry[0] : entry;
      levels.set(ruleId, severity === 2 || severity === 'error' ? 'error' : severity === 1 || severity === 'warn' ? 'warning' : 'off');
    }
  }
  return levels;
}
