// npm run declare in a terminal: the questions of
// src/domain/contribution/declaration-questions.ts asked one by one, in order.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as p from '@clack/prompts';
import type { Declaration } from '../../schemas/declaration.ts';
import { frenchAmount, frenchDate } from '../../src/domain/registry/dates.ts';
import type { Registry } from '../../src/domain/registry/registry.ts';
import { expectedShare } from '../../src/domain/rules/expected-share.ts';
import type { LoadResult } from '../../src/domain/rules/load.ts';
import { declarableMissions } from '../../src/domain/contribution/declaration-file.ts';
import { amendedDeclaration, existingDeclaration, keptHistory, missionEnd, missionRefusal, paidPromise } from '../../src/domain/contribution/declaration-draft.ts';
import { buildDeclaration, declarationFile, declarationYaml, moneyLine, natureLine, parseFrenchNumber, saysNothing, type DeclarationAnswers } from '../../src/domain/contribution/declaration-text.ts';
import * as q from '../../src/domain/contribution/declaration-questions.ts';
import { UsageError } from '../cli.ts';
import { checkId, NO_PROFILE, type Values } from './flags.ts';
import { askChoice, askChoices, askSearch, askText, askYesNo, CANCELLED, io, Stopped } from './terminal.ts';

/** The answers, once the person has seen the file and said to write it; Stopped when they stop. */
export async function askAnswers(loaded: LoadResult, contentDir: string, date: string, values: Values): Promise<DeclarationAnswers> {
  const { registry } = loaded;
  // Between two prompts Ctrl-C is a signal, not a key.
  const onInterrupt = () => {
    p.cancel(CANCELLED, io);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  p.intro('Déclarer la réciprocité d’une mission', io);
  p.log.info(`Date de référence : ${frenchDate(date)}. Ctrl-C pour abandonner à tout moment : rien n'est écrit avant la fin.`, io);

  const prestataire = await askPrestataire(loaded, values);
  const { mission, base } = await askMission(loaded, contentDir, prestataire, date, values);
  const share = expectedShare(registry, prestataire, mission);
  if (share) p.note(share.calcul, `Réciprocité attendue de vous : ${frenchAmount(share.part_eur)} € (argent et nature)`, io);
  const kept = base && (await settlePromises(registry, base, date));
  if (kept) p.log.info('Ajoutez maintenant ce qui manque ; ce qui est déjà déclaré est gardé.', io);

  const fresh = {
    prestataire,
    mission,
    date,
    communs_utilises: await askUsed(registry),
    contributions_argent: await askMoney(registry, date),
    contributions_nature: await askInKind(registry, date),
  };
  // Replaced or completed, a declaration keeps the date it was first made (modifiee_le says when it changed).
  const answers = keptHistory(existingDeclaration(loaded, prestataire, mission), await askLastWords(fresh, kept, missionEnd(loaded, mission)), date, missionEnd(loaded, mission));
  await confirmWrite(contentDir, answers);
  process.off('SIGINT', onInterrupt);
  return answers;
}

async function askPrestataire(loaded: LoadResult, values: Values): Promise<string> {
  if (values.prestataire) checkId(loaded, 'prestataires', values.prestataire);
  if (values.mission) checkId(loaded, 'missions', values.mission);
  const prestataire = values.prestataire ?? (await askSearch(q.whoQuestion(loaded.registry), { maxItems: 8 }));
  // Enter on a name that matches nobody gives no value: say how to get a profile.
  if (!prestataire || !loaded.registry.prestataires.has(prestataire)) throw new Stopped(2, `Aucune fiche de prestataire ne correspond.\n${NO_PROFILE}`);
  return prestataire;
}

/** The mission, and the declaration to amend when the person chooses to complete the existing one. */
async function askMission(loaded: LoadResult, contentDir: string, prestataire: string, date: string, values: Values): Promise<{ mission: string; base?: Declaration }> {
  const candidates = declarableMissions(loaded, prestataire, date);
  if (values.mission) {
    const refusal = missionRefusal(loaded, prestataire, values.mission, date, candidates);
    if (refusal) throw new UsageError(refusal);
  }
  if (candidates.length === 0) {
    p.log.warn(q.noMissionMessage(prestataire, date), io);
    throw new Stopped(0, 'Rien n’a été écrit.');
  }
  let mission = values.mission;
  for (;;) {
    mission ??= await askChoice(q.missionQuestion(candidates), { maxItems: 10 });
    const existing = join(contentDir, declarationFile(prestataire, mission));
    if (!existsSync(existing) || values.remplacer) return { mission };
    const previous = existingDeclaration(loaded, prestataire, mission);
    const choice = await askChoice(q.existingQuestion(relative(process.cwd(), existing), previous !== undefined));
    if (choice === 'completer') return { mission, base: previous };
    if (choice === 'remplacer') return { mission };
    if (values.mission) throw new Stopped(0, 'La déclaration existante est conservée ; rien n’a été écrit.');
    p.log.info('Elle est conservée. Choisissez une autre mission, ou Ctrl-C pour arrêter.', io);
    mission = undefined;
  }
}

/** Amending: the existing declaration, each promise asked about (it may have been paid since). */
async function settlePromises(registry: Registry, base: Declaration, date: string): Promise<Declaration> {
  const kept = { ...base, contributions_argent: [...base.contributions_argent] };
  for (const [i, promise] of kept.contributions_argent.entries()) {
    if (promise.statut !== 'promis') continue;
    if (!(await askYesNo(q.promisePaidQuestion(registry, promise)))) continue;
    const when = await askText(q.promisePaidDateQuestion(date));
    const preuve = await askText(q.PROMISE_PROOF);
    kept.contributions_argent[i] = paidPromise(promise, { date: when, preuve }, date);
  }
  return kept;
}

async function askUsed(registry: Registry): Promise<NonNullable<DeclarationAnswers['communs_utilises']>> {
  const used = await askChoices(q.usedCommunsQuestion(registry), { maxItems: 10 });
  const communs_utilises: NonNullable<DeclarationAnswers['communs_utilises']> = [];
  for (const commun of used) communs_utilises.push({ commun, usage: await askText(q.usageQuestion(registry, commun)) });
  return communs_utilises;
}

async function askMoney(registry: Registry, date: string): Promise<NonNullable<DeclarationAnswers['contributions_argent']>> {
  const contributions_argent: NonNullable<DeclarationAnswers['contributions_argent']> = [];
  const which = q.moneyCommunQuestion(registry);
  if (!which) {
    p.log.info(q.NO_MONEY_COMMUN, io);
    return contributions_argent;
  }
  let more = await askYesNo(q.GAVE_MONEY);
  while (more) {
    const commun = await askChoice(which, { maxItems: 10 });
    const montant = await askText(q.AMOUNT);
    const statut = await askChoice(q.STATUT_QUESTION);
    const when = await askText(q.paymentDateQuestion(statut, date));
    const preuve = await askText(q.PAYMENT_PROOF);
    contributions_argent.push(moneyLine({ commun, montant_eur: parseFrenchNumber(montant)!, statut, date: when, preuve }, date));
    more = await askYesNo(q.ANOTHER_MONEY);
  }
  return contributions_argent;
}

async function askInKind(registry: Registry, date: string): Promise<NonNullable<DeclarationAnswers['contributions_nature']>> {
  const contributions_nature: NonNullable<DeclarationAnswers['contributions_nature']> = [];
  let more = await askYesNo(q.GAVE_IN_KIND);
  while (more) {
    const commun = await askChoice(q.natureCommunQuestion(registry), { maxItems: 10 });
    const description = await askText(q.DESCRIPTION);
    const heures = await askText(q.HOURS);
    const lien = await askText(q.LINK);
    const when = await askText(q.inKindDateQuestion(date));
    contributions_nature.push(natureLine({ commun, description, heures: parseFrenchNumber(heures)!, lien, date: when }, date));
    more = await askYesNo(q.ANOTHER_IN_KIND);
  }
  return contributions_nature;
}

/** Why nothing, when nothing is declared (declaration_vide), and a free word; the amended declaration when there is one. */
async function askLastWords(fresh: DeclarationAnswers, kept: Declaration | undefined, fin: string | undefined): Promise<DeclarationAnswers> {
  const pourquoi = saysNothing(kept ? amendedDeclaration(kept, fresh, fin) : fresh) ? await askText(q.WHY_NOTHING) : '';
  const commentaire = await askText(q.COMMENT);
  const typed = { ...fresh, pourquoi_rien_donne: pourquoi || undefined, commentaire: commentaire || undefined };
  return kept ? amendedDeclaration(kept, typed, fin) : typed;
}

/** The file as it will be written, then yes or no. */
async function confirmWrite(contentDir: string, answers: DeclarationAnswers): Promise<void> {
  const file = relative(process.cwd(), join(contentDir, declarationFile(answers.prestataire, answers.mission)));
  p.note(declarationYaml(buildDeclaration(answers)).trimEnd(), file, io);
  if (!(await askYesNo(q.WRITE_FILE))) throw new Stopped(130, CANCELLED);
}
