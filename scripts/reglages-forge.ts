// npm run reglages-forge [-- --appliquer] [--content DIR] [--depot owner/name]
// Prints the forge settings the registry relies on (MAINTENANCE.md), and, with a token,
// which of them differ on the forge. Changes nothing unless --appliquer is given
// (a token with administration rights on the repository).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_BRANCH } from '../site.config.mjs';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { maintainersFrom, MAINTAINERS_FILE, ownersOf } from '../src/domain/contribution/owners.ts';
import { forgeClient, forgeErrorMessage, repositoryOf } from '../src/forge/client.ts';
import { settingsPlan, wantedSettings } from '../src/forge/settings.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run reglages-forge -- [--appliquer] [--content DOSSIER] [--depot organisation/depot]';
const PR_WORKFLOW = '.github/workflows/ci.yml';

/** The required checks: the names of the pull-request workflow's jobs, as the forge shows them. */
function requiredChecks(): string[] {
  const workflow = parse(readFileSync(PR_WORKFLOW, 'utf8')) as { jobs: Record<string, { name?: string }> };
  return Object.entries(workflow.jobs).map(([id, job]) => job.name ?? id);
}

await runCli(async () => {
  const { values } = parseCli(process.argv.slice(2), { appliquer: { type: 'boolean', default: false }, content: { type: 'string' }, depot: { type: 'string' } }, USAGE);
  const where = repositoryOf(values.depot);
  if (!where) throw new UsageError(`Dépôt invalide : « ${values.depot} ». Écrivez organisation/depot.\n\n${USAGE}`);
  const token = process.env.GITHUB_TOKEN ?? '';
  if (values.appliquer && !token) throw new UsageError(`GITHUB_TOKEN manque : --appliquer demande un jeton avec le droit d'administrer le dépôt.\n\n${USAGE}`);
  const maintainers = maintainersFrom(readFileSync(MAINTAINERS_FILE, 'utf8'));
  if (!maintainers.ok) throw new UsageError(maintainers.message);
  // Ownership does not depend on the date; the loader wants one for its checks.
  const result = loadRegistry(contentDirOption(values.content), { date: dateOption(undefined) });

  const forge = token ? forgeClient(token) : null;
  let organisation = true;
  if (forge) {
    try {
      organisation = (await forge.rest.repos.get(where)).data.owner?.type !== 'User';
    } catch (error) {
      console.error(forgeErrorMessage(error));
      return 1;
    }
  }
  const wanted = wantedSettings({ branch: DEFAULT_BRANCH, mainteneurs: maintainers.mainteneurs, owners: ownersOf(result), checks: requiredChecks(), organisation });

  console.log(`Réglages attendus pour ${where.owner}/${where.repo} (voir MAINTENANCE.md) :`);
  console.log(`- Dépôt : ${JSON.stringify(wanted.repository)}`);
  console.log(`- Protection de ${wanted.branch} : ${JSON.stringify(wanted.protection)}`);
  console.log(`- GitHub Pages : source « GitHub Actions » (${JSON.stringify(wanted.pages)})`);
  console.log(`- Jeton des flux : ${JSON.stringify(wanted.workflows)} (lecture seule par défaut ; les flux peuvent ouvrir des demandes)`);
  for (const l of wanted.labels) console.log(`- Étiquette « ${l.name} » : ${l.description}`);
  for (const c of wanted.collaborators) console.log(`- Accès ${c.permission} pour @${c.login} : ${c.why}`);

  if (!forge) {
    console.log('\nSans GITHUB_TOKEN, la forge n’est pas lue : voici seulement les réglages attendus. Rien n’a été changé.');
    return 0;
  }
  try {
    const changes = await settingsPlan(forge, where, wanted);
    if (changes.length === 0) {
      console.log('\nLa forge est déjà réglée ainsi : rien à changer.');
      return 0;
    }
    console.log(`\n${changes.length} réglage${changes.length > 1 ? 's' : ''} à changer :`);
    for (const c of changes) console.log(`- ${c.what}\n    actuel : ${c.current}\n    attendu : ${c.wanted}`);
    if (!values.appliquer) {
      console.log('\nEssai à blanc : rien n’a été changé. Relancez avec --appliquer pour appliquer ces réglages.');
      return 0;
    }
    for (const c of changes) await c.apply(forge, where);
    console.log(`\nFait : ${changes.length} réglage${changes.length > 1 ? 's' : ''} appliqué${changes.length > 1 ? 's' : ''}.`);
    return 0;
  } catch (error) {
    console.error(forgeErrorMessage(error));
    return 1;
  }
});
