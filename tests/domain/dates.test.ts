// One parser for the dates people type (src/domain/registry/dates.ts, readTypedDate): the
// /declarer/ form, the issue form and npm run declare read JJ/MM/AAAA and AAAA-MM-JJ with
// it, and refuse a day the calendar does not have with the catalogue's words. A YAML file
// keeps AAAA-MM-JJ: a date written there the French way gets a hint with its ISO form.
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CODES } from '../../src/domain/registry/codes.ts';
import { isIsoDate, numericFrenchDate, readTypedDate, typedDate } from '../../src/domain/registry/dates.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { caseTree, FIXTURE_DATE } from '../helpers.ts';

const trees: string[] = [];
afterAll(() => trees.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('readTypedDate : une date comme on la tape', () => {
  it.each([
    ['20/11/2026', '2026-11-20'],
    ['3/7/2025', '2025-07-03'],
    ['03/07/2025', '2025-07-03'],
    ['20-11-2026', '2026-11-20'],
    ['20.11.2026', '2026-11-20'],
    [' 20 / 11 / 2026 ', '2026-11-20'],
    ['2026-11-20', '2026-11-20'],
    ['2026-1-5', '2026-01-05'],
    ['"2026-11-20"', '2026-11-20'],
    ['« 20/11/2026 »', '2026-11-20'],
    ['29/02/2028', '2028-02-29'],
    ['31/12/2026', '2026-12-31'],
  ])('%j est le %s', (typed, iso) => {
    expect(readTypedDate(typed)).toEqual({ date: iso });
  });

  it.each([
    ['31/02/2026', 'date_inexistante'],
    ['29/02/2027', 'date_inexistante'],
    ['31/04/2026', 'date_inexistante'],
    ['00/01/2026', 'date_inexistante'],
    ['20/13/2026', 'date_inexistante'],
    ['2026-02-30', 'date_inexistante'],
    ['20/11/26', 'date_format'], // two-digit year: 1926 or 2026?
    ['20/11-2026', 'date_format'], // two different separators
    ['2026/11/20', 'date_format'],
    ['20112026', 'date_format'],
    ['mardi', 'date_format'],
    ['', 'date_format'],
  ])('%j est refusé (%s)', (typed, error) => {
    expect(readTypedDate(typed)).toEqual({ error });
  });

  it('tout jour du calendrier, écrit JJ/MM/AAAA, J/M/AAAA, avec « - » ou « . », ou AAAA-MM-JJ, est relu le même jour', () => {
    const days = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(days, fc.constantFrom('/', '-', '.'), fc.boolean(), (iso, sep, padded) => {
        const [y, m, d] = iso.split('-');
        const short = (part: string) => (padded ? part : String(Number(part)));
        expect(readTypedDate(`${short(d)}${sep}${short(m)}${sep}${y}`)).toEqual({ date: iso });
        expect(readTypedDate(iso)).toEqual({ date: iso });
        expect(readTypedDate(numericFrenchDate(iso))).toEqual({ date: iso });
      }),
    );
  });

  it('jour, mois et année quelconques : accepté exactement quand le calendrier a ce jour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1000, max: 9999 }), (d, m, y) => {
        const utc = new Date(Date.UTC(y, m - 1, d));
        const exists = m >= 1 && m <= 12 && d >= 1 && utc.getUTCDate() === d && utc.getUTCMonth() === m - 1;
        expect('date' in readTypedDate(`${d}/${m}/${y}`)).toBe(exists);
      }),
    );
  });

  it('n’importe quel texte : un jour valide du registre, ou un code du catalogue, jamais une exception', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const read = readTypedDate(text);
        if ('date' in read) expect(isIsoDate(read.date)).toBe(true);
        else expect(Object.keys(CODES)).toContain(read.error);
        expect(typedDate(text)).toBe('date' in read ? read.date : undefined);
      }),
    );
  });
});

describe('dans un fichier YAML, la date reste AAAA-MM-JJ', () => {
  it('une date écrite à la française reçoit le conseil de l’écrire AAAA-MM-JJ, avec sa valeur', () => {
    // tests/fixtures/invalid/declaration-date-format: « date: 05/07/2025 », without quotes.
    const dir = caseTree('declaration-date-format');
    trees.push(dir);
    const problem = loadRegistry(dir, { date: FIXTURE_DATE }).problems.find((p) => p.code === 'date_format')!;
    expect(problem.message).toBe('« date » doit être une date AAAA-MM-JJ (reçu : « 05/07/2025 »).');
    expect(problem.hint).toBe('Dans un fichier, une date s’écrit AAAA-MM-JJ entre guillemets : date: "2025-07-05".');
  });

  it('une date illisible reçoit le conseil général ; une date tapée (saisie), celui de la saisie', () => {
    const hint = CODES.date_format.hint;
    expect(hint({ champ: 'date', recu: 'le 5 juillet' })).toBe('Écrivez la date AAAA-MM-JJ entre guillemets, par exemple "2025-03-14".');
    expect(hint({ champ: 'date', recu: 'hier', saisie: 'oui' })).toBe('Écrivez le jour, le mois et l’année, par exemple 14/03/2026 (ou 2026-03-14).');
  });
});
