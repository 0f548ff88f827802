// The loader on real files: the base fixture, the sample content, one folder per
// broken rule (tests/fixtures/invalid/), the deadlines that move with the reference
// date, and hostile input built at test time (symlinks, huge files, ---js).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import matter from 'gray-matter';
import { afterAll, describe, expect, it } from 'vitest';
import { CODES, type Code } from '../../src/domain/registry/codes.ts';
import { loadRegistry, type LoadResult } from '../../src/domain/rules/load.ts';
import type { Problem } from '../../src/domain/registry/problems.ts';
import { caseTree as caseTreeIn, FIXTURE_DATE, FIXTURES, SAMPLE, SAMPLE_DIR, tempDir, walk } from '../helpers.ts';

const BASE = join(FIXTURES, 'base');
const INVALID = join(FIXTURES, 'invalid');
/** The base tree: 3 prestataires, 2 missions, 2 communs, 1 déclaration, 1 fichier de règles. */
const BASE_ENTITIES = 9;

// Every temporary tree is removed once the file has run.
const trees: string[] = [];
const caseTree = (name: string, group?: string) => {
  const dir = caseTreeIn(name, group);
  trees.push(dir);
  return dir;
};
/** A writable copy of the base tree, for the cases built at test time. */
const baseTree = () => {
  const dir = tempDir('cr-base-');
  cpSync(BASE, dir, { recursive: true });
  trees.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});

const where = (p: Problem) => `${p.file}:${p.line}:${p.column}`;
const errorsOf = (r: LoadResult) => r.problems.filter((p) => p.severity === 'error');
const listed = (problems: Problem[]) => problems.map((p) => `  ${where(p)} ${p.code} ${p.message}`).join('\n') || '  (aucun)';

describe('arbre de base (tests/fixtures/base)', () => {
  it(`se charge sans erreur au ${FIXTURE_DATE}, avec ses 9 entités`, () => {
    const result = loadRegistry(BASE, { date: FIXTURE_DATE });
    expect(errorsOf(result), listed(errorsOf(result))).toEqual([]);
    expect(result.files).toBe(BASE_ENTITIES);
    expect(result.entities).toBe(BASE_ENTITIES);
    expect(result.registry.prestataires.size).toBe(3);
    expect(result.registry.missions.size).toBe(2);
    expect(result.registry.communs.size).toBe(2);
    expect(result.registry.declarations).toHaveLength(1);
    expect(result.registry.regles).toHaveLength(1);
  });
});

describe(`contenu d’exemple (${SAMPLE_DIR}/)`, () => {
  it('se charge sans aucune erreur au 2026-11-29 : chaque fichier est une entité valide', () => {
    const files = walk(SAMPLE).length;
    const result = loadRegistry(SAMPLE, { date: '2026-11-29' });
    expect(errorsOf(result), listed(errorsOf(result))).toEqual([]);
    expect(result.files).toBe(files);
    expect(result.entities).toBe(files);
  });
});

// --- One folder per broken rule ----------------------------------------------------

/** [file:line:col, code, fragment of the French message, severity (error unless said)]. */
type Expected = [at: string, code: Code, message: string, severity?: 'error' | 'warning'];

interface Case {
  name: string;
  /**
   * Whether the broken file still counts as a valid entity: true when the problem is
   * found across files (the file itself is well formed), false when the file is
   * refused (unreadable, wrong shape, id not matching its name).
   */
  kept: boolean;
  problems: Expected[];
}

const DECL = 'declarations/alice-conseil/mission-terminee.yaml';
const MISSION = 'missions/mission-terminee.md';
const ALICE = 'prestataires/alice-conseil.md';
const REGLES = 'regles/2024-01-01.yaml';
const CONF = 'confirmations/reseau-test.yaml';

