// What every CLI shares: French usage errors (exit 2), the content folder and the
// reference date. Each script stays a thin wrapper over src/domain.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate, today } from '../src/domain/registry/dates.ts';
import { parseLinkReport, type LinkReport } from '../src/domain/contribution/links.ts';
import { sampleAccounts } from '../src/domain/contribution/readiness.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';

export class UsageError extends Error {}

export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(`${frenchParseError((error as Error).message)}\n\n${usage}`);
  }
}

function frenchParseError(message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Option inconnue : ${unknown[1]}.`;
  const missing = /Option '([^']+)'.* argument missing/.exec(message);
  if (missing) return `L'option ${missing[1].split(',')[0]} attend une valeur.`;
  if (/Unexpected argument/.test(message)) return `Argument inattendu : ${message.split("'")[1] ?? ''}.`;
  return `Arguments invalides (${message}).`;
}

export function contentDirOption(value: string | undefined): string {
  const dir = value ?? 'content';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`Dossier de contenu introuvable : ${dir}`);
  return dir;
}

export function dateOption(value: string | undefined): string {
  if (value === undefined) return today();
  if (!isIsoDate(value)) throw new UsageError(`Date de référence invalide : « ${value} ». Format attendu : AAAA-MM-JJ.`);
  return value;
}

/** --liens FICHIER: the report written by npm run liens; null without the option. */
export function linkReportOption(value: string | undefined): LinkReport | null {
  if (value === undefined) return null;
  if (!existsSync(value)) throw new UsageError(`Rapport de liens introuvable : ${value}. Lancez d'abord « npm run liens -- --sortie ${value} ».`);
  const parsed = parseLinkReport(readFileSync(value, 'utf8'));
  if (!parsed.ok) throw new UsageError(`${value} : ${parsed.message}`);
  return parsed.report;
}

/** Runs a CLI body: a usage error exits 2 with its message, anything unexpected exits 2 without a stack trace. */
export async function runCli(main: () => Promise<number> | number): Promise<void> {
  quietWhenReaderCloses();
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
    } else {
      console.error(`Erreur inattendue : ${(error as Error)?.message ?? error}. Signalez-la aux mainteneurs avec la commande lancée.`);
    }
    process.exitCode = 2;
  }
}

/**
 * `npm run figures | head` closes the pipe before the output ends: the reader has what
 * it asked for, so the command stops there, silently, instead of printing a stack trace.
 */
function quietWhenReaderCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
}

/**
 * Every fictional forge account of the sample (its maintainers, providers and stewards), read
 * from exemple/ once the network's registry is started, from content/ while it is the sample.
 */
export function fictionalAccounts(): Set<string> {
  const folder = existsSync('exemple/registre.yaml') ? 'exemple' : 'content';
  const sample = existsSync(`${folder}/registre.yaml`) ? loadRegistry(folder, { date: today() }).registry : null;
  return sampleAccounts(sample?.registre?.data.exemple ? sample : null);
}
