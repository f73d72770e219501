/** Command-line parsing for `prepguard audit`. Hand-rolled: the flag set is small and fixed. */

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const PRESETS = ['recommended', 'strict', 'all'] as const;
export type Preset = (typeof PRESETS)[number];

export interface AuditArgs {
  paths: string[];
  format: OutputFormat;
  output: string | null;
  preset: Preset;
  /** Explicit settings file; otherwise `prepguard.config.json` / package.json `"prepguard"` are looked up. */
  config: string | null;
  /** When false, `node_modules`, `dist`, `build`, `coverage` and dot-directories are walked too. */
  defaultIgnores: boolean;
  progress: boolean;
  /** ESLint's own result cache (`--cache`): unchanged files are not linted again. */
  cache: boolean;
  /** ESLint's cache file or directory (`--cache-location`); implies `cache`. */
  cacheLocation: string | null;
  /** ESLint's worker threads (`--concurrency`): a count, `auto`, or `off` (default). */
  concurrency: number | 'auto' | 'off';
  help: boolean;
}

/** A mistake on the command line: reported with exit code 2 and the message, never a stack trace. */
export class AuditUsageError extends Error {
  override readonly name = 'AuditUsageError';
}

export const AUDIT_USAGE = `Usage: prepguard audit [paths...] [options]

Lint a codebase with every prepguard rule, without writing an ESLint config.
Paths default to the current directory.

Options:
  --format <text|json|sarif>   Output format (default: text)
  -o, --output <file>          Write the report to a file instead of stdout
  --preset <recommended|strict|all>
                               Which prepguard config to run (default: all)
  --config <file>              JSON file holding prepguard settings ({ "models": [...] });
                               default: ./prepguard.config.json, then the "prepguard" field of ./package.json
  --no-default-ignores         Also lint node_modules, dist, build, coverage and dot-directories
  --no-progress                Never draw the progress bar (it is drawn on a terminal only)
  --cache                      Use ESLint's result cache: files unchanged since the last run are not
                               linted again (default file: .eslintcache in the current directory)
  --cache-location <path>      ESLint's cache file or directory (implies --cache)
  --concurrency <n|auto|off>   Lint in n ESLint worker threads (ESLint's --concurrency); "auto" lets
                               ESLint choose; default off. Worth it from a few hundred files on.
  -h, --help                   Show this help

Exit codes: 0 no errors, 1 at least one error (rule error, parse error or crash), 2 usage error.`;

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new AuditUsageError(`Invalid value for ${flag}: "${value}". Expected one of: ${allowed.join(', ')}.`);
}

export function parseAuditArgs(argv: readonly string[]): AuditArgs {
  const args: AuditArgs = {
    paths: [],
    format: 'text',
    output: null,
    preset: 'all',
    config: null,
    defaultIgnores: true,
    progress: true,
    cache: false,
    cacheLocation: null,
    concurrency: 'off',
    help: false,
  };
  let onlyPathsFollow = false;
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i]!;
    if (onlyPathsFollow || !raw.startsWith('-') || raw === '-') {
      args.paths.push(raw);
      continue;
    }
    if (raw === '--') {
      onlyPathsFollow = true;
      continue;
    }
    // Accept both `--format json` and `--format=json`.
    const eq = raw.indexOf('=');
    const flag = eq > 0 && raw.startsWith('--') ? raw.slice(0, eq) : raw;
    const inline = eq > 0 && raw.startsWith('--') ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new AuditUsageError(`Option ${flag} needs a value.`);
      }
      i += 1;
      return next;
    };
    const noValue = (): void => {
      if (inline !== undefined) throw new AuditUsageError(`Option ${flag} takes no value.`);
    };
    switch (flag) {
      case '--format':
      case '-f':
        args.format = oneOf(flag, value(), OUTPUT_FORMATS);
        break;
      case '--output':
      case '-o':
        args.output = value();
        break;
      case '--preset':
        args.preset = oneOf(flag, value(), PRESETS);
        break;
      case '--config':
        args.config = value();
        break;
      case '--no-default-ignores':
        noValue();
        args.defaultIgnores = false;
        break;
      case '--no-progress':
        noValue();
        args.progress = false;
        break;
      case '--cache':
        noValue();
        args.cache = true;
        break;
      case '--cache-location':
        args.cacheLocation = value();
        args.cache = true;
        break;
      case '--concurrency': {
        const raw = value();
        const n = Number(raw);
        if (raw === 'auto' || raw === 'off') args.concurrency = raw;
        else if (Number.isInteger(n) && n >= 1) args.concurrency = n === 1 ? 'off' : n;
        else throw new AuditUsageError(`Invalid value for --concurrency: "${raw}". Expected a positive integer, auto or off.`);
        break;
      }
      case '--help':
      case '-h':
        noValue();
        args.help = true;
        break;
      default:
        throw new AuditUsageError(`Unknown option: ${flag}. Run "prepguard audit --help" for the list of options.`);
    }
  }
  if (args.paths.length === 0) args.paths.push('.');
  return args;
}