const CASES: Case[] = [
  // Receipts confirmed by the commons (confirmations/<commun>.yaml): alice-conseil declared
  // 100 € « verse » to reseau-test on 2025-07-05 for mission-terminee (started 2025-03-01).
  { name: 'confirmation-doublon', kept: true, problems: [
    [`${CONF}:9:5`, 'confirmation_doublon', 'Le versement de « alice-conseil » pour « mission-terminee » est déjà confirmé (l’entrée n° 1 de la liste « confirmations »).']] },
  // The same payment confirmed in the commons' file and in its folder (confirmations/<commun>/<nom>.yaml).
  { name: 'confirmation-doublon-dossier', kept: true, problems: [
    [`${CONF}:5:5`, 'confirmation_doublon', 'Le versement de « alice-conseil » pour « mission-terminee » est déjà confirmé (l’entrée n° 1 de la liste « confirmations » de confirmations/reseau-test/2025.yaml).']] },
  { name: 'confirmation-sans-declaration', kept: true, problems: [
    [`${CONF}:5:5`, 'confirmation_sans_declaration', 'Aucune déclaration de « bruno-coop » pour « mission-terminee » : rien à confirmer pour « reseau-test ».']] },
  { name: 'confirmation-sans-versement', kept: true, problems: [
    ['confirmations/wiki-test.yaml:5:5', 'confirmation_sans_versement', 'La déclaration de « alice-conseil » pour « mission-terminee » ne déclare aucun argent à « wiki-test » : rien à confirmer.']] },
  { name: 'confirmation-avant-mission', kept: true, problems: [
    [`${CONF}:7:5`, 'confirmation_avant_mission', 'La réception est datée du 1er février 2025, avant le début de la mission « mission-terminee » (1er mars 2025).']] },
  { name: 'confirmation-avant-don', kept: true, problems: [
    [`${CONF}:7:5`, 'confirmation_avant_don', 'La réception est datée du 1er juillet 2025, avant le premier versement que la déclaration de « alice-conseil » pour « mission-terminee » date du 5 juillet 2025.', 'warning']] },
  { name: 'confirmation-future', kept: true, problems: [
    [`${CONF}:7:5`, 'confirmation_future', 'La réception est datée du 1er août 2025, après la date de référence (15 juillet 2025) : elle ne compte pas encore.', 'warning']] },
  { name: 'confirmation-montant-different', kept: true, problems: [
    [`${CONF}:6:5`, 'confirmation_montant_different', 'Le commun confirme avoir reçu 90 € de « alice-conseil » pour « mission-terminee », moins que les 100 € que la déclaration dit versés.', 'warning']] },
  // 8 000 € received for a payment declared at 100 €: a confirmation never says more than the declaration.
  { name: 'confirmation-superieure', kept: true, problems: [
    [`${CONF}:6:5`, 'confirmation_superieure', 'Le commun confirme avoir reçu 8\u00a0000 € de « alice-conseil » pour « mission-terminee », plus que les 100 € que la déclaration dit versés.']] },
  { name: 'confirmation-promesse', kept: true, problems: [
    [`${DECL}:11:5`, 'confirmation_promesse', '« reseau-test » confirme avoir reçu 100 € le 10 juillet 2025 (confirmations/reseau-test.yaml), mais ce versement est encore déclaré « promis ».', 'warning']] },
  // Paid 2025-03-15, reseau-test names two stewards; default delay 90 days: 15 Mar + 90 = 13 Jun 2025 < 15 Jul.
  { name: 'confirmation-attendue', kept: true, problems: [
    [`${DECL}:11:5`, 'confirmation_attendue', 'Le versement de 100 € à « reseau-test » du 15 mars 2025 n’est pas confirmé par le commun : la confirmation était attendue au plus tard le 13 juin 2025.', 'warning']] },
  // One bad line (« heure » for « heures ») is refused alone: the money line beside it still
  // confirms alice's 100 € (no confirmation_attendue; see tests/domain/confirmations.test.ts).
  { name: 'confirmation-ligne-invalide', kept: true, problems: [
    [`${CONF}:9:5`, 'champ_manquant', 'Le champ « heures » est obligatoire.'],
    [`${CONF}:11:5`, 'cle_inconnue', 'Clé inconnue « heure ». Vouliez-vous dire « heures » ?']] },
  // A file refused whole: its error, and no confirmation_attendue for the payments to its commons.
  { name: 'confirmations-fichier-invalide', kept: false, problems: [
    [`${CONF}:3:1`, 'type_invalide', '« confirmations » doit être une liste']] },
  // In-kind hours confirmed in the « nature » list: alice-conseil declared 2 h to wiki-test
  // on mission-terminee (2025-07-04), and nothing in kind to reseau-test.
  { name: 'nature-doublon', kept: true, problems: [
    ['confirmations/wiki-test.yaml:9:5', 'nature_doublon', 'Les heures de « alice-conseil » pour « mission-terminee » sont déjà confirmées (l’entrée n° 1 de la liste « nature »).']] },
  { name: 'nature-sans-contribution', kept: true, problems: [
    [`${CONF}:5:5`, 'nature_sans_contribution', 'La déclaration de « alice-conseil » pour « mission-terminee » ne déclare aucune contribution en nature à « reseau-test » : aucune heure à confirmer.']] },
  { name: 'nature-superieure', kept: true, problems: [
    ['confirmations/wiki-test.yaml:6:5', 'nature_superieure', 'Le commun confirme avoir reçu 20\u00a0h de « alice-conseil » pour « mission-terminee », plus que les 2\u00a0h que la déclaration dit données.']] },
  { name: 'nature-differente', kept: true, problems: [
    ['confirmations/wiki-test.yaml:6:5', 'nature_differente', 'Le commun confirme avoir reçu 1,5\u00a0h de « alice-conseil » pour « mission-terminee », moins que les 2\u00a0h que la déclaration dit données.', 'warning']] },
  { name: 'confirmations-vides', kept: false, problems: [
    ['confirmations/wiki-test.yaml:3:1', 'confirmations_vides', 'Ce fichier ne confirme rien : ni argent reçu (confirmations) ni heures reçues en nature (nature).']] },
  { name: 'commun-lien-invalide', kept: false, problems: [
    ['communs/wiki-test.md:7:1', 'lien_invalide', '« site » doit être un lien web complet en http ou https (reçu : « wiki.example.org »).']] },
  // Plausible figures: bounds of regles/2024-01-01.yaml#plausibilite (absent there: the defaults).
  // 50 % of the budget: 6 500 € × 50 / 100 = 3 250 € at most.
  { name: 'declaration-argent-disproportionne', kept: true, problems: [
    [`${DECL}:8:1`, 'argent_disproportionne', 'La déclaration donne 65\u00a0000 € en argent (promis et versé), plus de 50 % du budget de la mission « mission-terminee » (6\u00a0500 €, soit 3\u00a0250 € au plus).']] },
  // Declared 2025-06-15, before the end of mission-terminee (2025-06-30): provisional;
  // completee_le (the first completion after the end) cannot be 2025-06-20.
  { name: 'declaration-completion-incoherente', kept: true, problems: [
    [`${DECL}:8:1`, 'completion_incoherente', 'completee_le (20 juin 2025) ne peut pas être le jour où cette déclaration provisoire a été complétée : c’est avant la fin de la mission (30 juin 2025).']] },
  // wiki-test closed on 2025-07-01; the in-kind contribution to it is dated 2025-07-04.
  { name: 'declaration-contribution-apres-fermeture', kept: true, problems: [
    [`${DECL}:19:5`, 'contribution_apres_fermeture', 'Contribution au commun « wiki-test » datée du 4 juillet 2025, après sa fermeture le 1er juillet 2025.', 'warning']] },
  { name: 'declaration-argent-refuse', kept: true, problems: [
    [`${DECL}:9:5`, 'argent_refuse', 'Le commun « wiki-test » n\'accepte pas de contributions en argent.']] },
  { name: 'declaration-chemin', kept: false, problems: [
    [`${DECL}:2:1`, 'id_nom_fichier', '« prestataire » vaut « bruno-coop » mais le fichier s\'appelle « alice-conseil ».']] },
  { name: 'declaration-cle-inconnue', kept: false, problems: [
    [`${DECL}:9:5`, 'champ_manquant', 'Le champ « montant_eur » est obligatoire.'],
    [`${DECL}:10:5`, 'cle_inconnue', 'Clé inconnue « montnt_eur ». Vouliez-vous dire « montant_eur » ?']] },
  { name: 'declaration-commun-inconnu', kept: true, problems: [
    [`${DECL}:6:5`, 'commun_inconnu', 'Aucun commun « wiki-tset » dans communs/. Vouliez-vous dire « wiki-test » ?']] },
  { name: 'declaration-date-improbable', kept: true, problems: [
    [`${DECL}:19:5`, 'date_improbable', '« date » est daté de l’année 0000, avant 2000 : la date est improbable.']] },
  { name: 'declaration-date-format', kept: false, problems: [
    [`${DECL}:4:1`, 'date_format', '« date » doit être une date AAAA-MM-JJ (reçu : « 05/07/2025 »)']] },
  { name: 'declaration-vide', kept: false, problems: [
    [`${DECL}:2:1`, 'declaration_vide', 'La déclaration ne dit rien : aucun commun utilisé, aucune contribution en argent ni en nature.']] },
  // A reason says why in a sentence (D11: « . » made a declaration valid): three words, twelve letters.
  { name: 'declaration-raison-trop-courte', kept: false, problems: [
    [`${DECL}:5:1`, 'raison_trop_courte', '« aucun_commun_utilise » ne dit pas pourquoi : « . » n’est pas une phrase.'],
    [`${DECL}:6:1`, 'raison_trop_courte', '« pourquoi_rien_donne » ne dit pas pourquoi : « Rien. » n’est pas une phrase.']] },
  // An amended declaration keeps its first date (2025-07-05) and says when it was changed.
  { name: 'declaration-modifiee-avant', kept: true, problems: [
    [`${DECL}:5:1`, 'modification_avant_declaration', 'La déclaration est modifiée le 1er juillet 2025, avant la date de la première déclaration (5 juillet 2025).']] },
  { name: 'declaration-modifiee-future', kept: true, problems: [
    [`${DECL}:5:1`, 'modification_future', 'La déclaration est modifiée le 1er août 2025, après la date de référence (15 juillet 2025).']] },
  { name: 'mission-correction-raison', kept: false, problems: [
    [`${MISSION}:34:5`, 'raison_trop_courte', '« raison » ne dit pas pourquoi : « Erreur. » n’est pas une phrase.']] },
  { name: 'declaration-avant-debut', kept: true, problems: [
    [`${DECL}:4:1`, 'declaration_avant_debut', 'La déclaration est datée du 1er février 2025, avant le début de la mission (1er mars 2025).']] },
  { name: 'declaration-versement-futur', kept: true, problems: [
    [`${DECL}:12:5`, 'versement_futur', 'Un versement marqué « verse » est daté du 1er août 2025, après la date de référence (15 juillet 2025).']] },
  // Fees 10 d × 300 + 5 d × 500 = 5 500 €, pool 100 € × 10 floor days = 1 000 €: 7 000 − 6 500 = 500 € unexplained.
  { name: 'mission-budget-ecart', kept: true, problems: [
    [`${MISSION}:14:1`, 'budget_ecart', 'Le budget (7\u00a0000 €) diffère des honoraires selon les règles (5\u00a0500 €) plus la marge de solidarité (1\u00a0000 €) : écart de 500 €.', 'warning']] },
  { name: 'mission-adhesion-tarif-appels', kept: true, problems: [
    [`${MISSION}:23:5`, 'adhesion_tarif_appels', '« bruno-coop » a répondu à un appel sans adhésion au tarif « acteur économique » au 1er mars 2025', 'warning']] },
  { name: 'regles-retroactives', kept: true, problems: [
    [`${REGLES}:2:1`, 'regles_retroactives', 'Ces règles s\'appliquent depuis le 1er janvier 2024, avant leur adoption le 1er juin 2024, sans dire pourquoi.']] },
  { name: 'declaration-date-future', kept: true, problems: [
    [`${DECL}:4:1`, 'declaration_date_future', 'datée du 1er août 2025, après la date de référence (15 juillet 2025)']] },
  { name: 'declaration-date-inexistante', kept: false, problems: [
    [`${DECL}:4:1`, 'date_inexistante', '« date » : le 2025-02-30 n\'existe pas dans le calendrier.']] },
  // alice-conseil works 10 days on the mission: 10 × 8 h = 80 h at most.
  { name: 'declaration-heures-disproportionnees', kept: true, problems: [
    [`${DECL}:14:1`, 'heures_disproportionnees', 'La déclaration compte 120 h de contributions en nature, plus de 8 h par jour de mission de « alice-conseil » (10 j, soit 80 h au plus).']] },
  { name: 'declaration-heures-negatives', kept: false, problems: [
    [`${DECL}:17:5`, 'nombre_hors_limites', '« heures » vaut -2, hors des limites permises.']] },
  { name: 'declaration-hors-equipe', kept: true, problems: [
    ['declarations/claire-asso/mission-terminee.yaml:2:1', 'declarant_hors_equipe', '« claire-asso » ne fait pas partie de l\'équipe de la mission « mission-terminee ».']] },
  { name: 'declaration-mission-inconnue', kept: true, problems: [
    ['declarations/alice-conseil/mission-fantome.yaml:3:1', 'mission_inconnue', 'Aucune mission « mission-fantome » dans missions/.']] },
  { name: 'declaration-mission-non-commencee', kept: true, problems: [
    ['declarations/alice-conseil/mission-attribuee.yaml:3:1', 'mission_pas_en_cours', 'La mission « mission-attribuee » est au statut « attribuee » : on ne déclare qu\'une mission commencée.']] },
  { name: 'declaration-mission-future', kept: true, problems: [
    ['declarations/alice-conseil/mission-future.yaml:3:1', 'mission_non_commencee', 'La mission « mission-future » n\'a pas commencé (début le 1er septembre 2025)']] },
  { name: 'declaration-montant-centimes', kept: false, problems: [
    [`${DECL}:10:5`, 'montant_centimes', '« montant_eur » a plus de deux décimales (reçu 100.505).']] },
  { name: 'declaration-montant-ecriture', kept: true, problems: [
    [`${DECL}:10:5`, 'montant_ecriture', '« montant_eur » doit être écrit en chiffres décimaux (reçu « 1e2 »).']] },
  { name: 'declaration-montant-negatif', kept: false, problems: [
    [`${DECL}:10:5`, 'montant_non_positif', '« montant_eur » doit être positif (reçu -150).']] },
  { name: 'declaration-montant-texte', kept: false, problems: [
    [`${DECL}:10:5`, 'type_invalide', '« montant_eur » doit être un nombre (reçu : le texte « cent euros »).']] },
  { name: 'declaration-prestataire-inconnu', kept: true, problems: [
    ['declarations/zoe-inconnue/mission-terminee.yaml:2:1', 'prestataire_inconnu', 'Aucun prestataire « zoe-inconnue » dans prestataires/.']] },
  { name: 'declaration-preuve-javascript', kept: false, problems: [
    [`${DECL}:13:5`, 'lien_invalide', '« preuve » doit être un lien web complet en http ou https (reçu : « javascript:alert(1) »).']] },
  { name: 'declaration-preuve-identifiants', kept: false, problems: [
    [`${DECL}:13:5`, 'lien_identifiants', '« preuve » contient un identifiant avant « @ » (reçu : « https://dons.example.org@evil.example/recu/1 ») : un tel lien mène à l’adresse écrite après le « @ »']] },
  { name: 'declaration-promesse-echue', kept: true, problems: [
    [`${DECL}:11:5`, 'promesse_echue', 'Le versement promis de 100 € à « reseau-test » était prévu le 10 juillet 2025 : promesse échue', 'warning']] },
  // Expected of alice, by the rules of 2024-01-01 (brackets: 1 % up to 10 000 €, 2 % above):
  //   mission budget 6 500 € = fees 3 000 + 2 500 + pool 100 € × 10 floor days (alice's);
  //   the pool is left out: 6 500 − 1 000 = 5 500 → 1 % × 5 500 = 55 €, shared pro rata of
  //   what each member bills: alice 10 days × 300 € = 3 000 € of 5 500 €, so 55 × 3 000 / 5 500 = 30 €.
  // Declared: 10 € paid, below 30 €: a warning, not an error.
  { name: 'declaration-reciprocite-insuffisante', kept: true, problems: [
    [`${DECL}:2:1`, 'reciprocite_insuffisante', 'a déclaré 10 € de réciprocité pour « mission-terminee », en dessous des 30 € attendus.', 'warning']] },
  // The mission ended on 2025-06-30: a promise is due by 2030-06-30 at the latest.
  { name: 'declaration-promesse-lointaine', kept: true, problems: [
    [`${DECL}:12:5`, 'promesse_lointaine', 'Le versement promis à « reseau-test » est prévu le 5 juillet 2075, plus de 5 ans après la fin de la mission (30 juin 2025).']] },
  { name: 'declaration-statut-invalide', kept: false, problems: [
    [`${DECL}:11:5`, 'valeur_invalide', '« statut » vaut « versé », ce qui n\'est pas une valeur possible. Vouliez-vous dire « verse » ?']] },
  { name: 'declaration-usage-vide', kept: false, problems: [
    [`${DECL}:7:5`, 'texte_vide', '« usage » est vide.']] },
  { name: 'encodage-invalide', kept: false, problems: [
    [`${ALICE}:1:1`, 'encodage_invalide', 'Ce fichier n\'est pas encodé en UTF-8.']] },
  { name: 'fichier-hors-structure', kept: true, problems: [
    ['declarations/note.txt:1:1', 'fichier_hors_structure', 'n\'est pas à sa place dans le registre (attendu : declarations/<prestataire>/<mission>.yaml)']] },
  { name: 'front-matter-absent', kept: false, problems: [
    [`${ALICE}:1:1`, 'front_matter_absent', 'Le fichier doit commencer par une ligne « --- »']] },
  { name: 'front-matter-js', kept: false, problems: [
    [`${ALICE}:1:4`, 'front_matter_langage', 'L\'en-tête est déclaré en « js » : seul le YAML est accepté.']] },
  { name: 'mission-adhesion-manquante', kept: true, problems: [
    [`${MISSION}:22:5`, 'adhesion_manquante', '« bruno-coop » n\'avait pas d\'adhésion valide le 1er mars 2025, début de la mission.', 'warning']] },
  { name: 'mission-avant-regles', kept: true, problems: [
    [`${MISSION}:12:1`, 'regles_absentes', 'Aucune règle n\'est en vigueur au 2023-06-01.']] },
  // The clock of a mission (DESIGN.md, Fairness): an abandonment says when and why, never after
  // the end; a mission still « en_cours » after its end is judged as ended, and the maintainers warned.
  { name: 'mission-abandon-incomplet', kept: true, problems: [
    [`${MISSION}:11:1`, 'abandon_incomplet', 'Une mission au statut « abandonnee » dit quand et pourquoi elle a été arrêtée.']] },
  { name: 'mission-abandon-apres-fin', kept: true, problems: [
    [`${MISSION}:15:3`, 'abandon_apres_fin', 'La mission est arrêtée le 10 juillet 2025, après sa fin (30 juin 2025) : une mission finie ne s\'abandonne pas.']] },
  { name: 'mission-fin-depassee', kept: true, problems: [
    [`${MISSION}:13:1`, 'mission_fin_depassee', 'La mission est encore « en_cours » alors que sa fin (30 juin 2025) est passée au 15 juillet 2025', 'warning'],
    [`${MISSION}:22:5`, 'declaration_a_faire', '« bruno-coop » doit déclarer sa réciprocité pour « mission-terminee » au plus tard le 30 juillet 2025.', 'warning']] },
  // bruno-coop never declared mission-ancienne (ended 2024-06-30): défaillant from 2024-09-29,
  // so out of the circle when mission-nouvelle starts (2025-07-01), and mission-terminee (2025-03-01).
  { name: 'mission-equipe-hors-cercle', kept: true, problems: [
    ['missions/mission-nouvelle.md:17:5', 'equipe_hors_cercle', '« bruno-coop » est hors du cercle au début de la mission (1er juillet 2025) : défaillant pour « Mission ancienne » depuis le 29 septembre 2024.', 'warning'],
    [`${MISSION}:22:5`, 'equipe_hors_cercle', '« bruno-coop » est hors du cercle au début de la mission (1er mars 2025)', 'warning']] },
  { name: 'mission-equipe-hors-cercle-refusee', kept: true, problems: [
    ['missions/mission-nouvelle.md:17:5', 'equipe_hors_cercle_refusee', '« bruno-coop » est hors du cercle au début de la mission (1er juillet 2025)'],
    [`${MISSION}:22:5`, 'equipe_hors_cercle_refusee', '« bruno-coop » est hors du cercle au début de la mission (1er mars 2025)']] },
  { name: 'mission-solidarite-distance', kept: true, problems: [
    [`${MISSION}:19:5`, 'solidarite_donnee_manquante', '« alice-conseil » bénéficie de la marge de solidarité, partagée ici selon « distance », mais son « distance_km » manque : il n\'en reçoit rien.', 'warning']] },
  { name: 'mission-bilan-manquant', kept: true, problems: [
    [`${MISSION}:11:1`, 'bilan_manquant', 'Mission terminée sans bilan', 'warning']] },
  { name: 'mission-chef-de-file-hors-equipe', kept: true, problems: [
    [`${MISSION}:17:3`, 'chef_de_file_hors_equipe', 'Le chef de file « claire-asso » ne fait pas partie de l\'équipe.']] },
  // A deliverable counts for its authors, who are members of the team (claire-asso is not).
  { name: 'mission-livrable-auteur-hors-equipe', kept: true, problems: [
    [`${MISSION}:29:30`, 'livrable_auteur_hors_equipe', '« claire-asso », auteur du livrable « Guide », ne fait pas partie de l\'équipe de la mission.']] },
  { name: 'mission-chef-de-file-manquant', kept: true, problems: [
    ['missions/mission-en-cours.md:12:1', 'chef_de_file_manquant', 'Un portage « membre » doit nommer son chef de file (portage.chef_de_file).']] },
  { name: 'mission-critere-code-invalide', kept: false, problems: [
    [`${MISSION}:18:7`, 'code_regle_invalide', '« criteres » doit être un code en minuscules et soulignés (reçu : « Logique communs »).']] },
  { name: 'mission-dates-incoherentes', kept: true, problems: [
    [`${MISSION}:13:1`, 'dates_incoherentes', 'La fin (2025-02-01) est avant le début (2025-03-01).']] },
  { name: 'mission-equipe-doublon', kept: true, problems: [
    [`${MISSION}:22:5`, 'equipe_doublon', '« alice-conseil » apparaît deux fois dans l\'équipe.']] },
  { name: 'mission-equipe-prestataire-inconnu', kept: true, problems: [
    [`${MISSION}:22:5`, 'prestataire_inconnu', 'Aucun prestataire « bruno-cop » dans prestataires/. Vouliez-vous dire « bruno-coop » ?']] },
  { name: 'mission-equipe-vide', kept: true, problems: [
    ['missions/mission-en-cours.md:15:1', 'equipe_vide', 'Une mission au statut « en_cours » doit avoir une équipe.']] },
  { name: 'mission-licence-invalide', kept: false, problems: [
    [`${MISSION}:28:5`, 'licence_invalide', '« licence » n\'est pas un identifiant de licence (reçu : « Creative Commons »).']] },
  { name: 'mission-portage-critere-inconnu', kept: true, problems: [
    [`${MISSION}:17:3`, 'portage_criteres', 'Mission portée par le réseau : critères de portage remplis, 1 sur 2 exigés.'],
    [`${MISSION}:19:7`, 'portage_critere_inconnu', 'Critère de portage inconnu « structurel ». Vouliez-vous dire « structurant » ?']] },
  { name: 'mission-portage-reseau-criteres', kept: true, problems: [
    [`${MISSION}:17:3`, 'portage_criteres', 'Mission portée par le réseau : critères de portage remplis, 1 sur 2 exigés.']] },
  { name: 'mission-portage-sans-justification', kept: true, problems: [
    [`${MISSION}:15:1`, 'portage_justification', 'Une mission portée par le réseau doit dire pourquoi (portage.justification).']] },
  { name: 'mission-statut-inconnu', kept: false, problems: [
    [`${MISSION}:11:1`, 'valeur_invalide', '« statut » vaut « finie », ce qui n\'est pas une valeur possible.']] },
  // Finished, but ending after the reference date: a warning, which time alone settles.
  { name: 'mission-terminee-future', kept: true, problems: [
    [`${MISSION}:13:1`, 'mission_terminee_future', 'La mission est « terminee » mais sa fin (20 juillet 2025) est après la date de référence (15 juillet 2025).', 'warning']] },
  { name: 'mission-terminee-sans-fin', kept: true, problems: [
    [`${MISSION}:11:1`, 'date_manquante_statut', 'Une mission au statut « terminee » doit avoir une date « fin ».']] },
  // 1 January 2024 to 31 December 2099: 27,759 days, for at most 731 (rules' default: two years).
  { name: 'prestataire-adhesion-trop-longue', kept: true, problems: [
    [`${ALICE}:13:5`, 'adhesion_trop_longue', 'La période d’adhésion du 1er janvier 2024 au 31 décembre 2099 dure 27759 jours : les règles en permettent 731 au plus.']] },
  // Six accounts, for at most five (the default of the rules, which do not set it).
  { name: 'prestataire-comptes-trop-nombreux', kept: true, problems: [
    [`${ALICE}:9:1`, 'comptes_forge_trop_nombreux', '« comptes_forge » liste 6 comptes : les règles en permettent 5 par fiche (règles du 1er janvier 2024).']] },
  { name: 'prestataire-adhesion-expiree', kept: true, problems: [
    ['prestataires/claire-asso.md:11:1', 'adhesion_absente', '« claire-asso » n\'a pas d\'adhésion en cours au 15 juillet 2025', 'warning']] },
  { name: 'prestataire-competences-texte', kept: false, problems: [
    [`${ALICE}:7:1`, 'type_invalide', '« competences » doit être une liste (lignes commençant par « - ») (reçu : le texte « gouvernance »).']] },
  { name: 'prestataire-competences-vide', kept: false, problems: [
    [`${ALICE}:7:1`, 'liste_vide', '« competences » doit contenir au moins un élément.']] },
  { name: 'prestataire-compte-forge-invalide', kept: false, problems: [
    [`${ALICE}:10:5`, 'compte_forge_invalide', '« @alice-conseil » n\'est pas un identifiant de compte valide.']] },
  { name: 'prestataire-id-nom-fichier', kept: false, problems: [
    [`${ALICE}:3:1`, 'id_nom_fichier', '« id » vaut « alice » mais le fichier s\'appelle « alice-conseil ».']] },
  { name: 'prestataire-identifiant-invalide', kept: false, problems: [
    [`${ALICE}:3:1`, 'identifiant_invalide', '« id » doit être un identifiant en minuscules, chiffres et tirets (reçu : « Alice Conseil »).']] },
  { name: 'prestataire-identifiant-trop-long', kept: false, problems: [
    [`${ALICE}:3:1`, 'identifiant_trop_long', '« id » dépasse 80 caractères.']] },
  { name: 'prestataire-nom-bidi', kept: false, problems: [
    [`${ALICE}:4:1`, 'texte_bidi', '« nom » contient des caractères invisibles qui inversent le sens du texte.']] },
  // Bodies: 12 nested quotes (the site's parser counts them: the scan alone cannot tell
  // indented code from nesting), 300 emphasis markers in one paragraph, 1,500 lines.
  { name: 'prestataire-corps-imbrique', kept: false, problems: [
    ['prestataires/bruno-coop.md:18:23', 'corps_trop_imbrique', 'Le texte imbrique trop de citations (« > ») ou de listes les unes dans les autres : plus de 8 niveaux.']] },
  // U+202E reverses what follows: « 1000 € » would read « € 0001 ».
  { name: 'prestataire-corps-caracteres', kept: false, problems: [
    [`${ALICE}:18:14`, 'corps_caracteres', 'Le texte (Markdown, sous l\'en-tête) contient un caractère qui inverse le sens du texte (U+202E) : il se lirait autrement qu\'il n\'est écrit.']] },
  { name: 'prestataire-corps-emphases', kept: false, problems: [
    ['prestataires/bruno-coop.md:18:65', 'corps_trop_complexe', 'Le texte (Markdown) est trop complexe pour être affiché sans risque : plus de 64 marques d’emphase (* _ ~) dans un même paragraphe.']] },
  { name: 'prestataire-corps-long', kept: false, problems: [
    ['prestataires/bruno-coop.md:1016:1', 'corps_trop_long', 'Le texte (Markdown, sous l\'en-tête) est trop long : plus de 1000 lignes.']] },
  // A soft hyphen (U+00AD) shows nothing; an « о » (U+043E) from Cyrillic imitates bruno-coop.
  { name: 'prestataire-nom-invisible', kept: false, problems: [
    [`${ALICE}:4:1`, 'texte_invisible', '« nom » contient un caractère invisible (U+00AD) : deux noms identiques à l’œil seraient différents pour le registre.']] },
  { name: 'prestataire-nom-nfd', kept: false, problems: [
    [`${ALICE}:4:1`, 'texte_non_nfc', '« nom » écrit des lettres accentuées en deux caractères (une lettre, puis un accent qui s’y combine)']] },
  { name: 'prestataire-nom-sosie', kept: false, problems: [
    ['prestataires/claire-asso.md:4:1', 'nom_sosie', 'Le nom « Coopérative Brunо » se confond avec « Coopérative Bruno » (prestataires/bruno-coop.md) : ils ne diffèrent que par des lettres sosies, comme « о » (U+043E) à la place de « o » (U+006F).']] },
  { name: 'prestataire-nom-trop-long', kept: false, problems: [
    [`${ALICE}:4:1`, 'texte_trop_long', '« nom » est trop long.']] },
  { name: 'prestataire-type-invalide', kept: false, problems: [
    [`${ALICE}:5:1`, 'valeur_invalide', '« type » vaut « independante », ce qui n\'est pas une valeur possible. Vouliez-vous dire « independant » ?']] },
  { name: 'regles-delais', kept: true, problems: [
    [`${REGLES}:14:3`, 'regles_delais', 'Le délai de sortie du cercle doit être au moins égal au délai de déclaration.']] },
  { name: 'regles-jours-decimaux', kept: false, problems: [
    [`${REGLES}:13:3`, 'entier_attendu', '« declaration_jours » doit être un nombre entier (reçu 30.5).']] },
  { name: 'regles-nom-fichier', kept: false, problems: [
    [`${REGLES}:2:1`, 'regles_nom_fichier', 'en_vigueur_depuis vaut « 2024-02-01 » mais le fichier s\'appelle « 2024-01-01.yaml ».']] },
  { name: 'regles-tranches', kept: true, problems: [
    [`${REGLES}:6:3`, 'regles_tranches', 'Les tranches de réciprocité doivent commencer à 0 €']] },
  { name: 'declaration-cle-proto', kept: false, problems: [
    [`${DECL}:5:1`, 'cle_interdite', 'La clé « __proto__ » est interdite.']] },
  { name: 'yaml-alias-en-cascade', kept: false, problems: [
    [`${DECL}:6:4`, 'yaml_alias', 'Les ancres et alias YAML (&nom, *nom) ne sont pas acceptés : une ancre « &a » se trouve ici.']] },
  { name: 'yaml-imbrication-profonde', kept: false, problems: [
    [`${DECL}:1:1`, 'yaml_trop_complexe', 'plus de 32 niveaux d\'imbrication']] },
  // Renamed and departed providers (npm run renommer, « depart »): an old id is never reused;
  // bruno-coop left on 2025-01-15, before mission-terminee started (2025-03-01).
  { name: 'ancien-id-pris', kept: true, problems: [
    ['prestataires/claire-asso.md:5:5', 'ancien_id_pris', '« bruno-coop », ancien identifiant de cette fiche, est aussi celui de la fiche prestataires/bruno-coop.md : ses adresses ne peuvent pas mener aux deux.']] },
  { name: 'equipe-apres-depart', kept: true, problems: [
    ['missions/mission-terminee.md:22:5', 'equipe_apres_depart', "Coopérative Bruno est dans l'équipe d'une mission commencée le 1er mars 2025, après son départ du réseau le 15 janvier 2025."]] },
  { name: 'yaml-cle-dupliquee', kept: false, problems: [
    [`${DECL}:12:5`, 'yaml_cle_dupliquee', 'La clé « statut » apparaît deux fois.']] },
  { name: 'yaml-racine', kept: false, problems: [
    [`${DECL}:1:1`, 'yaml_racine', 'Le contenu doit être une liste de champs « clé: valeur ».']] },
  { name: 'yaml-syntaxe', kept: false, problems: [
    [`${DECL}:11:5`, 'yaml_syntaxe', 'Le YAML est mal formé : une ligne n\'a pas la forme « clé: valeur »']] },
];

