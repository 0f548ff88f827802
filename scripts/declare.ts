// npm run declare [-- --content DIR] [--date AAAA-MM-JJ] [--prestataire ID --mission ID ...]
// Asks a provider, in French, what they used and gave on a mission, writes
// content/declarations/<prestataire>/<mission>.yaml, validates it and says what to do next.
// Exit 0 written and valid (warnings allowed), 1 written but invalid, 2 usage error,
// 130 cancelled (nothing written).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Writable } from 'node:stream';
import * as p from '@clack/prompts';
import { REPOSITORY_URL } from '../site.config.mjs';
import { absoluteUrl } from '../src/site/url.ts';
import { VERSEMENT_STATUTS } from '../schemas/declaration.ts';
import { frenchAmount, frenchDate } from '../src/domain/registry/dates.ts';
import {
  answerProblem,
  buildDeclaration,
  cleanAnswer,
  declarableMissions,
  declarationFile,
  declarationYaml,
  draftProblems,
  parseFrenchNumber,
  type AnswerField,
  saysNothing,
  type DeclarationAnswers,
} from '../src/domain/contribution/declaration-file.ts';
import { expectedShare } from '../src/domain/rules/expected-share.ts';
import type { Declaration } from '../schemas/declaration.ts';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { loadRegistry, type LoadResult } from '../src/domain/rules/load.ts';
import { makeProblem, type Problem } from '../src/domain/registry/problems.ts';
import { suggest } from '../src/domain/registry/schema-issues.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = `Usage : npm run declare -- [--content DOSSIER] [--date AAAA-MM-JJ]
                          [--prestataire ID --mission ID [--commun-utilise ...]... [--argent ...]... [--nature ...]... [--commentaire TEXTE] [--completer | --remplacer]]
