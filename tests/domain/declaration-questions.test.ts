// The questions of npm run declare as data (src/domain/contribution/declaration-questions.ts)
// and the lines every way of declaring fills the same way (declaration-text.ts), on the
// base fixture tree at its reference date, 2025-07-15 (FIXTURE_DATE). The terminal that
// asks them is driven in tests/scripts/declare.test.ts.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { declarableMissions } from '../../src/domain/contribution/declaration-file.ts';
import {
  COMMENT,
  existingQuestion,
  HOURS,
  inKindDateQuestion,
  AMOUNT,
  missionQuestion,
  moneyCommunQuestion,
  natureCommunQuestion,
  noMissionMessage,
  paymentDateQuestion,
  promisePaidDateQuestion,
  promisePaidQuestion,
  REQUIRED,
  shortHint,
  textAnswerProblem,
  usageQuestion,
  usedCommunsQuestion,
  whoQuestion,
  WHY_NOTHING,
} from '../../src/domain/contribution/declaration-questions.ts';
import { cleanAnswer, codeSentence, futurePaymentProblem, moneyLine, natureLine } from '../../src/domain/contribution/declaration-text.ts';
import { loadRegistry, type LoadResult } from '../../src/domain/rules/load.ts';
import { FIXTURE_DATE, FIXTURES } from '../helpers.ts';

let loaded: LoadResult;
beforeAll(() => {
  loaded = loadRegistry(join(FIXTURES, 'base'), { date: FIXTURE_DATE });
});

const FUTURE_PAYMENT =
  'Un versement marqué « verse » est daté du 1er août 2025, après la date de référence (15 juillet 2025). ' +
  'Un versement à venir est « promis » : passez statut à promis, ou corrigez la date du versement.';

describe('textAnswerProblem : chaque réponse jugée avant la question suivante', () => {
  it('vide : la valeur par défaut, rien si facultatif, sinon obligatoire', () => {
    expect(textAnswerProblem(WHY_NOTHING, '')).toBe(REQUIRED);
    expect(textAnswerProblem(usageQuestion(loaded.registry, 'wiki-test'), '   ')).toBe(REQUIRED);
    expect(textAnswerProblem(COMMENT, undefined)).toBeUndefined();
    expect(textAnswerProblem(paymentDateQuestion('verse', FIXTURE_DATE), '')).toBeUndefined();
  });

  it('la règle du schéma pour le champ, avec son message', () => {
    expect(textAnswerProblem(AMOUNT, '12,50')).toBeUndefined();
    expect(textAnswerProblem(AMOUNT, '12,505')).toContain('a plus de deux décimales (reçu 12.505)');
    expect(textAnswerProblem(HOURS, 'beaucoup')).toContain('« heures » doit être un nombre (reçu « beaucoup »)');
    expect(textAnswerProblem(paymentDateQuestion('promis', FIXTURE_DATE), '2025-02-30')).toContain("le 2025-02-30 n'existe pas dans le calendrier");
  });

  it('une date se tape à la française (JJ/MM/AAAA) ou comme le registre l’écrit ; jamais un conseil de fichier YAML', () => {
    expect(textAnswerProblem(paymentDateQuestion('promis', FIXTURE_DATE), '20/11/2026')).toBeUndefined();
    expect(textAnswerProblem(inKindDateQuestion(FIXTURE_DATE), '3.7.2025')).toBeUndefined();
    expect(textAnswerProblem(inKindDateQuestion(FIXTURE_DATE), '31/02/2026')).toBe(
      "« date » : le 31/02/2026 n'existe pas dans le calendrier. Vérifiez le jour et le mois (février a 28 ou 29 jours).",
    );
    const unreadable = textAnswerProblem(inKindDateQuestion(FIXTURE_DATE), 'mardi dernier')!;
    expect(unreadable).toBe('« date » n’est pas une date (reçu : « mardi dernier »). Écrivez le jour, le mois et l’année, par exemple 14/03/2026 (ou 2026-03-14).');
    expect(unreadable).not.toContain('guillemets');
    // What the terminal keeps of the answer: the registry's day.
    expect(cleanAnswer('date', ' 20/11/2026 ')).toBe('2026-11-20');
  });

  it('un versement dit fait ne peut pas être daté après la date de référence ; une promesse, si', () => {
    expect(textAnswerProblem(paymentDateQuestion('verse', FIXTURE_DATE), '"2025-08-01"')).toBe(FUTURE_PAYMENT);
    expect(textAnswerProblem(promisePaidDateQuestion(FIXTURE_DATE), '2025-08-01')).toBe(FUTURE_PAYMENT);
    expect(textAnswerProblem(paymentDateQuestion('verse', FIXTURE_DATE), '"2025-07-01"')).toBeUndefined();
    expect(textAnswerProblem(paymentDateQuestion('verse', FIXTURE_DATE), FIXTURE_DATE)).toBeUndefined();
    expect(textAnswerProblem(paymentDateQuestion('promis', FIXTURE_DATE), '2025-08-01')).toBeUndefined();
  });

  it('propose la date de référence par défaut pour les dates', () => {
    // 2025-07-15, shown as it is typed; Enter keeps it, read back as 2025-07-15.
    expect(paymentDateQuestion('promis', FIXTURE_DATE)).toMatchObject({ message: 'Date prévue du versement (JJ/MM/AAAA) ?', defaultValue: '15/07/2025', paidBy: undefined });
    expect(paymentDateQuestion('verse', FIXTURE_DATE)).toMatchObject({ message: 'Date du versement (JJ/MM/AAAA) ?', defaultValue: '15/07/2025', paidBy: FIXTURE_DATE });
    expect(cleanAnswer('date', inKindDateQuestion(FIXTURE_DATE).defaultValue!)).toBe(FIXTURE_DATE);
  });
});

