// npm run calculer -- [--content DIR] [--date YYYY-MM-DD] [--budget EUROS]
//                     [--membre [NOM=]RÔLE:JOURS[:KM[:FRAIS]]]... [--format texte|json]
// The budget calculator of /calculer/ for a quote being written: the fees, the solidarity
// margin and its split, the expected reciprocity and its split, by the rules in force on
// the mission's start (--date), and a paragraph to paste into the quote. Without
// --membre, the calculator's default team. Exit 1 if the registry is invalid, 2 if the
// team or the options are.
import { relative } from 'node:path';
import { frenchDate } from '../src/domain/registry/dates.ts';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { blockingErrors } from '../src/domain/registry/problems.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { DEFAULT_TEAM, quoteBudget, type QuoteMember } from '../src/domain/rules/quote.ts';
import { rulesOn } from '../src/domain/rules/rules.ts';
import type { Role } from '../schemas/mission.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE =
  'Usage : npm run calculer -- [--date AAAA-MM-JJ] [--budget EUROS] [--membre [NOM=]RÔLE:JOURS[:KM[:FRAIS]]]... [--format texte|json] [--content DOSSIER]\n' +
  'Exemple : npm run calculer -- --date 2026-03-02 --membre "Léa=coordination:3" --membre animation:6 --membre "Karim=plancher:4:80"';

/** "2,5" or "2.5": the French way and the other. */
function amount(text: string, what: string, option: string): number {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${option} : ${what} « ${text} » n'est pas un nombre.\n\n${USAGE}`);
  return value;
}

function member(text: string): QuoteMember {
  const equals = text.indexOf('=');
  const nom = equals >= 0 ? text.slice(0, equals).trim() : '';
  const [role, jours, km, frais, ...rest] = text.slice(equals + 1).split(':');
  if (jours === undefined || rest.length > 0) throw new UsageError(`--membre ${text} : attendu [NOM=]RÔLE:JOURS[:KM[:FRAIS]], par exemple « Karim=plancher:4:80 ».\n\n${USAGE}`);
  return {
    nom,
    role: role.trim() as Role,
    jours: amount(jours, 'le nombre de jours', `--membre ${text}`),
    ...(km === undefined || km === '' ? {} : { distance_km: amount(km, 'la distance', `--membre ${text}`) }),
    ...(frais === undefined || frais === '' ? {} : { frais_deplacement_eur: amount(frais, 'les frais', `--membre ${text}`) }),
  };
}

await runCli(() => {
  const { values } = parseCli(
    process.argv.slice(2),
    { content: { type: 'string' }, date: { type: 'string' }, budget: { type: 'string' }, membre: { type: 'string', multiple: true }, format: { type: 'string', default: 'texte' } },
    USAGE,
  );
  if (values.format !== 'texte' && values.format !== 'json') throw new UsageError(`--format : texte ou json (reçu : ${values.format}).\n\n${USAGE}`);
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const budget = values.budget === undefined ? null : amount(values.budget, 'le montant', '--budget');
  const loaded = loadRegistry(contentDir, { date });
  const errors = blockingErrors(loaded.problems);
  if (errors.length > 0) {
    console.error(formatText({ files: loaded.files, entities: loaded.entities, problems: withPathPrefix(errors, relative(process.cwd(), contentDir)) }));
    return 1;
  }
  const regles = loaded.registry.regles.map((r) => r.data);
  const reseau = rulesOn(regles, date)?.reseau;
  const reseauNom = (reseau && loaded.registry.communs.get(reseau)?.data.nom) ?? reseau ?? '';
  const result = quoteBudget(regles, { date, budget_eur: budget, equipe: values.membre?.map(member) ?? DEFAULT_TEAM }, reseauNom);
  if (!result.ok) throw new UsageError(`${result.erreurs.join('\n')}\n\n${USAGE}`);
  const q = result.quote;
  if (values.format === 'json') {
    console.log(JSON.stringify(q, null, 2));
    return 0;
  }
  const lines = [`Devis d'une mission qui commence le ${frenchDate(date)}, selon les règles en vigueur depuis le ${frenchDate(q.regles)}.`, ''];
  for (const e of q.explications) lines.push(`${e.titre}${e.regle ? ` — règle ${e.regle}` : ''}`, ...e.lignes.map((l) => `  ${l}`), '');
  lines.push('Paragraphe pour le devis :', '', q.paragraphe);
  console.log(lines.join('\n'));
  return 0;
});
