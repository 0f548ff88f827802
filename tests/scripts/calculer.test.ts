// npm run calculer: the calculator of /calculer/ on the command line, on the real sample.
import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { npmRun, SAMPLE, SAMPLE_DATE } from '../helpers.ts';

const CONSORTIUM = 'consortium-ruralite-bocage-avesnois-2025';

describe('npm run calculer', () => {
  it('donne pour l’équipe de la mission en consortium le budget de sa page, en JSON', () => {
    const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
    const mission = registry.missions.get(CONSORTIUM)!.data;
    const members = mission.equipe.map((m) => `${m.prestataire}=${m.role}:${m.jours}${m.distance_km === undefined ? '' : `:${m.distance_km}:${m.frais_deplacement_eur ?? ''}`}`);
    const result = npmRun('calculer', ['--content', SAMPLE, '--date', mission.debut!, '--budget', String(mission.budget_eur), '--format', 'json', ...members.flatMap((m) => ['--membre', m])]);
    expect(result.status, result.stderr).toBe(0);
    const quote = JSON.parse(result.stdout);
    expect(quote.budget).toEqual(computeFigures(registry, SAMPLE_DATE).missions.find((m) => m.id === CONSORTIUM)!.budget);
  });

  it('en texte, sans --membre : l’équipe type, le calcul règle par règle et le paragraphe du devis', () => {
    const result = npmRun('calculer', ['--content', SAMPLE, '--date', '2026-03-02']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Devis d\'une mission qui commence le 2 mars 2026, selon les règles en vigueur depuis le 1er avril 2024.');
    expect(result.stdout).toContain('Réciprocité attendue — règle 2024-04-01#reciprocite');
    expect(result.stdout).toMatch(/Paragraphe pour le devis :\n\nCe budget de 6\s150\s€ comprend/);
  });

  it('refuse en français un membre mal écrit ou une équipe impossible (sortie 2)', () => {
    const malformed = npmRun('calculer', ['--content', SAMPLE, '--membre', 'plancher']);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('--membre plancher : attendu [NOM=]RÔLE:JOURS[:KM[:FRAIS]]');
    const impossible = npmRun('calculer', ['--content', SAMPLE, '--date', '2026-03-02', '--membre', 'Zoé=stagiaire:2', '--membre', 'Yann=plancher:deux']);
    expect(impossible.status).toBe(2);
    expect(impossible.stderr).toContain('--membre Yann=plancher:deux : le nombre de jours « deux » n\'est pas un nombre.');
    const role = npmRun('calculer', ['--content', SAMPLE, '--date', '2026-03-02', '--membre', 'Zoé=stagiaire:2']);
    expect(role.status).toBe(2);
    expect(role.stderr).toContain('Zoé : rôle « stagiaire » inconnu ; choisissez plancher, animation, coordination.');
    expect(role.stderr).not.toMatch(/at .*\.ts:\d+/);
    const budget = npmRun('calculer', ['--content', SAMPLE, '--budget', 'beaucoup']);
    expect(budget.status).toBe(2);
    expect(budget.stderr).toContain('--budget : le montant « beaucoup » n\'est pas un nombre.');
  });
});
