// Who must be told, and what: the reminders `npm run rappels` keeps as forge issues,
// one per provider and reason. They come from the same standings as the site and the
// validator (situationOn), so a reminder never says something the site does not show.
// Like Open Source Pledge's "report due" / "overdue" issues (peers.md, O1).
import type { Prestataire } from '../../../schemas/prestataire.ts';
import { addDays, frenchDate } from '../registry/dates.ts';
import { byText } from '../registry/order.ts';
import { proofLinks, type DeadLink } from './links.ts';
import type { Registry } from '../registry/registry.ts';
import { escapeMarkdown } from './review.ts';
import { inert } from '../registry/escape.ts';
import { declaredBy, missionsOf, situationOn } from '../rules/standing.ts';

export type ReminderReason = 'a_declarer' | 'en_retard' | 'promesse_echue' | 'adhesion_echue' | 'adhesion_manquante' | 'lien_mort';

export const REMINDER_REASONS: readonly ReminderReason[] = ['a_declarer', 'en_retard', 'promesse_echue', 'adhesion_echue', 'adhesion_manquante', 'lien_mort'];

export interface Reminder {
  prestataire: string;
  raison: ReminderReason;
  /** The forge accounts of the provider, to mention (@…). */
  comptes: string[];
  titre: string;
  /** Markdown, in French, with the hidden marker that identifies the reminder. */
  corps: string;
}

/** What the body of a reminder's issue starts with: how a later run finds it again. */
export function reminderMarker(prestataire: string, raison: ReminderReason): string {
  return `<!-- rappel-reciprocite prestataire=${prestataire} raison=${raison} -->`;
}

/** The provider and reason of an issue written by `npm run rappels`, from its body. */
export function parseReminderMarker(body: string | null | undefined): { prestataire: string; raison: ReminderReason } | null {
  const match = /<!-- rappel-reciprocite prestataire=([a-z0-9-]+) raison=([a-z_]+) -->/.exec(body ?? '');
  if (!match || !(REMINDER_REASONS as readonly string[]).includes(match[2])) return null;
  return { prestataire: match[1], raison: match[2] as ReminderReason };
}

/** Links the reminders hand to the provider (built by the caller: the site's addresses). */
export interface ReminderLinks {
  /**
   * Where to declare for (or amend the declaration of) a mission: the /declarer/ form. It
   * carries no date: a date written in a reminder is past by the time it is read, and a
   * late declaration made through it would read as on time.
   */
  declare(prestataire: string, mission: string): string;
  /** A page of the site, from its root: "/missions/x/". */
  page(path: string): string;
}

const TITLES: Record<ReminderReason, string> = {
  a_declarer: 'déclaration de réciprocité à faire',
  en_retard: 'déclaration de réciprocité en retard',
  promesse_echue: 'promesse de versement échue',
  adhesion_echue: 'adhésion à renouveler',
  adhesion_manquante: 'adhésion à prendre',
  lien_mort: 'lien de preuve qui ne répond plus',
};

function mentions(prestataire: Prestataire): string {
  return prestataire.comptes_forge.length > 0
    ? prestataire.comptes_forge.map((c) => `@${c}`).join(', ')
    : `Aucun compte sur la forge n’est indiqué dans la fiche de ${escapeMarkdown(prestataire.nom)} : un mainteneur le prévient autrement.`;
}

/** What every reminder of one run reads: the registry on a date, the links to hand out, the dead links found. */
interface ReminderRun {
  readonly registry: Registry;
  readonly date: string;
  readonly links: ReminderLinks;
  readonly deadLinks: ReadonlyMap<string, DeadLink>;
  readonly declared: ReturnType<typeof declaredBy>;
  /** Proof links of providers' declarations that no longer answer. */
  readonly deadProofs: ReturnType<typeof proofLinks>;
}

type Situation = ReturnType<typeof situationOn>;

/**
 * The reminders due on a date, sorted by provider then reason. The text depends only
 * on the situation (missions, deadlines, amounts), not on the day it is computed, so
 * that a daily run changes an issue only when the situation changes.
 */
