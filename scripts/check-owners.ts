// npm run check-owners -- --author HANDLE --base REF [--approbations H1,H2] [--content DIR]
// Fails (exit 1) when the author changes files of a provider's space (profile,
// declarations folder) without being that provider, or changes what needs a
// maintainer (code, workflows, rules, maintainers list, missions, commons, membership
// periods, a forge account added to a profile, a payment of a provider the author is or
// was an account of) while neither being one nor having a maintainer among the approvals
// (--approbations: who approved the pull request, read from the forge by CI).
// The changed files are those of the working tree since the point where it left REF
// (merge-base); who owns what is read at REF itself, never from the change.
// Exit 0 when everything is allowed, 2 on usage error.
import { loadRegistry } from '../src/domain/rules/load.ts';
import {
  confirmedPayers,
  formatOwnership,
  isBotAccount,
  isHandle,
  maintainersFrom,
  MAINTAINERS_FILE,
  ownersOf,
  ownershipVerdicts,
} from '../src/domain/contribution/owners.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';
import { baseLabel, changedFiles, everContained, exportFolder, openRepo, readAt, repoPath, resolveBase } from './git.ts';

const USAGE = 'Usage : npm run check-owners -- --author COMPTE --base RÉFÉRENCE [--approbations COMPTE,COMPTE] [--content DOSSIER]';

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { author: { type: 'string' }, base: { type: 'string' }, approbations: { type: 'string' }, content: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const author = values.author?.replace(/^@/, '');
  if (!author) throw new UsageError(`Indiquez l'auteur de la demande avec --author (son compte de forge, ex. : --author alice-conseil).\n\n${USAGE}`);
  // A bot (the pull requests of declaration issues) owns nothing: a maintainer approves.
  if (!isHandle(author) && !isBotAccount(author)) throw new UsageError(`Compte de forge invalide : « ${values.author} » (lettres, chiffres et tirets).`);
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
  const approvals = (values.approbations ?? '').split(/[\s,]+/).map((h) => h.replace(/^@/, '')).filter(Boolean);
  const invalid = approvals.find((h) => !isHandle(h));
  if (invalid) throw new UsageError(`--approbations : compte de forge invalide « ${invalid} » (lettres, chiffres et tirets, séparés par des virgules).`);
  const head = ownersOf(loadRegistry(contentDir, { date }));
  const files = await changedFiles(repo, base.mergeBase);
  // For each provider whose payment the change confirms: was the author ever one of its
  // accounts, at the base or before? (Taken off in one pull request, confirming in the next.)
  const formerAccounts = new Map<string, string[]>();
  for (const payer of confirmedPayers(baseOwners, head)) {
    const profile = `${contentPrefix ? `${contentPrefix}/` : ''}prestataires/${payer}.md`;
    if (await everContained(repo, base.mergeBase, profile, author)) formerAccounts.set(payer, [author]);
  }
  const verdicts = ownershipVerdicts({ author, mainteneurs: maintainers.mainteneurs, base: baseOwners, head, files, contentPrefix, approvals, formerAccounts });
  const report = formatOwnership(verdicts, author, baseLabel(base));
  const refused = verdicts.some((v) => !v.allowed);
  console.log(report);
  return refused ? 1 : 0;
});
