// A declaration on its way to a file (src/domain/contribution/declaration-draft.ts), on
// the base fixture tree at its reference date (2025-07-15): ids checked against the
// registry, a declaration amended without losing anything, the last check before
// writing, and the verdict on the written file. npm run declare itself is driven in
// tests/scripts/declare.test.ts.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  amendedDeclaration,
  existingDeclaration,
  finishedDraft,
  keptHistory,
  moneyAdded,
  missionRefusal,
  paidPromise,
  unknownId,
  writtenVerdict,
} from '../../src/domain/contribution/declaration-draft.ts';
import { declarationYaml, buildDeclaration } from '../../src/domain/contribution/declaration-text.ts';
import { loadRegistry, type LoadResult } from '../../src/domain/rules/load.ts';
import { caseTree, FIXTURE_DATE, FIXTURES } from '../helpers.ts';

const ALICE = 'declarations/alice-conseil/mission-terminee.yaml';
const trees: string[] = [];
/** The base tree with one case's files laid over it, loaded at the fixtures' date. */
function loadCase(name: string): LoadResult {
  const dir = caseTree(name);
  trees.push(dir);
  return loadRegistry(dir, { date: FIXTURE_DATE });
}

let base: LoadResult;
beforeAll(() => {
  base = loadRegistry(join(FIXTURES, 'base'), { date: FIXTURE_DATE });
});
afterAll(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});

describe('unknownId', () => {
  it('ne dit rien d’un identifiant connu', () => {
    expect(unknownId(base, 'prestataires', 'bruno-coop')).toBeUndefined();
    expect(unknownId(base, 'missions', 'mission-terminee')).toBeUndefined();
  });

  it('dit, avec les mots du validateur, l’identifiant le plus proche', () => {
    expect(unknownId(base, 'prestataires', 'bruno-cop')).toEqual({
      kind: 'inconnu',
      message: 'Aucun prestataire « bruno-cop » dans prestataires/. Vouliez-vous dire « bruno-coop » ?',
      hint: 'Vérifiez l’identifiant, ou ajoutez d’abord la fiche du prestataire.',
    });
    expect(unknownId(base, 'missions', 'mission-termine')).toEqual({
      kind: 'inconnu',
      message: 'Aucune mission « mission-termine » dans missions/. Vouliez-vous dire « mission-terminee » ?',
      hint: 'Le nom du fichier de déclaration est l’identifiant de la mission : vérifiez-le.',
    });
  });

  it('distingue une fiche qui existe mais est invalide', () => {
    // prestataire-type-invalide: alice-conseil's profile has a type the schema refuses.
    const loaded = loadCase('prestataire-type-invalide');
    expect(unknownId(loaded, 'prestataires', 'alice-conseil')).toEqual({
      kind: 'fichier_invalide',
      message: 'Le fichier de « alice-conseil » est invalide : corrigez-le d\'abord (npm run validate).',
    });
  });
});

describe('missionRefusal', () => {
  it('accepte un membre de l’équipe d’une mission commencée', () => {
    expect(missionRefusal(base, 'bruno-coop', 'mission-terminee', FIXTURE_DATE)).toBeUndefined();
  });

  it('refuse hors de l’équipe, ou avant le début, avec le message et le conseil du validateur', () => {
    const hint = 'Seuls les membres de l’équipe déclarent pour une mission. Si vous y avez participé, demandez d’abord l’ajout à l’équipe dans le fichier de la mission.';
    expect(missionRefusal(base, 'claire-asso', 'mission-terminee', FIXTURE_DATE)).toBe(`« claire-asso » ne fait pas partie de l'équipe de la mission « mission-terminee ».\n${hint}`);
    // mission-appel is an open call: nobody is on its team yet.
    expect(missionRefusal(base, 'alice-conseil', 'mission-appel', FIXTURE_DATE)).toBe(`« alice-conseil » ne fait pas partie de l'équipe de la mission « mission-appel ».\n${hint}`);
  });
});

