// The public journal of a provider's situation (src/domain/rules/journal.ts), on real
// content trees loaded from disk. It is computed by evaluating situationOn/verdictOf on
// every day something dated can change it, so:
//   - each entry is the verdict before and after a day, with a French reason and its rule;
//   - on every day, the state the journal tells is the verdict computed for that day
//     (property tests: every day of the sample, of the edited fixtures, of a bench registry).
//
// tests/fixtures/base: rules 2024-01-01 (30 days to declare, défaillant after 90, membership
// required of a team, grace 90 days by default); memberships 2024-01-01 → 2025-12-31;
// mission-terminee ran 2025-03-01 → 2025-06-30 with alice-conseil and bruno-coop.
//   deadline:          2025-06-30 + 30 = 2025-07-30 → late from 2025-07-31
//   défaillant after:  2025-06-30 + 90 = 2025-09-28 → défaillant from 2025-09-29
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRegistry } from '../../scripts/bench/generate.ts';
import { addDays } from '../../src/domain/registry/dates.ts';
import type { Registry } from '../../src/domain/registry/registry.ts';
import { changeDatesOf, journalOf, type Journal, type JournalState } from '../../src/domain/rules/journal.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { situationOn, verdictOf } from '../../src/domain/rules/standing.ts';
import { baseWith, FIXTURES, removeEditedTrees, SAMPLE, SAMPLE_DATE, SAMPLE_DIR, tempDir } from '../helpers.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
afterAll(removeEditedTrees);

function load(dir: string, date: string): Registry {
  const result = loadRegistry(dir, { date });
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.registry;
}

const journal = (registry: Registry, id: string, date: string) => journalOf(registry.prestataires.get(id)!.data, registry, date);

/** Oldest first, each entry as « date : before → after », the verdict keys. */
const steps = (j: Journal) => [...j.entrees].reverse().map((e) => `${e.date} : ${e.avant.verdict.cle} → ${e.apres.verdict.cle}`);

/** The state the journal tells for a day: after the last entry on or before it, else before the first. */
function stateOn(j: Journal, date: string): JournalState {
  const entry = j.entrees.find((e) => e.date <= date);
  return entry ? entry.apres : (j.entrees.at(-1)?.avant ?? j.actuel);
}

/**
 * The journal against the verdict, day by day, for every provider: from the day before the
 * first dated fact to the reference date, the journal's state is situationOn's for that day.
 */
function expectJournalIsTheVerdictEveryDay(registry: Registry, date: string, step = 1): number {
  let days = 0;
  for (const { data: p } of registry.prestataires.values()) {
    const j = journalOf(p, registry, date);
    const first = changeDatesOf(p, registry, date)[0] ?? date;
    for (let d = addDays(first, -1); d <= date; d = addDays(d, step)) {
      const s = situationOn(p, registry, d);
      const told = stateOn(j, d);
      expect({ id: p.id, d, cle: told.verdict.cle, adhesion: told.adhesion, hors_cercle: told.hors_cercle }).toEqual({
        id: p.id,
        d,
        cle: verdictOf(s).cle,
        adhesion: s.adhesion.statut,
        hors_cercle: s.cercle.hors_cercle,
      });
      days++;
    }
    // The last state is the pill on the reference date, word for word.
    expect(j.actuel.verdict).toEqual(verdictOf(situationOn(p, registry, date)));
  }
  return days;
}

