// npm run schemas [-- --check]
// Writes the JSON Schema of every entity into schemas/json/<entity>.json, for editors
// (each content file names its schema on its first line: `# yaml-language-server: $schema=`),
// and of the yearly attestation, which the site publishes at /schemas/attestation.json.
// With --check, writes nothing and exits 1 if a committed file differs from the schemas.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as z from 'zod/mini';
import { attestationSchema } from '../schemas/attestation.ts';
import { communSchema } from '../schemas/commun.ts';
import { confirmationSchema } from '../schemas/confirmation.ts';
import { declarationSchema } from '../schemas/declaration.ts';
import { missionSchema } from '../schemas/mission.ts';
import { prestataireSchema } from '../schemas/prestataire.ts';
import { reglesSchema } from '../schemas/regles.ts';
import { registreSchema } from '../schemas/registre.ts';
import { parseCli, runCli } from './cli.ts';

const USAGE = 'Usage : npm run schemas -- [--check]';
const OUT_DIR = join(import.meta.dirname, '..', 'schemas', 'json');

const ENTITIES: Record<string, { schema: z.ZodMiniType; title: string; description: string }> = {
  prestataire: {
    schema: prestataireSchema,
    title: 'Prestataire',
    description: 'En-tête YAML de content/prestataires/<id>.md : la fiche d’un prestataire (personne ou structure) ; le corps Markdown est sa présentation.',
  },
  commun: {
    schema: communSchema,
    title: 'Commun',
    description: 'En-tête YAML de content/communs/<id>.md : une ressource partagée (wiki, outil, méthode, données, le réseau) et comment y contribuer.',
  },
  mission: {
    schema: missionSchema,
    title: 'Mission',
    description: 'En-tête YAML de content/missions/<id>.md : une mission d’accompagnement, son équipe, son portage, ses livrables et son bilan.',
  },
  declaration: {
    schema: declarationSchema,
    title: 'Déclaration de réciprocité',
    description: 'Contenu de content/declarations/<prestataire>/<mission>.yaml : les communs utilisés sur une mission et ce qui leur a été rendu, en argent et en nature.',
  },
  regles: {
    schema: reglesSchema,
    title: 'Règles',
    description: 'Contenu de content/regles/<AAAA-MM-JJ>.yaml : le cadre de règles de l’association, en vigueur à partir de sa date d’effet.',
  },
  registre: {
    schema: registreSchema,
    title: 'Registre',
    description: 'Contenu de content/registre.yaml : ce qui vaut pour tout le registre (un exemple fictif ou le registre du réseau). Seuls les mainteneurs le modifient.',
  },
  // Not a content file: a document the site publishes (/schemas/attestation.json).
  attestation: {
    schema: attestationSchema,
    title: 'Attestation annuelle de réciprocité',
    description:
      'Document publié par le site à /prestataires/<id>/attestations/<année>.json : les missions d’un prestataire pendant une année close, la réciprocité attendue et donnée (argent et heures en nature, confirmés par les communs ou seulement déclarés), sa situation au 31 décembre, les règles appliquées et le commit du registre. Attesté par le flux de publication (gh attestation verify).',
  },
  confirmation: {
    schema: confirmationSchema,
    title: 'Confirmations de réception',
    description: 'Contenu de content/confirmations/<commun>.yaml : l’argent (confirmations) et les heures en nature (nature) que le commun confirme avoir reçus des prestataires, mission par mission. Seuls ses gardiens (comptes_forge du commun) le modifient.',
  },
};

/**
 * The JSON Schema of one entity as its author writes it: `io: 'input'` makes fields
 * with a default optional. Refinements (real calendar dates, cents) have no JSON
 * Schema form and are left to `npm run validate`.
 */
function jsonSchemaText(entity: string): string {
  const { schema, title, description } = ENTITIES[entity];
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return `${JSON.stringify({ $schema, title, description, ...rest }, null, 2)}\n`;
}

await runCli(() => {
  const { values } = parseCli(process.argv.slice(2), { check: { type: 'boolean' } }, USAGE);
  const display = (file: string) => relative(process.cwd(), file) || file;
  if (values.check) {
    const stale = Object.keys(ENTITIES)
      .map((entity) => ({ file: join(OUT_DIR, `${entity}.json`), text: jsonSchemaText(entity) }))
      .filter(({ file, text }) => !existsSync(file) || readFileSync(file, 'utf8') !== text)
      .map(({ file }) => file);
    if (stale.length > 0) {
      for (const file of stale) {
        const problem = existsSync(file) ? 'n’est pas à jour avec les schémas Zod (schemas/*.ts)' : 'est absent';
        console.error(`${display(file)} ${problem}.`);
      }
      console.error('Régénérez les fichiers avec « npm run schemas » et ajoutez-les au commit.');
      return 1;
    }
    console.log(`Les ${Object.keys(ENTITIES).length} schémas JSON de schemas/json/ sont à jour.`);
    return 0;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  for (const entity of Object.keys(ENTITIES)) {
    writeFileSync(join(OUT_DIR, `${entity}.json`), jsonSchemaText(entity));
  }
  console.log(`${Object.keys(ENTITIES).length} schémas JSON écrits dans ${display(OUT_DIR)}/.`);
  return 0;
});
