// The budget calculator (issue 23, point 3) runs the figures' own arithmetic: fed the
// team of the sample's consortium mission, it gives that mission's budget, pool, expected
// reciprocity and shares, to the cent, and the same explanation as the mission's page.
import { describe, expect, it } from 'vitest';
import { explainMission } from '../../src/domain/rules/explain.ts';
import { computeFigures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { DEFAULT_TEAM, quoteBudget } from '../../src/domain/rules/quote.ts';
import { SAMPLE, SAMPLE_DATE } from '../helpers.ts';

const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
const regles = registry.regles.map((r) => r.data);
const CONSORTIUM = 'consortium-ruralite-bocage-avesnois-2025';

describe('le calculateur de budget', () => {
  it('donne, pour l’équipe de la mission en consortium, les chiffres de sa page au centime', () => {
    const mission = registry.missions.get(CONSORTIUM)!.data;
    const figures = computeFigures(registry, SAMPLE_DATE).missions.find((m) => m.id === CONSORTIUM)!;
    const result = quoteBudget(regles, { date: mission.debut!, budget_eur: mission.budget_eur, equipe: mission.equipe.map((m) => ({ ...m, nom: m.prestataire })) }, 'Réseau test');
    if (!result.ok) throw new Error(result.erreurs.join('\n'));
    expect(result.quote.budget).toEqual(figures.budget);
    expect(result.quote.budget.reciprocite_attendue_eur).toBe(330);
    expect(result.quote.budget.solidarite.pot_eur).toBe(1600);
    // The same lines as the mission page, but for the names (ids here) and the budget's word.
    const page = explainMission(figures, registry).slice(0, 4);
    const names = new Map([...registry.prestataires.values()].map((p) => [p.data.nom, p.data.id]));
    const asIds = (line: string) => [...names].reduce((text, [nom, id]) => text.replaceAll(`${nom} :`, `${id} :`), line).replace(' déclaré ;', ' au devis ;');
    expect(result.quote.explications).toEqual(page.map((e) => ({ ...e, lignes: e.lignes.map(asIds) })));
  });

  it('propose pour l’équipe par défaut un budget qui couvre honoraires et marge, et un paragraphe qui les nomme', () => {
    const result = quoteBudget(regles, { date: '2026-03-02', equipe: DEFAULT_TEAM }, 'Réseau test');
    if (!result.ok) throw new Error(result.erreurs.join('\n'));
    const { budget, budget_propose_eur, paragraphe } = result.quote;
    expect(budget_propose_eur).toBe(budget.total_roles_eur + budget.solidarite.pot_eur);
    expect(budget.budget_eur).toBe(budget_propose_eur);
    expect(budget.ecart_budget_eur).toBe(0);
    expect(budget.solidarite.pot_eur).toBe(400);
    expect(paragraphe).toContain(`Ce budget de 6\u00a0150\u00a0€ comprend 13\u00a0jours d’intervention`);
    expect(paragraphe).toContain('une marge de solidarité de 400\u00a0€ (100\u00a0€ par jour de contribution plancher)');
    expect(paragraphe).toContain('règles de réciprocité du réseau Réseau test, en vigueur depuis le 1er avril 2024 (2024-04-01#reciprocite)');
    expect(paragraphe).toContain('à hauteur de 65\u00a0€, en argent ou en temps, dont 16\u00a0€ pour le réseau');
    expect(budget.membres.reduce((s, m) => s + m.reciprocite_attendue_eur, 0)).toBe(budget.reciprocite_attendue_eur);
  });

  it('un compagnonnage (budget 0) : rien d’attendu, et le paragraphe le dit sans parler d’honoraires facturés', () => {
    const result = quoteBudget(regles, { date: '2026-03-02', equipe: DEFAULT_TEAM, budget_eur: 0 }, 'Réseau test');
    if (!result.ok) throw new Error(result.erreurs.join('\n'));
    expect(result.quote.budget.reciprocite_attendue_eur).toBe(0);
    expect(result.quote.paragraphe).toMatch(/^Cette mission est un compagnonnage non facturé \(budget de 0\s€\) : .*aucune contribution aux communs n’est attendue\./);
    expect(result.quote.paragraphe).not.toContain('Ce budget de 0');
  });

  it('applique les règles en vigueur au début de la mission', () => {
    const later = [...regles].sort((a, b) => b.en_vigueur_depuis.localeCompare(a.en_vigueur_depuis))[0];
    const result = quoteBudget(regles, { date: later.en_vigueur_depuis, equipe: DEFAULT_TEAM }, 'Réseau test');
    if (!result.ok) throw new Error(result.erreurs.join('\n'));
    expect(result.quote.regles).toBe(later.en_vigueur_depuis);
    expect(result.quote.budget.regles.reciprocite).toBe(`${later.en_vigueur_depuis}#reciprocite`);
  });

  it('dit en français ce qui ne va pas dans l’équipe, la date ou le budget', () => {
    const result = quoteBudget(
      regles,
      {
        date: '2023-01-01',
        budget_eur: -5,
        equipe: [
          { nom: '', role: 'stagiaire' as 'plancher', jours: 2 },
          { nom: 'Zoé', role: 'animation', jours: 0 },
          { nom: 'Yann', role: 'plancher', jours: 1.3, distance_km: -4 },
        ],
      },
      'Réseau test',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.erreurs).toEqual([
      'Aucune règle n’est en vigueur le 1er janvier 2023 : les premières datent du 1er avril 2024.',
      'Membre 1 : rôle « stagiaire » inconnu ; choisissez plancher, animation, coordination.',
      'Zoé : le nombre de jours doit être un nombre positif (au plus 1000).',
      'Yann : les jours se comptent par demi-journées (par exemple 2,5).',
      'Yann : la distance doit être un nombre de kilomètres, 0 ou plus.',
      'Le budget doit être un montant en euros, 0 ou plus.',
    ]);
    expect(quoteBudget(regles, { date: '2026-03-02', equipe: [] }, 'Réseau test')).toEqual({ ok: false, erreurs: ['L’équipe est vide : ajoutez au moins un membre (rôle et jours).'] });
  });
});