export function remindersOn(registry: Registry, date: string, links: ReminderLinks, deadLinks: ReadonlyMap<string, DeadLink> = new Map()): Reminder[] {
  const run: ReminderRun = {
    registry,
    date,
    links,
    deadLinks,
    declared: declaredBy(registry, date),
    deadProofs: proofLinks(registry).filter((l) => l.prestataire && deadLinks.has(l.url)),
  };
  const prestataires = [...registry.prestataires.values()].map((e) => e.data).sort((a, b) => byText(a.id, b.id));
  return prestataires.flatMap((prestataire) => remindersFor(run, prestataire));
}

/** One provider's reminders, in the order of REMINDER_REASONS: each reason's lines, when it applies. */
function remindersFor(run: ReminderRun, prestataire: Prestataire): Reminder[] {
  const situation = situationOn(prestataire, run.registry, run.date, run.declared);
  const texts: Record<ReminderReason, string[] | null> = {
    a_declarer: dueText(run, prestataire, situation),
    en_retard: lateText(run, prestataire, situation),
    promesse_echue: promisesText(run, prestataire),
    adhesion_echue: expiredMembershipText(situation),
    adhesion_manquante: missingMembershipText(run, prestataire, situation),
    lien_mort: deadLinksText(run, prestataire),
  };
  return REMINDER_REASONS.flatMap((raison) => {
    const lines = texts[raison];
    return lines ? [reminderOf(run.links, prestataire, raison, lines)] : [];
  });
}

function reminderOf(links: ReminderLinks, prestataire: Prestataire, raison: ReminderReason, lines: string[]): Reminder {
  const name = escapeMarkdown(prestataire.nom);
  return {
    prestataire: prestataire.id,
    raison,
    comptes: [...prestataire.comptes_forge],
    // The name, inert: an issue's title links « #12 » too.
    titre: `Rappel : ${TITLES[raison]} — ${inert(prestataire.nom.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '))}`,
    corps: [
      reminderMarker(prestataire.id, raison),
      `Bonjour ${mentions(prestataire)},`,
      '',
      ...lines,
      '',
      `Votre fiche : ${links.page(`/prestataires/${prestataire.id}/`)} (${name}).`,
      '',
      '---',
      'Ce message est tenu à jour chaque jour par `npm run rappels` depuis le registre : il change quand votre situation change et se ferme tout seul quand elle est réglée. Une question ? Répondez ici.',
    ].join('\n'),
  };
}

/** A mission of the provider, with the link that declares for it. */
function missionLine(run: ReminderRun, prestataire: Prestataire, missionId: string, text: string): string {
  const mission = run.registry.missions.get(missionId)!.data;
  return `- « ${escapeMarkdown(mission.titre)} » ${text} — [déclarer ma réciprocité](${run.links.declare(prestataire.id, missionId)}) · [la mission](${run.links.page(`/missions/${missionId}/`)})`;
}

function dueText(run: ReminderRun, prestataire: Prestataire, situation: Situation): string[] | null {
  const due = situation.reciprocite.manquantes.filter((m) => m.statut === 'a_declarer');
  if (due.length === 0) return null;
  return [
    'La mission ci-dessous est terminée : votre déclaration de réciprocité est attendue (les communs utilisés, ce que vous leur avez rendu, ou pourquoi rien).',
    '',
    ...due.map((m) => missionLine(run, prestataire, m.mission, `: à déclarer au plus tard le ${frenchDate(m.echeance)}`)),
  ];
}

function lateText(run: ReminderRun, prestataire: Prestataire, situation: Situation): string[] | null {
  const late = situation.reciprocite.manquantes.filter((m) => m.statut !== 'a_declarer');
  if (late.length === 0) return null;
  return [
    'Votre déclaration de réciprocité est en retard pour la mission ci-dessous. Passé le dernier délai des règles, le prestataire est défaillant et sort du cercle des prestataires.',
    '',
    ...late.map((m) =>
      missionLine(
        run,
        prestataire,
        m.mission,
        m.statut === 'defaillant'
          ? `: attendue au plus tard le ${frenchDate(m.echeance)} ; défaillant depuis le ${frenchDate(addDays(m.dernier_delai, 1))}, donc hors du cercle`
          : `: attendue au plus tard le ${frenchDate(m.echeance)} ; défaillant, et hors du cercle, après le ${frenchDate(m.dernier_delai)} sans déclaration`,
      ),
    ),
  ];
}

