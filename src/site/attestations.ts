// A provider's yearly attestation (issue 23, point 1), for a consultant to attach to a
// tender: a JSON document and a printable page per provider and closed year,
//   /prestataires/<id>/attestations/<année>.json   /prestataires/<id>/attestations/<année>/
// from src/domain/rules/attestation.ts. Both are written by scripts/site.ts beside the
// provider's page, as text (no Astro page: 10,000 providers, several years each). The
// page renders the JSON document, nothing else, so the two never disagree. The
// publication workflow attests each JSON file (actions/attest, GitHub artifact
// attestations); the page says how anyone verifies it, and what that proves.
import { PUBLISHER, REPOSITORY, REPOSITORY_URL } from '../../site.config.mjs';
import { ATTESTATION_VERSION, type Attestation, type AttestationGiven } from '../../schemas/attestation.ts';
import { frenchDate } from '../domain/registry/dates.ts';
import { euros, hours } from '../domain/registry/french.ts';
import type { YearlyStatement } from '../domain/rules/attestation.ts';
import { EXAMPLE_RULES_NOTE } from '../domain/rules/example.ts';
import { ratePercent } from '../domain/rules/explain.ts';
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

const ruleRef = (id: string | null) => (id ? { id, adresse: absoluteUrl(`/regles/#${ruleAnchor(id)}`) } : null);

function given(g: YearlyStatement['totaux']['en_cours']['donne']): AttestationGiven {
  return { ...g };
}

