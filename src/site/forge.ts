// Links to the forge: the "new file" page prefilled with a profile template, a file's history;
// and the /declarer/ form, through which declarations go (it writes the file itself).
import { DEFAULT_BRANCH, REPOSITORY_URL } from '../../site.config.mjs';
import { prestataireTemplate } from '../domain/contribution/templates.ts';
import { newFileLink } from './new-file-link.ts';
import { absoluteUrl } from './url.ts';

/**
 * The /declarer/ form for one provider and mission (reminders link to it). It dates the
 * declaration the day it is written and, for a declared mission, loads the declaration to
 * amend, keeping its first date: a link never carries a date of its own.
 */
export function declareFormLink(prestataire: string, mission: string): string {
  return absoluteUrl(`/declarer/?${new URLSearchParams({ prestataire, mission })}`);
}

/** The forge's issue form « Déclarer ma réciprocité » (.github/ISSUE_TEMPLATE/declaration.yml): a bot writes the file. */
export function declarationIssueLink(): string {
  return `${REPOSITORY_URL}/issues/new?template=declaration.yml`;
}

export function newPrestataireLink(): string {
  return newFileLink('content/prestataires/votre-identifiant.md', prestataireTemplate('votre-identifiant'));
}

export function historyLink(file: string): string {
  return `${REPOSITORY_URL}/commits/${DEFAULT_BRANCH}/content/${file}`;
}