describe('compléter une déclaration existante', () => {
  it('trouve la déclaration valide du prestataire pour la mission, et elle seule', () => {
    expect(existingDeclaration(base, 'alice-conseil', 'mission-terminee')).toMatchObject({ prestataire: 'alice-conseil', date: '2025-07-05' });
    expect(existingDeclaration(base, 'bruno-coop', 'mission-terminee')).toBeUndefined();
  });

  it('ajoute les nouvelles lignes après les anciennes, sans rien perdre', () => {
    const existing = existingDeclaration(base, 'alice-conseil', 'mission-terminee')!;
    const added = {
      prestataire: 'alice-conseil',
      mission: 'mission-terminee',
      date: FIXTURE_DATE,
      contributions_nature: [{ commun: 'reseau-test', description: 'Compte rendu partagé', heures: 2, date: FIXTURE_DATE }],
      commentaire: 'Ajout.',
    };
    const once = amendedDeclaration(existing, added, '2025-06-30');
    expect(once).toEqual({
      ...existing,
      // The date of the first declaration is kept (lateness counts from it); the change is dated.
      date: existing.date,
      modifiee_le: FIXTURE_DATE,
      contributions_nature: [...existing.contributions_nature, ...added.contributions_nature],
      commentaire: 'Ajout.',
    });
    // Comments are joined; a sentence typed now replaces the old one.
    const twice = amendedDeclaration({ ...existing, commentaire: 'Premier mot.', pourquoi_rien_donne: 'Ancienne raison.' }, { ...added, pourquoi_rien_donne: 'Nouvelle raison.' }, '2025-06-30');
    expect(twice).toMatchObject({ commentaire: 'Premier mot. Ajout.', pourquoi_rien_donne: 'Nouvelle raison.' });
  });

  it('un versement ajouté qui tient une promesse la remplace ; une ligne déjà là n’est pas ajoutée deux fois', () => {
    const existing = existingDeclaration(base, 'alice-conseil', 'mission-terminee')!;
    const promised = { ...existing, contributions_argent: [...existing.contributions_argent, { commun: 'reseau-test', montant_eur: 30, statut: 'promis' as const, date: '2025-09-01' }] };
    const paid = { commun: 'reseau-test', montant_eur: 30, statut: 'verse' as const, date: '2025-07-14', preuve: 'https://dons.example.org/recu/3' };
    const answers = { prestataire: 'alice-conseil', mission: 'mission-terminee', date: FIXTURE_DATE, contributions_argent: [paid] };
    const once = amendedDeclaration(promised, answers, '2025-06-30');
    // 100 paid before, the 30 promised now paid: two lines, 130 € paid, nothing promised.
    expect(once.contributions_argent).toEqual([existing.contributions_argent[0], paid]);
    expect(amendedDeclaration({ ...promised, contributions_argent: once.contributions_argent as typeof promised.contributions_argent }, answers, '2025-06-30').contributions_argent).toEqual(once.contributions_argent);
    // Another amount, or a promise: a new line.
    expect(moneyAdded(promised.contributions_argent, [{ ...paid, montant_eur: 20 }])).toHaveLength(3);
    expect(moneyAdded(promised.contributions_argent, [{ ...paid, statut: 'promis' }])).toHaveLength(3);
  });

  it('une promesse devient versée : datée du jour de référence sauf date donnée, sa preuve gardée sauf nouvelle', () => {
    const promise = { commun: 'reseau-test', montant_eur: 100, statut: 'promis' as const, date: '2025-07-20', preuve: 'https://dons.example.org/recu/1' };
    expect(paidPromise(promise, { date: '', preuve: '' }, FIXTURE_DATE)).toEqual({ ...promise, statut: 'verse', date: FIXTURE_DATE });
    expect(paidPromise(promise, { date: '2025-07-10', preuve: 'https://dons.example.org/recu/9' }, FIXTURE_DATE)).toEqual({
      ...promise,
      statut: 'verse',
      date: '2025-07-10',
      preuve: 'https://dons.example.org/recu/9',
    });
  });
});

