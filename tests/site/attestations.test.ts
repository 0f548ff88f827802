// The yearly attestation of a provider (issue 23, point 1), on the sample (content/ on
// 2026-11-29, tests/global-setup.ts). Worked example: Karim Haddou, 2025, computed on
// 31 December 2025 by the rules of 2024-04-01 (60 days to declare, 40 € an hour in kind):
//   - « Modèle économique… » (2024-06-03 → 2024-12-13), declared on 2025-01-20: a
//     mission of 2025 by its declaration. Expected 203 € × 5 500 / 12 650 = 88,26 → 88 €.
//     Given 120 € paid (confirmed by the network on 2025-01-22) + 5 h × 40 € = 320 €.
//   - « Faire émerger trois tiers-lieux ruraux… » (2025-02-03 → 2025-06-27), plancher 8 j:
//     expected 330 € × 2 800 / 19 000 = 48,63 → 49 €. 25 € promised for 2025-12-15 and not
//     paid on 31 December: a « promesse échue », not given. Manque 49 €.
//   - « Évaluer l'utilité sociale… » (2025-09-01 → 2026-02-27): running on 31 December, its
//     declaration (2026-03-20) is later: nothing given yet, nothing judged.
//   Totals on the two missions whose declaration fell due in 2025 (11 February, 26 August):
//   each is counted in 2025 and in no other year (« Modèle économique… » is listed in 2024,
//   « comptée dans l'attestation 2025 »): expected 88 + 49 = 137 €, given 320 €, of which
//   120 € paid and 120 € confirmed, manque 0 + 49 = 49 €. The calendar year: 120 € paid,
//   25 € promesse échue, 5 h. On 31 December 2025 his membership ran (it lapsed on
//   1 January 2026, as the site says on 2026-11-29): « déclarations à jour ».
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, inject, test } from 'vitest';
import { attestationYears, missionsOfYear, yearEndFigures, yearlyStatement } from '../../src/domain/rules/attestation.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { attestationFiles, attestationPaths } from '../../src/site/attestations.ts';
import { ROOT, SAMPLE, SAMPLE_DATE, tempDir, walk } from '../helpers.ts';

const site = () => inject('siteDir');
const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
const read = (path: string) => readFileSync(join(site(), path.slice(1)), 'utf8');
const published = () => walk(join(site(), 'prestataires')).filter((f) => /\/attestations\/\d{4}\.json$/.test(f));

