// The /declarer/ form's last check (src/site/declare-form-check.ts), run here in Node on the
// data the build gives the browser: the page's commons and rules, the provider's file.
// It must say what CI says: the same errors as draftProblems on the whole loaded registry.
//
// contributing.md, problem 2: Agathe Morel on the social landlord's mission (budget 8 200 €,
// 8 days of animation) gives 4 900 € paid, 300 h in kind, a promise dated 2090 and a
// contribution dated 1999; the form said « prête », validate gave 4 errors:
//   4 900 > 50 % × 8 200 = 4 100 € (argent_disproportionne); 300 h > 8 h × 8 days = 64 h
//   (heures_disproportionnees); 2090 > fin 2026-07-10 + 5 years (promesse_lointaine);
//   1999 < 2000 (date_improbable).
import { afterAll, describe, expect, test } from 'vitest';
import { draftProblems } from '../../src/domain/contribution/declaration-file.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { formVerdict } from '../../src/site/declare-form-check.ts';
import { declareFormData, formProvider } from '../../src/site/declare-form.ts';
import { baseWith, FIXTURE_DATE, removeEditedTrees, SAMPLE, SAMPLE_DATE } from '../helpers.ts';

afterAll(removeEditedTrees);

const loaded = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
const { registry } = loaded;
// What the page carries (declareFormData) and what the provider's file carries, through JSON as in the browser.
const page = JSON.parse(JSON.stringify({ communs: [...registry.communs.values()].map((c) => c.data), regles: registry.regles.map((r) => r.data) }));
const fileOf = (id: string) => JSON.parse(JSON.stringify(formProvider({ registry }, id)));

const BCUS = 'bcus-residence-les-tilleuls-2026';

describe('la dernière vérification du formulaire /declarer/', () => {
  test('les règles de plausibilité du registre : les mêmes quatre erreurs que npm run validate, pas de « prête »', () => {
    const answers = {
      prestataire: 'agathe-morel',
      mission: BCUS,
      date: SAMPLE_DATE,
      communs_utilises: [{ commun: 'movilab', usage: 'Fiches méthode pour les ateliers.' }],
      contributions_argent: [
        { commun: 'compagnie-des-tiers-lieux', montant_eur: 4900, statut: 'verse' as const, date: '2026-11-20' },
        { commun: 'movilab', montant_eur: 10, statut: 'promis' as const, date: '2090-01-01' },
      ],
      contributions_nature: [{ commun: 'movilab', description: 'Relecture des fiches.', heures: 300, date: '1999-05-01' }],
    };
    const verdict = formVerdict(page, fileOf('agathe-morel'), answers, SAMPLE_DATE);
    const ci = draftProblems(loaded, answers, SAMPLE_DATE).filter((p) => p.severity === 'error');
    expect(ci.map((p) => p.code).sort()).toEqual(['argent_disproportionne', 'date_improbable', 'heures_disproportionnees', 'promesse_lointaine']);
    expect(verdict.errors).toEqual(ci.map((p) => `${p.message} ${p.hint}`));
    // Fixed, the same file is ready, with the warnings CI gives too.
    const fixed = { ...answers, contributions_argent: [{ ...answers.contributions_argent[0], montant_eur: 490 }], contributions_nature: [{ ...answers.contributions_nature[0], heures: 3, date: '2026-10-01' }] };
    const ready = formVerdict(page, fileOf('agathe-morel'), fixed, SAMPLE_DATE);
    expect(ready.errors).toEqual([]);
    expect(ready.warnings).toEqual(draftProblems(loaded, fixed, SAMPLE_DATE).filter((p) => p.severity === 'warning').map((p) => `${p.message} ${p.hint}`));
    expect(ready.path).toBe(`content/declarations/agathe-morel/${BCUS}.yaml`);
    expect(ready.replaces).toBeUndefined();
  });

  test('une mission déjà déclarée : la déclaration garde sa date (28 août 2026), la modification est datée, ce qui change est listé', () => {
    // nicolas-verhaeghe declared BCUS on 2026-08-28: one commons, 20 € paid. He adds a promise.
    const file = fileOf('nicolas-verhaeghe');
    const existing = file.missions.find((m: { id: string }) => m.id === BCUS).declaration;
    expect(existing).toMatchObject({ date: '2026-08-28' });
    const answers = { ...existing, date: SAMPLE_DATE, contributions_argent: [...existing.contributions_argent, { commun: 'movilab', montant_eur: 15, statut: 'promis', date: '2027-01-15' }] };
    const verdict = formVerdict(page, file, answers, SAMPLE_DATE);
    expect(verdict.errors).toEqual([]);
    expect(verdict.text).toContain(`date: "2026-08-28"\nmodifiee_le: "${SAMPLE_DATE}"\n`);
    expect(verdict.replaces).toEqual({
      date: '2026-08-28',
      changes: [
        { champ: 'contributions_argent[1].commun', apres: 'movilab' },
        { champ: 'contributions_argent[1].montant_eur', apres: 15 },
        { champ: 'contributions_argent[1].statut', apres: 'promis' },
        { champ: 'contributions_argent[1].date', apres: '2027-01-15' },
      ],
    });
  });

  test('un point ne dit pas pourquoi : refusé avec le message et le conseil du validateur', () => {
    const verdict = formVerdict(page, fileOf('agathe-morel'), { prestataire: 'agathe-morel', mission: BCUS, date: SAMPLE_DATE, aucun_commun_utilise: '.', pourquoi_rien_donne: 'Mission arrêtée avant les ateliers.' }, SAMPLE_DATE);
    expect(verdict.errors).toEqual([expect.stringMatching(/^« aucun_commun_utilise » ne dit pas pourquoi : « \. » n’est pas une phrase\. Écrivez une vraie phrase d’au moins trois mots/)]);
  });
});

