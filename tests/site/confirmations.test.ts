// Receipts confirmed by the commons, on the built sample site (reference date 2026-11-29).
// karim-haddou declared two payments to La Compagnie des Tiers-Lieux:
//   120 € on 2025-01-20 for modele-economique-habitat-nord-solidaire-2024, confirmed
//     received on 2025-01-22 (content/confirmations/compagnie-des-tiers-lieux.yaml);
//   80 € on 2026-03-20 for evaluation-impact-vermandois-2025, not confirmed; rules
//     2024-04-01, confirmation_jours 90: 2026-03-20 + 90 days = 11 + 30 + 31 + 18 → 18 June
//     2026, past on 2026-11-29: a warning, and « confirmation attendue » on the pages.
// La Compagnie des Tiers-Lieux: declared paid 1 450 €, confirmed 1 055 € (npm run figures
// -- --date 2026-11-29); 14 payments confirmed, 4 not, 2 of them past the delay.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';

const site = () => inject('siteDir');
const html = (path: string) => readFileSync(join(site(), path), 'utf8');
/** The visible text of a built page, tags dropped and spaces folded. */
const textOf = (path: string) =>
  html(path)
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ');

const CONFIRMED = '✓ versé, confirmé par La Compagnie des Tiers-Lieux le 22 janvier 2025';
const UNCONFIRMED = 'versé, non confirmé (versé le 20 mars 2026) · confirmation attendue au plus tard le 18 juin 2026';

describe('un versement confirmé par son commun et un autre non confirmé se distinguent', () => {
  it('sur la page du prestataire : en mots, par la marque et par le style', () => {
    const text = textOf('prestataires/karim-haddou/index.html');
    expect(text).toContain(`120 € à La Compagnie des Tiers-Lieux , ${CONFIRMED} (versé le 20 janvier 2025)`);
    expect(text).toContain(`80 € à La Compagnie des Tiers-Lieux , ${UNCONFIRMED}`);
    expect(text).toContain('Dont confirmé par les communs 120 €');
    const page = html('prestataires/karim-haddou/index.html');
    expect(page).toMatch(/<span class="badge confirme" data-confirmation="confirme">/);
    expect(page).toMatch(/<span class="badge non_confirme" data-confirmation="non_confirme">/);
    // The deadline links to the rule that sets it.
    expect(page).toMatch(/confirmation attendue au plus tard le 18\sjuin\s2026 \(<a href="[^"]*\/regles\/#2024-04-01-delais"/);
  });

  it('sur la page de la mission', () => {
    expect(textOf('missions/evaluation-impact-vermandois-2025/index.html')).toContain(`80 € à La Compagnie des Tiers-Lieux , ${UNCONFIRMED}`);
    expect(textOf('missions/modele-economique-habitat-nord-solidaire-2024/index.html')).toContain(CONFIRMED);
  });

  it('sur la page du commun, avec le déclaré et le confirmé côte à côte, par année', () => {
    const text = textOf('communs/compagnie-des-tiers-lieux/index.html');
    expect(text).toContain('Déclaré versé 1 450 € Confirmé reçu 1 055 € Versements confirmés 14 sur 18 Non confirmés après le délai 2');
    expect(text).toContain('2026 760 € 365 € 0 €');
    expect(text).toContain('@tresorerie-compagnie, @animation-compagnie');
    expect(text).toContain(`120 € de Karim Haddou pour`);
    expect(text).toMatch(/80 € de Karim Haddou pour [^:]+ : versé, non confirmé \(versé le 20 mars 2026\)/);
    expect(text).toMatch(/120 € de Karim Haddou pour [^:]+ : ✓ versé, confirmé par La Compagnie des Tiers-Lieux le 22 janvier 2025/);
    // A commons without stewards on the forge says why its payments stay unconfirmed.
    expect(textOf('communs/movilab/index.html')).toContain('ce commun n’a pas encore de gardien sur la forge');
  });

  it('dans le CSV des contributions en argent et sa copie pour tableur', () => {
    const rows = parse(html('donnees/contributions_argent.csv'), { columns: true }) as Record<string, string>[];
    const karim = rows.filter((r) => r.prestataire === 'karim-haddou' && r.statut === 'verse');
    expect(karim.map((r) => [r.mission, r.confirmation, r.confirmation_libelle, r.confirmation_date, r.confirmation_montant_eur, r.confirmation_attendue])).toEqual([
      ['evaluation-impact-vermandois-2025', 'non_confirme', 'versé, non confirmé', '', '', 'true'],
      ['modele-economique-habitat-nord-solidaire-2024', 'confirme', 'versé, confirmé par La Compagnie des Tiers-Lieux le 22 janvier 2025', '2025-01-22', '120', ''],
    ]);
    const spreadsheet = readFileSync(join(site(), 'donnees/tableur/contributions_argent.csv'), 'utf8');
    // The spreadsheet copy sets its words as the site does (the day keeps its month); the date cell stays ISO.
    expect(spreadsheet).toContain('versé, confirmé par La Compagnie des Tiers-Lieux le 22\u00a0janvier 2025;2025-01-22;120;');
    const communs = parse(html('donnees/figures_communs.csv'), { columns: true }) as Record<string, string>[];
    expect(communs.find((r) => r.id === 'compagnie-des-tiers-lieux')).toMatchObject({ argent_verse_eur: '1450', argent_confirme_eur: '1055', versements_attendus: '2' });
  });
});