function promisesText(run: ReminderRun, prestataire: Prestataire): string[] | null {
  const { registry, date } = run;
  const promises = registry.declarations
    .map((d) => d.data)
    .filter((d) => d.prestataire === prestataire.id && d.date <= date)
    .flatMap((d) => d.contributions_argent.filter((c) => c.statut === 'promis' && c.date < date).map((c) => ({ d, c })))
    .sort((a, b) => byText(a.c.date, b.c.date) || byText(a.d.mission, b.d.mission));
  if (promises.length === 0) return null;
  return [
    'Vous avez promis un versement dont la date est passée. Une fois versé, passez-le à « verse » dans votre déclaration avec un lien de preuve ; sinon, indiquez une nouvelle date. Compléter la déclaration garde sa date : elle reste faite le jour où vous l’avez faite.',
    '',
    ...promises.map(({ d, c }) => {
      const commun = registry.communs.get(c.commun)?.data.nom ?? c.commun;
      const mission = registry.missions.get(d.mission)?.data.titre ?? d.mission;
      const amend = run.links.declare(d.prestataire, d.mission);
      return `- ${c.montant_eur.toLocaleString('fr-FR')} € à ${escapeMarkdown(commun)}, promis pour le ${frenchDate(c.date)} (mission « ${escapeMarkdown(mission)} ») — [compléter ma déclaration](${amend}) (fichier \`content/declarations/${d.prestataire}/${d.mission}.yaml\`)`;
    }),
  ];
}

function expiredMembershipText(situation: Situation): string[] | null {
  if (situation.adhesion.statut !== 'adhesion_echue') return null;
  return [
    `${situation.adhesion.raison} Les règles demandent que chaque membre d’une équipe de mission soit adhérent.`,
    '',
    'Renouvelez-la auprès de l’association, puis ajoutez la nouvelle période à `adhesions` dans votre fiche.',
  ];
}

// Never a member, yet in a mission's team: the validator warns (adhesion_manquante), the provider is told.
function missingMembershipText(run: ReminderRun, prestataire: Prestataire, situation: Situation): string[] | null {
  if (situation.adhesion.statut !== 'jamais_adherent' || missionsOf(run.registry, prestataire.id).length === 0) return null;
  return [
    `${situation.adhesion.raison} Vous êtes pourtant dans l’équipe d’une mission, et les règles demandent que chaque membre d’une équipe de mission soit adhérent.`,
    '',
    'Adhérez auprès de l’association, puis ajoutez la période à `adhesions` dans votre fiche (début, fin et tarif).',
  ];
}

/**
 * At most this many dead links are listed in one reminder, then how many more: a
 * provider's hundreds of links must not make the issue longer than the forge accepts
 * (65,536 characters), which would stop the reminders after theirs (forge-trust.md, M2).
 */
export const DEAD_LINKS_LISTED = 20;

function deadLinksText(run: ReminderRun, prestataire: Prestataire): string[] | null {
  const dead = run.deadProofs.filter((l) => l.prestataire === prestataire.id);
  if (dead.length === 0) return null;
  const more = dead.length - DEAD_LINKS_LISTED;
  // The address as text, not a link: it is the provider's own, and it no longer answers.
  return [
    'Un lien de votre déclaration ne répond plus : le versement ou la contribution n’a plus de preuve visible. Remplacez-le par une adresse qui fonctionne (ou une copie archivée).',
    '',
    ...dead.slice(0, DEAD_LINKS_LISTED).map((l) => `- ${escapeMarkdown(l.url.length > 200 ? `${l.url.slice(0, 199)}…` : l.url)} (${run.deadLinks.get(l.url)!.raison}) — « ${l.champ} » dans \`content/${l.fichier}\``),
    ...(more > 0 ? [`- … et ${more} autre${more > 1 ? 's' : ''} (la liste complète : \`npm run liens\`, ou les avertissements de votre fiche sur le site).`] : []),
  ];
}
