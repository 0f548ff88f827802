// A provider's yearly attestation (issue 23, point 1), for a consultant to attach to a
// tender: a JSON document and a printable page per provider and closed year,
//   /prestataires/<id>/attestations/<année>.json   /prestataires/<id>/attestations/<année>/
// from src/domain/rules/attestation.ts. Both are written by scripts/site.ts beside the
// provider's page, as text (no Astro page: 10,000 providers, several years each). The
// page renders the JSON document, nothing else, so the two never disagree. The
// publication workflow attests each JSON file (actions/attest, GitHub artifact
// attestations); the page says how anyone verifies it, and what that proves.
import { createHash } from 'node:crypto';
import { DEFAULT_BRANCH, PUBLISHER, REPOSITORY, REPOSITORY_URL } from '../../site.config.mjs';
import { ATTESTATION_VERSION, type Attestation, type AttestationGiven, type AttestationMission } from '../../schemas/attestation.ts';
import { frenchDate } from '../domain/registry/dates.ts';
import { euros, hours } from '../domain/registry/french.ts';
import { ofName } from '../domain/contribution/review.ts';
import type { YearlyStatement } from '../domain/rules/attestation.ts';
import { inKindValue, ratePercent } from '../domain/rules/explain.ts';
import { EXAMPLE_RULES_NOTE } from '../domain/rules/example.ts';
import { ruleAnchor } from '../domain/rules/rules.ts';
import { ACCESSIBILITY_STATUS, SITE_NAME, SITE_TAGLINE } from './chrome.ts';
import { DATA_LICENCE } from './exports.ts';
import { label } from './format.ts';
import type { RegistryCommit } from './history.ts';
import { xml as esc } from './journal.ts';
import { absoluteUrl, href } from './url.ts';

export const attestationPaths = (id: string, year: number) => ({
  page: `/prestataires/${id}/attestations/${year}/`,
  json: `/prestataires/${id}/attestations/${year}.json`,
});
export const ATTESTATION_SCHEMA_PATH = '/schemas/attestation.json';
export const ATTESTATION_STYLESHEET = '/attestation.css';
/** The workflow that attests the JSON files: the signer `gh attestation verify` checks. */
export const ATTESTATION_WORKFLOW = '.github/workflows/publication.yml';

/** The name the JSON file is downloaded under: one name per provider and year. */
export const downloadName = (id: string, year: number) => `attestation-${id}-${year}.json`;

/** The GitHub CLI command that verifies a downloaded attestation (https://cli.github.com/manual/gh_attestation_verify). */
export const verifyCommand = (id: string, year: number) => `gh attestation verify ${downloadName(id, year)} --repo ${REPOSITORY}`;

/**
 * The same, pinned: signed by the publication workflow (--signer-workflow), run on the
 * main branch (--source-ref; a maintainer can start the workflow on another branch) at
 * the commit the document names (--source-digest: the workflow builds the commit it runs
 * on, which is the registry's last commit). gh prints the workflow and its ref, not the
 * commit: these flags make it check them.
 */
export const strictVerifyCommand = (id: string, year: number, commit: string) =>
  `${verifyCommand(id, year)} --signer-workflow ${REPOSITORY}/${ATTESTATION_WORKFLOW} --source-ref refs/heads/${DEFAULT_BRANCH} --source-digest ${commit}`;

const ruleRef = (id: string | null) => (id ? { id, adresse: absoluteUrl(`/regles/#${ruleAnchor(id)}`) } : null);

function given(g: YearlyStatement['totaux']['a_venir']['donne']): AttestationGiven {
  return { ...g };
}

