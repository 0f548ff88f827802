// npm run pret [-- --content DIR]
// Before going live, and in the publication workflow before deploying: names each thing
// still taken from the fictional sample or left as a placeholder (the association's
// details in site.config.mjs, the sample's content and accounts), with where to change it.
// Exit 0 when nothing blocks the publication, 1 otherwise, 2 on a usage error.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST, MAINTAINERS_EMAIL, PUBLISHER } from '../site.config.mjs';
import { maintainersFrom, MAINTAINERS_FILE } from '../src/domain/contribution/owners.ts';
import { readinessOf } from '../src/domain/contribution/readiness.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { today } from '../src/domain/registry/dates.ts';
import { contentDirOption, parseCli, runCli } from './cli.ts';

const USAGE = 'Usage : npm run pret -- [--content DOSSIER]';
const CODEOWNERS = '.github/CODEOWNERS';

await runCli(() => {
  const { values } = parseCli(process.argv.slice(2), { content: { type: 'string' } }, USAGE);
  const contentDir = contentDirOption(values.content);
  const read = existsSync(MAINTAINERS_FILE) ? maintainersFrom(readFileSync(MAINTAINERS_FILE, 'utf8')) : null;
  const owners = existsSync(CODEOWNERS) ? [...readFileSync(CODEOWNERS, 'utf8').matchAll(/@([A-Za-z0-9][A-Za-z0-9-]*)/g)].map((m) => m[1]) : [];
  const date = today();
  const { registry } = loadRegistry(contentDir, { date });
  // Once started, the sample sits in exemple/: what content/ copied of it is named.
  const sample = !registry.registre?.data.exemple && existsSync(join('exemple', 'registre.yaml')) ? loadRegistry('exemple', { date }).registry : null;
  const items = readinessOf({ publisher: PUBLISHER, host: HOST, maintainersEmail: MAINTAINERS_EMAIL, maintainers: read?.ok ? read.mainteneurs : [], codeowners: owners, registry, sample });
  const blocking = items.filter((i) => i.bloquant);
  for (const item of items) console.log(`${item.fichier}  ${item.bloquant ? 'à remplacer' : 'à noter'} : ${item.quoi}\n    Conseil : ${item.conseil}.`);
  if (blocking.length > 0) {
    console.log(`\nPas prêt pour la mise en ligne : ${blocking.length} chose${blocking.length > 1 ? 's' : ''} à remplacer (README, « Mettre en ligne »).`);
    return 1;
  }
  console.log(`\nPrêt pour la mise en ligne${items.length > 0 ? ` (${items.length} chose${items.length > 1 ? 's' : ''} à noter ci-dessus)` : ''}.`);
  return 0;
});
