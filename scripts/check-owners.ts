// npm run check-owners -- --author HANDLE --base REF [--content DIR]
// Fails (exit 1) when the author changes files of a provider's space (profile,
// declarations folder) without being that provider or a maintainer, or changes the
// maintainers' files (rules, maintainers list, CODEOWNERS, workflows) without being
// a maintainer. The changed files are those of the working tree since the point where
// it left REF (merge-base); who owns what is read at REF itself, never from the change.
// Exit 0 when everything is allowed, 2 on usage error.
import { loadRegistry } from '../src/domain/load.ts';
import { formatOwnership, isHandle, maintainersFrom, MAINTAINERS_FILE, ownersOf, ownershipVerdicts } from '../src/domain/owners.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';
import { baseLabel, changedFiles, exportFolder, openRepo, readAt, repoPath, resolveBase } from './git.ts';

const USAGE = 'Usage : npm run check-owners -- --author COMPTE --base RÉFÉRENCE [--content DOSSIER]';

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { author: { type: 'string' }, base: { type: 'string' }, content: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const author = values.author?.replace(/^@/, '');
  if (!author) throw new UsageError(`Indiquez l'auteur de la demande avec --author (son compte de forge, ex. : --author alice-conseil).\n\n${USAGE}`);
  if (!isHandle(author)) throw new UsageError(`Compte de forge invalide : « ${values.author} » (lettres, chiffres et tirets).`);
  if (!values.base) throw new UsageError(`Indiquez la version de référence avec --base (ex. : --base origin/main).\n\n${USAGE}`);
  const contentDir = contentDirOption(values.content);
  const date = dateOption(undefined);
  const repo = await openRepo();
  const base = await resolveBase(repo, values.base);
  const contentPrefix = repoPath(repo, contentDir);

  const maintainersText = await readAt(repo, base.commit, MAINTAINERS_FILE);
  const maintainers = maintainersText === null ? { ok: true as const, mainteneurs: [] } : maintainersFrom(maintainersText);
  if (!maintainers.ok) throw new UsageError(`${maintainers.message} (version de ${values.base})`);
  if (maintainersText === null) console.error(`${MAINTAINERS_FILE} n'existe pas dans ${values.base} : personne n'y est mainteneur.`);

  const old = await exportFolder(repo, base.commit, contentPrefix);
  let baseOwners;
  try {
    baseOwners = ownersOf(loadRegistry(old.dir, { date }));
  } finally {
    old.cleanup();
  }
  const verdicts = ownershipVerdicts({
    author,
    mainteneurs: maintainers.mainteneurs,
    base: baseOwners,
    head: ownersOf(loadRegistry(contentDir, { date })),
    files: await changedFiles(repo, base.mergeBase),
    contentPrefix,
  });
  const report = formatOwnership(verdicts, author, baseLabel(base));
  const refused = verdicts.some((v) => !v.allowed);
  console.log(report);
  return refused ? 1 : 0;
});
