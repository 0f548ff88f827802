// npm run demarrer -- [--nom …] [--adresse …] … [--mainteneurs a,b] [--date AAAA-MM-JJ]
// Starts the network's own registry from the shipped sample, once: asks for (or reads
// from the options) the association's details and writes them to the one config
// (site.config.mjs); moves the fictional sample from content/ to exemple/, where the
// tests keep reading it (git mv when it is tracked, so its history follows); writes the
// first files of the new content/ (registre.yaml with exemple: false, the sample's rules
// in force copied as a still-example rules file in effect from today, the network's
// commons without the sample's accounts, empty folders) and the maintainers'
// accounts (.github/mainteneurs.yaml and CODEOWNERS), the sample's own fictional details
// kept for the tests (tests/fixtures/exemple-configuration.json); then checks the new registry as
// `npm run validate` would, and says what is left (npm run pret).
// Exit 0 when started, 1 when the new registry does not validate, 2 on a usage error
// (missing or wrong details, already started, a folder in the way).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { simpleGit } from 'simple-git';
import { associationFrom, associationIn, codeownersText, DETAILS, detailOf, GITHUB_PAGES_HOST, maintainersText, problemsOf, startedNetworkText, startedRegistryText, startedRulesText, withAssociation } from '../src/domain/contribution/start.ts';
import { CODEOWNERS_FILE, maintainersFrom, MAINTAINERS_FILE } from '../src/domain/contribution/owners.ts';
import { sampleAccounts } from '../src/domain/contribution/readiness.ts';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { rulesOn } from '../src/domain/rules/rules.ts';
import { dateOption, parseCli, runCli, UsageError } from './cli.ts';

const CONFIG = 'site.config.mjs';
const CONTENT = 'content';
const SAMPLE = 'exemple';
const SAMPLE_CONFIG = 'tests/fixtures/exemple-configuration.json';
const HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
/** Option name of each detail. */
const FLAG: Record<string, string> = {
  nom: 'nom',
  forme: 'forme',
  adresse: 'adresse',
  directeur_publication: 'directeur',
  contact: 'contact',
  courriel_declarations: 'courriel',
  'hebergeur.nom': 'hebergeur',
  'hebergeur.adresse': 'adresse-hebergeur',
  adresse_site: 'site',
  depot: 'depot',
};
const USAGE = `Usage : npm run demarrer -- [${Object.values(FLAG).map((f) => `--${f} …`).join('] [')}] [--mainteneurs compte1,compte2] [--date AAAA-MM-JJ] [--regles-depuis AAAA-MM-JJ]
Sans option, la commande pose les questions une à une (dans un terminal).
--regles-depuis : le premier jour que jugent les règles, pour enregistrer les missions déjà faites (par défaut, le jour du démarrage).`;

