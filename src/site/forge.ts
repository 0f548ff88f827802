// Links to the forge: the "new file" page prefilled with a profile template, a file's history.
// Declarations go through the /declarer/ form, which writes the file itself.
import { DEFAULT_BRANCH, REPOSITORY_URL } from '../../site.config.mjs';
import { prestataireTemplate } from '../domain/templates.ts';
import { newFileLink } from './new-file-link.ts';

export function newPrestataireLink(): string {
  return newFileLink('content/prestataires/votre-identifiant.md', prestataireTemplate('votre-identifiant'));
}

export function historyLink(file: string): string {
  return `${REPOSITORY_URL}/commits/${DEFAULT_BRANCH}/content/${file}`;
}