Dans un terminal, sans --commun-utilise, --argent, --nature ni --commentaire : les questions sont posées une à une
(--prestataire et --mission, s'ils sont donnés, répondent aux deux premières).`;

const HELP = `${USAGE}

Écrit content/declarations/<prestataire>/<mission>.yaml, le vérifie comme npm run validate,
puis indique comment le proposer.

Options :
  --content DOSSIER        dossier du registre (par défaut : content)
  --date AAAA-MM-JJ        date de référence et date de la déclaration (par défaut : aujourd'hui)
  --prestataire ID         vous : identifiant dans content/prestataires/
  --mission ID             identifiant de la mission (content/missions/)
  --commun-utilise "COMMUN:USAGE"
                           un commun utilisé et comment (répétable ; l'usage peut contenir « : »)
  --argent "COMMUN:MONTANT:STATUT[:DATE[:PREUVE]]"
                           un don en argent (répétable) ; MONTANT en euros (12,50 ou 12.50),
                           STATUT verse ou promis, DATE par défaut la date de référence
                           (laissez-la vide pour donner une preuve : "commun:50:verse::https://...")
  --nature "COMMUN:HEURES:DESCRIPTION[:LIEN][:DATE]"
                           une contribution en nature (répétable) ; HEURES comme 3 ou 1,5 ;
                           la description peut contenir « : » ; LIEN (http:// ou https://...) et
                           DATE (AAAA-MM-JJ) sont reconnus en fin de valeur
  --aucun-commun-utilise TEXTE
                           si vous n'avez utilisé aucun commun : dites-le en une phrase
  --pourquoi-rien-donne TEXTE
                           si vous n'avez rien donné : dites pourquoi en une phrase
  --commentaire TEXTE      un mot libre
  --completer              ajoute ces lignes à la déclaration existante (elle est gardée)
  --remplacer              remplace la déclaration si elle existe déjà

Une déclaration dit toujours quelque chose : au moins un commun utilisé, une contribution,
ou une phrase qui dit pourquoi rien (--aucun-commun-utilise, --pourquoi-rien-donne).
  -h, --help               cette aide

Exemple :
  npm run declare -- --prestataire alice-conseil --mission diagnostic-2025 \\
    --commun-utilise "movilab:Fiches méthode pour les ateliers" \\
    --argent "compagnie-des-tiers-lieux:150:verse:2025-07-01:https://exemple.org/recu" \\
    --nature "movilab:3:Fiche « gouvernance » mise à jour:https://exemple.org/fiche"`;

const OPTIONS = {
  content: { type: 'string' },
  date: { type: 'string' },
  prestataire: { type: 'string' },
  mission: { type: 'string' },
  'commun-utilise': { type: 'string', multiple: true },
  argent: { type: 'string', multiple: true },
  nature: { type: 'string', multiple: true },
  commentaire: { type: 'string' },
  'aucun-commun-utilise': { type: 'string' },
  'pourquoi-rien-donne': { type: 'string' },
  remplacer: { type: 'boolean' },
  completer: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseCli<typeof OPTIONS>>['values'];

/** The person stopped, or there is nothing to do: nothing is written. */
class Stopped extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
const CANCELLED = 'Abandon : rien n’a été écrit.';

/** What to print once the file is written: the validator's verdict on it, and what to do next. */
interface Report {
  exitCode: number;
  /** The file's errors and warnings, in validate's text format. */
  problems: string;
  verdict: string;
  nextSteps: string;
}

/** Validates the whole registry again, as CI will, and reports what concerns the new file. */
function validationReport(contentDir: string, file: string, date: string): Report {
  const result = loadRegistry(contentDir, { date });
  const prefix = relative(process.cwd(), contentDir);
  const mine = withPathPrefix(result.problems.filter((problem) => problem.file === file), prefix);
  const elsewhere = result.problems.filter((problem) => problem.file !== file && problem.severity === 'error').length;
  const problems = problemLines(mine);
  if (mine.some((problem) => problem.severity === 'error')) {
    return { exitCode: 1, problems, verdict: 'La déclaration est écrite mais ne passe pas la vérification : corrigez le fichier, puis lancez npm run validate.', nextSteps: '' };
  }
  const verdict =
    `La déclaration est valide${mine.length > 0 ? ' (les avertissements ne bloquent pas)' : ''}.` +
    (elsewhere > 0 ? ` Le registre contient ${elsewhere > 1 ? `${elsewhere} autres erreurs` : 'une autre erreur'}, dans d'autres fichiers : npm run validate les détaille.` : '');
  return { exitCode: 0, problems, verdict, nextSteps: nextSteps(join(prefix, file), file) };
}

/** The problems in validate's text format, without its summary line about the whole registry. */
function problemLines(problems: Problem[]): string {
  if (problems.length === 0) return '';
  return formatText({ files: 0, entities: 0, problems }).split('\n').slice(0, -2).join('\n');
}

function nextSteps(path: string, file: string): string {
  const [, prestataire, missionFile] = file.split('/');
  const mission = missionFile.replace(/\.yaml$/, '');
  const branch = `declaration-${prestataire}-${mission}`;
  return `Avec Git : vous n'avez pas le droit d'écrire dans le dépôt du registre, vous passez par
votre copie (« fork ») sur GitHub. Une fois pour toutes : sur ${REPOSITORY_URL},
bouton « Fork », puis « Create fork » ; ensuite, depuis le dossier du dépôt :
  git remote add fork https://github.com/<votre-compte>/${REPOSITORY_URL.split('/').pop()}.git   (une seule fois)
  git checkout -b ${branch}
  git add ${path}
  git commit -m "Déclaration de réciprocité : ${mission}"
  git push -u fork ${branch}
puis ouvrez le lien que git push affiche, et « Create pull request ». Pour une première
proposition, un mainteneur autorise le lancement des vérifications (« Approve and run »).

Sans Git : le formulaire ${absoluteUrl('/declarer/')} prépare le même fichier et l'envoie pour vous.
Le guide pas à pas : ${absoluteUrl('/contribuer/')}`;
}

// --- Flags -------------------------------------------------------------------

// Unknown ids are usage errors, said with the validator's own words and a suggestion.
function unknownId(code: 'prestataire_inconnu' | 'mission_inconnue', id: string, ids: Iterable<string>, broken: boolean): UsageError {
  if (broken) return new UsageError(`Le fichier de « ${id} » est invalide : corrigez-le d'abord (npm run validate).`);
  const { message, hint } = makeProblem(`${id}`, { line: 1, column: 1 }, code, { id, suggestion: suggest(id, [...ids]) });
  return new UsageError(`${message}\n${code === 'prestataire_inconnu' ? NO_PROFILE : hint}`);
}

/** What to do when nobody in the registry is you. */
const NO_PROFILE = `Si vous n'avez pas encore de fiche de prestataire, créez-la d'abord (content/prestataires/<votre-identifiant>.md,
avec votre compte GitHub dans comptes_forge) : ${absoluteUrl('/contribuer/')}#profil. Elle doit être fusionnée, et vous ajouté(e)
à l'équipe de la mission, avant de déclarer.`;

function checkPrestataire({ registry, invalid }: LoadResult, id: string): void {
  if (!registry.prestataires.has(id)) throw unknownId('prestataire_inconnu', id, registry.prestataires.keys(), invalid.prestataires.has(id));
}

function checkMission({ registry, invalid }: LoadResult, id: string): void {
  if (!registry.missions.has(id)) throw unknownId('mission_inconnue', id, registry.missions.keys(), invalid.missions.has(id));
}

/** "a:b:c:rest" split on its first n-1 colons: the last part keeps its own colons (links). */
function splitFirst(value: string, parts: number): string[] {
  const out: string[] = [];
  let rest = value;
  while (out.length < parts - 1) {
    const at = rest.indexOf(':');
    if (at < 0) break;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

function flagNumber(flag: string, field: AnswerField, text: string): number {
  const value = parseFrenchNumber(text);
  if (value === undefined) throw new UsageError(`--${flag} : ${answerProblem(field, text)}`);
  return value;
}

function answersFromFlags(values: Values, prestataire: string, mission: string, date: string): DeclarationAnswers {
  const syntax = (flag: string, value: string, expected: string) =>
    new UsageError(`--${flag} "${value}" : attendu "${expected}".\n\n${USAGE}\nDétails : npm run declare -- --help`);

  const communs_utilises = (values['commun-utilise'] ?? []).map((value) => {
    const [commun, usage] = splitFirst(value, 2);
    if (!commun || usage === undefined || !usage.trim()) throw syntax('commun-utilise', value, 'COMMUN:USAGE');
    return { commun, usage };
  });

  const contributions_argent = (values.argent ?? []).map((value) => {
    const [commun, montant, statut, when, preuve] = splitFirst(value, 5);
    if (!commun || !montant || !statut) throw syntax('argent', value, 'COMMUN:MONTANT:STATUT[:DATE[:PREUVE]]');
    return {
      commun,
      montant_eur: flagNumber('argent', 'montant_eur', montant),
      // The schema names the possible values if this is not one of them.
      statut: statut as (typeof VERSEMENT_STATUTS)[number],
      date: when || date,
      preuve: preuve || undefined,
    };
  });

  const contributions_nature = (values.nature ?? []).map((value) => {
    const [commun, heures, rest] = splitFirst(value, 3);
    if (!commun || !heures || rest === undefined) throw syntax('nature', value, 'COMMUN:HEURES:DESCRIPTION[:LIEN][:DATE]');
    // The description may hold colons: the date and the link are recognised at the end.
    let description = rest;
    let when: string | undefined;
    let lien: string | undefined;
    const dated = /^(.*):(\d{4}-\d{2}-\d{2})$/s.exec(description);
    if (dated) [, description, when] = dated;
    const linked = /^(.*):([a-z][a-z0-9+.-]*:\/\/\S*)$/is.exec(description);
    if (linked) [, description, lien] = linked;
    if (!description.trim()) throw syntax('nature', value, 'COMMUN:HEURES:DESCRIPTION[:LIEN][:DATE]');
    return { commun, description, heures: flagNumber('nature', 'heures', heures), lien, date: when ?? date };
  });

  return {
    prestataire,
    mission,
    date,
    communs_utilises,
    contributions_argent,
    contributions_nature,
    aucun_commun_utilise: values['aucun-commun-utilise'],
    pourquoi_rien_donne: values['pourquoi-rien-donne'],
    commentaire: values.commentaire,
  };
}

/** The existing declaration with the new lines added after its own (--completer, « Compléter »). */
function amended(existing: Declaration, added: DeclarationAnswers): DeclarationAnswers {
  return {
    ...existing,
    date: added.date,
    communs_utilises: [...existing.communs_utilises, ...(added.communs_utilises ?? [])],
    contributions_argent: [...existing.contributions_argent, ...(added.contributions_argent ?? [])],
    contributions_nature: [...existing.contributions_nature, ...(added.contributions_nature ?? [])],
    aucun_commun_utilise: added.aucun_commun_utilise ?? existing.aucun_commun_utilise,
    pourquoi_rien_donne: added.pourquoi_rien_donne ?? existing.pourquoi_rien_donne,
    commentaire: [existing.commentaire, added.commentaire].filter(Boolean).join(' ') || undefined,
  };
}

const existingDeclaration = ({ registry }: LoadResult, prestataire: string, mission: string): Declaration | undefined =>
  registry.declarations.find((d) => d.file === declarationFile(prestataire, mission))?.data;

const SAYS_NOTHING = `Une déclaration dit toujours quelque chose : ajoutez au moins un commun utilisé (--commun-utilise),
une contribution (--argent, --nature), ou une phrase qui dit pourquoi rien (--aucun-commun-utilise, --pourquoi-rien-donne).`;

// --- Questions ---------------------------------------------------------------

// @clack/prompts 1.9.0 writes its key hints in English; every prompt writes through
// this stream, which puts them in French (the words are matched with the colour
// codes that may sit between them).
const C = '((?:\\x1b\\[[0-9;]*m)*)';
const FRENCH: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  [new RegExp(`↑/↓${C} to navigate`, 'g'), '↑/↓$1 se déplacer'],
  [new RegExp(`↑/↓${C} to select`, 'g'), '↑/↓$1 choisir'],
  [new RegExp(`Space/Tab:${C} select`, 'g'), 'Espace/Tab :$1 cocher'],
  [new RegExp(`Space:${C} select`, 'g'), 'Espace :$1 cocher'],
  [new RegExp(`Tab:${C} select`, 'g'), 'Tab :$1 cocher'],
  [new RegExp(`Enter:${C} confirm`, 'g'), 'Entrée :$1 valider'],
  [new RegExp(`Type:${C} to search`, 'g'), 'Lettres :$1 chercher'],
  [/Search:/g, 'Recherche :'],
  [/\((\d+) match(?:es)?\)/g, (_, n: string) => `(${n} ${Number(n) > 1 ? 'trouvés' : 'trouvé'})`],
  [/No matches found/g, 'Aucun résultat'],
  [new RegExp(`(│  ${C})none(${C})$`, 'gm'), '$1aucun$3'],
];

class FrenchTerminal extends Writable {
  constructor(private readonly target: NodeJS.WriteStream) {
    super({ decodeStrings: false });
    target.on('resize', () => this.emit('resize'));
  }
  get columns(): number | undefined {
    return this.target.columns;
  }
  get rows(): number | undefined {
    return this.target.rows;
  }
  get isTTY(): boolean {
    return this.target.isTTY === true;
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    let text = String(chunk);
    for (const [pattern, french] of FRENCH) text = typeof french === 'string' ? text.replace(pattern, french) : text.replace(pattern, french);
    // Synchronous pass-through keeps the prompts and console.log in order.
    this.target.write(text);
    callback();
  }
}

const terminal = new FrenchTerminal(process.stdout);
const io = { output: terminal };

async function ask<T>(prompt: Promise<T | symbol>): Promise<Exclude<T, symbol>> {
  const value = await prompt;
  if (p.isCancel(value)) throw new Stopped(130, CANCELLED);
  return value as Exclude<T, symbol>;
}

/** A payment said to be made cannot be dated after the reference date: the validator's own message (versement_futur). */
const notAfter = (date: string) => (answer: string) => {
  if (!answer || answer <= date) return undefined;
  const { message, hint } = makeProblem('', { line: 1, column: 1 }, 'versement_futur', { date: frenchDate(answer), reference: frenchDate(date) });
  return `${message} ${hint}`;
};

/** A hint that fits on the line of its option. */
const short = (text: string) => (text.length > 70 ? `${text.slice(0, 69).trimEnd()}…` : text);
const withoutAccents = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const matches = (search: string, option: { label?: string; value: unknown; hint?: string }) =>
  withoutAccents(`${option.label ?? ''} ${String(option.value)} ${option.hint ?? ''}`).includes(withoutAccents(search));

/** A text prompt checked by the schema's rule for the field; empty means the default or nothing. */
function askText(
  message: string,
  field: AnswerField,
  options: { placeholder?: string; defaultValue?: string; optional?: boolean; check?: (answer: string) => string | undefined } = {},
) {
  return ask(
    p.text({
      ...io,
      message,
      placeholder: options.placeholder ?? options.defaultValue,
      defaultValue: options.defaultValue,
      validate: (value) => {
        const answer = (value ?? '').trim();
        if (answer === '') {
          if (options.defaultValue !== undefined || options.optional) return undefined;
          return 'Cette réponse est obligatoire.';
        }
        return answerProblem(field, answer) ?? options.check?.(cleanAnswer(field, answer));
      },
    }),
  ).then((value) => cleanAnswer(field, value ?? ''));
}

async function askAnswers(loaded: LoadResult, contentDir: string, date: string, values: Values): Promise<DeclarationAnswers> {
  const { registry } = loaded;
  // Between two prompts Ctrl-C is a signal, not a key.
  const onInterrupt = () => {
    p.cancel(CANCELLED, io);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  const label = (nom: string, id: string) => `${nom} (${id})`;
  const byName = <T extends { nom: string }>(a: T, b: T) => a.nom.localeCompare(b.nom, 'fr');
  const communs = [...registry.communs.values()].map((c) => c.data).sort(byName);
  const communLabel = (id: string) => label(registry.communs.get(id)!.data.nom, id);

  p.intro('Déclarer la réciprocité d’une mission', io);
  p.log.info(`Date de référence : ${frenchDate(date)}. Ctrl-C pour abandonner à tout moment : rien n'est écrit avant la fin.`, io);

  if (values.prestataire) checkPrestataire(loaded, values.prestataire);
  if (values.mission) checkMission(loaded, values.mission);
  const prestataire =
    values.prestataire ?? await ask(
    p.autocomplete({
      ...io,
      message: 'Qui êtes-vous ? Tapez une partie de votre nom, puis Entrée.',
      options: [...registry.prestataires.values()].map((e) => e.data).sort(byName).map((d) => ({ value: d.id, label: label(d.nom, d.id) })),
      filter: matches,
      maxItems: 8,
    }),
  );
  // Enter on a name that matches nobody gives no value: say how to get a profile.
  if (!prestataire || !registry.prestataires.has(prestataire)) throw new Stopped(2, `Aucune fiche de prestataire ne correspond.\n${NO_PROFILE}`);

  const candidates = declarableMissions(loaded, prestataire, date);
  if (values.mission) {
    if (!candidates.some((c) => c.mission.id === values.mission)) {
      const refused = draftProblems(loaded, { prestataire, mission: values.mission, date }, date).find((problem) => problem.severity === 'error');
      throw new UsageError(refused ? `${refused.message}\n${refused.hint}` : `Impossible de déclarer pour « ${values.mission} ».`);
    }
  }
  if (candidates.length === 0) {
    p.log.warn(
      `Aucune mission commencée au ${frenchDate(date)} n'a « ${prestataire} » dans son équipe : rien à déclarer pour l'instant.\n` +
        `Si vous avez participé à une mission, demandez d'abord votre ajout à l'équipe dans son fichier (content/missions/<mission>.md).`,
      io,
    );
    throw new Stopped(0, 'Rien n’a été écrit.');
  }

  let mission = values.mission;
  let base: Declaration | undefined;
  for (;;) {
    mission ??= await ask(
      p.select({
        ...io,
        message: 'Pour quelle mission ? (les missions pas encore déclarées d’abord)',
        options: candidates.map(({ mission: m, declared }) => ({
          value: m.id,
          label: `${m.titre} (${m.id})${declared ? ' — déjà déclarée' : ''}`,
          hint: m.statut === 'terminee' ? `terminée le ${frenchDate(m.fin!)}` : m.statut === 'abandonnee' ? 'abandonnée' : `en cours depuis le ${frenchDate(m.debut!)}`,
        })),
        maxItems: 10,
      }),
    );
    const existing = join(contentDir, declarationFile(prestataire, mission));
    if (!existsSync(existing) || values.remplacer) break;
    const previous = existingDeclaration(loaded, prestataire, mission);
    const choice = await ask(
      p.select({
        ...io,
        message: `Une déclaration existe déjà (${relative(process.cwd(), existing)}). Que voulez-vous faire ?`,
        options: [
          ...(previous ? [{ value: 'completer' as const, label: 'La compléter', hint: 'garder ce qui y est, marquer une promesse comme versée, ajouter des lignes' }] : []),
          { value: 'remplacer' as const, label: 'La remplacer entièrement par de nouvelles réponses' },
          { value: 'garder' as const, label: 'La garder telle quelle' },
        ],
        initialValue: previous ? ('completer' as const) : ('garder' as const),
      }),
    );
    if (choice === 'completer') {
      base = previous;
      break;
    }
    if (choice === 'remplacer') break;
    if (values.mission) throw new Stopped(0, 'La déclaration existante est conservée ; rien n’a été écrit.');
    p.log.info('Elle est conservée. Choisissez une autre mission, ou Ctrl-C pour arrêter.', io);
    mission = undefined;
  }

  const share = expectedShare(registry, prestataire, mission);
  if (share) p.note(share.calcul, `Réciprocité attendue de vous : ${frenchAmount(share.part_eur)} € (argent et nature)`, io);

  // Amending: a promise may have been paid since.
  const kept = base ? { ...base, contributions_argent: [...base.contributions_argent] } : undefined;
  for (const [i, c] of (kept?.contributions_argent ?? []).entries()) {
    if (c.statut !== 'promis') continue;
    const paid = await ask(
      p.confirm({ ...io, message: `Les ${frenchAmount(c.montant_eur)} € promis à ${communLabel(c.commun)} ont-ils été versés ?`, active: 'Oui', inactive: 'Pas encore', initialValue: false }),
    );
    if (!paid) continue;
    const when = await askText('Date du versement (AAAA-MM-JJ) ?', 'date', { defaultValue: date, check: notAfter(date) });
    const preuve = await askText('Lien vers le reçu (facultatif, Entrée pour passer) ?', 'preuve', { optional: true, placeholder: 'https://...' });
    kept!.contributions_argent[i] = { ...c, statut: 'verse', date: when || date, preuve: preuve || c.preuve };
  }
  if (kept) p.log.info('Ajoutez maintenant ce qui manque ; ce qui est déjà déclaré est gardé.', io);

  const used = await ask(
    p.multiselect({
      ...io,
      message: 'Quels communs avez-vous utilisés pendant cette mission ? (Espace pour cocher, Entrée pour valider)',
      options: communs.map((c) => ({ value: c.id, label: label(c.nom, c.id), hint: short(c.description) })),
      required: false,
      maxItems: 10,
    }),
  );
  const communs_utilises: NonNullable<DeclarationAnswers['communs_utilises']> = [];
  for (const commun of used) {
    communs_utilises.push({ commun, usage: await askText(`Comment avez-vous utilisé ${communLabel(commun)} ?`, 'usage', { placeholder: 'ex. : fiches méthode pour préparer les ateliers' }) });
  }

  const contributions_argent: NonNullable<DeclarationAnswers['contributions_argent']> = [];
  const acceptMoney = communs.filter((c) => c.contribution_argent.accepte);
  if (acceptMoney.length === 0) {
    p.log.info('Aucun commun du registre n’accepte de contributions en argent pour l’instant.', io);
  } else {
    let more = await ask(p.confirm({ ...io, message: 'Avez-vous donné ou promis de l’argent à un commun pour cette mission ?', active: 'Oui', inactive: 'Non', initialValue: false }));
    while (more) {
      const commun = await ask(
        p.select({
          ...io,
          message: 'À quel commun ? (seuls ceux qui acceptent l’argent sont proposés)',
          options: acceptMoney.map((c) => ({ value: c.id, label: label(c.nom, c.id), hint: c.contribution_argent.plateforme ?? c.contribution_argent.url })),
          maxItems: 10,
        }),
      );
      const montant = await askText('Combien, en euros ?', 'montant_eur', { placeholder: 'ex. : 150 ou 12,50' });
      const statut = await ask(
        p.select({
          ...io,
          message: 'Est-ce déjà versé ?',
          options: [
            { value: 'verse' as const, label: 'Oui, versé' },
            { value: 'promis' as const, label: 'Non, promis (à verser plus tard)' },
          ],
        }),
      );
      const when = await askText(statut === 'verse' ? 'Date du versement (AAAA-MM-JJ) ?' : 'Date prévue du versement (AAAA-MM-JJ) ?', 'date', {
        defaultValue: date,
        check: statut === 'verse' ? notAfter(date) : undefined,
      });
      const preuve = await askText('Lien vers le reçu ou une page publique du don (facultatif, Entrée pour passer) ?', 'preuve', { optional: true, placeholder: 'https://...' });
      contributions_argent.push({ commun, montant_eur: parseFrenchNumber(montant)!, statut, date: when || date, preuve: preuve || undefined });
      more = await ask(p.confirm({ ...io, message: 'Ajouter un autre don en argent ?', active: 'Oui', inactive: 'Non', initialValue: false }));
    }
  }

  const contributions_nature: NonNullable<DeclarationAnswers['contributions_nature']> = [];
  let more = await ask(
    p.confirm({ ...io, message: 'Avez-vous contribué en nature à un commun (fiche, code, animation...) ?', active: 'Oui', inactive: 'Non', initialValue: false }),
  );
  while (more) {
    const commun = await ask(
      p.select({
        ...io,
        message: 'À quel commun ?',
        options: communs.map((c) => ({ value: c.id, label: label(c.nom, c.id), hint: short(c.contribution_nature.description) })),
        maxItems: 10,
      }),
    );
    const description = await askText('Qu’avez-vous apporté ?', 'description', { placeholder: 'ex. : mise à jour de la fiche « gouvernance partagée »' });
    const heures = await askText('Combien d’heures ?', 'heures', { placeholder: 'ex. : 3 ou 1,5' });
    const lien = await askText('Lien vers la contribution (facultatif, Entrée pour passer) ?', 'lien', { optional: true, placeholder: 'https://...' });
    const when = await askText('Date de la contribution (AAAA-MM-JJ) ?', 'date', { defaultValue: date });
    contributions_nature.push({ commun, description, heures: parseFrenchNumber(heures)!, lien: lien || undefined, date: when || date });
    more = await ask(p.confirm({ ...io, message: 'Ajouter une autre contribution en nature ?', active: 'Oui', inactive: 'Non', initialValue: false }));
  }

  const fresh = { prestataire, mission, date, communs_utilises, contributions_argent, contributions_nature };
  // A declaration says something (declaration_vide): with nothing listed, one sentence says why.
  const pourquoi = saysNothing(kept ? amended(kept, fresh) : fresh)
    ? await askText('Vous ne déclarez ni commun utilisé ni contribution : dites en une phrase pourquoi (obligatoire).', 'pourquoi_rien_donne', {
        placeholder: 'ex. : mission abandonnée avant les ateliers, rien à reverser',
      })
    : '';
  const commentaire = await askText('Un mot libre (facultatif, Entrée pour passer) ?', 'commentaire', { optional: true });
  const typed = { ...fresh, pourquoi_rien_donne: pourquoi || undefined, commentaire: commentaire || undefined };
  const answers = kept ? amended(kept, typed) : typed;

  const file = relative(process.cwd(), join(contentDir, declarationFile(prestataire, mission)));
  p.note(declarationYaml(buildDeclaration(answers)).trimEnd(), file, io);
  const write = await ask(p.confirm({ ...io, message: 'Écrire ce fichier ?', active: 'Oui', inactive: 'Non' }));
  if (!write) throw new Stopped(130, CANCELLED);
  process.off('SIGINT', onInterrupt);
  return answers;
}

// --- Main ----------------------------------------------------------------------

await runCli(async () => {
  const { values } = parseCli(process.argv.slice(2), OPTIONS, USAGE);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const loaded = loadRegistry(contentDir, { date });
  const hasContentFlags =
    [values['commun-utilise'], values.argent, values.nature].some((v) => v !== undefined) ||
    [values.commentaire, values['aucun-commun-utilise'], values['pourquoi-rien-donne']].some((v) => v !== undefined);
  // --prestataire and --mission alone only answer the first two questions: the others are still asked.
  const interactive = process.stdin.isTTY === true && !hasContentFlags;
  if (values.completer && values.remplacer) throw new UsageError('--completer et --remplacer sont incompatibles : choisissez l’un des deux.');

  let answers: DeclarationAnswers;
  if (interactive) {
    try {
      answers = await askAnswers(loaded, contentDir, date, values);
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
      if (error.exitCode === 0) p.outro(error.message, io);
      else p.cancel(error.message, io);
      return error.exitCode;
    }
  } else {
    if (!values.prestataire || !values.mission) {
      throw new UsageError(`Hors d'un terminal interactif, --prestataire et --mission sont obligatoires.\n\n${USAGE}`);
    }
    checkPrestataire(loaded, values.prestataire);
    checkMission(loaded, values.mission);
    const existing = join(contentDir, declarationFile(values.prestataire, values.mission));
    const previous = existingDeclaration(loaded, values.prestataire, values.mission);
    if (values.completer && !previous) {
      throw new UsageError(`--completer : aucune déclaration valide à compléter (${existing}). Rien n'a été écrit ; corrigez-la (npm run validate) ou déclarez sans --completer.`);
    }
    if (existsSync(existing) && !values.remplacer && !values.completer) {
      throw new UsageError(`Une déclaration existe déjà : ${existing}\nRien n'a été écrit. Relancez avec --completer pour y ajouter ces lignes, ou --remplacer pour l'écraser.`);
    }
    answers = answersFromFlags(values, values.prestataire, values.mission, date);
    if (values.completer) answers = amended(previous!, answers);
  }

  const declaration = buildDeclaration(answers);
  const refused = draftProblems(loaded, declaration, date).filter((problem) => problem.severity === 'error');
  if (refused.length > 0) {
    const lines = refused.map((problem) => `  - ${problem.message}\n    conseil : ${problem.hint} [${problem.code}]`);
    throw new UsageError(`Déclaration refusée, rien n'a été écrit :\n${lines.join('\n')}`);
  }
  if (saysNothing(declaration)) throw new UsageError(`Rien n'a été écrit. ${SAYS_NOTHING}`);

  const file = declarationFile(declaration.prestataire, declaration.mission);
  const target = join(contentDir, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, declarationYaml(declaration));
  const written = `Fichier écrit : ${relative(process.cwd(), target)}`;
  const report = validationReport(contentDir, file, date);
  if (interactive) {
    p.log.success(written, io);
    if (report.problems) (report.exitCode === 0 ? p.log.warn : p.log.error)(report.problems, io);
    if (report.nextSteps) p.note(report.nextSteps, 'Prochaine étape : proposer votre déclaration', io);
    p.outro(report.verdict, io);
  } else {
    console.log([written, report.problems, report.verdict, report.nextSteps && `Prochaine étape : proposer votre déclaration.\n${report.nextSteps}`].filter(Boolean).join('\n\n'));
  }
  return report.exitCode;
});
