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
    // The name takes its article: « du Quai des Possibles », never « de Le Quai ».
    expect(text).toContain('15 € du Quai des Possibles pour');
    expect(text).not.toMatch(/\bde Le /);
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

// In-kind hours, confirmed in the « nature » list of the same file. La Compagnie des
// Tiers-Lieux was declared 6 in-kind contributions: atelier-du-bocage 6 h, karim-haddou
// 2 h, la-sucrerie-partagee 3 h, quai-des-possibles 7 h + 5 h + 4 h = 27 h; it confirms
// 3 h (la Sucrerie), 7 h (the Quai, consortium mission) and 6 h (the Atelier) = 16 h.
// The consortium mission: 25 h in kind, of which 7 + 6 = 13 h to the Compagnie, confirmed.
describe('des heures en nature confirmées par leur commun, et d’autres non, se distinguent comme l’argent', () => {
  it('sur la page du prestataire, ligne par ligne et dans ses chiffres', () => {
    const text = textOf('prestataires/quai-des-possibles/index.html');
    expect(text).toMatch(/7 h pour La Compagnie des Tiers-Lieux : Accueil d'une journée de visite apprenante pour les trois groupes d'habitants\. — ✓ confirmé par La Compagnie des Tiers-Lieux le 20 mai 2025/);
    expect(text).toMatch(/4 h pour La Compagnie des Tiers-Lieux : [^—]+— non confirmé/);
    expect(text).toContain('Dont heures confirmées par les communs 7 h');
    const page = html('prestataires/quai-des-possibles/index.html');
    expect(page).toMatch(/<span class="badge confirme" data-confirmation="confirme">✓ confirmé par/);
    // Movilab has no steward on the forge: the line says why nobody confirms it.
    expect(text).toMatch(/2 h pour Movilab[^—]+— non confirmé · ce commun n’a pas de gardien sur la forge pour confirmer/);
  });

  it('sur la page de la mission', () => {
    const text = textOf('missions/consortium-ruralite-bocage-avesnois-2025/index.html');
    expect(text).toContain('25 h en nature, dont 13 h confirmées');
    expect(text).toMatch(/L'Atelier du Bocage : 6 h à La Compagnie des Tiers-Lieux \([^)]+\), ✓ confirmé par La Compagnie des Tiers-Lieux le 10 juillet 2025/);
  });

  it('sur la page du commun et dans la liste des communs', () => {
    const text = textOf('communs/compagnie-des-tiers-lieux/index.html');
    expect(text).toContain('6 contributions, 27 h au total déclarées par les prestataires, dont 16 h que La Compagnie des Tiers-Lieux confirme avoir reçues (3 contributions confirmées sur 6)');
    // Hours are confirmed mission by mission: each in-kind contribution names its mission.
    expect(text).toMatch(/Le Quai des Possibles , 7 h pour Faire émerger trois tiers-lieux ruraux dans le Bocage avesnois — [^—]+ — ✓ confirmé par La Compagnie des Tiers-Lieux le 20 mai 2025/);
    expect(text).toContain('Ses gardiens confirment les heures reçues comme l’argent, mission par mission');
    // Movilab has no steward on the forge: its in-kind section says so, as its money section does.
    const movilab = textOf('communs/movilab/index.html');
    expect(movilab).not.toContain('Ses gardiens confirment les heures');
    expect(movilab).toContain('Ce commun n’a pas encore de gardien sur la forge : ses heures reçues restent « non confirmées »');
    expect(textOf('communs/index.html')).toMatch(/27 h en nature \(6 contributions\), dont 16 h confirmées reçues/);
  });

  it('dans les CSV : l’état de chaque contribution, les lignes des communs, les heures confirmées par commun', () => {
    const rows = parse(html('donnees/contributions_nature.csv'), { columns: true }) as Record<string, string>[];
    const quai = rows.filter((r) => r.prestataire === 'quai-des-possibles' && r.commun === 'compagnie-des-tiers-lieux');
    expect(quai.map((r) => [r.mission, r.heures, r.confirmation, r.confirmation_date, r.confirmation_heures, r.heures_confirmees, r.peut_confirmer]).sort()).toEqual([
      ['consortium-ruralite-bocage-avesnois-2025', '7', 'confirme', '2025-05-20', '7', '7', 'true'],
      ['observatoire-impact-tiers-lieux-hdf-2026', '5', 'non_confirme', '', '', '', 'true'],
      ['outil-reservation-ateliers-du-port-2026', '4', 'non_confirme', '', '', '', 'true'],
    ]);
    // The per-line column adds up to what the commons counts as confirmed: 3 + 7 + 6 = 16 h.
    const compagnie = rows.filter((r) => r.commun === 'compagnie-des-tiers-lieux');
    expect(compagnie.reduce((s, r) => s + Number(r.heures_confirmees || 0), 0)).toBe(16);
    // Movilab cannot confirm (no steward): not the same as awaiting a confirmation.
    expect(rows.filter((r) => r.commun === 'movilab').every((r) => r.confirmation === 'non_confirme' && r.peut_confirmer === 'false')).toBe(true);
    const years = parse(html('donnees/figures_communs_annees.csv'), { columns: true }) as Record<string, string>[];
    // Received 2024-12-12 (3 h), 2025-05-20 (7 h) and 2025-07-10 (6 h).
    expect(years.filter((r) => r.commun === 'compagnie-des-tiers-lieux').map((r) => [r.annee, r.nature_confirmee_heures])).toEqual(
      expect.arrayContaining([['2024', '3'], ['2025', '13']]),
    );
    const receipts = parse(html('donnees/confirmations_nature.csv'), { columns: true }) as Record<string, string>[];
    expect(receipts.map((r) => [r.prestataire, r.heures, r.date])).toEqual([
      ['la-sucrerie-partagee', '3', '2024-12-12'],
      ['quai-des-possibles', '7', '2025-05-20'],
      ['atelier-du-bocage', '6', '2025-07-10'],
    ]);
    const communs = parse(html('donnees/figures_communs.csv'), { columns: true }) as Record<string, string>[];
    expect(communs.find((r) => r.id === 'compagnie-des-tiers-lieux')).toMatchObject({
      nature_heures: '27',
      nature_confirmee_heures: '16',
      contributions_nature_confirmees: '3',
      contributions_nature_non_confirmees: '3',
    });
  });
});