/** Files of a case's overlay that do not replace a file of the base tree. */
function addedFiles(name: string): string[] {
  const overlay = join(INVALID, name);
  return walk(overlay)
    .map((file) => relative(overlay, file))
    .filter((rel) => !rel.endsWith('.supprime') && !existsSync(join(BASE, rel)));
}

describe('cas invalides (tests/fixtures/invalid/)', () => {
  it('chaque dossier de cas a sa ligne dans la table, et inversement', () => {
    expect(CASES.map((c) => c.name).sort()).toEqual(readdirSync(INVALID).sort());
  });

  describe.each(CASES)('$name', ({ name, kept, problems: expected }) => {
    const result = loadRegistry(caseTree(name), { date: FIXTURE_DATE });
    const errors = errorsOf(result);

    it.each(expected)('%s %s', (at, code, message, severity = 'error') => {
      const found = result.problems.find((p) => where(p) === at && p.code === code);
      expect(found, `${at} ${code} attendu ; problèmes reçus :\n${listed(result.problems)}`).toBeDefined();
      expect(found!.message).toContain(message);
      expect(found!.severity).toBe(severity);
      expect(found!.hint.length).toBeGreaterThan(0);
    });

    it('ne signale d’erreur que dans le fichier cassé, et aucune autre erreur', () => {
      const expectedErrors = expected.filter(([, , , severity]) => severity !== 'warning');
      expect(errors.length, listed(errors)).toBe(expectedErrors.length);
      expect(new Set(errors.map((p) => p.file))).toEqual(new Set(expectedErrors.map(([at]) => at.split(':')[0])));
    });

    it('garde toutes les entités valides autour du fichier cassé', () => {
      // 9 in the base tree, plus the case's new entity files, less the broken file if refused.
      const added = addedFiles(name);
      const addedEntities = added.filter((rel) => /\.(md|yaml)$/.test(rel)).length;
      expect(result.files).toBe(BASE_ENTITIES + added.length);
      expect(result.entities).toBe(BASE_ENTITIES + addedEntities - (kept ? 0 : 1));
    });
  });
});

