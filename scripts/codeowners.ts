// npm run codeowners [-- --check] [--content DIR]
// Writes .github/CODEOWNERS from the providers' comptes_forge and .github/mainteneurs.yaml;
// with --check, writes nothing and exits 1 if the file is stale (CI). Run from the
// repository's top folder. Exit 2 on usage error or an unreadable maintainers file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { CODEOWNERS_FILE, codeownersText, maintainersFrom, MAINTAINERS_FILE, ownersOf } from '../src/domain/contribution/owners.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run codeowners -- [--check] [--content DOSSIER]';

await runCli(() => {
  const { values } = parseCli(process.argv.slice(2), { check: { type: 'boolean' }, content: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const contentDir = contentDirOption(values.content);
  const prefix = relative(process.cwd(), contentDir).split(sep).join('/');
  if (prefix.startsWith('..') || isAbsolute(prefix)) throw new UsageError(`Le dossier de contenu doit être dans le dossier courant (le haut du dépôt) : ${contentDir}.`);
  if (!existsSync(MAINTAINERS_FILE)) throw new UsageError(`Liste des mainteneurs introuvable : ${MAINTAINERS_FILE} (« mainteneurs: » suivi de leurs comptes de forge). Lancez la commande en haut du dépôt.`);
  const maintainers = maintainersFrom(readFileSync(MAINTAINERS_FILE, 'utf8'));
  if (!maintainers.ok) throw new UsageError(maintainers.message);

  // Ownership does not depend on the date; the loader wants one for its checks.
  const result = loadRegistry(contentDir, { date: dateOption(undefined) });
  if (result.invalid.prestataires.size > 0) {
    console.error(
      `Profils invalides, sans ligne dans ${CODEOWNERS_FILE} (seuls les mainteneurs les relisent) : ${[...result.invalid.prestataires].sort().join(', ')}. Voir npm run validate.`,
    );
  }
  const text = codeownersText(ownersOf(result), maintainers.mainteneurs, prefix === '.' ? '' : prefix);
  const current = existsSync(CODEOWNERS_FILE) ? readFileSync(CODEOWNERS_FILE, 'utf8') : null;
  const count = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  const summary = `${count(result.registry.prestataires.size, 'prestataire')}, ${count(maintainers.mainteneurs.length, 'mainteneur')}`;

  if (values.check) {
    if (current === text) {
      console.log(`${CODEOWNERS_FILE} est à jour (${summary}).`);
      return 0;
    }
    const now = new Set(text.split('\n'));
    const was = new Set((current ?? '').split('\n'));
    const missing = [...now].filter((l) => l && !was.has(l)).map((l) => `  + ${l}`);
    const extra = [...was].filter((l) => l && !now.has(l)).map((l) => `  - ${l}`);
    console.error(
      [
        current === null
          ? `${CODEOWNERS_FILE} est absent.`
          : `${CODEOWNERS_FILE} n'est plus à jour avec les comptes_forge des profils et ${MAINTAINERS_FILE} :`,
        ...missing,
        ...extra,
        `Lancez « npm run codeowners » et ajoutez ${CODEOWNERS_FILE} à votre demande (un mainteneur s'en charge si vous n'en êtes pas un).`,
      ].join('\n'),
    );
    return 1;
  }
  if (current === text) {
    console.log(`${CODEOWNERS_FILE} était déjà à jour (${summary}).`);
    return 0;
  }
  writeFileSync(CODEOWNERS_FILE, text);
  console.log(`${CODEOWNERS_FILE} écrit : ${summary}.`);
  return 0;
});
