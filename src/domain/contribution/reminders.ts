// Who must be told, and what: the reminders `npm run rappels` keeps as forge issues,
// one per provider and reason. They come from the same standings as the site and the
// validator (situationOn), so a reminder never says something the site does not show.
// Like Open Source Pledge's "report due" / "overdue" issues (peers.md, O1).
import type { Prestataire } from '../../../schemas/prestataire.ts';
import { addDays, daysBetween, frenchAmount, frenchDate } from '../registry/dates.ts';
import { byText } from '../registry/order.ts';
import { proofLinks, type DeadLink } from './links.ts';
import type { Registry } from '../registry/registry.ts';
import { escapeMarkdown } from './review.ts';
import { inert } from '../registry/escape.ts';
import { confirmationsOn } from '../rules/confirmations.ts';
import { ruleAnchor, ruleId, rulesOn } from '../rules/rules.ts';
import { declaredBy, missionsOf, situationOn } from '../rules/standing.ts';

export type ReminderReason =
  | 'a_declarer'
  | 'en_retard'
  | 'promesse_echue'
  | 'adhesion_bientot'
  | 'adhesion_echue'
  | 'adhesion_manquante'
  | 'lien_mort'
  | 'confirmations'
  | 'sans_compte';

export const REMINDER_REASONS: readonly ReminderReason[] = ['a_declarer', 'en_retard', 'promesse_echue', 'adhesion_bientot', 'adhesion_echue', 'adhesion_manquante', 'lien_mort', 'confirmations', 'sans_compte'];

/**
 * What a reminder is about: one issue per person and subject. When the reason changes
 * within a subject (« à déclarer » becomes « en retard », a membership ending becomes one
 * ended), the same issue is updated, never closed with thanks and opened again.
 */
export const REMINDER_SUBJECTS: Record<ReminderReason, string> = {
  a_declarer: 'declaration',
  en_retard: 'declaration',
  promesse_echue: 'promesse',
  adhesion_bientot: 'adhesion',
  adhesion_echue: 'adhesion',
  adhesion_manquante: 'adhesion',
  lien_mort: 'lien',
  confirmations: 'confirmations',
  sans_compte: 'sans_compte',
};

/** Whom a reminder is for: a provider, the stewards of a commons, or the maintainers (the digest). */
export type ReminderTarget = 'prestataire' | 'commun' | 'mainteneurs';

export interface Reminder {
  cible: ReminderTarget;
  /** The provider's or the commons' id; « sans-compte » for the maintainers' digest. */
  id: string;
  raison: ReminderReason;
  /** The forge accounts to mention (@…). */
  comptes: string[];
  titre: string;
  /** Markdown, in French, with the hidden marker that identifies the reminder. */
  corps: string;
  /** « rappel » and the reason, in words: the label changes with the reason. */
  etiquettes: string[];
}

/** The key of the one issue a reminder lives in: its target and subject. */
export function reminderKey(r: Pick<Reminder, 'cible' | 'id' | 'raison'>): string {
  return `${r.cible}:${r.id}/${REMINDER_SUBJECTS[r.raison]}`;
}

/** What the body of a reminder's issue starts with: how a later run finds it again. */
export function reminderMarker(target: ReminderTarget, id: string, raison: ReminderReason): string {
  const who = target === 'prestataire' ? 'prestataire' : target === 'commun' ? 'commun' : 'mainteneurs';
  return `<!-- rappel-reciprocite ${who}=${id} raison=${raison} -->`;
}