// --- Every code has a case -----------------------------------------------------------

/** Codes asserted by the other tests of this file rather than by a fixture folder. */
const COVERED_BY_OTHER_TESTS: Partial<Record<Code, string>> = {
  lien_symbolique: 'entrées hostiles : le lien est créé dans le dossier temporaire (git garde mal les liens)',
  fichier_trop_gros: 'entrées hostiles : le fichier de 300 Ko est écrit au moment du test',
  declaration_en_retard: 'échéances de déclaration',
  declaration_defaillante: 'échéances de déclaration',
  mission_terminee_modifiee: 'validate --base sur un vrai dépôt Git (tests/scripts/validate.test.ts) : il compare la mission terminée à sa version de la base',
  correction_incomplete: 'validate --base sur un vrai dépôt Git (tests/scripts/validate.test.ts) : la correction ajoutée est comparée aux faits qui changent',
  corrections_reecrites: 'validate --base sur un vrai dépôt Git (tests/scripts/validate.test.ts) : les corrections de la base sont comparées à celles de la demande',
  regles_reecrites: 'validate --base sur un vrai dépôt Git (tests/scripts/validate.test.ts) : il compare le fichier à sa version de la base',
  regles_entree_retroactive: 'validate --base sur un vrai dépôt Git (tests/scripts/validate.test.ts) : un fichier que la demande ajoute, daté d’avant le jour où il entre au registre',
};
/** Codes no content can raise today: guards kept for callers and future schemas. */
const UNREACHABLE: Partial<Record<Code, string>> = {
  id_duplique: 'l’identifiant est le nom du fichier, en minuscules : deux fichiers ne peuvent pas le partager',
  schema_autre: 'repli pour un problème Zod sans code à nous : aucun schéma n’en produit aujourd’hui',
  fichier_illisible: 'un fichier qui disparaît ou devient illisible entre la liste du dossier et sa lecture : les tests tournent en root, qui lit tout',
};