describe('a deadline passes, then the provider declares late', () => {
  // alice declares on 2025-08-15 instead of 2025-07-05: 16 days after the deadline (2025-07-30).
  const dir = baseWith({ 'declarations/alice-conseil/mission-terminee.yaml': [['date: "2025-07-05"', 'date: "2025-08-15"']] });
  const registry = load(dir, '2025-10-01');
  const j = journal(registry, 'alice-conseil', '2025-10-01');

  it('tells each change on its day: member, declaration to make on the last day, late the day after the deadline, up to date on the declaration', () => {
    expect(steps(j)).toEqual([
      '2024-01-01 : rien_du → rien_du',
      '2025-06-30 : rien_du → a_declarer',
      '2025-07-31 : a_declarer → en_retard',
      '2025-08-15 : en_retard → a_jour',
    ]);
  });

  it('says why in French, with the rule that drives each change', () => {
    const [declared, late, finished, joined] = j.entrees;
    expect(joined.raisons).toEqual([{ texte: 'Adhésion prise jusqu’au 31 décembre 2025.', regle: '2024-01-01#adhesion' }]);
    expect(joined.avant.adhesion).toBe('jamais_adherent');
    expect(joined.apres.adhesion).toBe('adherent');
    expect(finished.raisons).toEqual([{ texte: '« Mission terminée » terminée le 30 juin 2025 : déclaration à faire au plus tard le 30 juillet 2025.', regle: '2024-01-01#delais' }]);
    expect(late.raisons).toEqual([
      { texte: 'Échéance du 30 juillet 2025 passée sans déclaration pour « Mission terminée » : en retard ; défaillant après le 28 septembre 2025.', regle: '2024-01-01#delais' },
    ]);
    // 2025-07-30 → 2025-08-15: 1 + 15 = 16 days.
    expect(declared).toMatchObject({
      date: '2025-08-15',
      regle: '2024-01-01#delais',
      raisons: [{ texte: 'Déclaration pour « Mission terminée » faite le 15 août 2025, 16 jours après l’échéance (30 juillet 2025).', regle: '2024-01-01#delais' }],
    });
    expect(declared.avant.verdict).toMatchObject({ cle: 'en_retard', libelle: 'déclaration en retard', ton: 'en_retard' });
    expect(declared.apres.verdict).toMatchObject({ cle: 'a_jour', libelle: 'déclarations à jour', ton: 'a_jour' });
  });

  it('bruno, who never declares, goes on to défaillant and out of the circle on the 91st day', () => {
    const b = journal(registry, 'bruno-coop', '2025-10-01');
    expect(steps(b).slice(1)).toEqual(['2025-06-30 : rien_du → a_declarer', '2025-07-31 : a_declarer → en_retard', '2025-09-29 : en_retard → defaillant']);
    expect(b.entrees[0]).toMatchObject({
      avant: { hors_cercle: false },
      apres: { hors_cercle: true },
      regle: '2024-01-01#cercle',
      raisons: [{ texte: 'Toujours aucune déclaration pour « Mission terminée » plus de 90 jours après sa fin (le 30 juin 2025) : défaillant, hors du cercle.', regle: '2024-01-01#cercle' }],
    });
  });

  it('tells nothing after the reference date, and tells the same past from a later date', () => {
    expect(steps(journal(registry, 'alice-conseil', '2025-07-31'))).toEqual(steps(j).slice(0, 3));
    expect(journal(registry, 'alice-conseil', '2025-07-31').actuel.verdict.cle).toBe('en_retard');
  });

  it('is the verdict of every day, for every provider', () => {
    expect(expectJournalIsTheVerdictEveryDay(registry, '2025-10-01')).toBeGreaterThan(3 * 600);
  });
});

