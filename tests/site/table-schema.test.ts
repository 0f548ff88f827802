// A table described once (src/site/table-schema.ts): its columns give the Table
// Schema fields of datapackage.json and the cells of the CSV, in the same order.
import { describe, expect, test } from 'vitest';
import { toCsv } from '../../src/site/exports.ts';
import { cellsOf, choice, count, date, fieldsOf, flag, KEY, key, link, list, quantity, share, text } from '../../src/site/table-schema.ts';

interface Row {
  id: string;
  nom: string;
  depuis: string;
  gardiens: string[];
  statut?: string;
  site?: string;
  montant: number;
  versements: number;
  taux: number | null;
  accepte: boolean;
}

const columns = [
  key('id', 'Identifiant.', (r: Row) => r.id),
  text('nom', 'Nom.', (r: Row) => r.nom),
  date('depuis', 'Depuis.', (r: Row) => r.depuis, KEY),
  list('gardiens', 'Gardiens.', (r: Row) => r.gardiens),
  choice('statut', ['promis', 'verse'], 'Statut.', (r: Row) => r.statut, 'optional'),
  link('site', 'Site.', (r: Row) => r.site),
  quantity('montant', 'Montant.', (r: Row) => r.montant),
  count('versements', 'Versements.', (r: Row) => r.versements),
  share('taux', 'Taux.', (r: Row) => r.taux),
  flag('accepte', 'Accepte ?', (r: Row) => r.accepte),
];

const rows: Row[] = [
  { id: 'wiki', nom: 'Wiki', depuis: '2024-01-01', gardiens: ['ana', 'bob'], statut: 'verse', site: 'https://wiki.example.org', montant: 12.5, versements: 2, taux: 0.5, accepte: true },
  { id: 'outil', nom: 'Outil', depuis: '2025-03-01', gardiens: [], montant: 0, versements: 0, taux: null, accepte: false },
];

describe('a described table', () => {
  test('gives the Table Schema fields, with their constraints and without the way values are taken', () => {
    expect(fieldsOf(columns)).toEqual([
      { name: 'id', type: 'string', description: 'Identifiant.', constraints: { required: true } },
      { name: 'nom', type: 'string', description: 'Nom.' },
      { name: 'depuis', type: 'date', description: 'Depuis.', constraints: { required: true } },
      { name: 'gardiens', type: 'string', description: 'Gardiens.' },
      { name: 'statut', type: 'string', description: 'Statut.', constraints: { enum: ['promis', 'verse'] } },
      { name: 'site', type: 'string', description: 'Site.', format: 'uri' },
      { name: 'montant', type: 'number', description: 'Montant.', constraints: { minimum: 0 } },
      { name: 'versements', type: 'integer', description: 'Versements.', constraints: { minimum: 0 } },
      { name: 'taux', type: 'number', description: 'Taux.', constraints: { minimum: 0, maximum: 1 } },
      { name: 'accepte', type: 'boolean', description: 'Accepte ?' },
    ]);
    expect(choice('statut', ['promis', 'verse'], 'Statut.', (r: Row) => r.statut).constraints).toEqual({ required: true, enum: ['promis', 'verse'] });
  });

  test('gives the cells in column order; a list is joined with « | », an empty one is an empty cell', () => {
    expect(cellsOf(columns, rows)).toEqual([
      ['wiki', 'Wiki', '2024-01-01', 'ana | bob', 'verse', 'https://wiki.example.org', 12.5, 2, 0.5, true],
      ['outil', 'Outil', '2025-03-01', null, undefined, undefined, 0, 0, null, false],
    ]);
    const csv = toCsv({ name: 't', title: 't', description: 't', fields: fieldsOf(columns), rows: cellsOf(columns, rows) });
    expect(csv).toBe(
      'id,nom,depuis,gardiens,statut,site,montant,versements,taux,accepte\r\n' +
        'wiki,Wiki,2024-01-01,ana | bob,verse,https://wiki.example.org,12.5,2,0.5,true\r\n' +
        'outil,Outil,2025-03-01,,,,0,0,,false\r\n',
    );
  });
});