describe('couverture des codes (src/domain/registry/codes.ts)', () => {
  const inFixtures = new Set(CASES.flatMap((c) => c.problems.map(([, code]) => code)));
  const allowed = { ...COVERED_BY_OTHER_TESTS, ...UNREACHABLE };

  it('chaque code est provoqué par un cas de tests/fixtures/invalid/, sauf ceux listés ici avec leur raison', () => {
    const uncovered = (Object.keys(CODES) as Code[]).filter((code) => !inFixtures.has(code));
    expect(uncovered.filter((code) => !(code in allowed))).toEqual([]);
  });

  it('la liste des exceptions ne nomme que des codes existants et non couverts par une fixture', () => {
    for (const code of Object.keys(allowed)) {
      expect(CODES).toHaveProperty(code);
      expect(inFixtures.has(code as Code), `${code} a maintenant une fixture : retirez-le de la liste`).toBe(false);
    }
  });
});

// --- Deadlines move with the reference date -------------------------------------------

describe('échéances de déclaration sur l’arbre de base', () => {
  // mission-terminee ended on 2025-06-30; rules 2024-01-01: declaration_jours 30, hors_cercle_jours 90.
  //   deadline:          2025-06-30 + 30 days = 2025-07-30 (July has 31 days: 30 June + 30 = 30 July)
  //   out of the circle: 2025-06-30 + 90 days = 2025-09-28 (1 + 31 + 31 = 63 days to 31 Aug, + 27 = 28 Sep)
  // alice-conseil declared on 2025-07-05; bruno-coop never did.
  const DEADLINE_CODES: Code[] = ['declaration_a_faire', 'declaration_en_retard', 'declaration_defaillante'];
  const deadlines = (date: string) => loadRegistry(BASE, { date }).problems.filter((p) => DEADLINE_CODES.includes(p.code));

  it('avant la fin de la mission (2025-06-15), rien n’est encore dû', () => {
    expect(deadlines('2025-06-15')).toEqual([]);
    expect(deadlines('2025-06-29')).toEqual([]);
  });

  it('le jour de la fin (2025-06-30), chaque membre doit déclarer : celle d’alice n’est datée que du 5 juillet', () => {
    expect(deadlines('2025-06-30').map((p) => [where(p), p.code])).toEqual([
      [`${MISSION}:19:5`, 'declaration_a_faire'],
      [`${MISSION}:22:5`, 'declaration_a_faire'],
    ]);
  });

  it.each([
    ['2025-07-15', 'declaration_a_faire', 'avant l’échéance'],
    ['2025-07-30', 'declaration_a_faire', 'le jour de l’échéance'],
    ['2025-07-31', 'declaration_en_retard', 'le lendemain de l’échéance'],
    ['2025-08-15', 'declaration_en_retard', 'entre l’échéance et la sortie du cercle'],
    ['2025-09-28', 'declaration_en_retard', 'le dernier jour dans le cercle'],
    ['2025-09-29', 'declaration_defaillante', 'le lendemain'],
    ['2025-10-15', 'declaration_defaillante', 'bien après'],
  ] as const)('au %s : %s (%s), pour bruno-coop seulement', (date, code, _when) => {
    const found = deadlines(date);
    expect(found.map((p) => [where(p), p.code, p.severity])).toEqual([[`${MISSION}:22:5`, code, 'warning']]);
    expect(found[0].message).toContain('« bruno-coop »');
    expect(`${found[0].message} ${found[0].hint}`).toContain(code === 'declaration_defaillante' ? '28 septembre 2025' : '30 juillet 2025');
  });

  it('un avertissement d’échéance n’est jamais une erreur', () => {
    expect(errorsOf(loadRegistry(BASE, { date: '2025-10-15' }))).toEqual([]);
  });
});

