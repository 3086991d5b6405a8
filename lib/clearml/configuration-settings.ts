/**
 * Whether a configuration dictionary on the server holds the same settings as a declared one.
 * The ClearML SDK stores `connect_configuration(dict)` as HOCON text (recorded in
 * test/import/fixtures/recorded-seed-pipeline.json); cdk-style writes JSON. The seed's scripts
 * read both with pyhocon, so two texts that parse to the same settings configure the same run.
 */
import { ConfigurationItem } from '../manifest/schema';
import { HoconError, parseHocon } from './hocon';

function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function parsed(text: string, read: (t: string) => unknown): string | undefined {
  try {
    return canonical(read(text));
  } catch (error) {
    if (error instanceof HoconError || error instanceof SyntaxError) {
      return undefined;
    }
    throw error;
  }
}

/**
 * True when `live` and `declared` are both `dictionary` objects of the same name and description
 * whose texts (HOCON or JSON for `live`, JSON for `declared`) parse to the same settings.
 */
export function sameSettings(live: Partial<ConfigurationItem> | undefined, declared: Partial<ConfigurationItem> | undefined): boolean {
  if (live === undefined || declared === undefined || live.type !== 'dictionary' || declared.type !== 'dictionary'
    || (live.name ?? declared.name) !== declared.name || (live.description ?? '') !== (declared.description ?? '')) {
    return false;
  }
  const ours = parsed(declared.value ?? '', (t) => JSON.parse(t));
  return ours !== undefined && parsed(live.value ?? '', parseHocon) === ours;
}
