// npm run liens [-- --content DIR] [--date YYYY-MM-DD] [--sortie FICHIER] [--delai SECONDES] [--budget SECONDES] [--boucle-locale]
// Checks that every proof and deliverable link still answers (HEAD, then GET when the
// server refuses HEAD), prints the dead ones with their file, and writes the report the
// site (npm run build -- --liens FICHIER) and the reminders (npm run rappels -- --liens
// FICHIER) read. Never a probe of the runner's network: names are resolved and their
// addresses checked, loopback, private and link-local ones refused, redirects limited and
// checked the same way (scripts/liens/verifier.ts); the whole run stays within --budget
// (10 minutes by default), taking the providers' links in turn. --boucle-locale lets it
// ask this very machine (127.0.0.1, *.localhost): for a trial, never on the forge.
// Always exits 0 once the check ran: a dead link is a warning.
import { blockingErrors } from '../src/domain/registry/problems.ts';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { proofLinks, type LinkReport } from '../src/domain/contribution/links.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';
import { checkLinks, fairOrder } from './liens/verifier.ts';

const USAGE = 'Usage : npm run liens -- [--content DOSSIER] [--date AAAA-MM-JJ] [--sortie FICHIER] [--delai SECONDES] [--budget SECONDES] [--boucle-locale]';
const CONCURRENCY = 8;

function seconds(value: string, option: string, max: number): number {
  const n = Number(value);
  if (!(n > 0 && n <= max)) throw new UsageError(`${option} invalide : « ${value} ». Indiquez un nombre de secondes entre 1 et ${max}.\n\n${USAGE}`);
  return n;
}

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    {
      content: { type: 'string' },
      date: { type: 'string' },
      sortie: { type: 'string' },
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

  const result = loadRegistry(contentDir, { date });
  const errors = blockingErrors(result.problems);
  if (errors.length > 0) {
    console.error(formatText({ files: result.files, entities: result.entities, problems: withPathPrefix(errors, relative(process.cwd(), contentDir)) }));
    return 1;
  }
  const links = proofLinks(result.registry);
  const urls = fairOrder(links.map((l) => ({ url: l.url, owner: l.prestataire ?? '(missions)' })), date);
  const checked = await checkLinks(urls, { timeoutMs: timeout * 1000, budgetMs: budget * 1000, concurrency: CONCURRENCY, allowLoopback: values['boucle-locale'] });
  const report: LinkReport = { date, verifies: checked.checked, morts: checked.dead, ...(checked.skipped > 0 ? { non_verifies: checked.skipped } : {}) };
  const prefix = relative(process.cwd(), contentDir);
  for (const d of report.morts) {
    for (const l of links.filter((x) => x.url === d.url)) console.log(`${prefix}/${l.fichier}  avertissement : lien mort (${d.raison}) dans « ${l.champ} » : ${d.url}`);
  }
  const n = checked.checked;
  console.log(`${n} lien${n > 1 ? 's' : ''} vérifié${n > 1 ? 's' : ''}, ${checked.dead.length} mort${checked.dead.length > 1 ? 's' : ''}.`);
  if (checked.skipped > 0) {
    console.log(`${checked.skipped} lien${checked.skipped > 1 ? 's' : ''} non vérifié${checked.skipped > 1 ? 's' : ''} dans le temps imparti (${budget} s) : ni morts ni vivants ; l’ordre change chaque jour, ils le seront un autre jour.`);
  }
  if (values.sortie) writeFileSync(values.sortie, `${JSON.stringify(report, null, 2)}\n`);
  return 0;
});