// --- Valid variations ------------------------------------------------------------------

describe('variantes valides (tests/fixtures/valid/)', () => {
  it('une date sans guillemets (date: 2025-07-05) est acceptée et reste le texte « 2025-07-05 »', () => {
    const result = loadRegistry(caseTree('date-sans-guillemets', 'valid'), { date: FIXTURE_DATE });
    expect(errorsOf(result), listed(errorsOf(result))).toEqual([]);
    expect(result.entities).toBe(BASE_ENTITIES);
    const [declaration] = result.registry.declarations;
    expect(declaration.data.date).toBe('2025-07-05');
    expect(declaration.data.contributions_argent[0].date).toBe('2025-07-05');
    expect(declaration.data.contributions_nature[0].date).toBe('2025-07-04');
  });
});

describe('histoire des déclarations et des missions (tests/fixtures/valid/)', () => {
  it('une déclaration modifiée garde sa date (5 juillet) et dit quand elle a changé (modifiee_le: 12 juillet) : à l’heure', () => {
    const result = loadRegistry(caseTree('declaration-modifiee', 'valid'), { date: FIXTURE_DATE });
    expect(errorsOf(result), listed(errorsOf(result))).toEqual([]);
    expect(result.registry.declarations[0].data).toMatchObject({ date: '2025-07-05', modifiee_le: '2025-07-12' });
  });

  it('une mission terminée avec une note de correction (date, raison, champs) se charge', () => {
    const result = loadRegistry(caseTree('mission-corrigee', 'valid'), { date: FIXTURE_DATE });
    expect(errorsOf(result), listed(errorsOf(result))).toEqual([]);
    expect(result.registry.missions.get('mission-terminee')!.data.corrections).toEqual([
      { date: '2025-07-10', raison: 'Avenant signé le 8 juillet, deux jours de coordination en plus.', champs: ['equipe', 'budget_eur'] },
    ]);
  });
});