describe('quelles années', () => {
  test('les années closes où le prestataire a eu une mission ou en a déclaré une, jamais l’année en cours', () => {
    expect(attestationYears(registry, 'karim-haddou', SAMPLE_DATE)).toEqual([2024, 2025]);
    // Léa Fontaine has no mission: no attestation, and her page says why.
    expect(attestationYears(registry, 'lea-fontaine', SAMPLE_DATE)).toEqual([]);
    expect(existsSync(join(site(), 'prestataires/lea-fontaine/attestations'))).toBe(false);
    // On 31 December 2026 itself, 2026 is not closed yet.
    expect(attestationYears(registry, 'karim-haddou', '2026-12-31')).toEqual([2024, 2025]);
    expect(attestationYears(registry, 'karim-haddou', '2027-01-01')).toEqual([2024, 2025, 2026]);
    expect(missionsOfYear(registry, 'karim-haddou', 2025).map((m) => m.id)).toEqual([
      'consortium-ruralite-bocage-avesnois-2025',
      'evaluation-impact-vermandois-2025',
      'modele-economique-habitat-nord-solidaire-2024',
    ]);
  });

  test('une mission abandonnée compte l’année où elle a couru, sans rien attendre ni rien compter', () => {
    for (const id of ['sophie-lemaire', 'claire-vandamme']) {
      const s = yearlyStatement(registry, yearEndFigures(registry, 2025), id, 2025)!;
      const abandoned = s.missions.find((m) => m.mission.id === 'accompagnement-planches-vives-2025')!;
      expect(abandoned.declaration.statut).toBe('non_due');
      expect(abandoned.statut).toBe('abandonnee');
      // Counted in the year it stopped, with nothing expected.
      expect(abandoned.jugee_en).toBe(2025);
      // The figures still carry the member's share of the budget (14 € for Claire): the attestation says nothing is expected.
      expect(abandoned.attendu_eur).toBe(0);
      expect(abandoned.calcul).toMatch(/^mission abandonnée le 26 mai 2025 : rien n’est attendu/);
    }
    const d = JSON.parse(read(attestationPaths('claire-vandamme', 2025).json));
    const row = d.missions.find((m: { id: string }) => m.id === 'accompagnement-planches-vives-2025');
    expect(row).toMatchObject({ reciprocite_attendue_eur: 0, jugee_en: 2025, statut: 'abandonnee' });
    // The totals' sentence does not call it « due »: it says which missions expected nothing.
    expect(d.totaux.jugees.calcul).toMatch(/^sur \d+\smissions comptées en 2025 \(\d+ dont la déclaration était due, 1 arrêtée sans rien attendre\) : attendu /);
    expect(row.calcul).not.toMatch(/attendu \d/);
  });

  test('déclarée quand même, une mission abandonnée n’attend toujours rien, et ce qui est donné compte une fois', () => {
    const content = join(tempDir('abandon-'), 'content');
    cpSync(SAMPLE, content, { recursive: true });
    writeFileSync(
      join(content, 'declarations', 'claire-vandamme', 'accompagnement-planches-vives-2025.yaml'),
      `prestataire: claire-vandamme
mission: accompagnement-planches-vives-2025
date: "2025-06-02"
communs_utilises:
  - commun: compagnie-des-tiers-lieux
    usage: Le réseau a proposé la mission.
contributions_argent:
  - commun: compagnie-des-tiers-lieux
    montant_eur: 40
    statut: verse
    date: "2025-06-02"
`,
    );
    const loaded = loadRegistry(content, { date: SAMPLE_DATE });
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const s = yearlyStatement(loaded.registry, yearEndFigures(loaded.registry, 2025), 'claire-vandamme', 2025)!;
    const row = s.missions.find((m) => m.mission.id === 'accompagnement-planches-vives-2025')!;
    expect(row).toMatchObject({ attendu_eur: 0, jugee_en: 2025 });
    expect(row.declaration.statut).toBe('faite');
    expect(row.calcul).toBe('mission abandonnée le 26 mai 2025 : rien n’est attendu ; déclaré tout de même : 40\u00a0€');
    // Its 40 € are in the totals of 2025, beside nothing expected.
    const without = yearlyStatement(registry, yearEndFigures(registry, 2025), 'claire-vandamme', 2025)!;
    expect(s.totaux.jugees.donne.verse_eur).toBe(without.totaux.jugees.donne.verse_eur + 40);
    expect(s.totaux.jugees.reciprocite_attendue_eur).toBe(without.totaux.jugees.reciprocite_attendue_eur);
  });

  test('chaque mission est comptée dans une seule attestation : celle de l’année où sa déclaration était due', () => {
    const counted = new Map<string, number[]>();
    for (const file of published()) {
      const d = JSON.parse(readFileSync(file, 'utf8'));
      let expected = 0;
      for (const m of d.missions) {
        if (m.jugee_en !== d.annee) continue;
        const key = `${d.prestataire.id}/${m.id}`;
        counted.set(key, [...(counted.get(key) ?? []), d.annee]);
        expected += m.reciprocite_attendue_eur;
      }
      expect(d.totaux.jugees.reciprocite_attendue_eur, file).toBe(Math.round(expected * 100) / 100);
    }
    for (const [key, years] of counted) expect(years, key).toHaveLength(1);
    expect(counted.size).toBeGreaterThan(10);
    // Karim Haddou: « Modèle économique… » ended on 13 December 2024, due on 11 February 2025.
    const y2024 = JSON.parse(read(attestationPaths('karim-haddou', 2024).json));
    expect(y2024.missions.map((m: { id: string; jugee_en: number }) => [m.id, m.jugee_en])).toEqual([['modele-economique-habitat-nord-solidaire-2024', 2025]]);
    expect(y2024.totaux.jugees).toMatchObject({ missions: 0, reciprocite_attendue_eur: 0 });
    expect(y2024.totaux.a_venir.missions).toBe(1);
    const page = read(`${attestationPaths('karim-haddou', 2024).page}index.html`).replace(/\u00a0/g, ' ');
    expect(page).toContain('déclaration due le 11 février 2025 : comptée dans l’attestation 2025');
  });

  test('le statut de chaque mission est celui du 31 décembre, pas celui du jour de production', () => {
    // « Évaluer l'utilité sociale… » ends on 27 February 2026: « terminee » in the registry today, running on 31 December 2025.
    const d = JSON.parse(read(attestationPaths('karim-haddou', 2025).json));
    const running = d.missions.find((m: { id: string }) => m.id === 'evaluation-impact-vermandois-2025');
    expect(running).toMatchObject({ statut: 'en_cours', terminee_au_31_decembre: false, jugee_en: 2026 });
  });
});