/** The target, id and reason of an issue written by `npm run rappels`, from its body. */
export function parseReminderMarker(body: string | null | undefined): { cible: ReminderTarget; id: string; raison: ReminderReason } | null {
  const match = /<!-- rappel-reciprocite (prestataire|commun|mainteneurs)=([a-z0-9-]+) raison=([a-z_]+) -->/.exec(body ?? '');
  if (!match || !(REMINDER_REASONS as readonly string[]).includes(match[3])) return null;
  return { cible: match[1] as ReminderTarget, id: match[2], raison: match[3] as ReminderReason };
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

export const REMINDER_LABEL = 'rappel';

const TITLES: Record<ReminderReason, string> = {
  a_declarer: 'déclaration de réciprocité à faire',
  en_retard: 'déclaration de réciprocité en retard',
  promesse_echue: 'promesse de versement échue',
  adhesion_bientot: 'adhésion qui se termine bientôt',
  adhesion_echue: 'adhésion à renouveler',
  adhesion_manquante: 'adhésion à prendre',
  lien_mort: 'lien de preuve qui ne répond plus',
  confirmations: 'versements à confirmer',
  sans_compte: 'rappels à transmettre sans compte sur la forge',
};

/** The label of each reason, beside « rappel »: short words a maintainer can filter on. */
export const REASON_LABELS: Record<ReminderReason, string> = {
  a_declarer: 'à déclarer',
  en_retard: 'en retard',
  promesse_echue: 'promesse échue',
  adhesion_bientot: 'adhésion bientôt échue',
  adhesion_echue: 'adhésion échue',
  adhesion_manquante: 'adhésion manquante',
  lien_mort: 'lien mort',
  confirmations: 'à confirmer',
  sans_compte: 'sans compte',
};

/**
 * At most this many items (missions, promises, links, payments) are listed in one
 * reminder, then how many more and where to see them all: a provider's hundreds of lines
 * must not make the issue longer than the forge accepts (65,536 characters), which would
 * stop the reminders after theirs (forge-trust.md, M2).
 */
export const DEAD_LINKS_LISTED = 20;
export const ITEMS_LISTED = DEAD_LINKS_LISTED;
/** A body stays under this many characters (the forge refuses more than 65,536). */
export const BODY_MAX = 60_000;

/** The first ITEMS_LISTED lines, then one saying how many more and where they all are. */
function listed(lines: string[], where: string): string[] {
  const more = lines.length - ITEMS_LISTED;
  return [...lines.slice(0, ITEMS_LISTED), ...(more > 0 ? [`- … et ${more} autre${more > 1 ? 's' : ''} (${where}).`] : [])];
}

/** A body cut, at a line, under BODY_MAX characters, with where to read the rest. */
function withinLimit(body: string, rest: string): string {
  if (body.length <= BODY_MAX) return body;
  const tail = `\n\n… (message raccourci : ${rest})`;
  const cut = body.lastIndexOf('\n', BODY_MAX - tail.length);
  return `${body.slice(0, cut > 0 ? cut : BODY_MAX - tail.length)}${tail}`;
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

/** Options of a run: the maintainers (for the digest of those without a forge account). */
export interface ReminderOptions {
  deadLinks?: ReadonlyMap<string, DeadLink>;
  /** The maintainers' accounts (.github/mainteneurs.yaml): told in one digest about the providers without an account. */
  mainteneurs?: readonly string[];
}

/**
 * The reminders due on a date: each provider's, sorted by provider then reason; each
 * commons' stewards' payments to confirm; and one digest for the maintainers of the
 * reminders of providers without a forge account (nobody to mention: a maintainer tells
 * them another way). The text depends only on the situation (missions, deadlines,
 * amounts), not on the day it is computed, so that a daily run changes an issue only when
 * the situation changes.
 */
export function remindersOn(registry: Registry, date: string, links: ReminderLinks, options: ReminderOptions | ReadonlyMap<string, DeadLink> = {}): Reminder[] {
  const { deadLinks = new Map(), mainteneurs = [] } = options instanceof Map ? { deadLinks: options } : (options as ReminderOptions);
  const run: ReminderRun = {
    registry,
    date,
    links,
    deadLinks,
    declared: declaredBy(registry, date),
    // A closed commons' pages go away: a proof pointing there is nobody's to mend.
    deadProofs: proofLinks(registry).filter((l) => l.prestataire && deadLinks.has(l.url) && !closedOn(registry, l.commun, date)),
  };
  const prestataires = [...registry.prestataires.values()].map((e) => e.data).sort((a, b) => byText(a.id, b.id));
  const all = prestataires.flatMap((prestataire) => remindersFor(run, prestataire));
  const withAccount = all.filter((r) => r.comptes.length > 0);
  const without = all.filter((r) => r.comptes.length === 0);
  return [...withAccount, ...stewardReminders(run), ...(without.length > 0 ? [digestOf(run, without, mainteneurs)] : [])];
}

/** True when the commons closed on or before the date. */
function closedOn(registry: Registry, commun: string | undefined, date: string): boolean {
  const fermeture = commun ? registry.communs.get(commun)?.data.fermeture : undefined;
  return !!fermeture && fermeture.le <= date;
}

/** One provider's reminders, in the order of REMINDER_REASONS: each reason's lines, when it applies. */
function remindersFor(run: ReminderRun, prestataire: Prestataire): Reminder[] {
  const situation = situationOn(prestataire, run.registry, run.date, run.declared);
  // Someone who has left the network is no longer asked to renew a membership.
  const member = !prestataire.depart || prestataire.depart.le > run.date;
  const texts: Partial<Record<ReminderReason, string[] | null>> = {
    a_declarer: dueText(run, prestataire, situation),
    en_retard: lateText(run, prestataire, situation),
    promesse_echue: promisesText(run, prestataire),
    adhesion_bientot: member ? endingMembershipText(run, prestataire, situation) : null,
    adhesion_echue: member ? expiredMembershipText(situation) : null,
    adhesion_manquante: member ? missingMembershipText(run, prestataire, situation) : null,
    lien_mort: deadLinksText(run, prestataire),
  };
  return REMINDER_REASONS.flatMap((raison) => {
    const lines = texts[raison];
    return lines ? [reminderOf(run.links, prestataire, raison, lines)] : [];
  });
}

/** A name made inert for a title: an issue's title links « #12 » too. */
const inertTitle = (name: string) => inert(name.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '));

function reminderOf(links: ReminderLinks, prestataire: Prestataire, raison: ReminderReason, lines: string[]): Reminder {
  const name = escapeMarkdown(prestataire.nom);
  const page = links.page(`/prestataires/${prestataire.id}/`);
  const greeting = prestataire.comptes_forge.length > 0 ? `Bonjour ${prestataire.comptes_forge.map((c) => `@${c}`).join(', ')},` : 'Bonjour,';
  return {
    cible: 'prestataire',
    id: prestataire.id,
    raison,
    comptes: [...prestataire.comptes_forge],
    titre: `Rappel : ${TITLES[raison]} — ${inertTitle(prestataire.nom)}`,
    corps: withinLimit(
      [
        reminderMarker('prestataire', prestataire.id, raison),
        greeting,
        '',
        ...lines,
        '',
        `Votre fiche : ${page} (${name}).`,
        '',
        '---',
        'Ce message est tenu à jour chaque jour par `npm run rappels` depuis le registre : il change quand votre situation change et se ferme tout seul quand elle est réglée. Une question ? Répondez ici.',
      ].join('\n'),
      `la suite sur votre fiche, ${page}`,
    ),
    etiquettes: [REMINDER_LABEL, REASON_LABELS[raison]],
  };
}

/**
 * The stewards of each commons that can confirm (it names forge accounts): the payments
 * declared « versé » to it that they have not confirmed yet, with the last day the rules
 * give them.
 */
function stewardReminders(run: ReminderRun): Reminder[] {
  const { etats } = confirmationsOn(run.registry, run.date);
  const waiting = new Map<string, Array<{ prestataire: string; mission: string; montant: number; date: string; echeance: string; attendue: boolean }>>();
  for (const { data: d } of run.registry.declarations) {
    const states = etats.get(`${d.prestataire}/${d.mission}`);
    if (!states) continue;
    d.contributions_argent.forEach((c, i) => {
      const state = states[i];
      if (state?.etat !== 'non_confirme' || !state.peut_confirmer || !state.echeance || c.date > run.date) return;
      const list = waiting.get(c.commun) ?? [];
      list.push({ prestataire: d.prestataire, mission: d.mission, montant: c.montant_eur, date: c.date, echeance: state.echeance, attendue: state.attendue });
      waiting.set(c.commun, list);
    });
  }
  return [...waiting.keys()].sort(byText).map((id) => {
    const commun = run.registry.communs.get(id)!.data;
    const payments = waiting.get(id)!.sort((a, b) => byText(a.date, b.date) || byText(a.prestataire, b.prestataire) || byText(a.mission, b.mission));
    const page = run.links.page(`/communs/${id}/`);
    const lines = payments.map((p) => {
      const who = escapeMarkdown(run.registry.prestataires.get(p.prestataire)?.data.nom ?? p.prestataire);
      const mission = escapeMarkdown(run.registry.missions.get(p.mission)?.data.titre ?? p.mission);
      const when = p.attendue ? `délai passé depuis le ${frenchDate(addDays(p.echeance, 1))}` : `à confirmer au plus tard le ${frenchDate(p.echeance)}`;
      return `- ${frenchAmount(p.montant)} € déclarés versés le ${frenchDate(p.date)} par ${who} (mission « ${mission} ») : ${when}`;
    });
    return {
      cible: 'commun' as const,
      id,
      raison: 'confirmations' as const,
      comptes: [...commun.comptes_forge],
      titre: `Rappel : ${TITLES.confirmations} — ${inertTitle(commun.nom)}`,
      corps: withinLimit(
        [
          reminderMarker('commun', id, 'confirmations'),
          `Bonjour ${commun.comptes_forge.map((c) => `@${c}`).join(', ')},`,
          '',
          `Des prestataires déclarent avoir versé de l’argent à ${escapeMarkdown(commun.nom)}. Vous êtes ses gardiens sur la forge : confirmez ce qui est arrivé dans \`content/confirmations/${id}.yaml\` (une ligne par prestataire et mission : montant reçu et date), ou répondez ici si un versement n’est pas arrivé.`,
          '',
          ...listed(lines, `tous sur la page du commun, ${page}`),
          '',
          `La page du commun : ${page}.`,
          '',
          '---',
          'Ce message est tenu à jour chaque jour par `npm run rappels` depuis le registre : il change quand un versement est déclaré ou confirmé, et se ferme tout seul quand tout est confirmé. Une question ? Répondez ici.',
        ].join('\n'),
        `la suite sur la page du commun, ${page}`,
      ),
      etiquettes: [REMINDER_LABEL, REASON_LABELS.confirmations],
    };
  });
}

/**
 * The reminders of the providers who named no forge account: nobody can be mentioned, so
 * one issue tells the maintainers, who pass them on (e-mail, telephone), each with its
 * reason and the provider's page.
 */
function digestOf(run: ReminderRun, reminders: readonly Reminder[], mainteneurs: readonly string[]): Reminder {
  const sections = reminders.map((r) => {
    const p = run.registry.prestataires.get(r.id)!.data;
    return `- **${escapeMarkdown(p.nom)}** : ${TITLES[r.raison]} — ${run.links.page(`/prestataires/${p.id}/`)}`;
  });
  const hello = mainteneurs.length > 0 ? `Bonjour ${mainteneurs.map((m) => `@${m}`).join(', ')},` : 'Bonjour,';
  return {
    cible: 'mainteneurs',
    id: 'sans-compte',
    raison: 'sans_compte',
    comptes: [...mainteneurs],
    titre: `Rappel : ${TITLES.sans_compte}`,
    corps: withinLimit(
      [
        reminderMarker('mainteneurs', 'sans-compte', 'sans_compte'),
        hello,
        '',
        'Ces prestataires ont un rappel, mais leur fiche n’indique aucun compte sur la forge : personne ne peut être mentionné. Prévenez-les autrement (courriel, téléphone) ; la page de chacun dit ce qui est attendu et comment le faire.',
        '',
        ...listed(sections, 'les autres dans la liste des prestataires du site'),
        '',
        '---',
        'Ce message est tenu à jour chaque jour par `npm run rappels` : la liste change avec les situations, et il se ferme tout seul quand elle est vide.',
      ].join('\n'),
      'la liste des prestataires du site',
    ),
    etiquettes: [REMINDER_LABEL, REASON_LABELS.sans_compte],
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
    ...listed(due.map((m) => missionLine(run, prestataire, m.mission, `: à déclarer au plus tard le ${frenchDate(m.echeance)}`)), 'toutes sur votre fiche'),
  ];
}

function lateText(run: ReminderRun, prestataire: Prestataire, situation: Situation): string[] | null {
  const late = situation.reciprocite.manquantes.filter((m) => m.statut !== 'a_declarer');
  if (late.length === 0) return null;
  return [
    'Votre déclaration de réciprocité est en retard pour la mission ci-dessous. Passé le dernier délai des règles, le prestataire est défaillant et sort du cercle des prestataires.',
    '',
    ...listed(late.map((m) =>
      missionLine(
        run,
        prestataire,
        m.mission,
        m.statut === 'defaillant'
          ? `: attendue au plus tard le ${frenchDate(m.echeance)} ; défaillant depuis le ${frenchDate(addDays(m.dernier_delai, 1))}, donc hors du cercle`
          : `: attendue au plus tard le ${frenchDate(m.echeance)} ; défaillant, et hors du cercle, après le ${frenchDate(m.dernier_delai)} sans déclaration`,
      ),
    ), 'toutes sur votre fiche'),
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
    ...listed(promises.map(({ d, c }) => {
      const commun = registry.communs.get(c.commun)?.data.nom ?? c.commun;
      const mission = registry.missions.get(d.mission)?.data.titre ?? d.mission;
      const amend = run.links.declare(d.prestataire, d.mission);
      return `- ${c.montant_eur.toLocaleString('fr-FR')} € à ${escapeMarkdown(commun)}, promis pour le ${frenchDate(c.date)} (mission « ${escapeMarkdown(mission)} ») — [compléter ma déclaration](${amend}) (fichier \`content/declarations/${d.prestataire}/${d.mission}.yaml\`)`;
    }), 'toutes sur votre fiche'),
  ];
}

/**
 * A membership that ends within the notice of the rules in force (adhesion.preavis_jours)
 * with no period recorded after it: said beforehand, so that it can be renewed in time.
 */
function endingMembershipText(run: ReminderRun, prestataire: Prestataire, situation: Situation): string[] | null {
  const end = situation.adhesion.jusqu_au;
  if (situation.adhesion.statut !== 'adherent' || !end) return null;
  const rules = rulesOn(run.registry.regles.map((r) => r.data), run.date);
  if (!rules || daysBetween(run.date, end) > rules.adhesion.preavis_jours) return null;
  const continued = prestataire.adhesions.some((a) => a.du <= addDays(end, 1) && a.au > end);
  if (continued) return null;
  return [
    `Votre adhésion à l’association se termine le ${frenchDate(end)}, et aucune période n’est enregistrée après. ${rules.adhesion.obligatoire_pour_equipe ? 'Les règles demandent que chaque membre d’une équipe de mission soit adhérent : ' : ''}pensez à la renouveler, puis ajoutez la nouvelle période à \`adhesions\` dans votre fiche.`,
    '',
    `Ce rappel part ${rules.adhesion.preavis_jours} jours avant la fin : [la règle](${run.links.page(`/regles/#${ruleAnchor(ruleId(rules, 'adhesion'))}`)}).`,
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

function deadLinksText(run: ReminderRun, prestataire: Prestataire): string[] | null {
  const dead = run.deadProofs.filter((l) => l.prestataire === prestataire.id);
  if (dead.length === 0) return null;
  // The address as text, not a link: it is the provider's own, and it no longer answers.
  return [
    'Un lien de votre déclaration ne répond plus depuis plusieurs jours : le versement ou la contribution n’a plus de preuve visible. Remplacez-le par une adresse qui fonctionne (ou une copie archivée).',
    '',
    ...listed(
      dead.map((l) => `- ${escapeMarkdown(l.url.length > 200 ? `${l.url.slice(0, 199)}…` : l.url)} (${run.deadLinks.get(l.url)!.raison}) — « ${l.champ} » dans \`content/${l.fichier}\``),
      'la liste complète : `npm run liens`, ou les avertissements de votre fiche sur le site',
    ),
  ];
}