/** The JSON document of one statement. */
export function attestationDocument(s: YearlyStatement, { commit }: { commit: RegistryCommit | null }): Attestation {
  const p = s.prestataire;
  const paths = attestationPaths(p.id, s.annee);
  return {
    $schema: absoluteUrl(ATTESTATION_SCHEMA_PATH),
    version: ATTESTATION_VERSION,
    titre: `Attestation de réciprocité ${s.annee} : ${p.nom}`,
    adresse: absoluteUrl(paths.json),
    page: absoluteUrl(paths.page),
    licence: { nom: DATA_LICENCE.name, adresse: DATA_LICENCE.path },
    prestataire: { id: p.id, nom: p.nom, page: absoluteUrl(`/prestataires/${p.id}/`) },
    annee: s.annee,
    date_situation: s.date_situation,
    registre: { depot: REPOSITORY, adresse_depot: REPOSITORY_URL, commit: commit?.commit ?? null, date_commit: commit?.date ?? null },
    regles: s.regles.map((r) => ({ ...r, adresse: absoluteUrl(`/regles/#${ruleAnchor(`${r.en_vigueur_depuis}#reciprocite`)}`) })),
    missions: s.missions.map((r) => ({
      id: r.mission.id,
      titre: r.mission.titre,
      page: absoluteUrl(`/missions/${r.mission.id}/`),
      statut: r.statut,
      role: r.member.role,
      jours: r.member.jours,
      debut: r.mission.debut ?? null,
      fin: r.mission.fin ?? null,
      abandon: r.mission.abandon?.date ?? null,
      terminee_au_31_decembre: r.terminee,
      budget_eur: r.mission.budget_eur,
      honoraires_eur: r.member.montant_eur,
      regles: r.figures.regles,
      reciprocite_attendue_eur: r.attendu_eur,
      jugee_en: r.jugee_en,
      donne: r.donne ? given(r.donne) : null,
      manque_eur: r.member.manque_eur,
      declaration: { ...r.declaration, regle: ruleRef(r.declaration.regle) },
      calcul: r.calcul,
    })),
    totaux: {
      jugees: { ...s.totaux.jugees, donne: given(s.totaux.jugees.donne) },
      a_venir: { missions: s.totaux.a_venir.missions, donne: given(s.totaux.a_venir.donne) },
    },
    annee_civile: s.annee_civile,
    situation: {
      ...s.situation,
      regle: ruleRef(s.situation.regle),
      adhesion: { ...s.situation.adhesion, regle: ruleRef(s.situation.adhesion.regle) },
      explications: s.situation.explications.map((e) => ({ titre: e.titre, lignes: e.lignes, regle: ruleRef(e.regle) })),
    },
    verification: {
      commande: verifyCommand(p.id, s.annee),
      commande_stricte: commit ? strictVerifyCommand(p.id, s.annee, commit.commit) : null,
      flux: `${REPOSITORY_URL}/blob/${commit?.commit ?? DEFAULT_BRANCH}/${ATTESTATION_WORKFLOW}`,
    },
  };
}

const DECLARATION_WORDS: Record<Attestation['missions'][number]['declaration']['statut'], string> = {
  faite: 'faite',
  faite_en_retard: 'faite en retard',
  a_faire: 'à faire',
  en_retard: 'en retard',
  defaillant: 'manquante (défaillant)',
  pas_encore_due: 'pas encore due',
  non_due: 'non due',
};

/** The sections of a rules file in words (their titles on /regles/), for a reader of a tender who does not read ids. */
const RULE_SECTIONS: Record<string, string> = {
  reciprocite: 'réciprocité attendue',
  delais: 'délais de déclaration',
  adhesion: 'adhésion',
  cercle: 'hors du cercle',
  nature: 'contributions en nature',
  reseau: 'part du réseau',
  marge_solidarite: 'marge de solidarité',
  tarifs_jour_eur: 'tarifs',
  portage: 'portage',
};
/** « règles du 1er avril 2024, délais de déclaration » for 2024-04-01#delais. */
function ruleWords(id: string): string {
  const [file, section] = id.split('#');
  return `règles du ${frenchDate(file)}${section ? `, ${RULE_SECTIONS[section] ?? section}` : ''}`;
}
const ruleLink = (ref: { id: string; adresse: string } | null) => (ref ? ` <a class="regle" href="${esc(ref.adresse)}">(${esc(ruleWords(ref.id))})</a>` : '');
const day = (d: string | null) => (d ? esc(frenchDate(d)) : '—');

/** Explanation lines as sentences: « … (arrondi au dixième). La déclaration … ». */
const sentences = (lines: string[]) => `${lines.map((l) => esc(l.replace(/[\s.;:]+$/, ''))).join('. ')}.`;

function givenCell(g: AttestationGiven | null): string {
  if (!g) return 'rien de déclaré';
  const parts = [`versé ${euros(g.verse_eur)}${g.verse_eur > 0 ? `, dont ${euros(g.confirme_eur)} confirmés par les communs` : ''}`];
  if (g.promis_eur > 0) parts.push(`promis ${euros(g.promis_eur)}`);
  if (g.promesses_echues_eur > 0) parts.push(`promesse échue ${euros(g.promesses_echues_eur)} (non comptée)`);
  parts.push(`${inKindValue(g.nature_heures, g.nature_eur)}${g.nature_heures > 0 ? `, dont ${hours(g.nature_confirmee_heures)} confirmées par les communs` : ''}`);
  return `<strong>${euros(g.total_eur)}</strong><br>${parts.join(' ; ')}`;
}

/** Which attestation counts the mission in its totals, when it is not this one. */
function countedWhere(m: AttestationMission, year: number): string {
  if (m.jugee_en === null || m.jugee_en === year) return '';
  const due = m.declaration.echeance && m.jugee_en > year ? `le ${day(m.declaration.echeance)}` : `en ${m.jugee_en}`;
  return `<br><span class="meta">déclaration due ${due} : comptée dans l’attestation ${m.jugee_en}</span>`;
}

function missionRow(m: AttestationMission, year: number): string {
  // Where the mission stood on 31 December (m.statut is its status on that day).
  const period =
    m.statut === 'abandonnee'
      ? `du ${day(m.debut)}, abandonnée le ${day(m.abandon)}`
      : m.statut === 'terminee'
        ? `terminée, du ${day(m.debut)} au ${day(m.fin)}`
        : `en cours au 31 décembre${m.debut ? `, depuis le ${day(m.debut)}` : ''}${m.fin ? `, fin le ${day(m.fin)}` : ''}`;
  const d = m.declaration;
  const declaration = `${DECLARATION_WORDS[d.statut]}${d.date ? ` le ${day(d.date)}` : ''}${d.jours_de_retard ? ` (${d.jours_de_retard} j de retard)` : ''}${d.echeance ? `<br>échéance ${day(d.echeance)}` : ''}`;
  const expected = m.abandon || (m.budget_eur === 0 && m.statut === 'terminee') ? `rien n’est attendu<br><span class="meta">${m.abandon ? 'mission abandonnée' : 'compagnonnage non facturé'}</span>` : `${euros(m.reciprocite_attendue_eur)}${countedWhere(m, year)}`;
  return `<tr><th scope="row">${esc(m.titre)}<br><span class="meta">${period} ; ${esc(label('role', m.role).toLowerCase())}, ${m.jours} j</span></th><td data-label="Réciprocité attendue">${expected}</td><td data-label="Donné (déclaré)">${givenCell(m.donne)}</td><td data-label="Déclaration">${declaration}</td></tr>`;
}

/**
 * What the year's missions still lack, said beside the situation: « à jour » speaks of
 * declarations, not of what was given. The shortfall is mission by mission (what one gives
 * beyond its share does not make up for another), so each mission short is named.
 */
function shortfall(doc: Attestation): string {
  const t = doc.totaux.jugees;
  if (t.manque_eur <= 0) return '';
  const short = doc.missions.filter((m) => m.jugee_en === doc.annee && (m.manque_eur ?? 0) > 0);
  const each = short.map((m) => `« ${esc(m.titre)} » : attendu ${euros(m.reciprocite_attendue_eur)}, donné ${euros(m.donne?.total_eur ?? 0)}, manque ${euros(m.manque_eur ?? 0)}`);
  return `<p class="note">Réciprocité : il manque <strong>${euros(t.manque_eur)}</strong> sur les missions dont la déclaration était due en ${doc.annee} (${each.join(' ; ')}). Le manque se compte mission par mission : ce qui est donné en plus sur une mission ne comble pas celui d’une autre.</p>\n`;
}

/** The two files of one attestation: the JSON text (what is signed) and the page, which prints that text's SHA-256. */
export function attestationFiles(doc: Attestation, { exampleRegistry }: { exampleRegistry: boolean }): { json: string; page: string } {
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  return { json, page: attestationPage(doc, { exampleRegistry, sha256: createHash('sha256').update(json).digest('hex') }) };
}

/** The printable page of one attestation (A4, two pages at most for a provider with a few missions). */
export function attestationPage(doc: Attestation, { exampleRegistry, sha256 }: { exampleRegistry: boolean; sha256: string }): string {
  const p = doc.prestataire;
  const s = doc.situation;
  const t = doc.totaux;
  const example = doc.regles.some((r) => r.exemple);
  const short = doc.registre.commit ? doc.registre.commit.slice(0, 12) : null;
  const source = short
    ? `du dépôt <a href="${esc(doc.registre.adresse_depot)}">${esc(doc.registre.depot)}</a>, commit <code>${esc(short)}</code> du ${day(doc.registre.date_commit)}`
    : `du dépôt <a href="${esc(doc.registre.adresse_depot)}">${esc(doc.registre.depot)}</a> (construit hors de Git : commit inconnu)`;
  const json = attestationPaths(p.id, doc.annee).json;
  const title = `Attestation de réciprocité ${doc.annee} : ${p.nom}`;
  const description = `Missions de ${doc.annee}, réciprocité attendue et donnée, et situation au 31 décembre ${doc.annee} ${ofName(p.nom)}, selon le registre ${SITE_NAME}.`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${esc(SITE_NAME)}</title>
<meta name="description" content="${esc(description)}">
<link rel="canonical" href="${esc(doc.page)}">
<link rel="icon" href="${href('/favicon.svg')}" type="image/svg+xml">
<meta property="og:type" content="article">
<meta property="og:locale" content="fr_FR">
<meta property="og:site_name" content="${esc(SITE_NAME)}">
<meta property="og:title" content="${esc(title)}">
<meta property="og:description" content="${esc(description)}">
<meta property="og:url" content="${esc(doc.page)}">
<meta property="og:image" content="${absoluteUrl('/images/carte.png')}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="${esc(`${SITE_NAME} : ${SITE_TAGLINE}`)}">
<link rel="stylesheet" href="${href(ATTESTATION_STYLESHEET)}">
<link rel="alternate" type="application/json" href="${href(json)}">
</head>
<body>
<header><p><a href="${href('/')}">${esc(SITE_NAME)}</a> · <a href="${href(`/prestataires/${p.id}/`)}">fiche ${esc(ofName(p.nom))}</a></p></header>
<main>
<h1>Attestation de réciprocité ${doc.annee}<br><span>${esc(p.nom)}</span></h1>
<p class="lead">Situation au <strong>${day(doc.date_situation)}</strong>, calculée par le registre ${esc(SITE_NAME)} selon les règles de l’association. Produite à partir ${source}.</p>
${exampleRegistry ? '<p class="note">Registre d’exemple : les personnes, structures et missions sont fictives.</p>\n' : ''}${example ? `<p class="note">${esc(EXAMPLE_RULES_NOTE)}</p>\n` : ''}<h2>Situation au 31 décembre ${doc.annee}</h2>
<p><strong>${esc(s.libelle.charAt(0).toUpperCase() + s.libelle.slice(1))}</strong>.${ruleLink(s.regle)} ${esc(s.texte)}</p>
${shortfall(doc)}<ul class="explications">
${s.explications.map((e) => `<li><strong>${esc(e.titre)}</strong>${ruleLink(e.regle)} : ${sentences(e.lignes)}</li>`).join('\n')}
</ul>
<h2>Missions de ${doc.annee}</h2>
${
  doc.missions.length === 0
    ? '<p>Aucune mission.</p>'
    : `<table>
<caption>Part ${esc(ofName(p.nom))} sur chaque mission, au 31 décembre ${doc.annee}</caption>
<thead><tr><th scope="col">Mission</th><th scope="col">Réciprocité attendue</th><th scope="col">Donné (déclaré)</th><th scope="col">Déclaration</th></tr></thead>
<tbody>
${doc.missions.map((m) => missionRow(m, doc.annee)).join('\n')}
</tbody>
</table>`
}
<h3>Calculs</h3>
<ul class="calculs">
${doc.missions.map((m) => `<li>« ${esc(m.titre)} » : ${esc(m.calcul)}.${m.regles ? ` <a class="regle" href="${esc(absoluteUrl(`/regles/#${ruleAnchor(`${m.regles}#reciprocite`)}`))}">(${esc(ruleWords(`${m.regles}#reciprocite`))})</a>` : ''}</li>`).join('\n')}
<li><strong>Total</strong> : ${esc(t.jugees.calcul)}. Chaque mission est comptée dans l’attestation de l’année où sa déclaration était due, et dans aucune autre : les totaux de plusieurs années s’additionnent.${t.a_venir.missions > 0 ? ` À part, ${t.a_venir.missions === 1 ? 'une mission dont la déclaration sera due' : `${t.a_venir.missions} missions dont la déclaration sera due`} plus tard : ${euros(t.a_venir.donne.total_eur)} déjà déclarés.` : ''}</li>
<li><strong>Pendant l’année civile ${doc.annee}</strong>, toutes missions, par date, tel que déclaré par le prestataire : versé ${euros(doc.annee_civile.verse_eur)}, promis ${euros(doc.annee_civile.promis_eur)}${doc.annee_civile.promesses_echues_eur > 0 ? `, promesses échues ${euros(doc.annee_civile.promesses_echues_eur)}` : ''}, ${hours(doc.annee_civile.nature_heures)} en nature.</li>
</ul>
<p class="meta">« Versé » et les heures en nature sont ce que déclare le prestataire ; « confirmé » est ce que le commun qui les a reçus a confirmé dans le registre.${s.taux_declaration !== null ? ` Taux de déclaration au 31 décembre : ${ratePercent(s.taux_declaration)}.` : ''}</p>
<h2>Règles appliquées</h2>
<ul>
${doc.regles.map((r) => `<li><a href="${esc(r.adresse)}">Règles en vigueur depuis le ${day(r.en_vigueur_depuis)}</a>${r.en_vigueur_au_31_decembre ? ' (en vigueur au 31 décembre)' : ''}${r.retroactive ? ' (rétroactives)' : ''} : ${esc(r.resume)}</li>`).join('\n')}
</ul>
<h2 id="verifier">Vérifier cette attestation</h2>
<p class="empreinte">Document signé : <code>${esc(doc.adresse)}</code><br>Empreinte SHA-256 : <code>${esc(sha256)}</code></p>
<ol>
<li>Téléchargez le document JSON : <a href="${href(json)}" download="${esc(downloadName(p.id, doc.annee))}">${esc(downloadName(p.id, doc.annee))}</a> (ce que cette page affiche, sans rien d’autre). Son empreinte (<code>sha256sum</code>) doit être celle ci-dessus. <strong>Joignez ce fichier à la copie imprimée</strong> : c’est lui qui est signé, et il se vérifie toujours ; à l’adresse ci-dessus, le registre publie la version de son dernier commit, qui change (et son empreinte avec) quand le registre change.</li>
<li>Avec <a href="https://cli.github.com/">GitHub CLI</a> (une version récente : les plus anciennes ne connaissent pas <code>--source-ref</code> ni <code>--source-digest</code>) et un compte GitHub connecté (<code>gh auth login</code>), lancez&nbsp;: <code class="commande">${esc(doc.verification.commande_stricte ?? doc.verification.commande)}</code></li>
</ol>
<p><strong>Ce que cela prouve</strong> : ce fichier, octet pour octet, a été signé par le flux de publication (<a href="${esc(doc.verification.flux)}"><code>${esc(ATTESTATION_WORKFLOW)}</code></a>) du dépôt ${esc(doc.registre.depot)}${doc.verification.commande_stricte ? `, lancé sur la branche ${esc(DEFAULT_BRANCH)} au commit <code>${esc(short ?? '')}</code> qu’il nomme : la commande le vérifie (<code>--signer-workflow</code>, <code>--source-ref</code>, <code>--source-digest</code>) et échoue sinon. La forme courte, <code>${esc(doc.verification.commande)}</code>, vérifie seulement qu’un flux du dépôt l’a signé` : ''}.</p>
<p><strong>Ce que cela ne prouve pas</strong> : la vérité des déclarations. Missions, versements et heures en nature sont déclarés par le prestataire ; seuls l’argent et les heures « confirmés » l’ont été par le commun qui les a reçus. Les calculs suivent les règles citées, que chacun peut refaire.</p>
</main>
<footer>
<p>Données sous licence <a href="${esc(doc.licence.adresse)}">${esc(doc.licence.nom)}</a> · <a href="${href(`/prestataires/${p.id}/#attestations`)}">autres années</a></p>
<nav aria-label="Informations sur le site"><ul class="footer-links">
<li><a href="${href('/mentions-legales/')}">Mentions légales</a></li>
<li><a href="${href('/donnees-personnelles/')}">Données personnelles</a></li>
<li><a href="${href('/accessibilite/')}">Accessibilité : ${esc(ACCESSIBILITY_STATUS)}</a></li>
<li><a href="${esc(REPOSITORY_URL)}">Code source</a></li>
<li><a href="mailto:${esc(PUBLISHER.contact)}">Contact</a></li>
<li><a href="${href('/en/')}" hreflang="en" lang="en">In English</a></li>
</ul></nav>
</footer>
</body>
</html>
`;
}

/**
 * The attestations' stylesheet, written once at /attestation.css: readable on a screen
 * and on a phone, and printed on A4 (issue 23: two pages at most for a sample provider).
 */
export const ATTESTATION_CSS = `:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.45; color: #1a1a1a; background: #fff; max-width: 52rem; margin: 0 auto; padding: 1rem; }
a { color: #0b4f8a; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h1 span { font-weight: 600; }
h2 { font-size: 1.2rem; margin: 1.2rem 0 .4rem; border-bottom: 1px solid #999; }
h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.lead { font-size: 1.05rem; }
.note { border-left: 4px solid #8a5a00; padding: .3rem .6rem; background: #fff6e0; }
.empreinte code { font-size: .9em; }
.meta, .regle { color: #4a4a4a; font-size: .9em; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #999; padding: .3rem .4rem; vertical-align: top; text-align: left; }
thead th { background: #eee; }
code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
code.commande { display: block; padding: .3rem .5rem; background: #f2f2f2; }
ul, ol { padding-left: 1.2rem; }
li { margin: .15rem 0; }
footer { margin-top: 1.5rem; border-top: 1px solid #999; font-size: .9em; }
.footer-links { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
@media (max-width: 40rem) {
  table, caption, thead, tbody, tr, th, td { display: block; }
  thead { position: absolute; left: -9999px; }
  tr { border-top: 2px solid #999; }
  td[data-label]::before { content: attr(data-label); display: block; font-weight: 600; }
}
@page { size: A4; margin: 12mm 13mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.25; }
  p, ul, ol { margin: 4pt 0; }
  .note { padding: 1pt 5pt; }
  th, td { padding: 2pt 3pt; }
  header, footer nav { display: none; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11.5pt; margin: 8pt 0 3pt; break-after: avoid; }
  h3 { font-size: 10pt; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  tr, li { break-inside: avoid; }
  .note { background: none; }
}
`;
