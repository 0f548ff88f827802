// npm run reglages-forge [-- --appliquer] [--depot owner/name]
// Prints the forge settings the registry relies on (MAINTENANCE.md), and, with a token,
// which of them differ on the forge. Changes nothing unless --appliquer is given
// (a token with administration rights on the repository); then reads the forge again
// and fails (exit 1) if it does not say what was written.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_BRANCH } from '../site.config.mjs';
import { maintainersFrom, MAINTAINERS_FILE } from '../src/domain/contribution/owners.ts';
import { forgeClient, forgeErrorMessage, repositoryOf } from '../src/forge/client.ts';
import { settingsPlan, wantedSettings, type SettingChange, type SettingsPlan } from '../src/forge/settings.ts';
import { fictionalAccounts, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run reglages-forge -- [--appliquer] [--depot organisation/depot]';
const PR_WORKFLOW = '.github/workflows/ci.yml';

/** The required checks: the names of the pull-request workflow's jobs, as the forge shows them. */
function requiredChecks(): string[] {
  const workflow = parse(readFileSync(PR_WORKFLOW, 'utf8')) as { jobs: Record<string, { name?: string }> };
  return Object.entries(workflow.jobs).map(([id, job]) => job.name ?? id);
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const listed = (changes: readonly SettingChange[]) => changes.map((c) => `- ${c.what}\n    actuel : ${c.current}\n    attendu : ${c.wanted}`).join('\n');

/** The plan in French: what the command would change, what a maintainer must do by hand, what is pending. */
function printPlan(plan: SettingsPlan): void {
  const automatic = plan.changes.filter((c) => c.apply);
  const manual = plan.changes.filter((c) => !c.apply);
  if (automatic.length > 0) console.log(`\n${plural(automatic.length, 'réglage à changer', 'réglages à changer')} :\n${listed(automatic)}`);
  if (manual.length > 0) console.log(`\nÀ faire à la main (la commande ne peut pas le faire) :\n${listed(manual)}`);
  if (plan.notes.length > 0) console.log(`\nEn attente :\n${plan.notes.map((n) => `- ${n}`).join('\n')}`);
}

await runCli(async () => {
  const { values } = parseCli(process.argv.slice(2), { appliquer: { type: 'boolean', default: false }, depot: { type: 'string' } }, USAGE);
  const where = repositoryOf(values.depot);
  if (!where) throw new UsageError(`Dépôt invalide : « ${values.depot} ». Écrivez organisation/depot.\n\n${USAGE}`);
  const token = process.env.GITHUB_TOKEN ?? '';
  if (values.appliquer && !token) throw new UsageError(`GITHUB_TOKEN manque : --appliquer demande un jeton avec le droit d'administrer le dépôt.\n\n${USAGE}`);
  const maintainers = maintainersFrom(readFileSync(MAINTAINERS_FILE, 'utf8'));
  if (!maintainers.ok) throw new UsageError(maintainers.message);
  const sampleAccounts = fictionalAccounts();
  const fictional = maintainers.mainteneurs.filter((m) => sampleAccounts.has(m.toLowerCase()));
  if (values.appliquer && fictional.length > 0) {
    // Applied, the plan would invite these accounts with Maintain: they exist on GitHub or may one day.
    throw new UsageError(
      `${MAINTAINERS_FILE} nomme encore les comptes fictifs de l’exemple (${fictional.map((m) => `@${m}`).join(', ')}) : --appliquer leur donnerait l’accès en écriture. Rien n’a été changé.\nLancez d’abord « npm run demarrer » (il écrit les vrais comptes des mainteneurs), ou remplacez-les à la main (MAINTENANCE.md, « Mettre en ligne »).`,
    );
  }

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
  const wanted = wantedSettings({ branch: DEFAULT_BRANCH, mainteneurs: maintainers.mainteneurs, checks: requiredChecks(), organisation });

  console.log(`Réglages attendus pour ${where.owner}/${where.repo} (voir MAINTENANCE.md) :`);
  console.log(`- Dépôt : ${JSON.stringify(wanted.repository)}`);
  console.log(`- Protection de ${wanted.branch} : ${JSON.stringify(wanted.protection)} (vérifications rendues par GitHub Actions seulement)`);
  console.log(`- GitHub Pages : source « GitHub Actions » (${JSON.stringify(wanted.pages)})`);
  console.log(`- Environnement ${wanted.environment.name} : seule ${wanted.environment.branches.join(', ')} peut publier`);
  console.log(
    `- Jeton des flux : ${JSON.stringify(wanted.workflows)} (lecture seule par défaut ; les flux peuvent ouvrir des demandes, ce que fait le robot des issues de déclaration ; leurs approbations ne comptent pas : seule celle d’un mainteneur compte)`,
  );
  for (const l of wanted.labels) console.log(`- Étiquette « ${l.name} » : ${l.description}`);
  console.log(`- .github/CODEOWNERS : « ${wanted.codeowners} »`);
  for (const c of wanted.collaborators) console.log(`- Accès Maintain pour @${c.login} : ${c.why}`);
  console.log('- Personne d’autre n’a d’accès en écriture : prestataires et gardiens contribuent depuis leur copie du dépôt (fork), le formulaire d’issue ou /declarer/.');

  if (fictional.length > 0) console.log(`\nAttention : ${fictional.map((m) => `@${m}`).join(', ')} ${fictional.length > 1 ? 'sont des comptes fictifs' : 'est un compte fictif'} de l’exemple ; --appliquer refusera tant que ${MAINTAINERS_FILE} ${fictional.length > 1 ? 'les' : 'le'} nomme.`);
  if (!forge) {
    console.log('\nSans GITHUB_TOKEN, la forge n’est pas lue : voici seulement les réglages attendus. Rien n’a été changé.');
    return 0;
  }
  try {
    const plan = await settingsPlan(forge, where, wanted);
    const automatic = plan.changes.filter((c) => c.apply);
    if (plan.changes.length === 0) console.log('\nLa forge est déjà réglée ainsi : rien à changer.');
    printPlan(plan);
    if (automatic.length === 0) return 0;
    if (!values.appliquer) {
      console.log(`\nEssai à blanc : rien n’a été changé. Relancez avec --appliquer pour appliquer ${automatic.length > 1 ? 'ces réglages' : 'ce réglage'}.`);
      return 0;
    }
    for (const c of automatic) await c.apply!(forge, where);
    console.log(`\nFait : ${plural(automatic.length, 'réglage appliqué', 'réglages appliqués')}.`);
    // What was written, read back: a forge that ignored a field (an older GitHub
    // Enterprise, a plan without environments) must not pass for a set one.
    const left = (await settingsPlan(forge, where, wanted)).changes.filter((c) => c.apply);
    if (left.length > 0) {
      console.error(`\nRelue après coup, la forge ne dit pas ce qui a été écrit pour ${plural(left.length, 'réglage', 'réglages')} :\n${listed(left)}`);
      return 1;
    }
    console.log('Relue après coup, la forge dit bien ce qui a été écrit.');
    return 0;
  } catch (error) {
    console.error(forgeErrorMessage(error));
    return 1;
  }
});
