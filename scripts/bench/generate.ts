// A fictional registry of any size, for the benchmark: N providers, N missions and
// 4N declarations (each mission has a team of four, who all declare), the six sample
// commons and the sample rules. Deterministic: the same N gives the same files.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TERRITOIRES = ['Métropole européenne de Lille', 'Amiénois', 'Bassin minier', "Côte d'Opale", 'Sambre-Avesnois', 'Beauvaisis', 'Saint-Quentinois', 'Flandre intérieure'];
const COMPETENCES = ['gouvernance', 'modèle économique', 'animation de communauté', 'facilitation', 'évaluation', 'urbanisme transitoire', 'numérique libre', 'BCUS'];
const TYPES = ['independant', 'cooperative', 'association', 'entreprise', 'tiers_lieu'];
const ROLES = ['coordination', 'animation', 'plancher', 'plancher'];

export function generateRegistry(dir: string, n: number, sampleContent: string): { files: number } {
  for (const sub of ['prestataires', 'missions', 'communs', 'declarations', 'regles']) mkdirSync(join(dir, sub), { recursive: true });
  for (const sub of ['communs', 'regles']) {
    for (const file of readdirSync(join(sampleContent, sub))) copyFileSync(join(sampleContent, sub, file), join(dir, sub, file));
  }
  let files = 0;
  const pid = (i: number) => `prestataire-${String(i).padStart(5, '0')}`;
  const mid = (i: number) => `mission-${String(i).padStart(5, '0')}`;
  for (let i = 0; i < n; i++) {
    const territoire = TERRITOIRES[i % TERRITOIRES.length];
    writeFileSync(
      join(dir, 'prestataires', `${pid(i)}.md`),
      `---
id: ${pid(i)}
nom: Prestataire fictif n° ${i}
type: ${TYPES[i % TYPES.length]}
territoire: ${territoire}
competences:
  - ${COMPETENCES[i % COMPETENCES.length]}
  - ${COMPETENCES[(i + 3) % COMPETENCES.length]}
comptes_forge:
  - compte-${i}
adhesions:
  - du: "2024-01-01"
    au: "2025-12-31"
    tarif: acteur_economique
  - du: "2026-01-01"
    au: "2027-12-31"
    tarif: acteur_economique
---
Prestataire fictif n° ${i}, généré pour mesurer le registre à grande échelle. Il accompagne
des tiers-lieux du territoire ${territoire} sur la ${COMPETENCES[i % COMPETENCES.length]}.
`,
    );
    files++;
  }
  mkdirSync(join(dir, 'declarations'), { recursive: true });
  for (let i = 0; i < n; i++) {
    const team = [0, 1, 2, 3].map((k) => pid((i * 4 + k * 7) % n));
    const unique = [...new Set(team)];
    const month = String(1 + (i % 9)).padStart(2, '0');
    const equipe = unique.map((p, k) => `  - prestataire: ${p}\n    role: ${ROLES[k]}\n    jours: ${3 + ((i + k) % 5)}\n`).join('');
    writeFileSync(
      join(dir, 'missions', `${mid(i)}.md`),
      `---
id: ${mid(i)}
titre: Mission fictive n° ${i}
client:
  nom: Tiers-lieu fictif n° ${i}
  type: tiers_lieu
territoire: ${TERRITOIRES[i % TERRITOIRES.length]}
themes:
  - ${COMPETENCES[i % COMPETENCES.length]}
statut: terminee
debut: "2025-${month}-01"
fin: "2025-${month}-20"
budget_eur: ${4000 + (i % 40) * 500}
portage:
  type: consortium
  chef_de_file: ${unique[0]}
equipe:
${equipe}livrables:
  - titre: Compte rendu
    url: https://exemple.org/missions/${mid(i)}
    licence: CC-BY-SA-4.0
bilan:
  ce_qui_a_marche: Les ateliers avec les habitants.
  a_ameliorer: Le calendrier, trop serré.
---
Mission fictive n° ${i}, générée pour le banc d'essai.
`,
    );
    files++;
    for (const p of unique) {
      mkdirSync(join(dir, 'declarations', p), { recursive: true });
      writeFileSync(
        join(dir, 'declarations', p, `${mid(i)}.yaml`),
        `prestataire: ${p}
mission: ${mid(i)}
date: "2025-11-0${1 + (i % 9)}"
communs_utilises:
  - commun: movilab
    usage: Fiches méthode pour préparer les ateliers.
contributions_argent:
  - commun: compagnie-des-tiers-lieux
    montant_eur: ${40 + (i % 7) * 10}
    statut: verse
    date: "2025-11-0${1 + (i % 9)}"
contributions_nature:
  - commun: movilab
    description: Mise à jour d'une fiche.
    heures: ${1 + (i % 4)}
    date: "2025-11-0${1 + (i % 9)}"
`,
      );
      files++;
    }
  }
  return { files };
}