describe('les choix, tirés du registre', () => {
  it('les prestataires et les communs par ordre de nom, nommés « Nom (identifiant) »', () => {
    expect(whoQuestion(loaded.registry).options).toEqual([
      { value: 'alice-conseil', label: 'Alice Conseil (alice-conseil)' },
      { value: 'claire-asso', label: 'Association Claire (claire-asso)' },
      { value: 'bruno-coop', label: 'Coopérative Bruno (bruno-coop)' },
    ]);
    expect(usedCommunsQuestion(loaded.registry).options).toEqual([
      { value: 'reseau-test', label: 'Réseau de test (reseau-test)', hint: 'Le réseau lui-même.' },
      { value: 'wiki-test', label: 'Wiki de test (wiki-test)', hint: 'Un wiki ouvert.' },
    ]);
    expect(natureCommunQuestion(loaded.registry).options.map((o) => o.hint)).toEqual(['Animer une rencontre.', 'Améliorer une fiche.']);
    expect(usageQuestion(loaded.registry, 'wiki-test').message).toBe('Comment avez-vous utilisé Wiki de test (wiki-test) ?');
  });

  it('pour l’argent, seuls les communs qui l’acceptent ; aucun : pas de question', () => {
    // wiki-test: contribution_argent.accepte false; reseau-test collects on HelloAsso.
    expect(moneyCommunQuestion(loaded.registry)?.options).toEqual([{ value: 'reseau-test', label: 'Réseau de test (reseau-test)', hint: 'HelloAsso' }]);
    const noMoney = new Map([...loaded.registry.communs].filter(([, c]) => !c.data.contribution_argent.accepte));
    expect(moneyCommunQuestion({ ...loaded.registry, communs: noMoney })).toBeUndefined();
  });

  it('les missions qu’on peut déclarer, les déjà déclarées signalées', () => {
    expect(missionQuestion(declarableMissions(loaded, 'bruno-coop', FIXTURE_DATE)).options).toEqual([
      { value: 'mission-terminee', label: 'Mission terminée (mission-terminee)', hint: 'terminée le 30 juin 2025' },
    ]);
    expect(missionQuestion(declarableMissions(loaded, 'alice-conseil', FIXTURE_DATE)).options[0].label).toBe('Mission terminée (mission-terminee) — déjà déclarée');
    expect(declarableMissions(loaded, 'claire-asso', FIXTURE_DATE)).toEqual([]);
    expect(noMissionMessage('claire-asso', FIXTURE_DATE)).toMatch(/^Aucune mission commencée au 15 juillet 2025 n'a « claire-asso » dans son équipe/);
  });

  it('une déclaration existante : la compléter n’est proposé que si elle est valide', () => {
    expect(existingQuestion('content/x.yaml', true)).toMatchObject({ initialValue: 'completer', options: [{ value: 'completer' }, { value: 'remplacer' }, { value: 'garder' }] });
    const invalid = existingQuestion('content/x.yaml', false);
    expect(invalid.options.map((o) => o.value)).toEqual(['remplacer', 'garder']);
    expect(invalid.initialValue).toBe('garder');
  });

  it('une promesse à solder est nommée par son montant et son commun', () => {
    const promise = { commun: 'reseau-test', montant_eur: 1200.5, statut: 'promis' as const, date: '2025-07-20' };
    expect(promisePaidQuestion(loaded.registry, promise)).toEqual({
      message: 'Les 1\u00a0200,50 € promis à Réseau de test (reseau-test) ont-ils été versés ?',
      yes: 'Oui',
      no: 'Pas encore',
      initialValue: false,
    });
  });

  it('un indice trop long est coupé à 70 caractères', () => {
    expect(shortHint('a'.repeat(70))).toBe('a'.repeat(70));
    expect(shortHint(`${'a'.repeat(68)} bbbb`)).toBe(`${'a'.repeat(68)}…`);
  });
});

describe('les lignes, remplies de la même façon partout (terminal, options, formulaire)', () => {
  it('une ligne sans date prend celle de la déclaration ; sans preuve ni lien, le champ est omis', () => {
    expect(moneyLine({ commun: 'reseau-test', montant_eur: 40, statut: 'verse', date: '', preuve: '' }, FIXTURE_DATE)).toEqual({
      commun: 'reseau-test',
      montant_eur: 40,
      statut: 'verse',
      date: FIXTURE_DATE,
      preuve: undefined,
    });
    expect(natureLine({ commun: 'wiki-test', description: 'Une fiche', heures: 1.5, lien: 'https://wiki.example.org/f', date: '2025-07-10' }, FIXTURE_DATE)).toEqual({
      commun: 'wiki-test',
      description: 'Une fiche',
      heures: 1.5,
      lien: 'https://wiki.example.org/f',
      date: '2025-07-10',
    });
  });

  it('versement_futur : la date peut être écrite entre guillemets, vide ou antérieure ne dit rien', () => {
    expect(futurePaymentProblem('« 2025-08-01 »', FIXTURE_DATE)).toBe(FUTURE_PAYMENT);
    expect(futurePaymentProblem('', FIXTURE_DATE)).toBeUndefined();
    expect(futurePaymentProblem('2025-07-14', FIXTURE_DATE)).toBeUndefined();
  });

  it('le message d’un code suivi de son conseil', () => {
    expect(codeSentence('declaration_vide', {})).toMatch(/^La déclaration ne dit rien : .* Listez les communs utilisés/);
  });
});
