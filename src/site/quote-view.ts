// The calculator's result (/calculer/), as HTML: the page renders it for the default team,
// and the page's script renders it again, with the same function, for the team typed in.
// Names typed by the visitor are escaped; the typography is the middleware's on the page
// and typesetHtml's in the browser.
import { frenchDate } from '../domain/registry/dates.ts';
import type { Quote } from '../domain/rules/quote.ts';
import { count, euros, label, number } from './format.ts';
import { ruleHref } from './rule-link.ts';

/** Text and attribute values escaped (a name typed by the visitor is never markup). Written here: this runs in the page's script, which must not carry the journal's code. */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const cell = (name: string, value: string) => `<td class="num" data-label="${escape(name)}">${escape(value)}</td>`;

export function quoteView(q: Quote): string {
  const b = q.budget;
  const pool = b.solidarite;
  const rule = (id: string) => `<a href="${escape(ruleHref(id))}">${escape(id)}</a>`;
  const summary = [
    ['Honoraires selon les tarifs', euros(b.total_roles_eur), b.regles.tarifs],
    [`Marge de solidarité (${euros(pool.par_jour_eur)} × ${count(pool.jours, 'jour')})`, euros(pool.pot_eur), b.regles.solidarite],
    ['Budget proposé (honoraires et marge)', euros(q.budget_propose_eur), b.regles.tarifs],
    ...(b.budget_eur !== q.budget_propose_eur ? [['Budget du devis', euros(b.budget_eur), b.regles.tarifs]] : []),
    ['Réciprocité attendue de l’équipe', euros(b.reciprocite_attendue_eur), b.regles.reciprocite],
    ['dont pour le réseau', euros(b.part_reseau_attendue_eur), b.regles.reseau],
  ];
  const members = b.membres.map(
    (m) =>
      `<tr><th scope="row">${escape(m.prestataire)}</th>${cell('Rôle', label('role', m.role))}${cell('Jours', number(m.jours))}${cell('Honoraires', euros(m.montant_eur))}${cell('Part de la marge', euros(m.part_solidarite_eur))}${cell('Réciprocité attendue', euros(m.reciprocite_attendue_eur))}${cell('dont au réseau', euros(m.part_reseau_attendue_eur))}</tr>`,
  );
  const explanations = q.explications.map(
    (e) => `<h3>${escape(e.titre)}${e.regle ? ` <small>(règle ${rule(e.regle)})</small>` : ''}</h3><ul>${e.lignes.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>`,
  );
  return [
    `<div class="table-wrap" tabindex="0"><table class="cards-on-phone cards-two-columns" id="calcul-resume"><caption>Le budget et la réciprocité, règles en vigueur depuis le ${escape(frenchDate(q.regles))}</caption>`,
    `<thead><tr><th scope="col">Poste</th><th scope="col" class="num">Montant</th><th scope="col">Règle</th></tr></thead><tbody>`,
    ...summary.map(([what, amount, id]) => `<tr><th scope="row">${escape(what)}</th>${cell('Montant', amount)}<td data-label="Règle">${rule(id)}</td></tr>`),
    `</tbody></table></div>`,
    `<div class="table-wrap" tabindex="0"><table class="cards-on-phone" id="calcul-membres"><caption>Chaque membre : honoraires, part de la marge, réciprocité attendue</caption>`,
    `<thead><tr><th scope="col">Membre</th><th scope="col">Rôle</th><th scope="col" class="num">Jours</th><th scope="col" class="num">Honoraires</th><th scope="col" class="num">Part de la marge</th><th scope="col" class="num">Réciprocité attendue</th><th scope="col" class="num">dont au réseau</th></tr></thead>`,
    `<tbody>${members.join('')}</tbody></table></div>`,
    `<h2 id="paragraphe-titre">Le paragraphe pour le devis</h2>`,
    `<p class="meta">À copier dans votre proposition : il cite les règles appliquées.</p>`,
    `<textarea id="paragraphe" readonly rows="8" aria-labelledby="paragraphe-titre">${escape(q.paragraphe)}</textarea>`,
    `<section class="explanation"><h2>Comment c’est calculé</h2>${explanations.join('')}</section>`,
  ].join('\n');
}