describe('Karim Haddou, 2025 (exemple calculé à la main en tête du fichier)', () => {
  const doc = () => JSON.parse(read(attestationPaths('karim-haddou', 2025).json));

  test('ses missions, l’attendu et le donné au 31 décembre', () => {
    const d = doc();
    expect(d.date_situation).toBe('2025-12-31');
    // No build date in the signed bytes: the document changes only with the registry's commit.
    expect(d.date_production).toBeUndefined();
    expect(read(attestationPaths('karim-haddou', 2025).json)).not.toContain(SAMPLE_DATE);
    const byId = Object.fromEntries(d.missions.map((m: { id: string }) => [m.id, m]));
    expect(Object.keys(byId).sort()).toEqual(['consortium-ruralite-bocage-avesnois-2025', 'evaluation-impact-vermandois-2025', 'modele-economique-habitat-nord-solidaire-2024']);
    const model = byId['modele-economique-habitat-nord-solidaire-2024'];
    expect(model.reciprocite_attendue_eur).toBe(88);
    // The 5 hours went to Movilab, whose stewards confirmed nothing: declared, not confirmed.
    expect(model.donne).toEqual({ verse_eur: 120, confirme_eur: 120, non_confirme_eur: 0, promis_eur: 0, promesses_echues_eur: 0, nature_heures: 5, nature_confirmee_heures: 0, nature_eur: 200, total_eur: 320 });
    expect(model.declaration).toMatchObject({ date: '2025-01-20', echeance: '2025-02-11', statut: 'faite' });
    const consortium = byId['consortium-ruralite-bocage-avesnois-2025'];
    expect(consortium.reciprocite_attendue_eur).toBe(49);
    expect(consortium.donne.total_eur).toBe(0);
    expect(consortium.donne.promesses_echues_eur).toBe(25);
    expect(consortium.manque_eur).toBe(49);
    expect(consortium.calcul.replace(/\u00a0/g, ' ')).toContain('330 € attendus de la mission × 2 800 € d’honoraires / 19 000 €');
    const running = byId['evaluation-impact-vermandois-2025'];
    expect(running.terminee_au_31_decembre).toBe(false);
    expect(running.donne).toBeNull();
    expect(running.declaration.statut).toBe('pas_encore_due');
    expect(d.totaux.jugees).toMatchObject({ missions: 2, reciprocite_attendue_eur: 137, manque_eur: 49 });
    expect(d.totaux.jugees.donne).toMatchObject({ total_eur: 320, verse_eur: 120, confirme_eur: 120 });
    expect(d.totaux.a_venir).toMatchObject({ missions: 1, donne: { total_eur: 0 } });
    expect(d.annee_civile).toEqual({ verse_eur: 120, promis_eur: 0, promesses_echues_eur: 25, nature_heures: 5 });
  });

  test('la situation au 31 décembre, pas celle du jour, avec ses règles', () => {
    const d = doc();
    expect(d.situation).toMatchObject({ cle: 'a_jour', hors_cercle: false, taux_declaration: 1, regle: { id: '2024-04-01#delais' } });
    expect(d.situation.adhesion).toMatchObject({ statut: 'adherent', raison: 'Adhésion en cours jusqu’au 31 décembre 2025.', regle: { id: '2024-04-01#adhesion' } });
    // The site, on 2026-11-29, sees his membership lapsed: the attestation does not.
    const today = JSON.parse(read('/donnees/prestataires/karim-haddou.json'));
    expect(today.chiffres.situation.adhesion.statut).toBe('adhesion_echue');
    for (const e of d.situation.explications) expect(e.regle?.adresse ?? '', e.titre).toMatch(/\/regles\/#2024-04-01-/);
    expect(d.regles.map((r: { en_vigueur_depuis: string }) => r.en_vigueur_depuis)).toEqual(['2024-04-01']);
    expect(d.regles[0]).toMatchObject({ en_vigueur_au_31_decembre: true, exemple: true });
  });

  test('le document est celui du domaine, les adresses et le commit du registre en plus', () => {
    const d = doc();
    const s = yearlyStatement(registry, yearEndFigures(registry, 2025), 'karim-haddou', 2025)!;
    expect(d.missions.map((m: { id: string }) => m.id)).toEqual(s.missions.map((m) => m.mission.id));
    expect(d.totaux.jugees.calcul).toBe(s.totaux.jugees.calcul);
    expect(d.registre.depot).toBe('compagnie-tiers-lieux/communs-reciprocite');
    expect(d.registre.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(d.verification.commande).toBe('gh attestation verify attestation-karim-haddou-2025.json --repo compagnie-tiers-lieux/communs-reciprocite');
    // gh prints the workflow and its ref, not the commit: the strict form makes it check them.
    expect(d.verification.commande_stricte).toBe(
      `gh attestation verify attestation-karim-haddou-2025.json --repo compagnie-tiers-lieux/communs-reciprocite --signer-workflow compagnie-tiers-lieux/communs-reciprocite/.github/workflows/publication.yml --source-ref refs/heads/main --source-digest ${d.registre.commit}`,
    );
    expect(d.verification.flux).toBe(`https://github.com/compagnie-tiers-lieux/communs-reciprocite/blob/${d.registre.commit}/.github/workflows/publication.yml`);
    expect(d.adresse).toBe('https://compagnie-tiers-lieux.github.io/communs-reciprocite/prestataires/karim-haddou/attestations/2025.json');
  });

  test('imprimée, la page se rattache au fichier signé : son adresse et son empreinte SHA-256 y sont écrites', () => {
    const path = attestationPaths('karim-haddou', 2025);
    const json = read(path.json);
    const sha256 = createHash('sha256').update(json).digest('hex');
    const html = read(`${path.page}index.html`);
    expect(html).toContain(`Empreinte SHA-256 : <code>${sha256}</code>`);
    expect(html).toContain(`<code>${JSON.parse(json).adresse}</code>`);
    // The strict command is the one shown.
    expect(html).toContain(`--source-digest ${JSON.parse(json).registre.commit}</code>`);
  });

  test('« à jour » parle des déclarations : ce qui manque est dit à côté, et chaque calcul nomme sa règle en mots', () => {
    const html = read(`${attestationPaths('karim-haddou', 2025).page}index.html`).replace(/\u00a0/g, ' ');
    expect(html).toContain('<strong>Déclarations à jour</strong>');
    expect(html).toContain('il manque <strong>49 €</strong> sur les missions dont la déclaration était due en 2025 (« Faire émerger trois tiers-lieux ruraux dans le Bocage avesnois » : attendu 49 €, donné 0 €, manque 49 €)');
    // The mission still running on 31 December: its deadline is not known yet, only its year.
    expect(html).toContain('déclaration due en 2026 : comptée dans l’attestation 2026');
    expect(html).toContain('(règles du 1er avril 2024, délais de déclaration)');
    expect(html).not.toMatch(/règle 2024-04-01#/);
    expect(html).toContain('5 h en nature à 40 € l’heure (200 €)');
    // Each cell says what it is when the table is read as cards on a phone.
    expect(html).toContain('<td data-label="Réciprocité attendue">');
    // « de Le Quai » nowhere: the name takes its article (du Quai des Possibles).
    const quai = read(`${attestationPaths('quai-des-possibles', 2025).page}index.html`);
    expect(quai).toContain('Part du Quai des Possibles sur chaque mission');
    expect(quai).not.toMatch(/de Le /);
  });

  test('la fiche du prestataire et son document JSON mènent à chaque attestation', () => {
    const page = read('/prestataires/karim-haddou/index.html');
    for (const year of [2024, 2025]) {
      expect(page).toContain(`href="/communs-reciprocite/prestataires/karim-haddou/attestations/${year}/"`);
      expect(page).toContain(`href="/communs-reciprocite/prestataires/karim-haddou/attestations/${year}.json"`);
    }
    expect(JSON.parse(read('/donnees/prestataires/karim-haddou.json')).attestations.map((a: { annee: number }) => a.annee)).toEqual([2024, 2025]);
  });
});

describe('heures en nature confirmées', () => {
  test('L’Atelier du Bocage, 2025 : 10 h déclarées, dont 6 h confirmées par la Compagnie, comme l’argent (190 € versés, 150 € confirmés)', () => {
    const d = JSON.parse(read(attestationPaths('atelier-du-bocage', 2025).json));
    expect(d.totaux.jugees.donne).toMatchObject({ verse_eur: 190, confirme_eur: 150, non_confirme_eur: 40, nature_heures: 10, nature_confirmee_heures: 6 });
    const html = read(`${attestationPaths('atelier-du-bocage', 2025).page}index.html`).replace(/\u00a0/g, ' ');
    expect(html).toContain('10 h en nature à 40 € l’heure (400 €), dont 6 h confirmées par les communs');
  });
});

describe('le schéma publié', () => {
  const schema = () => JSON.parse(read('/schemas/attestation.json'));

  test('est celui de schemas/json/attestation.json (npm run schemas), en JSON Schema 2020-12', () => {
    expect(schema()).toEqual(JSON.parse(readFileSync(join(ROOT, 'schemas', 'json', 'attestation.json'), 'utf8')));
    expect(schema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  test('chaque attestation du site d’exemple est valide selon lui', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema());
    const files = published();
    // Eleven providers with a mission in 2024 or 2025, several with both years.
    expect(files.length).toBeGreaterThan(11);
    for (const file of files) expect(validate(JSON.parse(readFileSync(file, 'utf8'))), `${file} : ${JSON.stringify(validate.errors)}`).toBe(true);
  });

  test('il refuse un document auquel il manque la situation, ou qui ajoute un champ', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema());
    const { situation, ...rest } = JSON.parse(read(attestationPaths('karim-haddou', 2025).json));
    expect(situation).toBeDefined();
    expect(validate(rest)).toBe(false);
    expect(validate({ ...rest, situation, inconnu: 1 })).toBe(false);
  });
});

describe('la page imprimable', () => {
  test('chaque page est un document HTML complet en français, sans erreur d’analyse, avec son JSON et la commande de vérification', () => {
    const dirs = published().map((f) => f.replace(/\.json$/, '/index.html'));
    for (const file of dirs) {
      const html = readFileSync(file, 'utf8');
      const errors: string[] = [];
      parse(html, { onParseError: (e) => errors.push(`${e.code} ${e.startLine}:${e.startCol}`) });
      expect(errors, file).toEqual([]);
      expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
      expect(html).toContain('gh attestation verify attestation-');
      expect(html).toContain('--repo compagnie-tiers-lieux/communs-reciprocite');
      expect(html).toContain('Ce que cela ne prouve pas');
    }
    const css = read('/attestation.css');
    expect(css).toContain('@page { size: A4;');
    expect(css).toContain('@media print');
  });

  test('un nom, un titre ou une raison qui tentent de sortir du texte y restent du texte', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const doc = JSON.parse(read(attestationPaths('karim-haddou', 2025).json));
    doc.prestataire.nom = hostile;
    doc.missions[0].titre = hostile;
    doc.missions[0].calcul = hostile;
    doc.situation.texte = hostile;
    doc.situation.explications[0].lignes = [hostile];
    doc.regles[0].resume = hostile;
    const tree = parse(attestationFiles(doc, { exampleRegistry: false }).page);
    const found: string[] = [];
    const visit = (node: DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['document']) => {
      if ('tagName' in node) {
        if (node.tagName === 'script' || node.tagName === 'img') found.push(node.tagName);
        for (const a of node.attrs) if (a.name.startsWith('on')) found.push(a.name);
      }
      if ('childNodes' in node) for (const child of node.childNodes) visit(child);
      if ('content' in node && node.content) for (const child of (node.content as DefaultTreeAdapterMap['documentFragment']).childNodes) visit(child);
    };
    visit(tree);
    expect(found).toEqual([]);
  });

  test('le texte des contributeurs y est échappé', () => {
    const html = read(attestationPaths('karim-haddou', 2025).page + 'index.html');
    // « Modèle économique d'un local… »: the apostrophe of a title, escaped as everywhere.
    expect(html).toContain('Modèle économique d&apos;un local commun en pied d&apos;immeuble');
    expect(readdirSync(join(site(), 'prestataires/karim-haddou/attestations')).sort()).toEqual(['2024', '2024.json', '2025', '2025.json']);
  });
});
