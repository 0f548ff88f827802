// What a declaration must hold whatever the rules: something said. Shared by the loader
// (declaration_vide) and the tools that write declarations, which never write an empty one.
import type * as z from 'zod/mini';
import type { declarationSchema } from '../../../schemas/declaration.ts';

type DeclarationAnswers = z.input<typeof declarationSchema>;

/**
 * True when the declaration says nothing: no commons used, no contribution, and no
 * sentence saying why (aucun_commun_utilise, pourquoi_rien_donne). The validator
 * refuses it (declaration_vide); the tools that write declarations never write one.
 */
export function saysNothing(answers: DeclarationAnswers): boolean {
  const empty = (list: unknown[] | undefined) => (list ?? []).length === 0;
  return (
    empty(answers.communs_utilises) &&
    empty(answers.contributions_argent) &&
    empty(answers.contributions_nature) &&
    !answers.aucun_commun_utilise?.trim() &&
    !answers.pourquoi_rien_donne?.trim()
  );
}