describe('a membership lapses during a mission, then is renewed', () => {
  // mission-longue runs 2025-10-01 → 2026-06-30 with claire-asso, a member to 2025-12-31, who
  // renews from 2026-05-01. Without membership from 2026-01-01; grace 90 days: 2026-01-01 + 90
  // = 2026-04-01 (31 + 28 + 31 = 90), out of the circle from then until the renewal.
  const mission = readFileSync(join(FIXTURES, 'base', 'missions', 'mission-terminee.md'), 'utf8')
    .replace('id: mission-terminee', 'id: mission-longue')
    .replace('titre: Mission terminée', 'titre: Mission longue')
    .replace('statut: terminee', 'statut: en_cours')
    .replace('debut: "2025-03-01"', 'debut: "2025-10-01"')
    .replace('fin: "2025-06-30"', 'fin: "2026-06-30"')
    .replace('chef_de_file: alice-conseil', 'chef_de_file: claire-asso')
    .replace('prestataire: alice-conseil', 'prestataire: claire-asso')
    .replace(/bilan:[\s\S]*?---/, '---');
  const renewal = '    tarif: acteur_economique\n  - du: "2026-05-01"\n    au: "2026-12-31"\n    tarif: acteur_economique\n';
  const dir = baseWith({ 'prestataires/claire-asso.md': [['    tarif: acteur_economique\n', renewal]] }, { 'missions/mission-longue.md': mission });
  const registry = load(dir, '2026-05-15');
  const j = journal(registry, 'claire-asso', '2026-05-15');

  it('lapses on 2026-01-01 (membership to renew), leaves the circle on 2026-04-01, comes back on the renewal', () => {
    expect(steps(j)).toEqual([
      '2024-01-01 : rien_du → rien_du',
      '2026-01-01 : rien_du → adhesion_a_prendre',
      '2026-04-01 : adhesion_a_prendre → hors_cercle_adhesion',
      '2026-05-01 : hors_cercle_adhesion → rien_du',
    ]);
    const [renewed, out, lapsed] = j.entrees;
    expect(lapsed.raisons.map((r) => r.texte)).toEqual([
      'Adhésion échue : elle couvrait jusqu’au 31 décembre 2025, sans renouvellement.',
      'Adhésion non renouvelée depuis le 1er janvier 2026 (la dernière couvrait jusqu’au 31 décembre 2025) : à renouveler au plus tard le 31 mars 2026 pour rester dans le cercle.',
    ]);
    expect(lapsed).toMatchObject({ regle: '2024-01-01#adhesion', avant: { adhesion: 'adherent' }, apres: { adhesion: 'adhesion_echue', hors_cercle: false } });
    expect(out).toMatchObject({ regle: '2024-01-01#cercle', apres: { hors_cercle: true } });
    expect(out.raisons[0].texte).toBe(
      'Adhésion non renouvelée depuis le 1er janvier 2026 (la dernière couvrait jusqu’au 31 décembre 2025), plus de 90 jours : hors du cercle depuis le 1er avril 2026, jusqu’à son renouvellement.',
    );
    expect(renewed.raisons.map((r) => r.regle)).toEqual(['2024-01-01#adhesion', '2024-01-01#cercle']);
    expect(renewed.raisons[1]).toEqual({ texte: 'Retour dans le cercle.', regle: '2024-01-01#cercle' });
    expect(renewed.apres).toMatchObject({ adhesion: 'adherent', hors_cercle: false });
  });

  it('claire-asso without a mission: the lapse is an entry of its own, with the day to renew by (the grace counts from the lapse)', () => {
    const base = load(join(FIXTURES, 'base'), '2026-04-01');
    const c = journal(base, 'claire-asso', '2026-04-01');
    expect(steps(c)).toEqual(['2024-01-01 : rien_du → rien_du', '2026-01-01 : rien_du → adhesion_a_prendre', '2026-04-01 : adhesion_a_prendre → hors_cercle_adhesion']);
    expect(c.entrees[1].raisons[0]).toEqual({ texte: 'Adhésion échue : elle couvrait jusqu’au 31 décembre 2025, sans renouvellement.', regle: '2024-01-01#adhesion' });
  });

  it('claire-asso leaves the network on 2026-05-10, out of the circle for her membership: the departure is dated, with its own reason, and nothing moves after it', () => {
    const left = baseWith({ 'prestataires/claire-asso.md': [['---\nPrésentation', 'depart:\n  le: "2026-05-10"\n---\nPrésentation']] });
    const c = journal(load(left, '2026-12-02'), 'claire-asso', '2026-12-02');
    expect(steps(c)).toEqual([
      '2024-01-01 : rien_du → rien_du',
      '2026-01-01 : rien_du → adhesion_a_prendre',
      '2026-04-01 : adhesion_a_prendre → hors_cercle_adhesion',
      '2026-05-10 : hors_cercle_adhesion → rien_du',
    ]);
    expect(c.entrees[0].raisons).toEqual([{ texte: 'Départ du réseau le 10 mai 2026 : l’adhésion n’est plus demandée.', regle: null }]);
  });

  it('leaving while still a member: the departure is an entry of its own, and the membership that ends after it is not', () => {
    const left = baseWith({ 'prestataires/claire-asso.md': [['---\nPrésentation', 'depart:\n  le: "2025-10-01"\n---\nPrésentation']] });
    const c = journal(load(left, '2026-06-01'), 'claire-asso', '2026-06-01');
    expect(steps(c)).toEqual(['2024-01-01 : rien_du → rien_du', '2025-10-01 : rien_du → rien_du']);
    expect(c.entrees[0].raisons).toEqual([{ texte: 'Départ du réseau le 1er octobre 2025 : l’adhésion n’est plus demandée.', regle: null }]);
  });

  it('under rules that count the grace on a mission (grace_compte: mission_sans_adhesion), a lapse without a mission brings no obligation', () => {
    const dir = baseWith({ 'regles/2024-01-01.yaml': [['  tarif_appels: acteur_economique\n', '  tarif_appels: acteur_economique\n  grace_compte: mission_sans_adhesion\n']] });
    const c = journal(load(dir, '2026-05-01'), 'claire-asso', '2026-05-01');
    expect(steps(c)).toEqual(['2024-01-01 : rien_du → rien_du', '2026-01-01 : rien_du → adhesion_echue']);
    expect(c.entrees[0].raisons).toEqual([{ texte: 'Adhésion échue : elle couvrait jusqu’au 31 décembre 2025, sans renouvellement.', regle: '2024-01-01#adhesion' }]);
  });

  it('is the verdict of every day, for every provider', () => {
    expect(expectJournalIsTheVerdictEveryDay(registry, '2026-05-15')).toBeGreaterThan(3 * 800);
  });
});

