// Rules marked `exemple: true` illustrate the registry; the association has not adopted
// them (the debate: « rien n'a été acté/voté »). Every page, badge, list and export that
// names a verdict or an expected amount judged by them says so (DESIGN.md, Fairness), in
// these words, written once: the verdict's reason, the pills and badges, the notices of
// the site and the columns of the open data all read them from here.
import type { Regles } from '../../../schemas/regles.ts';

/** The caveat after a verdict in a pill, a badge or a list: « déclarations à jour (règles d’exemple) ». */
export const EXAMPLE_RULES_CAVEAT = 'règles d’exemple';

/** The sentence where people are judged by example rules. */
export const EXAMPLE_RULES_NOTE = 'Règles d’exemple : elles illustrent le fonctionnement du registre, elles ne sont pas une décision de l’association.';

/**
 * True when one of the rule files behind these references is an example. A reference is
 * a rule id (`2024-04-01#delais`) or a rules file's effective date (`2024-04-01`).
 */
export function byExampleRules(regles: readonly Pick<Regles, 'en_vigueur_depuis' | 'exemple'>[], refs: Iterable<string | null | undefined>): boolean {
  const dates = new Set<string>();
  for (const ref of refs) if (ref) dates.add(ref.split('#')[0]);
  return regles.some((r) => r.exemple === true && dates.has(r.en_vigueur_depuis));
}