/** The JSON document of one statement. */
export function attestationDocument(s: YearlyStatement, { date, commit }: { date: string; commit: RegistryCommit | null }): Attestation {
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
    date_production: date,
    registre: { depot: REPOSITORY, adresse_depot: REPOSITORY_URL, commit: commit?.commit ?? null, date_commit: commit?.date ?? null },
    regles: s.regles.map((r) => ({ ...r, adresse: absoluteUrl(`/regles/#${ruleAnchor(`${r.en_vigueur_depuis}#reciprocite`)}`) })),
    missions: s.missions.map((r) => ({
      id: r.mission.id,
      titre: r.mission.titre,
      page: absoluteUrl(`/missions/${r.mission.id}/`),
      statut: r.mission.statut,
      role: r.member.role,
      jours: r.member.jours,
      debut: r.mission.debut ?? null,
      fin: r.mission.fin ?? null,
      abandon: r.mission.abandon?.date ?? null,
      terminee_au_31_decembre: r.terminee,
      budget_eur: r.mission.budget_eur,
      honoraires_eur: r.member.montant_eur,
      regles: r.figures.regles,
      reciprocite_attendue_eur: r.member.reciprocite_attendue_eur,
      donne: r.donne ? given(r.donne) : null,
      manque_eur: r.member.manque_eur,
      declaration: { ...r.declaration, regle: ruleRef(r.declaration.regle) },
      calcul: r.calcul,
    })),
    totaux: {
      terminees: { ...s.totaux.terminees, donne: given(s.totaux.terminees.donne) },
      en_cours: { missions: s.totaux.en_cours.missions, donne: given(s.totaux.en_cours.donne) },
    },
    annee_civile: s.annee_civile,
    situation: {
      ...s.situation,
      regle: ruleRef(s.situation.regle),
      adhesion: { ...s.situation.adhesion, regle: ruleRef(s.situation.adhesion.regle) },
      explications: s.situation.explications.map((e) => ({ titre: e.titre, lignes: e.lignes, regle: ruleRef(e.regle) })),
    },
    verification: { commande: verifyCommand(p.id, s.annee), flux: `${REPOSITORY_URL}/blob/main/${ATTESTATION_WORKFLOW}` },
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

const ruleLink = (ref: { id: string; adresse: string } | null) => (ref ? ` <a class="regle" href="${esc(ref.adresse)}">règle ${esc(ref.id)}</a>` : '');
const day = (d: string | null) => (d ? esc(frenchDate(d)) : '—');

function givenCell(g: AttestationGiven | null): string {
  if (!g) return 'rien de déclaré';
  const parts = [`versé ${euros(g.verse_eur)}${g.verse_eur > 0 ? `, dont ${euros(g.confirme_eur)} confirmés par les communs` : ''}`];
  if (g.promis_eur > 0) parts.push(`promis ${euros(g.promis_eur)}`);
  if (g.promesses_echues_eur > 0) parts.push(`promesse échue ${euros(g.promesses_echues_eur)} (non comptée)`);
  parts.push(`${hours(g.nature_heures)} en nature (${euros(g.nature_eur)})${g.nature_heures > 0 ? `, dont ${hours(g.nature_confirmee_heures)} confirmées par les communs` : ''}`);
  return `<strong>${euros(g.total_eur)}</strong><br>${parts.join(' ; ')}`;
}

function missionRow(m: Attestation['missions'][number], situation: string): string {
  // Where the mission stood on 31 December (its status in the registry may have moved since).
  const period = m.abandon
    ? `du ${day(m.debut)}, abandonnée le ${day(m.abandon)}`
    : m.fin && m.fin <= situation
      ? `terminée, du ${day(m.debut)} au ${day(m.fin)}`
      : `en cours au 31 décembre${m.debut ? `, depuis le ${day(m.debut)}` : ''}${m.fin ? `, fin le ${day(m.fin)}` : ''}`;
  const d = m.declaration;
  const declaration = `${DECLARATION_WORDS[d.statut]}${d.date ? ` le ${day(d.date)}` : ''}${d.jours_de_retard ? ` (${d.jours_de_retard} j de retard)` : ''}${d.echeance ? `<br>échéance ${day(d.echeance)}` : ''}`;
  return `<tr><th scope="row">${esc(m.titre)}<br><span class="meta">${period} ; ${esc(label('role', m.role))}, ${m.jours} j</span></th><td>${m.declaration.statut === 'non_due' ? 'rien n’est attendu' : `${euros(m.reciprocite_attendue_eur)}${m.terminee_au_31_decembre ? '' : '<br><span class="meta">pas encore due</span>'}`}</td><td>${givenCell(m.donne)}</td><td>${declaration}</td></tr>`;
}

/** The printable page of one attestation (A4, two pages at most for a provider with a few missions). */
export function attestationPage(doc: Attestation, { exampleRegistry }: { exampleRegistry: boolean }): string {
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
  const description = `Missions de ${doc.annee}, réciprocité attendue et donnée, et situation au 31 décembre ${doc.annee} de ${p.nom}, selon le registre ${SITE_NAME}.`;
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
<header><p><a href="${href('/')}">${esc(SITE_NAME)}</a> · <a href="${href(`/prestataires/${p.id}/`)}">fiche de ${esc(p.nom)}</a></p></header>
<main>
<h1>Attestation de réciprocité ${doc.annee}<br><span>${esc(p.nom)}</span></h1>
<p class="lead">Situation au <strong>${day(doc.date_situation)}</strong>, calculée par le registre ${esc(SITE_NAME)} selon les règles de l’association. Produite le ${day(doc.date_production)} à partir ${source}.</p>
${exampleRegistry ? '<p class="note">Registre d’exemple : les personnes, structures et missions sont fictives.</p>\n' : ''}${example ? `<p class="note">${esc(EXAMPLE_RULES_NOTE)}</p>\n` : ''}<h2>Situation au 31 décembre ${doc.annee}</h2>
<p><strong>${esc(s.libelle.charAt(0).toUpperCase() + s.libelle.slice(1))}</strong>.${ruleLink(s.regle)} ${esc(s.texte)}</p>
<ul class="explications">
${s.explications.map((e) => `<li><strong>${esc(e.titre)}</strong>${ruleLink(e.regle)} : ${e.lignes.map(esc).join(' ; ')}</li>`).join('\n')}
</ul>
<h2>Missions de ${doc.annee}</h2>
${
  doc.missions.length === 0
    ? '<p>Aucune mission.</p>'
    : `<table>
<caption>Part de ${esc(p.nom)} sur chaque mission, au 31 décembre ${doc.annee}</caption>
<thead><tr><th scope="col">Mission</th><th scope="col">Réciprocité attendue</th><th scope="col">Donné (déclaré)</th><th scope="col">Déclaration</th></tr></thead>
<tbody>
${doc.missions.map((m) => missionRow(m, doc.date_situation)).join('\n')}
</tbody>
</table>`
}
<h3>Calculs</h3>
<ul class="calculs">
${doc.missions.map((m) => `<li>« ${esc(m.titre)} » : ${esc(m.calcul)}.${m.regles ? ` <a class="regle" href="${esc(absoluteUrl(`/regles/#${ruleAnchor(`${m.regles}#reciprocite`)}`))}">règle ${esc(m.regles)}#reciprocite</a>` : ''}</li>`).join('\n')}
<li><strong>Total</strong> ${esc(t.terminees.calcul)}.${t.en_cours.missions > 0 ? ` À part, ${t.en_cours.missions === 1 ? 'une mission pas encore terminée' : `${t.en_cours.missions} missions pas encore terminées`} au 31 décembre : ${euros(t.en_cours.donne.total_eur)} déjà déclarés.` : ''}</li>
<li><strong>Pendant l’année civile ${doc.annee}</strong>, toutes missions, par date : versé ${euros(doc.annee_civile.verse_eur)}, promis ${euros(doc.annee_civile.promis_eur)}${doc.annee_civile.promesses_echues_eur > 0 ? `, promesses échues ${euros(doc.annee_civile.promesses_echues_eur)}` : ''}, ${hours(doc.annee_civile.nature_heures)} en nature.</li>
</ul>
<p class="meta">« Versé » et les heures en nature sont ce que déclare le prestataire ; « confirmé » est ce que le commun qui les a reçus a confirmé dans le registre.${s.taux_declaration !== null ? ` Taux de déclaration au 31 décembre : ${ratePercent(s.taux_declaration)}.` : ''}</p>
<h2>Règles appliquées</h2>
<ul>
${doc.regles.map((r) => `<li><a href="${esc(r.adresse)}">Règles en vigueur depuis le ${day(r.en_vigueur_depuis)}</a>${r.en_vigueur_au_31_decembre ? ' (en vigueur au 31 décembre)' : ''}${r.retroactive ? ' (rétroactives)' : ''} : ${esc(r.resume)}</li>`).join('\n')}
</ul>
<h2 id="verifier">Vérifier cette attestation</h2>
<ol>
<li>Téléchargez le document JSON : <a href="${href(json)}" download="${esc(downloadName(p.id, doc.annee))}">${esc(downloadName(p.id, doc.annee))}</a> (ce que cette page affiche, sans rien d’autre).</li>
<li>Avec <a href="https://cli.github.com/">GitHub CLI</a> et un compte GitHub connecté (<code>gh auth login</code>), lancez&nbsp;: <code class="commande">${esc(doc.verification.commande)}</code></li>
</ol>
<p><strong>Ce que cela prouve</strong> : ce fichier, octet pour octet, a été produit et signé par le flux de publication (<code>${esc(ATTESTATION_WORKFLOW)}</code>) du dépôt ${esc(doc.registre.depot)}, à partir du commit qu’il nomme ; la commande affiche ce commit et le flux. Pour exiger ce flux précis, ajoutez <code>--signer-workflow ${esc(`${doc.registre.depot}/${ATTESTATION_WORKFLOW}`)}</code>.</p>
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
  table, thead, tbody, tr, th, td { display: block; }
  thead { position: absolute; left: -9999px; }
  tr { border-top: 2px solid #999; }
}
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.3; }
  header, footer nav { display: none; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11.5pt; margin: 8pt 0 3pt; break-after: avoid; }
  h3 { font-size: 10pt; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  tr, li { break-inside: avoid; }
  .note { background: none; }
}
`;
