// npm run renommer -- --prestataire ANCIEN --en NOUVEAU [--anonymiser] [--content DIR] [--date AAAA-MM-JJ]
// A provider's id changes, and every file that names it follows: the profile (its file
// and its id), the declarations folder and each declaration's `prestataire`, the missions'
// teams, lead and deliverable authors, the commons' confirmations. Each reference is
// replaced where the YAML holds it, comments and layout kept (src/domain/contribution/
// rename.ts). The old id stays in the profile's `anciens_ids`: the old page and badge
// addresses lead to the new ones.
// With --anonymiser (a person asks for their personal data to be removed, MAINTENANCE.md):
// the profile keeps only what the verdicts need (type, memberships), its name becomes
// « Prestataire retiré », no old id is kept (it is the name), and the command lists the
// other files whose text still holds the name, for the maintainer to reword.
// Everything is checked on a copy first, as `npm run validate` would: nothing is written
// unless the renamed registry is valid. Exit 0 done, 1 refused (invalid), 2 usage error.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { renamedText, withCorrectionNote, withFormerId } from '../src/domain/contribution/rename.ts';
import { finishedAs } from '../src/domain/registry/history.ts';
import { frenchDate, today } from '../src/domain/registry/dates.ts';
import { seenFrom, type Problem } from '../src/domain/registry/problems.ts';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import type { Registry } from '../src/domain/registry/registry.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run renommer -- --prestataire ANCIEN --en NOUVEAU [--anonymiser] [--content DOSSIER] [--date AAAA-MM-JJ]';
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

await runCli(() => {
  const { values } = parseCli(
    process.argv.slice(2),
    { prestataire: { type: 'string' }, en: { type: 'string' }, anonymiser: { type: 'boolean', default: false }, content: { type: 'string' }, date: { type: 'string' } },
    USAGE,
  );
  const from = values.prestataire ?? '';
  const to = values.en ?? '';
  if (!ID.test(from) || !ID.test(to)) throw new UsageError(`Donnez l'identifiant actuel (--prestataire) et le nouveau (--en) : minuscules, chiffres et tirets.\n\n${USAGE}`);
  if (from === to) throw new UsageError('Le nouvel identifiant est celui d’aujourd’hui : rien à faire.');
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);

  const before = loadRegistry(contentDir, { date });
  // At a past --date, facts dated after it are warnings, as validate says (seenFrom).
  const errorsOf = (problems: Problem[]) => seenFrom(problems, date, today()).filter((p) => p.severity === 'error');
  const errorsBefore = errorsOf(before.problems);
  if (errorsBefore.length > 0) {
    throw new UsageError(`Le registre a déjà ${errorsBefore.length} erreur(s) : corrigez-les d'abord (npm run validate), pour que le renommage se vérifie seul.`);
  }
  const profile = before.registry.prestataires.get(from);
  if (!profile) throw new UsageError(`Aucune fiche prestataires/${from}.md dans ${contentDir}.`);
  if (before.registry.prestataires.has(to)) throw new UsageError(`prestataires/${to}.md existe déjà : choisissez un autre identifiant.`);
  const formerOwner = [...before.registry.prestataires.values()].find((p) => p.data.anciens_ids?.includes(to));
  // Taking back one's own former id is allowed: the addresses lead to the same profile.
  const takingBack = formerOwner?.data.id === from;
  if (formerOwner && !takingBack) throw new UsageError(`« ${to} » est un ancien identifiant de ${formerOwner.file} : ses adresses mènent déjà là. Choisissez un autre identifiant.`);

  // The new text of every file that changes, by path from the content folder; null removes it.
  const writes = new Map<string, string | null>();
  const edit = (path: string, markdown: boolean, topLevelId = false): string => {
    const text = readFileSync(join(contentDir, path), 'utf8');
    const result = renamedText(text, from, to, { markdown, topLevelId });
    if (!result) throw new UsageError(`${path} : illisible, rien n'a été modifié.`);
    return result.text;
  };
  const profileText = edit(profile.file, true, true);
  writes.set(profile.file, null);
  writes.set(`prestataires/${to}.md`, values.anonymiser ? anonymised(profileText, departureOf(before.registry, from, profile.data.depart?.le ?? date), date) : withFormerId(profileText, from, takingBack ? to : undefined));
  const declarations = join(contentDir, 'declarations', from);
  if (existsSync(declarations)) {
    for (const name of readdirSync(declarations)) {
      writes.set(`declarations/${from}/${name}`, null);
      writes.set(`declarations/${to}/${name}`, name.endsWith('.yaml') ? edit(`declarations/${from}/${name}`, false) : readFileSync(join(declarations, name), 'utf8'));
    }
  }
  for (const [folder, markdown] of [['missions', true], ['confirmations', false]] as const) {
    const dir = join(contentDir, folder);
    if (!existsSync(dir)) continue;
    // A commons' receipts may sit in its own folder too (confirmations/<commun>/<nom>.yaml).
    const names = markdown ? readdirSync(dir) : (readdirSync(dir, { recursive: true }) as string[]).map((n) => n.split(sep).join('/'));
    for (const name of names.filter((n) => n.endsWith(markdown ? '.md' : '.yaml'))) {
      const path = `${folder}/${name}`;
      let text = edit(path, markdown);
      if (text === readFileSync(join(contentDir, path), 'utf8')) continue;
      // Anonymised, no old id leads to the new one: a finished mission's team changes with a note.
      const mission = markdown ? before.registry.missions.get(name.slice(0, -'.md'.length))?.data : undefined;
      if (values.anonymiser && mission && finishedAs(mission, date)) {
        const noted = withCorrectionNote(text, date, 'Un membre de l’équipe a demandé le retrait de ses données personnelles : son identifiant est remplacé, rien d’autre ne change.', ['equipe']);
        if (!noted) throw new UsageError(`${path} : « corrections » est écrit sur une ligne ([…]) : réécrivez-le en liste, un tiret par note, puis relancez.`);
        text = noted;
      }
      writes.set(path, text);
    }
  }

  // Checked on a copy first: nothing is written unless the renamed registry is valid.
  const trial = mkdtempSync(join(tmpdir(), 'cr-renommer-'));
  try {
    cpSync(contentDir, trial, { recursive: true });
    apply(trial, writes);
    const after = loadRegistry(trial, { date });
    const errors = errorsOf(after.problems);
    if (errors.length > 0) {
      console.log(`Rien n'a été modifié : le registre renommé aurait ${errors.length} erreur(s).\n${formatText({ files: after.files, entities: after.entities, problems: withPathPrefix(errors, contentDir) })}`);
      return 1;
    }
  } finally {
    rmSync(trial, { recursive: true, force: true });
  }
  apply(contentDir, writes);
  if (existsSync(declarations) && readdirSync(declarations).length === 0) rmSync(declarations, { recursive: true });

  const changed = [...writes].filter(([, text]) => text !== null).map(([path]) => path);
  console.log(`« ${from} » devient « ${to} » : ${changed.length} fichier(s) écrit(s), registre valide.`);
  for (const path of changed) console.log(`  ${contentDir}/${path}`);
  if (values.anonymiser) {
    const name = profile.data.nom;
    const left = filesMentioning(contentDir, name);
    console.log(`\nFiche anonymisée : nom, site, présentation, territoire, compétences et comptes de forge retirés ; aucun ancien identifiant gardé.`);
    if (left.length > 0) console.log(`Le nom « ${name} » figure encore dans ces textes, à reformuler à la main :\n${left.map((f) => `  ${contentDir}/${f}`).join('\n')}`);
    console.log('Ensuite : MAINTENANCE.md, « Retirer les données d’une personne » (issues de rappel, historique Git).');
  } else {
    console.log(`\nLes adresses /prestataires/${from}/ et /badges/${from}.svg mènent à la nouvelle fiche (anciens_ids). Pensez aux comptes de forge : les rappels ouverts sous l'ancien identifiant se ferment au prochain passage, un nouveau s'ouvre si besoin.`);
  }
  return 0;
});

