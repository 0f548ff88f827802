// The open-data exports, on real content trees loaded from disk.
// tests/fixtures/base on 2025-07-15: rules 2024-01-01 (day rates plancher 300,
// coordination 500; solidarity margin 100 € per floor day, left out of the reciprocity
// base; reciprocity 1 % up to 10,000 € then 2 %, to the euro; an in-kind hour is worth
// 40 €). mission-terminee (budget 6,500 €):
// alice-conseil plancher 10 days, bruno-coop coordination 5 days; alice-conseil
// declared on 2025-07-05 (100 € paid to reseau-test, 2 hours to wiki-test).
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { computeFigures, type Figures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import type { Registry } from '../../src/domain/registry/registry.ts';
import { dataPackage, exportTables, jsonChunks, jsonText, registryDocument, toCsv, toSpreadsheetCsv, TYPOGRAPHY_RULE, type ExportTable } from '../../src/site/exports.ts';
import { frenchTypography } from '../../src/site/typography.ts';
import type { Field } from '../../src/site/table-schema.ts';
import { caseTree, FIXTURE_DATE, FIXTURES, SAMPLE } from '../helpers.ts';

function load(dir: string, date: string): { registry: Registry; figures: Figures } {
  const result = loadRegistry(dir, { date });
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return { registry: result.registry, figures: computeFigures(result.registry, date) };
}

/** The CSV of one table, parsed back by csv-parse into records keyed by column. */
function records(tables: ExportTable[], name: string): Record<string, string>[] {
  const t = tables.find((x) => x.name === name);
  if (!t) throw new Error(`pas de table ${name}`);
  return parse(toCsv(t), { columns: true });
}

const base = () => load(join(FIXTURES, 'base'), FIXTURE_DATE);

describe('CSV rows match the registry', () => {
  const tables = exportTables(base());

  it('writes one row per provider, mission and commons, by id', () => {
    expect(records(tables, 'prestataires').map((r) => r.id)).toEqual(['alice-conseil', 'bruno-coop', 'claire-asso']);
    expect(records(tables, 'missions').map((r) => r.id)).toEqual(['mission-appel', 'mission-terminee']);
    expect(records(tables, 'communs').map((r) => r.id)).toEqual(['reseau-test', 'wiki-test']);
    const mission = records(tables, 'missions').find((r) => r.id === 'mission-terminee')!;
    expect(mission).toMatchObject({
      titre: 'Mission terminée',
      client_nom: 'Tiers-lieu fictif',
      themes: 'gouvernance',
      statut: 'terminee',
      debut: '2025-03-01',
      fin: '2025-06-30',
      budget_eur: '6500',
      portage_type: 'consortium',
      portage_chef_de_file: 'alice-conseil',
      date_appel: '', // absent: an empty cell
      page: 'https://compagnie-tiers-lieux.github.io/communs-reciprocite/missions/mission-terminee/',
    });
  });

  it('writes one row per team member with the figures of the rules', () => {
    // alice: 10 d × 300 = 3,000 €; bruno: 5 d × 500 = 2,500 €; roles 5,500 €.
    // Pool: 10 floor days × 100 = 1,000 €, all to alice (the only floor contributor).
    // Expected: (6,500 − 1,000) × 1 % = 55 €; alice 55 × 3,000 / 5,500 = 30,
    // bruno 55 × 2,500 / 5,500 = 25. alice declared 100 + 2 h × 40 = 180 €.
    // bruno has not declared: due by 2025-06-30 + 30 days = 2025-07-30; on 2025-07-15 nothing
    // is missing yet (amounts are judged once the deadline has passed).
    expect(records(tables, 'equipes')).toEqual([
      {
        mission: 'mission-terminee', prestataire: 'alice-conseil', role: 'plancher', jours: '10', montant_eur: '3000',
        part_solidarite_eur: '1000', distance_km: '', frais_deplacement_eur: '', reciprocite_attendue_eur: '30', a_declare: 'true', reciprocite_declaree_eur: '180',
        date_declaration: '2025-07-05', echeance_declaration: '', statut_declaration: '', jours_de_retard: '', manque_eur: '0',
        // tests/fixtures/base/regles/2024-01-01.yaml is not marked as an example
        regles: '2024-01-01', regles_exemple: 'false',
      },
      {
        mission: 'mission-terminee', prestataire: 'bruno-coop', role: 'coordination', jours: '5', montant_eur: '2500',
        part_solidarite_eur: '0', distance_km: '', frais_deplacement_eur: '', reciprocite_attendue_eur: '25', a_declare: 'false', reciprocite_declaree_eur: '',
        date_declaration: '', echeance_declaration: '2025-07-30', statut_declaration: 'a_declarer', jours_de_retard: '', manque_eur: '0',
        regles: '2024-01-01', regles_exemple: 'false',
      },
    ]);
  });

  it('writes one row per declaration and per contribution', () => {
    expect(records(tables, 'declarations')).toMatchObject([
      { prestataire: 'alice-conseil', mission: 'mission-terminee', date: '2025-07-05', communs_utilises: 'wiki-test', verse_eur: '100', promis_eur: '0', nature_heures: '2', nature_eur: '80', total_eur: '180' },
    ]);
    expect(records(tables, 'contributions_argent')).toEqual([
      {
        prestataire: 'alice-conseil', mission: 'mission-terminee', commun: 'reseau-test', montant_eur: '100', statut: 'verse', date: '2025-07-05', preuve: 'https://dons.example.org/recu/1',
        // reseau-test confirms nothing in the base tree (and names no stewards: nothing awaited)
        confirmation: 'non_confirme', confirmation_libelle: 'versé, non confirmé', confirmation_date: '', confirmation_montant_eur: '',
        confirmation_montant_declare_eur: '', confirmation_partielle: '', montant_confirme_eur: '', peut_confirmer: 'false', confirmation_attendue: 'false',
        regles_exemple: 'false',
      },
    ]);
    expect(records(tables, 'confirmations')).toEqual([]);
    expect(records(tables, 'contributions_nature')).toEqual([
      { prestataire: 'alice-conseil', mission: 'mission-terminee', commun: 'wiki-test', description: 'Une fiche améliorée.', heures: '2', lien: 'https://wiki.example.org/fiche', date: '2025-07-04', confirmation: 'non_confirme', confirmation_date: '', confirmation_heures: '',
        confirmation_heures_declarees: '', confirmation_partielle: '', heures_confirmees: '', peut_confirmer: 'false' },
    ]);
    expect(records(tables, 'confirmations_nature')).toEqual([]);
    expect(records(tables, 'communs_utilises')).toEqual([
      { prestataire: 'alice-conseil', mission: 'mission-terminee', commun: 'wiki-test', usage: 'Fiches méthode.' },
    ]);
  });

  it('copies the provider figures from the figures document', () => {
    const alice = records(tables, 'figures_prestataires').find((r) => r.id === 'alice-conseil')!;
    // On 2025-07-15 the deadline (2025-07-30) has not passed: nothing is due yet, so no rate.
    expect(alice).toMatchObject({
      date_reference: '2025-07-15',
      reciprocite: 'a_jour', reciprocite_libelle: 'à jour', adhesion: 'adherent', adhesion_jusqu_au: '2025-12-31', hors_cercle: 'false', hors_cercle_raisons: '',
      declarations_dues: '0', declarations_faites: '0', taux_declaration: '', argent_verse_eur: '100', reciprocite_attendue_eur: '30', reciprocite_declaree_eur: '180', manque_eur: '0',
    });
    const bruno = records(tables, 'figures_prestataires').find((r) => r.id === 'bruno-coop')!;
    expect(bruno).toMatchObject({ reciprocite: 'a_declarer', reciprocite_libelle: 'déclaration à faire', adhesion: 'adherent', hors_cercle: 'false', manque_eur: '0' });
    const claire = records(tables, 'figures_prestataires').find((r) => r.id === 'claire-asso')!;
    expect(claire).toMatchObject({ reciprocite: 'rien_du', reciprocite_libelle: 'rien à déclarer pour l’instant', adhesion: 'adherent', hors_cercle: 'false' });
  });

  it('leaves out declarations dated after the reference date', () => {
    // Figures on 2025-07-01: alice had not declared yet (she did on 2025-07-05).
    const { registry } = base();
    const early = { registry, figures: computeFigures(registry, '2025-07-01') };
    expect(records(exportTables(early), 'declarations')).toEqual([]);
    expect(records(exportTables(early), 'contributions_argent')).toEqual([]);
    expect(registryDocument(early).declarations).toEqual([]);
  });
});

describe('spreadsheet formula injection', () => {
  const HOSTILE = ['=HYPERLINK("http://x")', '+cmd', '@SUM(1)', '-2+3', '\tTAB', '\rCR', '＝1+1'];

  it.each(HOSTILE)('prefixes %j with an apostrophe, and it parses back to the protected value', (hostile) => {
    const { registry } = base();
    const alice = registry.prestataires.get('alice-conseil')!;
    alice.data = { ...alice.data, nom: hostile, competences: [hostile] };
    const tables = exportTables({ registry, figures: computeFigures(registry, FIXTURE_DATE) });
    const row = records(tables, 'prestataires').find((r) => r.id === 'alice-conseil')!;
    expect(row.nom).toBe(`'${hostile}`);
    expect(row.competences).toBe(`'${hostile}`);
    // The name also reaches the figures table, through the figures document.
    expect(records(tables, 'figures_prestataires').find((r) => r.id === 'alice-conseil')!.nom).toBe(`'${hostile}`);
  });

  it('leaves numbers, including negative ones, as numbers', () => {
    const t: ExportTable = {
      name: 't', title: 't', description: 't',
      fields: [{ name: 'n', type: 'number', description: '' }, { name: 's', type: 'string', description: '' }],
      rows: [[-2.5, '-2.5'], [3, 'texte']],
    };
    expect(toCsv(t)).toBe("n,s\r\n-2.5,'-2.5\r\n3,texte\r\n");
  });

  it('neutralises a formula behind spaces or invisible characters (U+200B, U+2060, U+FEFF)', () => {
    const cells = ['\u200b=HYPERLINK("http://evil.example.org")', ' =1+1', '\u2060@SUM(A1)', '\ufeff\u200d+cmd', '\u00a0-2+3', 'texte = texte'];
    const t: ExportTable = { name: 't', title: 't', description: 't', fields: [{ name: 's', type: 'string', description: '' }], rows: cells.map((c) => [c]) };
    expect((parse(toCsv(t), { columns: true, bom: false }) as Array<{ s: string }>).map((r) => r.s)).toEqual([
      '\'\u200b=HYPERLINK("http://evil.example.org")', '\' =1+1', '\'\u2060@SUM(A1)', '\'\ufeff\u200d+cmd', '\'\u00a0-2+3', 'texte = texte',
    ]);
  });

  it('quotes commas, quotes and line breaks so that a cell stays one cell', () => {
    const t: ExportTable = { name: 't', title: 't', description: 't', fields: [{ name: 's', type: 'string', description: '' }], rows: [['a, "b"\nc']] };
    expect(parse(toCsv(t), { columns: true })).toEqual([{ s: 'a, "b"\nc' }]);
  });
});

describe('French typography in the exports (one function for the site and its exports: src/site/typography.ts)', () => {
  const content = load(SAMPLE, '2026-11-29');
  const tables = exportTables(content);
  const spreadsheet = (t: ExportTable) => parse(toSpreadsheetCsv(t), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];

  it('the spreadsheet copy sets the text written for people as the site does; the standard CSV keeps it as written', () => {
    let typeset = 0;
    for (const t of tables) {
      const standard = records(tables, t.name);
      const copy = spreadsheet(t);
      for (const name of t.prose ?? []) {
        copy.forEach((row, i) => {
          expect(row[name], `${t.name}.${name}`).toBe(frenchTypography(standard[i][name]));
          if (row[name] !== standard[i][name]) typeset++;
        });
      }
    }
    // The sample has colons, guillemets and amounts in its names, reasons and labels.
    expect(typeset).toBeGreaterThan(20);
    const figures = spreadsheet(tables.find((t) => t.name === 'figures_prestataires')!);
    // « hors du cercle : adhésion manquante » (adhesion_libelle is now the sentence alone, without « : »).
    expect(figures.some((r) => /\u202f:/.test(r.verdict_libelle))).toBe(true);
  });

  it('never touches identifiers, codes, closed lists, numbers, dates, links or addresses', () => {
    for (const t of tables) {
      const standard = records(tables, t.name);
      const copy = spreadsheet(t);
      for (const field of t.fields.filter((f) => !(t.prose ?? []).includes(f.name))) {
        copy.forEach((row, i) => {
          const written = standard[i][field.name];
          // The spreadsheet copy differs only by its decimal comma and oui/non.
          const expected = field.type === 'number' ? written.replace('.', ',') : field.type === 'boolean' ? (written === '' ? '' : written === 'true' ? 'oui' : 'non') : written;
          expect(row[field.name], `${t.name}.${field.name}`).toBe(expected);
        });
      }
      // What a program reads is never prose: keys, choices, links, numbers and dates.
      for (const field of t.fields) {
        if (field.type !== 'string' || field.format || field.constraints?.enum || field.constraints?.required) expect(t.prose ?? [], `${t.name}.${field.name}`).not.toContain(field.name);
      }
    }
  });

  it('states the rule in the Data Package, whose titles and descriptions are set in French typography', () => {
    const pkg = dataPackage(tables, content.figures.date_reference);
    expect(pkg.description).toContain(frenchTypography(TYPOGRAPHY_RULE));
    expect(pkg.description).toMatch(/tableur\/<table>\.csv/);
    // « … » and « : » in descriptions: narrow no-break spaces; names and paths as they are.
    expect(pkg.description).toContain('«\u202f|\u202f»');
    const resource = pkg.resources.find((r) => r.name === 'figures_prestataires')! as unknown as { schema: { fields: Array<{ name: string; description: string }> }; path: string; description: string };
    expect(resource.path).toBe('figures_prestataires.csv');
    expect(resource.description).toContain('\u202f:');
    expect(resource.schema.fields.every((f) => f.description === frenchTypography(f.description) && /^[a-z_]+$/.test(f.name))).toBe(true);
  });
});

describe('Table Schemas in the Data Package', () => {
  const content = load(SAMPLE, '2026-11-29');
  const tables = exportTables(content);
  const pkg = dataPackage(tables, content.figures.date_reference);

  it('declares the ODbL licence and one resource per CSV', () => {
    expect(pkg.licenses).toEqual([{ name: 'ODbL-1.0', path: 'https://opendatacommons.org/licenses/odbl/1-0/', title: 'Open Database License (ODbL) v1.0' }]);
    const csvs = pkg.resources.filter((r) => r.format === 'csv');
    expect(csvs.map((r) => r.path)).toEqual(tables.map((t) => `${t.name}.csv`));
    expect(csvs.map((r) => r.path)).toEqual(expect.arrayContaining(['prestataires.csv', 'missions.csv', 'equipes.csv', 'communs.csv', 'declarations.csv', 'contributions_argent.csv', 'contributions_nature.csv', 'figures_prestataires.csv']));
  });

  it.each(tables.map((t) => [t.name, t] as const))('%s.csv: header equals the schema, and every cell reads as its type', (_, t) => {
    const resource = pkg.resources.find((r) => r.name === t.name)!;
    const fields = 'schema' in resource ? (resource as unknown as { schema: { fields: Field[] } }).schema.fields : [];
    const [header, ...rows] = parse(toCsv(t)) as string[][];
    expect(header).toEqual(fields.map((f) => f.name));
    expect(fields.every((f) => f.description.length > 0)).toBe(true);
    expect(rows).toHaveLength(t.rows.length);
    const valid: Record<string, RegExp> = {
      number: /^-?\d+(\.\d+)?$/,
      integer: /^-?\d+$/,
      year: /^\d{4}$/,
      date: /^\d{4}-\d{2}-\d{2}$/,
      boolean: /^(true|false)$/,
      string: /^(?![=+\-@\t\r])/,
    };
    for (const row of rows) {
      expect(row).toHaveLength(fields.length);
      row.forEach((cell, i) => {
        const { name, type, format, constraints: c = {} } = fields[i];
        const where = `${t.name}.${name}`;
        if (c.required) expect(cell, where).not.toBe('');
        if (cell === '') return;
        expect(cell, where).toMatch(valid[type]);
        if (c.enum) expect(c.enum, where).toContain(cell);
        if (c.minimum !== undefined) expect(Number(cell), where).toBeGreaterThanOrEqual(c.minimum);
        if (c.maximum !== undefined) expect(Number(cell), where).toBeLessThanOrEqual(c.maximum);
        if (format === 'uri') expect(() => new URL(cell), where).not.toThrow();
      });
    }
  });

  it('keeps its keys: primary keys unique, foreign keys pointing to a row', () => {
    const parsed = new Map(tables.map((t) => [t.name, records(tables, t.name)]));
    for (const t of tables) {
      const rows = parsed.get(t.name)!;
      if (t.primaryKey) {
        const keys = rows.map((r) => t.primaryKey!.map((k) => r[k]).join('/'));
        expect(new Set(keys).size, t.name).toBe(keys.length);
      }
      for (const key of t.foreignKeys ?? []) {
        const targets = new Set(parsed.get(key.reference.resource)!.map((r) => r.id));
        for (const row of rows) {
          const value = row[key.fields as string];
          if (value !== '') expect(targets.has(value), `${t.name}.${key.fields} = ${value}`).toBe(true);
        }
      }
    }
  });
});

describe('registre.json', () => {
  it('starts with the licence, the reference date and the source, and holds every entity and the figures', () => {
    const input = base();
    const doc = registryDocument(input);
    expect(Object.keys(doc).slice(0, 3)).toEqual(['licence', 'date_reference', 'source']);
    expect(doc.licence.name).toBe('ODbL-1.0');
    expect(doc.date_reference).toBe(FIXTURE_DATE);
    expect(doc.prestataires.map((p) => p.id)).toEqual(['alice-conseil', 'bruno-coop', 'claire-asso']);
    expect(doc.prestataires[0]).toMatchObject({ nom: 'Alice Conseil', texte_markdown: expect.stringContaining('Présentation de Alice Conseil') });
    expect(doc.declarations).toHaveLength(1);
    expect(doc.figures).toEqual(input.figures);
  });

  it('escapes < and > without changing the value', () => {
    const value = { nom: '</script><script>alert("x")</script> & co' };
    const text = jsonText(value);
    expect(text).not.toMatch(/[<>]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('is written in pieces that make exactly the compact text of the whole document', () => {
    const doc = registryDocument(base());
    const pieces = [...jsonChunks(doc)];
    expect(pieces.length).toBeGreaterThan(20);
    expect(pieces.join('')).toBe(jsonText(doc, 0));
  });

  it('in pieces, keeps what JSON.stringify keeps and leaves out what it leaves out', () => {
    const value = {
      absent: undefined,
      fonction: () => 1,
      liste: [1, undefined, () => 2, Number.NaN, { a: undefined, b: '<b>' }, [[new Date(Date.UTC(2025, 0, 2))]]],
      carte: new Map([['a', 1]]),
      vide: {},
      rien: null,
      'clé <x>': '\u2028',
    };
    for (const depth of [0, 1, 2, 3, 5]) expect([...jsonChunks(value, depth)].join('')).toBe(jsonText(value, 0));
    expect([...jsonChunks([])].join('')).toBe('[]');
  });
});

// tests/fixtures/valid/versements-confirmes: the base tree where reseau-test names a
// steward and confirms alice-conseil's 100 € (received 2025-07-08), and bruno-coop
// declared 50 € paid to reseau-test on 2025-07-06, not confirmed.
describe('a payment confirmed by its commons and one not, in the CSV', () => {
  const input = load(caseTree('versements-confirmes', 'valid'), FIXTURE_DATE);
  const tables = exportTables(input);

  it('gives each money line its confirmation, in code and in words', () => {
    expect(records(tables, 'contributions_argent').map((r) => [r.prestataire, r.statut, r.confirmation, r.confirmation_libelle, r.confirmation_date, r.confirmation_montant_eur, r.confirmation_attendue])).toEqual([
      ['alice-conseil', 'verse', 'confirme', 'versé, confirmé par Réseau de test le 8 juillet 2025', '2025-07-08', '100', ''],
      ['bruno-coop', 'verse', 'non_confirme', 'versé, non confirmé', '', '', 'false'],
    ]);
    expect(records(tables, 'confirmations')).toEqual([
      { commun: 'reseau-test', prestataire: 'alice-conseil', mission: 'mission-terminee', montant_eur: '100', date: '2025-07-08', note: 'Virement reçu.' },
    ]);
  });

  it('puts declared and confirmed side by side for the commons, by year, and the provider', () => {
    // declared paid 100 + 50 = 150; confirmed 100
    expect(records(tables, 'figures_communs').find((r) => r.id === 'reseau-test')).toMatchObject({
      argent_verse_eur: '150', argent_confirme_eur: '100', versements_confirmes: '1', versements_non_confirmes: '1', versements_attendus: '0',
    });
    // One row per year where a commons received money or hours: wiki-test got alice's 2 h in kind, unconfirmed.
    expect(records(tables, 'figures_communs_annees')).toEqual([
      { commun: 'reseau-test', annee: '2025', verse_eur: '150', confirme_eur: '100', promis_eur: '0', promesses_echues_eur: '0', nature_heures: '0', nature_confirmee_heures: '0' },
      { commun: 'wiki-test', annee: '2025', verse_eur: '0', confirme_eur: '0', promis_eur: '0', promesses_echues_eur: '0', nature_heures: '2', nature_confirmee_heures: '0' },
    ]);
    expect(records(tables, 'figures_prestataires').map((r) => [r.id, r.argent_verse_eur, r.argent_confirme_eur])).toEqual([
      ['alice-conseil', '100', '100'],
      ['bruno-coop', '50', '0'],
      ['claire-asso', '0', '0'],
    ]);
    expect(records(tables, 'communs').find((r) => r.id === 'reseau-test')!.comptes_forge).toBe('tresorerie-reseau');
    expect(registryDocument(input).confirmations).toHaveLength(1);
  });
});

// tests/fixtures/valid/nature-confirmee-en-partie: alice-conseil declares two in-kind lines
// to wiki-test on mission-terminee, 4 h + 3 h = 7 h; wiki-test (now with a steward) confirms
// 5 h received on 2025-07-08. The receipt covers both lines: each says 5 h of 7 h, in part;
// heures_confirmees shares the 5 h in order, 4 h then 5 − 4 = 1 h, and sums to 5 h, never
// 5 + 5 = 10 h. reseau-test names no steward in the base tree: alice's 100 € there cannot
// be confirmed (peut_confirmer false).
describe('a receipt that covers two in-kind lines, in part, in the CSV', () => {
  const tables = exportTables(load(caseTree('nature-confirmee-en-partie', 'valid'), FIXTURE_DATE));

  it('names the group and its part on each line, and the per-line column adds up to what counts', () => {
    const rows = records(tables, 'contributions_nature');
    expect(rows.map((r) => [r.heures, r.confirmation, r.confirmation_heures, r.confirmation_heures_declarees, r.confirmation_partielle, r.heures_confirmees, r.peut_confirmer])).toEqual([
      ['4', 'confirme', '5', '7', 'true', '4', 'true'],
      ['3', 'confirme', '5', '7', 'true', '1', 'true'],
    ]);
    expect(rows.reduce((s, r) => s + Number(r.heures_confirmees), 0)).toBe(5);
    const wiki = records(tables, 'figures_communs').find((r) => r.id === 'wiki-test')!;
    expect(wiki).toMatchObject({ nature_heures: '7', nature_confirmee_heures: '5', contributions_nature_confirmees: '0', contributions_nature_confirmees_en_partie: '2', contributions_nature_non_confirmees: '0' });
    expect(records(tables, 'figures_communs_annees').find((r) => r.commun === 'wiki-test')).toMatchObject({ annee: '2025', nature_heures: '7', nature_confirmee_heures: '5' });
  });

  it('tells a commons that cannot confirm (no steward) from one awaiting confirmation', () => {
    const money = records(tables, 'contributions_argent');
    expect(money.map((r) => [r.commun, r.confirmation, r.peut_confirmer])).toEqual([['reseau-test', 'non_confirme', 'false']]);
  });
});
