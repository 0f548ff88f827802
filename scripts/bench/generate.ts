// A fictional registry of any size for the benchmark, shaped like a real one (BENCHMARKS.md,
// « Ce que le banc génère »): N providers, N missions (calls, missions under way, finished
// ones from mid-2024 on), teams of one to four whose budget is what the rules say, members
// who declare on time, a few late or never, payments to the network that its stewards
// confirm most of the time, in-kind hours, a few promises, memberships that lapse. The six
// sample commons and the sample rules. Deterministic: the same N gives the same files.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TERRITOIRES = ['Métropole européenne de Lille', 'Amiénois', 'Bassin minier', "Côte d'Opale", 'Sambre-Avesnois', 'Beauvaisis', 'Saint-Quentinois', 'Flandre intérieure'];
const COMPETENCES = ['gouvernance', 'modèle économique', 'animation de communauté', 'facilitation', 'évaluation', 'urbanisme transitoire', 'numérique libre', 'BCUS'];
const TYPES = ['independant', 'cooperative', 'association', 'entreprise', 'tiers_lieu'];
/** The sample rules' day rates (2024-04-01) and solidarity margin per « plancher » day. */
const RATES = { coordination: 550, animation: 450, plancher: 350 } as const;
const MARGIN_PER_DAY = 100;
type Role = keyof typeof RATES;
const ROLES: Role[] = ['coordination', 'animation', 'plancher', 'plancher'];
/** The day the bench judges the registry on (scripts/bench.ts). */
const REFERENCE = '2026-11-29';
/** The network's commons: its stewards confirm what it receives (comptes_forge in the sample). */
const NETWORK = 'compagnie-des-tiers-lieux';
/** Receipts per file of the network's folder, well under the 256 kB limit (about 1 900). */
const RECEIPTS_PER_FILE = 1200;

/** A small seeded generator (mulberry32): the same N, the same registry. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const pid = (i: number) => `prestataire-${String(i).padStart(5, '0')}`;
const mid = (i: number) => `mission-${String(i).padStart(5, '0')}`;

interface Member {
  prestataire: string;
  role: Role;
  jours: number;
}

interface Receipt {
  prestataire: string;
  mission: string;
  montant_eur: number;
  date: string;
}

/** What each provider's memberships are: most renew, some lapse at the end of 2025, a few join late. */
function membershipOf(i: number, draw: () => number): { text: string; lapsed: boolean } {
  const r = draw();
  const period = (du: string, au: string) => `  - du: "${du}"\n    au: "${au}"\n    tarif: acteur_economique\n`;
  if (r < 0.08) return { text: period('2024-01-01', '2025-12-31'), lapsed: true };
  if (r < 0.12) return { text: period('2025-03-01', '2027-02-28'), lapsed: false };
  return { text: period('2024-01-01', '2025-12-31') + period('2026-01-01', '2027-12-31'), lapsed: false };
}

function providerText(i: number, adhesions: string): string {
  const territoire = TERRITOIRES[i % TERRITOIRES.length];
  return `---
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
${adhesions}---
Prestataire fictif n° ${i}, généré pour mesurer le registre à grande échelle. Il accompagne
des tiers-lieux du territoire ${territoire} sur la ${COMPETENCES[i % COMPETENCES.length]}.
`;
}

/** The head of a mission's front matter: id, title, client, territory, theme, status. */
function missionHead(i: number, titre: string, statut: string): string {
  return `---
id: ${mid(i)}
titre: ${titre} fictive n° ${i}
client:
  nom: Tiers-lieu fictif n° ${i}
  type: tiers_lieu
territoire: ${TERRITOIRES[i % TERRITOIRES.length]}
themes:
  - ${COMPETENCES[i % COMPETENCES.length]}
statut: ${statut}
`;
}

function callText(i: number): string {
  return `${missionHead(i, 'Mission à pourvoir', 'appel')}date_appel: "${addDays(REFERENCE, -(i % 20))}"
date_limite_reponse: "${addDays(REFERENCE, 45)}"
budget_eur: ${4000 + (i % 12) * 500}
portage:
  type: membre
equipe: []
---
Appel fictif n° ${i}, généré pour le banc d'essai.
`;
}

function missionText(i: number, statut: 'terminee' | 'en_cours', debut: string, fin: string, team: Member[]): string {
  const budget = team.reduce((sum, m) => sum + m.jours * RATES[m.role] + (m.role === 'plancher' ? m.jours * MARGIN_PER_DAY : 0), 0);
  const portage = `  type: ${team.length > 1 ? 'consortium' : 'membre'}\n  chef_de_file: ${team[0].prestataire}\n`;
  const equipe = team.map((m) => `  - prestataire: ${m.prestataire}\n    role: ${m.role}\n    jours: ${m.jours}\n`).join('');
  const done =
    statut === 'terminee'
      ? `livrables:
  - titre: Compte rendu
    url: https://exemple.org/missions/${mid(i)}
    licence: CC-BY-SA-4.0
bilan:
  ce_qui_a_marche: Les ateliers avec les habitants.
  a_ameliorer: Le calendrier, trop serré.
`
      : '';
  return `${missionHead(i, 'Mission', statut)}debut: "${debut}"
fin: "${fin}"
budget_eur: ${budget}
portage:
${portage}equipe:
${equipe}${done}---
Mission fictive n° ${i}, générée pour le banc d'essai.
`;
}