// --- Hostile input built at test time ----------------------------------------------------

describe('entrées hostiles', () => {
  it('un lien symbolique vers /etc/passwd est refusé sans être lu', () => {
    const dir = baseTree();
    symlinkSync('/etc/passwd', join(dir, 'prestataires', 'evil.md'));
    const result = loadRegistry(dir, { date: FIXTURE_DATE });
    expect(errorsOf(result).map((p) => [where(p), p.code])).toEqual([['prestataires/evil.md:1:1', 'lien_symbolique']]);
    expect(result.files).toBe(BASE_ENTITIES + 1);
    expect(result.entities).toBe(BASE_ENTITIES);
    expect(result.registry.prestataires.has('evil')).toBe(false);
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('un dossier en lien symbolique n’est pas suivi', () => {
    const dir = baseTree();
    symlinkSync(join(dir, 'declarations', 'alice-conseil'), join(dir, 'declarations', 'bruno-coop'));
    const result = loadRegistry(dir, { date: FIXTURE_DATE });
    expect(errorsOf(result).map((p) => [where(p), p.code])).toEqual([['declarations/bruno-coop:1:1', 'fichier_hors_structure']]);
    expect(result.registry.declarations).toHaveLength(1);
  });

  it('un fichier de 300 Ko est refusé avant d’être lu', () => {
    const dir = baseTree();
    const profile = readFileSync(join(BASE, 'prestataires', 'claire-asso.md'), 'utf8').replaceAll('claire-asso', 'gros');
    // 300 × 1 024 = 307 200 bytes, above the limit of 256 × 1 024 = 262 144.
    writeFileSync(join(dir, 'prestataires', 'gros.md'), profile + 'x'.repeat(300 * 1024 - Buffer.byteLength(profile)));
    const result = loadRegistry(dir, { date: FIXTURE_DATE });
    expect(errorsOf(result).map((p) => [where(p), p.code])).toEqual([['prestataires/gros.md:1:1', 'fichier_trop_gros']]);
    expect(errorsOf(result)[0].message).toBe('Ce fichier fait 307200 octets, au-delà de la limite de 262144.');
    expect(result.entities).toBe(BASE_ENTITIES);
  });

  it('des milliers de confirmations : au-delà de la limite, le conseil dit de les partager dans le dossier du commun, qui les lit toutes', () => {
    const dir = baseTree();
    const line = (i: number) => `  - prestataire: alice-conseil\n    mission: mission-${i}\n    montant_eur: 100\n    date: "2025-07-08"\n    note: Virement reçu, reçu fiscal envoyé le lendemain.\n`;
    const lines = Array.from({ length: 2600 }, (_, i) => line(i)).join('');
    mkdirSync(join(dir, 'confirmations', 'reseau-test'), { recursive: true });
    writeFileSync(join(dir, 'confirmations', 'reseau-test.yaml'), `commun: reseau-test\nconfirmations:\n${lines}`);
    const big = loadRegistry(dir, { date: FIXTURE_DATE });
    expect(errorsOf(big).map((p) => [where(p), p.code])).toEqual([['confirmations/reseau-test.yaml:1:1', 'fichier_trop_gros']]);
    expect(errorsOf(big)[0].hint).toContain('confirmations/<commun>/2025.yaml, confirmations/<commun>/2026.yaml');
    // Split in two files of the commons' folder: both read, each line judged (here: no such mission).
    rmSync(join(dir, 'confirmations', 'reseau-test.yaml'));
    const half = (from: number) => `commun: reseau-test\nconfirmations:\n${Array.from({ length: 1300 }, (_, i) => line(from + i)).join('')}`;
    writeFileSync(join(dir, 'confirmations', 'reseau-test', '2025.yaml'), half(0));
    writeFileSync(join(dir, 'confirmations', 'reseau-test', '2026.yaml'), half(1300));
    const split = loadRegistry(dir, { date: FIXTURE_DATE });
    expect([...split.registry.confirmations.keys()]).toEqual(['reseau-test/2025', 'reseau-test/2026']);
    expect(errorsOf(split).filter((p) => p.code === 'mission_inconnue')).toHaveLength(2600);
    expect(errorsOf(split).filter((p) => p.code !== 'mission_inconnue')).toEqual([]);
  });

  describe('un en-tête ---js ne s’exécute jamais', () => {
    const payload = (marker: string) =>
      `module.exports = (() => { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); return {} })()`;

    it('la charge est bien active : gray-matter seul l’exécute (témoin)', () => {
      const marker = join(tmpdir(), `pwned-${randomUUID()}`);
      try {
        matter(`---js\n${payload(marker)}\n---\ncorps\n`);
        expect(existsSync(marker)).toBe(true);
      } finally {
        rmSync(marker, { force: true });
      }
    });

    it.each([
      ['---js', ''],
      ['---javascript', ''],
      ['---js', '\uFEFF'],
    ])('%s (BOM : %j) : front_matter_langage, et le fichier témoin n’est pas créé', (opening, bom) => {
      const marker = join(tmpdir(), `pwned-${randomUUID()}`);
      const dir = caseTree('front-matter-js');
      writeFileSync(join(dir, ALICE), `${bom}${opening}\n${payload(marker)}\n---\nPrésentation.\n`);
      const result = loadRegistry(dir, { date: FIXTURE_DATE });
      expect(existsSync(marker)).toBe(false);
      expect(errorsOf(result).map((p) => [where(p), p.code])).toEqual([[`${ALICE}:1:4`, 'front_matter_langage']]);
      expect(result.entities).toBe(BASE_ENTITIES - 1);
    });
  });
});