await runCli(async () => {
  const options = Object.fromEntries(Object.values(FLAG).map((f) => [f, { type: 'string' as const }]));
  const { values } = parseCli(process.argv.slice(2), { ...options, mainteneurs: { type: 'string' }, date: { type: 'string' }, 'regles-depuis': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const day = dateOption(values.date);
  // Missions done before the registry starts are judged by its first rules from this day on.
  const inForceFrom = values['regles-depuis'] === undefined ? day : dateOption(values['regles-depuis']);
  if (inForceFrom > day) throw new UsageError(`--regles-depuis ${inForceFrom} est après le jour du démarrage (${day}) : les règles s'appliquent au plus tard dès aujourd'hui.`);
  const flags = values as Record<string, string | undefined>;

  const started = refusal();
  if (started) throw new UsageError(started);

  const configText = readFileSync(CONFIG, 'utf8');
  const current = associationIn(configText);
  if (!current) throw new UsageError(`${CONFIG} : le bloc entre « // ASSOCIATION-DEBUT » et « // ASSOCIATION-FIN » est absent ou n'est plus du JSON.\n    Conseil : reprenez-le du dépôt d'origine, puis relancez la commande.`);

  const answers: Record<string, string | undefined> = Object.fromEntries(DETAILS.map((d) => [d.cle, flags[FLAG[d.cle]]]));
  let handles = values.mainteneurs;
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  if (interactive) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      console.log('Démarrer le registre du réseau. Entrée garde la valeur proposée entre crochets.\n');
      for (const detail of DETAILS) {
        if (answers[detail.cle] !== undefined) continue;
        const proposed = proposal(detail.cle, detailOf(current, detail.cle));
        for (;;) {
          const typed = (await rl.question(`${detail.question}${proposed ? ` [${proposed}]` : ` (ex. : ${detail.exemple})`} : `)).trim();
          const value = typed || proposed;
          const why = value === '' ? (detail.obligatoire ? 'à remplir' : null) : detail.verifier(value);
          if (!why) {
            answers[detail.cle] = value;
            break;
          }
          console.log(`  ${why}.`);
        }
      }
      while (!handles) handles = (await rl.question('Comptes de forge des mainteneurs, séparés par des virgules : ')).trim() || undefined;
    } catch (error) {
      // Ctrl-D (or Ctrl-C) closes the questions: the person stopped, nothing was written yet.
      if ((error as { code?: string })?.code === 'ABORT_ERR') throw new UsageError('\nInterrompu avant la fin des questions : rien n’a été modifié. Relancez « npm run demarrer » quand vous voulez.');
      throw error;
    } finally {
      rl.close();
    }
  } else {
    // Not in a terminal: the hosting defaults to GitHub Pages', said in the summary.
    answers['hebergeur.nom'] ??= GITHUB_PAGES_HOST.nom;
    answers['hebergeur.adresse'] ??= GITHUB_PAGES_HOST.adresse;
  }

  // The sample (still in content/): its rules in force today, its network's commons, its fictional accounts.
  const sample = loadRegistry(CONTENT, { date: day }).registry;
  const fictional = sampleAccounts(sample);
  const association = associationFrom(answers);
  const problems = problemsOf(association);
  const maintainers = (handles ?? '').split(/[\s,;]+/).map((h) => h.replace(/^@/, '')).filter(Boolean);
  if (maintainers.length === 0) problems.push('mainteneurs : au moins un compte de forge (--mainteneurs compte1,compte2)');
  for (const handle of maintainers) {
    if (!HANDLE.test(handle)) problems.push(`mainteneurs : « ${handle} » n'est pas un compte de forge (lettres, chiffres et tirets)`);
    else if (fictional.has(handle.toLowerCase())) problems.push(`mainteneurs : « ${handle} » est un compte fictif de l'exemple`);
  }
  if (problems.length > 0) {
    const flagsOf = problems.map((p) => p.split(' : ')[0]).map((k) => (FLAG[k] ? `--${FLAG[k]}` : k === 'mainteneurs' ? '--mainteneurs' : k));
    throw new UsageError(
      `Rien n'a été modifié : ${problems.length === 1 ? 'une information manque ou ne convient pas' : `${problems.length} informations manquent ou ne conviennent pas`}.\n${problems.map((p) => `  - ${p}`).join('\n')}\n    Conseil : donnez-les avec ${[...new Set(flagsOf)].join(', ')}, ou lancez la commande dans un terminal pour répondre aux questions.\n\n${USAGE}`,
    );
  }

  const inForce = rulesOn(sample.regles.map((entry) => entry.data), day);
  const rules = sample.regles.find((entry) => entry.data === inForce);
  if (!rules) throw new UsageError(`Aucune règle de l'exemple n'est en vigueur le ${day} : le registre ne peut pas commencer sans cadre de règles.`);
  const rulesText = readFileSync(join(CONTENT, rules.file), 'utf8');
  const network = rules.data.reseau;

  await moveSample();
  // The sample's fictional association and maintainers are kept for the tests, which check
  // that they are refused (tests/helpers.ts, SAMPLE_CONFIG).
  const sampleMaintainers = existsSync(MAINTAINERS_FILE) ? maintainersFrom(readFileSync(MAINTAINERS_FILE, 'utf8')) : null;
  mkdirSync(dirname(SAMPLE_CONFIG), { recursive: true });
  writeFileSync(
    SAMPLE_CONFIG,
    `${JSON.stringify({ association: current, mainteneurs: sampleMaintainers?.ok ? sampleMaintainers.mainteneurs : [] }, null, 2)}\n`,
  );
  for (const folder of ['prestataires', 'missions', 'communs', 'declarations', 'confirmations', 'regles']) {
    mkdirSync(join(CONTENT, folder), { recursive: true });
    writeFileSync(join(CONTENT, folder, '.gitkeep'), '');
  }
  writeFileSync(join(CONTENT, 'registre.yaml'), startedRegistryText(day));
  writeFileSync(join(CONTENT, 'regles', `${inForceFrom}.yaml`), startedRulesText(rulesText, day, `exemple/${rules.file}`, inForceFrom));
  writeFileSync(join(CONTENT, 'communs', `${network}.md`), startedNetworkText(network, association, day));
  writeFileSync(CONFIG, withAssociation(configText, association)!);
  writeFileSync(MAINTAINERS_FILE, maintainersText(maintainers));
  writeFileSync(CODEOWNERS_FILE, codeownersText(existsSync(CODEOWNERS_FILE) ? readFileSync(CODEOWNERS_FILE, 'utf8') : '', maintainers));

  const { problems: found } = loadRegistry(CONTENT, { date: day });
  const errors = found.filter((p) => p.severity === 'error');
  console.log(`Registre du réseau commencé le ${day}.
  - L'exemple fictif est dans ${SAMPLE}/ : les tests le lisent là ; il n'est ni publié ni rappelé.
  - ${CONFIG} : les coordonnées de ${association.nom}${answers['hebergeur.nom'] === GITHUB_PAGES_HOST.nom && !flags.hebergeur ? ' (hébergeur : GitHub Pages, à changer si vous publiez ailleurs)' : ''}.
  - ${MAINTAINERS_FILE} et ${CODEOWNERS_FILE} : ${maintainers.map((m) => `@${m}`).join(', ')}.
  - ${CONTENT}/regles/${inForceFrom}.yaml : les règles de l'exemple, toujours marquées « exemple » jusqu'à ce que l'association adopte les siennes.
  - ${CONTENT}/communs/${network}.md : le réseau, à relire ; ajoutez les comptes de ses gardiens.`);
  if (errors.length > 0) {
    console.log(`\nLe nouveau registre ne passe pas la validation :\n${formatText({ files: 0, entities: 0, problems: withPathPrefix(found, CONTENT) })}`);
    return 1;
  }
  console.log(`
Ensuite :
  1. ajoutez les prestataires, les communs et les missions (README, « Ajouter… ») ;
  2. npm run pret : ce qui reste à remplacer avant la mise en ligne ;
  3. git add -A && git commit -m "Démarrer le registre du réseau", puis MAINTENANCE.md dans l'ordre.`);
  return 0;
});