/**
 * One member's declaration: money to the network (about 2 % of their fees), hours in kind
 * to Movilab (about 1 %), enough for the sample rules' progressive rate; now and then a
 * promise instead of the payment.
 */
function declarationText(m: Member, mission: string, date: string, promise: boolean): { text: string; paid: number } {
  const fees = m.jours * RATES[m.role];
  const money = Math.max(10, Math.ceil((fees * 0.02) / 5) * 5);
  const hours = Math.max(1, Math.ceil((fees * 0.012) / 40));
  const payment = promise ? `    statut: promis\n    date: "${addDays(REFERENCE, 60)}"\n` : `    statut: verse\n    date: "${date}"\n`;
  return {
    text: `prestataire: ${m.prestataire}
mission: ${mission}
date: "${date}"
communs_utilises:
  - commun: movilab
    usage: Fiches méthode pour préparer les ateliers.
contributions_argent:
  - commun: ${NETWORK}
    montant_eur: ${money}
${payment}contributions_nature:
  - commun: movilab
    description: Mise à jour d'une fiche.
    heures: ${hours}
    date: "${date}"
`,
    paid: promise ? 0 : money,
  };
}

/** The network's receipts in its folder, by year of receipt, a few files a year. */
function writeReceipts(dir: string, receipts: Receipt[]): number {
  const folder = join(dir, 'confirmations', NETWORK);
  mkdirSync(folder, { recursive: true });
  const byYear = new Map<string, Receipt[]>();
  for (const r of receipts) {
    const year = r.date.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), r]);
  }
  let files = 0;
  for (const [year, lines] of [...byYear].sort()) {
    for (let start = 0, part = 1; start < lines.length; start += RECEIPTS_PER_FILE, part++) {
      const chunk = lines.slice(start, start + RECEIPTS_PER_FILE);
      const body = chunk.map((r) => `  - prestataire: ${r.prestataire}\n    mission: ${r.mission}\n    montant_eur: ${r.montant_eur}\n    date: "${r.date}"\n`).join('');
      writeFileSync(join(folder, `${year}${part > 1 ? `-${part}` : ''}.yaml`), `commun: ${NETWORK}\nconfirmations:\n${body}`);
      files++;
    }
  }
  return files;
}

export function generateRegistry(dir: string, n: number, sampleContent: string): { files: number } {
  for (const sub of ['prestataires', 'missions', 'communs', 'declarations', 'regles', 'confirmations']) mkdirSync(join(dir, sub), { recursive: true });
  for (const sub of ['communs', 'regles']) {
    for (const file of readdirSync(join(sampleContent, sub))) if (file.endsWith('.md') || file.endsWith('.yaml')) copyFileSync(join(sampleContent, sub, file), join(dir, sub, file));
  }
  const draw = random(n);
  let files = 0;
  const lapsed = new Set<number>();
  for (let i = 0; i < n; i++) {
    const membership = membershipOf(i, draw);
    if (membership.lapsed) lapsed.add(i);
    writeFileSync(join(dir, 'prestataires', `${pid(i)}.md`), providerText(i, membership.text));
    files++;
  }

  const receipts: Receipt[] = [];
  // Missions from June 2024 on: one starts every ~(850 / N) days, so any N spans the same years.
  const span = 880;
  for (let i = 0; i < n; i++) {
    const kind = draw();
    if (kind < 0.05) {
      writeFileSync(join(dir, 'missions', `${mid(i)}.md`), callText(i));
      files++;
      continue;
    }
    const debut = addDays('2024-06-01', Math.floor((i / n) * span));
    const fin = addDays(debut, 20 + Math.floor(draw() * 50));
    const statut = fin <= REFERENCE ? 'terminee' : 'en_cours';
    // A team of one to four members; in 2026 and after, not those whose membership lapsed (but one in fifty).
    const size = 1 + Math.floor(draw() * 4);
    const team: Member[] = [];
    for (let k = 0; team.length < size && k < 12; k++) {
      const who = Math.floor(draw() * n);
      if (team.some((m) => m.prestataire === pid(who))) continue;
      if (lapsed.has(who) && debut >= '2026-01-01' && draw() > 0.02) continue;
      team.push({ prestataire: pid(who), role: ROLES[team.length], jours: 2 + Math.floor(draw() * 9) });
    }
    writeFileSync(join(dir, 'missions', `${mid(i)}.md`), missionText(i, statut, debut, fin, team));
    files++;
    if (statut !== 'terminee') continue;
    for (const m of team) {
      // On time (within the 60 days of the rules) most of the time; late (up to 170 days) or never now and then.
      const r = draw();
      const date = r < 0.9 ? addDays(fin, 5 + Math.floor(draw() * 50)) : r < 0.95 ? addDays(fin, 70 + Math.floor(draw() * 100)) : null;
      if (!date || date > REFERENCE) continue;
      const { text, paid } = declarationText(m, mid(i), date, draw() < 0.03);
      mkdirSync(join(dir, 'declarations', m.prestataire), { recursive: true });
      writeFileSync(join(dir, 'declarations', m.prestataire, `${mid(i)}.yaml`), text);
      files++;
      // The stewards confirm nine payments in ten, within six weeks.
      const received = addDays(date, 3 + Math.floor(draw() * 40));
      if (paid > 0 && draw() < 0.9 && received <= REFERENCE) receipts.push({ prestataire: m.prestataire, mission: mid(i), montant_eur: paid, date: received });
    }
  }
  files += writeReceipts(dir, receipts);
  return { files };
}
