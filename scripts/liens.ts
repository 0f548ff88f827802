// npm run liens [-- --content DIR] [--date YYYY-MM-DD] [--sortie FICHIER] [--precedent FICHIER] [--jours N] [--essais N] [--pause SECONDES] [--delai SECONDES] [--budget SECONDES] [--boucle-locale]
// Checks that every proof and deliverable link still answers (HEAD, then GET when the
// server refuses HEAD), and writes the report the site (npm run build -- --liens FICHIER)
// and the reminders (npm run rappels -- --liens FICHIER) read. No false alarm:
// - a link that gets no answer or a server error is asked again after a pause, tripled
//   each time (--essais more times, 2 by default; --pause the first, 2 s);
// - 401, 403 and 429 are a server refusing robots, not a dead link;
// - a link is called dead only after failing on --jours daily checks in a row (3): the
//   report of the day before (--precedent, the one the site publishes at
//   /donnees/liens.json) carries the count from one day to the next;
// - when most links go unanswered at once, the run says the network is down and keeps
//   the day before's verdicts.
// Never a probe of the runner's network: names are resolved and their addresses checked,
// loopback, private and link-local ones refused, redirects limited and checked the same
// way (scripts/liens/verifier.ts); the whole run stays within --budget (10 minutes by
// default), taking the providers' links in turn. --boucle-locale lets it ask this very
// machine (127.0.0.1, *.localhost): for a trial, never on the forge.
// Always exits 0 once the check ran: a dead link is a warning.
import { blockingErrors } from '../src/domain/registry/problems.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { DAYS_BEFORE_DEAD, nextLinkReport, parseLinkReport, proofLinks, type LinkReport } from '../src/domain/contribution/links.ts';
import { frenchDate } from '../src/domain/registry/dates.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';
import { checkLinks, fairOrder } from './liens/verifier.ts';

const USAGE =
  'Usage : npm run liens -- [--content DOSSIER] [--date AAAA-MM-JJ] [--sortie FICHIER] [--precedent FICHIER] [--jours N] [--essais N] [--pause SECONDES] [--delai SECONDES] [--budget SECONDES] [--boucle-locale]';
const CONCURRENCY = 8;

function seconds(value: string, option: string, max: number, min = 1): number {
  const n = Number(value);
  if (!(n >= min && n <= max)) throw new UsageError(`${option} invalide : « ${value} ». Indiquez un nombre de secondes entre ${min} et ${max}.\n\n${USAGE}`);
  return n;
}

function count(value: string, option: string, min: number, max: number): number {
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= min && n <= max)) throw new UsageError(`${option} invalide : « ${value} ». Indiquez un nombre entier entre ${min} et ${max}.\n\n${USAGE}`);
  return n;
}

/** The report of the day before; null, said in one line, when there is none or it cannot be read. */
function previousReport(path: string | undefined): LinkReport | null {
  if (!path) return null;
  if (!existsSync(path)) {
    console.log(`Pas de rapport précédent (${path}) : chaque lien en échec aujourd’hui compte pour un premier jour.`);
    return null;
  }
  const parsed = parseLinkReport(readFileSync(path, 'utf8'));
  if (parsed.ok) return parsed.report;
  console.log(`${parsed.message} (${path}) : il est laissé de côté, chaque lien en échec aujourd’hui compte pour un premier jour.`);
  return null;
}

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    {
      content: { type: 'string' },
      date: { type: 'string' },
      sortie: { type: 'string' },
      precedent: { type: 'string' },
      jours: { type: 'string', default: String(DAYS_BEFORE_DEAD) },
      essais: { type: 'string', default: '2' },
      pause: { type: 'string', default: '2' },
      delai: { type: 'string', default: '15' },
      budget: { type: 'string', default: '600' },
      'boucle-locale': { type: 'boolean', default: false },
    },
    USAGE,
  );
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const timeout = seconds(values.delai, 'Délai', 120);
  const budget = seconds(values.budget, 'Budget', 3600);
  const days = count(values.jours, 'Jours', 1, 30);
  const retries = count(values.essais, 'Essais', 0, 5);
  const backoff = seconds(values.pause, 'Pause', 60, 0);
  const previous = previousReport(values.precedent);

  const result = loadRegistry(contentDir, { date });
  const errors = blockingErrors(result.problems);
  if (errors.length > 0) {
    console.error(formatText({ files: result.files, entities: result.entities, problems: withPathPrefix(errors, relative(process.cwd(), contentDir)) }));
    return 1;
  }
  const links = proofLinks(result.registry);
  const urls = fairOrder(links.map((l) => ({ url: l.url, owner: l.prestataire ?? '(missions)' })), date);
  const checked = await checkLinks(urls, { timeoutMs: timeout * 1000, budgetMs: budget * 1000, concurrency: CONCURRENCY, allowLoopback: values['boucle-locale'], retries, backoffMs: backoff * 1000 });
  const report: LinkReport = nextLinkReport(previous, { date, asked: checked.asked, failed: checked.dead, skipped: checked.skipped, networkDown: checked.networkDown }, days);
  const prefix = relative(process.cwd(), contentDir);
  const where = (url: string) => links.filter((x) => x.url === url);
  for (const d of report.morts) {
    for (const l of where(d.url)) console.log(`${prefix}/${l.fichier}  avertissement : lien mort (${d.raison}${d.depuis && d.depuis !== date ? `, en échec depuis le ${frenchDate(d.depuis)}` : ''}) dans « ${l.champ} » : ${d.url}`);
  }
  for (const d of report.en_echec ?? []) {
    for (const l of where(d.url)) console.log(`${prefix}/${l.fichier}  en échec (${d.raison}), vérification ${d.jours} sur ${days} avant de le dire mort, dans « ${l.champ} » : ${d.url}`);
  }
  const n = checked.asked.length;
  const failing = report.en_echec?.length ?? 0;
  console.log(`${n} lien${n > 1 ? 's' : ''} vérifié${n > 1 ? 's' : ''}, ${report.morts.length} mort${report.morts.length > 1 ? 's' : ''}${failing > 0 ? `, ${failing} en échec (pas encore ${days} jours de suite)` : ''}.`);
  if (checked.networkDown) {
    console.log(`Le réseau semble coupé : ${checked.unanswered} liens sur ${n} sans aucune réponse, même après ${retries > 1 ? `${retries} nouveaux essais` : 'un nouvel essai'}. Aucun verdict ne change : ceux du rapport précédent sont gardés.`);
  }
  if (checked.skipped > 0) {
    console.log(`${checked.skipped} lien${checked.skipped > 1 ? 's' : ''} non vérifié${checked.skipped > 1 ? 's' : ''} dans le temps imparti (${budget} s) : ni morts ni vivants ; l’ordre change chaque jour, ils le seront un autre jour.`);
  }
  if (values.sortie) writeFileSync(values.sortie, `${JSON.stringify(report, null, 2)}\n`);
  return 0;
});