describe('finishedDraft : la dernière vérification avant d’écrire', () => {
  const bruno = { prestataire: 'bruno-coop', mission: 'mission-terminee', date: FIXTURE_DATE };

  it('prête à écrire : le chemin et le texte que npm run declare écrit', () => {
    const answers = { ...bruno, communs_utilises: [{ commun: 'wiki-test', usage: '  Fiches méthode.  ' }] };
    const draft = finishedDraft(base, answers, FIXTURE_DATE);
    expect(draft.errors).toEqual([]);
    expect(draft.saysNothing).toBe(false);
    expect(draft.file).toBe('declarations/bruno-coop/mission-terminee.yaml');
    expect(draft.declaration.communs_utilises).toEqual([{ commun: 'wiki-test', usage: 'Fiches méthode.' }]);
    expect(draft.text).toBe(declarationYaml(buildDeclaration(answers)));
  });

  it('refuse ce que le validateur refuserait (argent à un commun qui n’en accepte pas)', () => {
    const draft = finishedDraft(base, { ...bruno, contributions_argent: [{ commun: 'wiki-test', montant_eur: 50, statut: 'verse', date: FIXTURE_DATE }] }, FIXTURE_DATE);
    expect(draft.errors.map((p) => p.code)).toEqual(['argent_refuse']);
  });

  it('une déclaration qui ne dit rien n’est pas écrite ; une phrase qui dit pourquoi suffit', () => {
    expect(finishedDraft(base, bruno, FIXTURE_DATE).saysNothing).toBe(true);
    expect(finishedDraft(base, { ...bruno, commentaire: 'Merci.' }, FIXTURE_DATE).saysNothing).toBe(true);
    expect(finishedDraft(base, { ...bruno, pourquoi_rien_donne: 'Mission arrêtée avant les ateliers.' }, FIXTURE_DATE)).toMatchObject({ saysNothing: false, errors: [] });
    // One character, punctuation or two words do not say why (raison_trop_courte).
    for (const why of ['.', '-', '…', 'RAS', 'Mission arrêtée.']) {
      expect(finishedDraft(base, { ...bruno, pourquoi_rien_donne: why }, FIXTURE_DATE).errors.map((p) => p.code), why).toEqual(['raison_trop_courte']);
    }
  });

  it('remplacée ou complétée, une déclaration garde la date de la première (5 juillet) et dit quand elle a changé', () => {
    // alice-conseil declared on 2025-07-05; the deadline is 2025-07-30. Re-declared on
    // 2025-09-01, it must not read « 33 jours après l’échéance ».
    const draft = finishedDraft(base, { prestataire: 'alice-conseil', mission: 'mission-terminee', date: '2025-09-01', communs_utilises: [{ commun: 'wiki-test', usage: 'Fiches méthode.' }] }, '2025-09-01');
    expect(draft.declaration).toMatchObject({ date: '2025-07-05', modifiee_le: '2025-09-01' });
    expect(draft.text).toContain('date: "2025-07-05"\nmodifiee_le: "2025-09-01"\n');
    // The same day as the first declaration: nothing to note.
    expect(keptHistory({ date: '2025-07-05' }, { ...bruno, date: '2025-07-05' }, '2025-07-05', '2025-06-30')).toMatchObject({ date: '2025-07-05', modifiee_le: undefined });
    // Applied twice, the same.
    const twice = keptHistory({ date: '2025-07-05' }, keptHistory({ date: '2025-07-05' }, bruno, FIXTURE_DATE, '2025-06-30'), FIXTURE_DATE, '2025-06-30');
    expect(twice).toMatchObject({ date: '2025-07-05', modifiee_le: FIXTURE_DATE });
  });

  it('une déclaration provisoire garde le jour de sa première complétion après la fin : une modification suivante ne la redate pas', () => {
    // mission-terminee ended on 2025-06-30 (deadline 2025-07-30). Declared on 2025-06-15
    // (provisional), completed on 2025-07-10 (on time), edited again on 2025-09-01.
    const FIN = '2025-06-30';
    const interim = { date: '2025-06-15' };
    const completed = keptHistory(interim, { ...bruno, date: '2025-07-10' }, '2025-07-10', FIN);
    expect(completed).toMatchObject({ date: '2025-06-15', modifiee_le: '2025-07-10', completee_le: '2025-07-10' });
    const edited = keptHistory({ date: '2025-06-15', modifiee_le: '2025-07-10', completee_le: '2025-07-10' }, { ...bruno, date: '2025-09-01' }, '2025-09-01', FIN);
    expect(edited).toMatchObject({ date: '2025-06-15', modifiee_le: '2025-09-01', completee_le: '2025-07-10' });
    // A file completed before completee_le existed (modifiee_le after the end) keeps that day.
    expect(keptHistory({ date: '2025-06-15', modifiee_le: '2025-07-10' }, { ...bruno, date: '2025-09-01' }, '2025-09-01', FIN)).toMatchObject({ completee_le: '2025-07-10', modifiee_le: '2025-09-01' });
    // Edited again before the end: still provisional; made after the end: nothing to complete.
    expect(keptHistory(interim, { ...bruno, date: '2025-06-20' }, '2025-06-20', FIN).completee_le).toBeUndefined();
    expect(keptHistory({ date: '2025-07-05' }, { ...bruno, date: '2025-09-01' }, '2025-09-01', FIN).completee_le).toBeUndefined();
    // Written in the file, in quotes like every date.
    expect(declarationYaml(buildDeclaration(edited))).toContain('date: "2025-06-15"\nmodifiee_le: "2025-09-01"\ncompletee_le: "2025-07-10"\n');
  });
});

describe('writtenVerdict : le registre revalidé, pour le fichier écrit', () => {
  it('valide', () => {
    expect(writtenVerdict(base, ALICE)).toEqual({ exitCode: 0, problems: [], verdict: 'La déclaration est valide.' });
  });

  it('valide avec avertissements, qui ne bloquent pas', () => {
    const verdict = writtenVerdict(loadCase('declaration-reciprocite-insuffisante'), ALICE);
    expect(verdict.exitCode).toBe(0);
    expect(verdict.problems.map((p) => p.code)).toContain('reciprocite_insuffisante');
    expect(verdict.verdict).toBe('La déclaration est valide (les avertissements ne bloquent pas).');
  });

  it('invalide : sortie 1, les erreurs du fichier', () => {
    const verdict = writtenVerdict(loadCase('declaration-montant-negatif'), ALICE);
    expect(verdict.exitCode).toBe(1);
    expect(verdict.problems.map((p) => p.code)).toContain('montant_non_positif');
    expect(verdict.verdict).toBe('La déclaration est écrite mais ne passe pas la vérification : corrigez le fichier, puis lancez npm run validate.');
  });

  it('compte les erreurs des autres fichiers sans les attribuer au sien', () => {
    // mission-equipe-prestataire-inconnu: one error (prestataire_inconnu) in missions/mission-terminee.md,
    // none in alice's declaration.
    const verdict = writtenVerdict(loadCase('mission-equipe-prestataire-inconnu'), ALICE);
    expect(verdict).toEqual({
      exitCode: 0,
      problems: [],
      verdict: "La déclaration est valide. Le registre contient une autre erreur, dans d'autres fichiers : npm run validate les détaille.",
    });
  });
});