function apply(root: string, writes: Map<string, string | null>): void {
  for (const [path, text] of writes) if (text === null) rmSync(join(root, path), { force: true });
  for (const [path, text] of writes) {
    if (text === null) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/**
 * The profile of someone who asked for their personal data to be removed: what the
 * verdicts need (id, type, memberships, departure) and nothing that names or locates them.
 */
function anonymised(renamed: string, departed: string, date: string): string {
  const front = /^---\r?\n([\s\S]*?)^---[ \t]*\r?$/m.exec(renamed);
  const lines = (front?.[1] ?? '').split('\n');
  const keep = (key: string) => {
    const start = lines.findIndex((l) => l.startsWith(`${key}:`));
    if (start < 0) return [];
    let end = start + 1;
    while (end < lines.length && /^[ \t-]/.test(lines[end]) && lines[end].trim() !== '') end++;
    return lines.slice(start, end);
  };
  return [
    '---',
    ...keep('id'),
    'nom: Prestataire retiré',
    ...keep('type'),
    'territoire: non communiqué',
    'competences: [non communiquées]',
    ...keep('adhesions'),
    'depart:',
    `  le: "${departed}"`,
    '---',
    '',
    `Fiche anonymisée le ${frenchDate(date)}, à la demande de la personne : ses missions et ses déclarations restent, sans son nom.`,
    '',
  ].join('\n');
}

/** The departure an anonymised profile records: not before a mission of theirs starts (one planned stays theirs). */
function departureOf(registry: Registry, id: string, day: string): string {
  let latest = day;
  for (const { data: m } of registry.missions.values()) {
    if (m.debut && m.debut > latest && m.equipe.some((e) => e.prestataire === id)) latest = m.debut;
  }
  return latest;
}

function filesMentioning(root: string, name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (entry.isFile() && readFileSync(join(dir, entry.name), 'utf8').includes(name)) found.push(path);
    }
  };
  walk(root, '');
  return found;
}