/** Why the registry cannot be started here, or null. */
function refusal(): string | null {
  if (!existsSync(CONFIG)) return `Lancez la commande à la racine du dépôt du registre (${CONFIG} introuvable).`;
  if (existsSync(SAMPLE)) return `Le dossier ${SAMPLE}/ existe déjà : le registre du réseau a déjà été commencé. Rien n'a été modifié.`;
  const registre = join(CONTENT, 'registre.yaml');
  if (!existsSync(registre) || !/^exemple:\s*true\s*$/m.test(readFileSync(registre, 'utf8'))) {
    return `${registre} ne dit pas « exemple: true » : ${CONTENT}/ n'est pas l'exemple fictif, la commande ne le déplace pas. Rien n'a été modifié.`;
  }
  return null;
}

/** The sample moves to exemple/: by git mv when it is tracked, so that its history follows. */
async function moveSample(): Promise<void> {
  const git = simpleGit();
  const tracked = (await git.checkIsRepo().catch(() => false)) && (await git.raw(['ls-files', '--', CONTENT]).catch(() => '')).trim() !== '';
  if (tracked) {
    // git mv renames the folder itself: files Git does not track follow it too.
    await git.raw(['mv', '--', CONTENT, SAMPLE]);
  } else {
    renameSync(CONTENT, SAMPLE);
  }
}

/** What to offer as the answer: the current value unless it is a placeholder; the host defaults to GitHub Pages'. */
function proposal(key: string, current: string): string {
  if (key === 'hebergeur.nom' && /à indiquer/.test(current)) return GITHUB_PAGES_HOST.nom;
  if (key === 'hebergeur.adresse' && /hébergeur/.test(current)) return GITHUB_PAGES_HOST.adresse;
  return problemsOf(associationFrom({ [key]: current })).some((p) => p.startsWith(`${key} :`)) ? '' : current;
}