describe('un commun fermé dans /declarer/', () => {
  // wiki-test closed on 2025-07-01 (tests/fixtures/base): it stays offered, for a contribution
  // made before it closed, under a name that says since when; a later date gets CI's warning.
  const dir = baseWith({ 'communs/wiki-test.md': [['---\nUn wiki.', 'fermeture:\n  le: "2025-07-01"\n  raison: Le wiki a été archivé.\n---\nUn wiki.']] });
  const closed = loadRegistry(dir, { date: FIXTURE_DATE });

  test('son nom dit sa fermeture ; une contribution datée après reçoit l’avertissement de CI', () => {
    const { form } = declareFormData({ registry: closed.registry, date: FIXTURE_DATE }, '/declarer/missions/');
    expect(form.communs.find((c) => c.id === 'wiki-test')?.nom).toBe('Wiki de test (fermé le 1er juillet 2025)');
    const answers = {
      prestataire: 'alice-conseil',
      mission: 'mission-terminee',
      date: FIXTURE_DATE,
      communs_utilises: [{ commun: 'wiki-test', usage: 'Fiches méthode.' }],
      contributions_nature: [{ commun: 'wiki-test', description: 'Une fiche améliorée.', heures: 2, date: '2025-07-04' }],
    };
    const warnings = draftProblems(closed, answers, FIXTURE_DATE).filter((p) => p.code === 'contribution_apres_fermeture');
    expect(warnings.map((p) => p.message)).toEqual(['Contribution au commun « wiki-test » datée du 4 juillet 2025, après sa fermeture le 1er juillet 2025.']);
    const verdict = formVerdict(JSON.parse(JSON.stringify(form.registre)), JSON.parse(JSON.stringify(formProvider({ registry: closed.registry }, 'alice-conseil'))), answers, FIXTURE_DATE);
    expect(verdict.warnings).toContain(`${warnings[0].message} ${warnings[0].hint}`);
  });
});