describe('property: on the sample registry and a bench registry, the journal never disagrees with the pill', () => {
  it(`${SAMPLE_DIR}/ at the sample date: every day of every provider, and the last state is verdictOf on the reference date`, () => {
    const registry = load(SAMPLE, SAMPLE_DATE);
    expect(registry.prestataires.size).toBe(13);
    expect(expectJournalIsTheVerdictEveryDay(registry, SAMPLE_DATE)).toBeGreaterThan(10_000);
  });

  it(`${SAMPLE_DIR}/ two years later: deadlines pass, memberships lapse, nothing new is declared`, () => {
    const registry = load(SAMPLE, SAMPLE_DATE);
    expect(expectJournalIsTheVerdictEveryDay(registry, '2028-11-29', 3)).toBeGreaterThan(3_000);
  });

  it('a generated bench registry (40 providers, teams of four, late declarations)', () => {
    const dir = tempDir('cr-journal-bench-');
    temps.push(dir);
    generateRegistry(dir, 40, SAMPLE);
    const registry = load(dir, SAMPLE_DATE);
    expect(expectJournalIsTheVerdictEveryDay(registry, SAMPLE_DATE, 2)).toBeGreaterThan(10_000);
  });

  it('each entry changes something, the newest first, each with a reason and a rule where one applies', () => {
    const registry = load(SAMPLE, SAMPLE_DATE);
    for (const { data: p } of registry.prestataires.values()) {
      const j = journalOf(p, registry, SAMPLE_DATE);
      const dates = j.entrees.map((e) => e.date);
      expect(dates).toEqual([...new Set(dates)].sort().reverse());
      for (const e of j.entrees) {
        expect(e.raisons.length).toBeGreaterThan(0);
        expect(e.regle).toBe(e.raisons[0].regle);
        // The sample's rules take effect on 2024-04-01: every change after it cites them.
        if (e.date >= '2024-04-01') expect(e.regle).toMatch(/^2024-04-01#(delais|adhesion|cercle)$/);
      }
    }
  });
});
