// The published /donnees/datapackage.json against the JSON Schema of the profile it
// declares, and the spreadsheet downloads read back as a French spreadsheet would.
// tests/site/profiles/datapackage-2.0.json is the Data Package 2.0 profile as
// published (frictionlessdata/datapackage, public/profiles/2.0/datapackage.json,
// commit b9ee508 of 22 Oct 2024), kept here so the test runs offline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { DATA_PACKAGE_PROFILE } from '../../src/site/exports.ts';
import { frenchTypography } from '../../src/site/typography.ts';

const profile = JSON.parse(readFileSync(join(import.meta.dirname, 'profiles', 'datapackage-2.0.json'), 'utf8'));

/** The profile compiled by Ajv; its editor-only keywords (propertyOrder, context, examples, format textarea) are not checks. */
function profileValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('textarea', true);
  return ajv.compile(profile);
}

let site: string;
let validate: ValidateFunction;
let pkg: { $schema: string; resources: Array<Record<string, any>> };

beforeAll(() => {
  site = inject('siteDir');
  validate = profileValidator();
  pkg = JSON.parse(readFileSync(join(site, 'donnees', 'datapackage.json'), 'utf8'));
});

describe('datapackage.json', () => {
  test('déclare le profil Data Package 2.0 et le respecte', () => {
    expect(pkg.$schema).toBe(DATA_PACKAGE_PROFILE);
    expect(validate(pkg), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
  });

  test('le profil refuse un paquet qui le viole (le contrôle n’est pas vide)', () => {
    const broken = structuredClone(pkg);
    const prestataires = broken.resources.find((r) => r.name === 'prestataires')!;
    prestataires.schema.fields[0].type = 'texte';
    expect(validate(broken)).toBe(false);
    const noSchema = structuredClone(pkg);
    noSchema.resources.find((r) => r.name === 'missions')!.schema.fields = [];
    expect(validate(noSchema)).toBe(false);
  });

  test('chaque CSV est une ressource tabulaire avec types, contraintes et clés', () => {
    const tables = pkg.resources.filter((r) => r.format === 'csv');
    expect(tables.length).toBeGreaterThanOrEqual(15);
    for (const r of tables) expect(r.type, r.name).toBe('table');
    const field = (resource: string, name: string) =>
      pkg.resources.find((r) => r.name === resource)!.schema.fields.find((f: { name: string }) => f.name === name);
    expect(field('prestataires', 'id').constraints).toEqual({ required: true });
    expect(field('prestataires', 'type').constraints.enum).toEqual(['independant', 'cooperative', 'association', 'entreprise', 'tiers_lieu']);
    expect(field('contributions_argent', 'montant_eur').constraints).toEqual({ minimum: 0 });
    expect(field('contributions_argent', 'preuve').format).toBe('uri');
    expect(field('figures_annees', 'annee').type).toBe('year');
    const declarations = pkg.resources.find((r) => r.name === 'declarations')!.schema;
    expect(declarations.primaryKey).toEqual(['prestataire', 'mission']);
    expect(declarations.foreignKeys).toContainEqual({ fields: 'mission', reference: { resource: 'missions', fields: 'id' } });
  });
});

describe('missions.csv dit comment répondre à un appel', () => {
  // content/missions/diagnostic-foncier-portes-du-therain-2027.md: an open call whose
  // `reponse` gives an e-mail address and instructions, no form; answers by 2026-12-18.
  const CALL = 'diagnostic-foncier-portes-du-therain-2027';

  test('trois colonnes typées dans le schéma, remplies pour l’appel, vides ailleurs', () => {
    const fields = pkg.resources.find((r) => r.name === 'missions')!.schema.fields as Array<{ name: string; format?: string }>;
    const names = fields.map((f) => f.name);
    expect(names.slice(names.indexOf('date_limite_reponse'), names.indexOf('date_limite_reponse') + 4)).toEqual(['date_limite_reponse', 'reponse_url', 'reponse_email', 'reponse_consignes']);
    expect(fields.find((f) => f.name === 'reponse_url')!.format).toBe('uri');
    expect(fields.find((f) => f.name === 'reponse_email')!.format).toBe('email');
    const rows = parse(readFileSync(join(site, 'donnees', 'missions.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.id === CALL)).toMatchObject({
      date_limite_reponse: '2026-12-18',
      reponse_url: '',
      reponse_email: 'appels@communs-reciprocite.example.org',
      reponse_consignes: expect.stringMatching(/^Une page de présentation de l'équipe/),
    });
    // A finished mission has no way to answer.
    expect(rows.find((r) => r.statut === 'terminee')).toMatchObject({ reponse_url: '', reponse_email: '', reponse_consignes: '' });
    const spreadsheet = parse(readFileSync(join(site, 'donnees', 'tableur', 'missions.csv')), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(spreadsheet.find((r) => r.id === CALL)!.reponse_email).toBe('appels@communs-reciprocite.example.org');
  });
});

describe('fichiers pour tableur', () => {
  const read = (name: string) => readFileSync(join(site, 'donnees', 'tableur', `${name}.csv`));

  test('commencent par la marque UTF-8 et gardent les accents', () => {
    const bytes = read('prestataires');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // A strict UTF-8 decoder throws on any byte sequence that is not UTF-8.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const standard = parse(readFileSync(join(site, 'donnees', 'prestataires.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    // The same cells, the text for people set in French typography (src/site/exports.ts, TYPOGRAPHY_RULE).
    expect(rows).toEqual(standard.map((r) => ({ ...r, nom: frenchTypography(r.nom), territoire: frenchTypography(r.territoire), competences: frenchTypography(r.competences), resume: frenchTypography(r.resume) })));
    // content/prestataires/la-sucrerie-partagee.md: « La Sucrerie Partagée ».
    expect(rows.map((r) => r.nom)).toContain('La Sucrerie Partagée');
  });

  test('écrivent les nombres avec une virgule décimale et les booléens en français', () => {
    const text = read('figures_prestataires').toString('utf8');
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const standard = parse(readFileSync(join(site, 'donnees', 'figures_prestataires.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(standard.length);
    rows.forEach((row, i) => {
      expect(row.reciprocite_attendue_eur).toBe(standard[i].reciprocite_attendue_eur.replace('.', ','));
    });
    // At least one amount has cents in the sample (a share of the expected reciprocity).
    expect(rows.some((r) => Object.values(r).some((v) => /^\d+,\d+$/.test(v)))).toBe(true);
    // Booleans: content/communs/*.md, contribution_argent.accepte.
    const communs = parse(read('communs').toString('utf8'), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const communsStandard = parse(readFileSync(join(site, 'donnees', 'communs.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(communs.map((r) => r.accepte_argent)).toEqual(communsStandard.map((r) => (r.accepte_argent === 'true' ? 'oui' : 'non')));
    expect(communs.map((r) => r.accepte_argent)).toContain('oui');
  });
});
