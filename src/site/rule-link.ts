// Where a judged figure links to: the section of /regles/ that explains its rule.
import { ruleAnchor } from '../domain/rules/rules.ts';
import { href } from './url.ts';

/** "2024-04-01#delais" → "/regles/#2024-04-01-delais" (with the site's base path); null → /regles/. */
export function ruleHref(id: string | null): string {
  return href(id ? `/regles/#${ruleAnchor(id)}` : '/regles/');
}
