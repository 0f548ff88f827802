// npm run courriel -- --fichier FICHIER --expediteur "Nom <adresse>" [--dry-run] [--content DIR] [--date AAAA-MM-JJ]
// A declaration that arrived by e-mail (the /declarer/ form's « envoyer par courriel »,
// or a file written by hand) becomes a branch with one commit, ready for a pull request:
// the file is checked where it would go, against the whole registry, exactly as
// `npm run validate` would check it (errors in French, with line and hint; nothing is
// written then); valid, it is committed as received, byte for byte, on the branch
// declaration/courriel-<prestataire>-<mission>, from the current commit, and the command
// prints how to push it and the link that opens the pull request, its text filled in.
// The sender's identity is the maintainer's to check (MAINTENANCE.md, « Les déclarations
// reçues par courriel »): the request says so.
// Exit 0 when the branch is ready (or, with --dry-run, would be), 1 when the file is not
// valid, 2 on a usage error.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import yaml from 'js-yaml';
import { DEFAULT_BRANCH, REPOSITORY_URL } from '../site.config.mjs';
import { frenchDate } from '../src/domain/registry/dates.ts';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';
import { openRepo, repoPath } from './git.ts';

const USAGE = 'Usage : npm run courriel -- --fichier FICHIER --expediteur "Nom <adresse>" [--dry-run] [--content DOSSIER] [--date AAAA-MM-JJ]';
/** A declaration holds in a few kilobytes; the loader's own limit per file is 256 KiB. */
const MAX_BYTES = 256 * 1024;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The provider and mission the received file names, or why they cannot be read. */
function idsOf(text: string, file: string): { prestataire: string; mission: string } {
  let data: unknown;
  try {
    data = yaml.load(text);
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    throw new UsageError(`${file}${mark ? `:${mark.line + 1}:${mark.column + 1}` : ''}  ce n'est pas un fichier YAML lisible.\n    Conseil : demandez à l'expéditeur le fichier tel que le formulaire /declarer/ l'a écrit, en pièce jointe.`);
  }
  const { prestataire, mission } = (data ?? {}) as { prestataire?: unknown; mission?: unknown };
  if (typeof prestataire !== 'string' || !ID.test(prestataire) || typeof mission !== 'string' || !ID.test(mission)) {
    throw new UsageError(`${file}  « prestataire » et « mission » doivent être les identifiants d'une fiche et d'une mission du registre.\n    Conseil : demandez à l'expéditeur de refaire sa déclaration avec le formulaire /declarer/.`);
  }
  return { prestataire, mission };
}

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { fichier: { type: 'string' }, expediteur: { type: 'string' }, content: { type: 'string' }, date: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    USAGE,
  );
  if (!values.fichier) throw new UsageError(`Indiquez le fichier reçu avec --fichier.\n\n${USAGE}`);
  if (!values.expediteur?.trim()) throw new UsageError(`Indiquez qui l'a envoyé avec --expediteur "Nom <adresse>" : la demande le dit au relecteur.\n\n${USAGE}`);
  const sender = values.expediteur.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200);
  if (!existsSync(values.fichier) || !statSync(values.fichier).isFile()) throw new UsageError(`Fichier introuvable : ${values.fichier}`);
  if (statSync(values.fichier).size > MAX_BYTES) throw new UsageError(`${values.fichier} : plus de 256 Ko, ce n'est pas une déclaration.`);
  const text = readFileSync(values.fichier, 'utf8');
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const { prestataire, mission } = idsOf(text, values.fichier);
  const target = `declarations/${prestataire}/${mission}.yaml`;

  // Checked where it would go, in a copy of the registry: the same checks as npm run validate.
  const copy = mkdtempSync(join(tmpdir(), 'cr-courriel-'));
  try {
    cpSync(contentDir, copy, { recursive: true });
    mkdirSync(dirname(join(copy, target)), { recursive: true });
    writeFileSync(join(copy, target), text);
    const loaded = loadRegistry(copy, { date });
    const own = loaded.problems.filter((p) => p.file === target);
    const prefix = relative(process.cwd(), resolve(contentDir)) || '.';
    if (own.length > 0) console.log(formatText({ files: 1, entities: 1, problems: withPathPrefix(own, prefix) }));
    if (own.some((p) => p.severity === 'error')) {
      console.log(`\nLa déclaration reçue de ${sender} n'est pas valide : rien n'est écrit. Répondez-lui avec les messages ci-dessus (ou corrigez avec son accord).`);
      return 1;
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }

  const repo = await openRepo();
  const path = `${repoPath(repo, contentDir)}/${target}`.replace(/^\//, '');
  const exists = existsSync(join(repo.root, path));
  const branch = `declaration/courriel-${prestataire}-${mission}`;
  const title = `Déclaration de réciprocité : ${prestataire}, ${mission} (reçue par courriel)`;
  const body = [
    `Déclaration ${exists ? 'modifiée' : 'nouvelle'} de \`${prestataire}\` pour la mission \`${mission}\`, reçue par courriel de ${sender} et enregistrée le ${frenchDate(date)} par \`npm run courriel\`, telle que reçue.`,
    '',
    'Avant de fusionner :',
    `- [ ] l'expéditeur est bien ${prestataire} (adresse connue de l'association, ou confirmation par une réponse) ;`,
    '- [ ] `npm run review` ne montre rien d’inattendu.',
  ].join('\n');
  const link = `${REPOSITORY_URL}/compare/${DEFAULT_BRANCH}...${encodeURIComponent(branch)}?${new URLSearchParams({ expand: '1', title, body })}`;
  if (values['dry-run']) {
    console.log(`Essai à blanc : ${path} serait ${exists ? 'modifié' : 'ajouté'} sur la branche ${branch}, rien n'est écrit.\n\n${text}`);
    return 0;
  }
  const { git } = repo;
  if ((await git.branchLocal()).all.includes(branch)) {
    throw new UsageError(`La branche ${branch} existe déjà : une déclaration de ${prestataire} pour ${mission} attend déjà sa demande. Fusionnez-la ou supprimez la branche (git branch -D ${branch}), puis relancez.`);
  }
  const status = await git.status();
  if (!status.isClean()) throw new UsageError('Le dépôt a des modifications non enregistrées : enregistrez-les ou mettez-les de côté (git stash) avant, pour que la branche ne porte que la déclaration.');
  const start = status.current ?? DEFAULT_BRANCH;
  await git.checkoutLocalBranch(branch);
  try {
    mkdirSync(dirname(join(repo.root, path)), { recursive: true });
    writeFileSync(join(repo.root, path), text);
    await git.add([path]);
    await git.commit(`${title}\n\nReçue par courriel de ${sender}, enregistrée le ${date} telle que reçue (npm run courriel).`);
  } finally {
    await git.checkout(start);
  }
  console.log(`Branche ${branch} prête : ${path} ${exists ? 'modifié' : 'ajouté'}, tel que reçu.`);
  console.log(`\nPour ouvrir la demande :\n  git push -u origin ${branch}\npuis ouvrez ce lien (le titre et le texte de la demande sont remplis) :\n  ${link}`);
  return 0;
});
