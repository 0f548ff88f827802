// npm run veille -- --flux FICHIER --resultat echec|reussite [--lien URL] [--date AAAA-MM-JJ] [--depot organisation/depot]
// Run by the last job of each scheduled workflow (publication, rappels): keeps the
// workflow enabled (GitHub disables scheduled workflows after 60 days without activity in
// a public repository), and opens, completes or closes the one issue that tells the
// maintainers it failed (src/forge/watch.ts). Needs GITHUB_TOKEN with « actions: write »
// and « issues: write », as the workflow's job grants.
import { existsSync, readFileSync } from 'node:fs';
import { maintainersFrom, MAINTAINERS_FILE } from '../src/domain/contribution/owners.ts';
import { frenchDate } from '../src/domain/registry/dates.ts';
import { forgeClient, forgeErrorMessage, repositoryOf } from '../src/forge/client.ts';
import { keepEnabled, reportRun } from '../src/forge/watch.ts';
import { dateOption, fictionalAccounts, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run veille -- --flux FICHIER.yml --resultat echec|reussite [--lien URL] [--date AAAA-MM-JJ] [--depot organisation/depot]';

const WORDS = { ouverte: 'issue ouverte pour les mainteneurs', completee: 'échec ajouté à l’issue déjà ouverte', fermee: 'issue d’échec fermée', rien: 'aucune issue d’échec ouverte' };

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { flux: { type: 'string' }, resultat: { type: 'string' }, lien: { type: 'string' }, date: { type: 'string' }, depot: { type: 'string' } },
    USAGE,
  );
  const workflow = values.flux ?? '';
  if (!/^[a-z0-9-]+\.ya?ml$/.test(workflow)) throw new UsageError(`Flux invalide : « ${workflow} ». Donnez le nom de son fichier dans .github/workflows/ (publication.yml).\n\n${USAGE}`);
  const result = values.resultat;
  if (result !== 'echec' && result !== 'reussite') throw new UsageError(`Résultat invalide : « ${result ?? ''} ». Écrivez echec ou reussite.\n\n${USAGE}`);
  const where = repositoryOf(values.depot);
  if (!where) throw new UsageError(`Dépôt invalide : « ${values.depot} ». Écrivez organisation/depot.\n\n${USAGE}`);
  const token = process.env.GITHUB_TOKEN ?? '';
  if (!token) throw new UsageError(`GITHUB_TOKEN manque : la veille écrit sur la forge (actions et issues).\n\n${USAGE}`);
  const date = dateOption(values.date);
  const read = existsSync(MAINTAINERS_FILE) ? maintainersFrom(readFileSync(MAINTAINERS_FILE, 'utf8')) : null;
  const fictional = fictionalAccounts();
  // The sample's fictional accounts are never @-mentioned: those accounts may exist on GitHub.
  const mainteneurs = read?.ok ? read.mainteneurs.filter((m) => !fictional.has(m.toLowerCase())) : [];
  const forge = forgeClient(token);
  let failed = false;
  try {
    await keepEnabled(forge, where, workflow);
    console.log(`${workflow} : gardé actif (GitHub arrête un flux programmé après 60 jours sans activité).`);
  } catch (error) {
    failed = true;
    console.error(`${workflow} : impossible de le garder actif. ${forgeErrorMessage(error)}`);
  }
  try {
    const outcome = await reportRun(forge, where, { workflow, result, link: values.lien ?? '(lien du passage non donné)', date, mainteneurs });
    console.log(`${workflow}, ${result === 'echec' ? 'échec' : 'réussite'} du ${frenchDate(date)} : ${WORDS[outcome]}.`);
  } catch (error) {
    failed = true;
    console.error(`${workflow} : l’issue d’échec n’a pas pu être tenue à jour. ${forgeErrorMessage(error)}`);
  }
  return failed ? 1 : 0;
});
