// Links to the forge: the "new file" page prefilled with a profile template, a file's history.
// On the site, declarations go through the /declarer/ form, which writes the file itself.
import { DEFAULT_BRANCH, REPOSITORY_URL } from '../../site.config.mjs';
import { declarationTemplate, prestataireTemplate } from '../domain/contribution/templates.ts';
import { siteData } from './data.ts';
import { newFileLink } from './new-file-link.ts';

/** The forge's new-file page with a declaration template (reminders link to it; the site links to /declarer/). */
export function declareLink(prestataire: string, mission: string, date: string = siteData().date): string {
  return newFileLink(`content/declarations/${prestataire}/${mission}.yaml`, declarationTemplate(prestataire, mission, date));
}

export function newPrestataireLink(): string {
  return newFileLink('content/prestataires/votre-identifiant.md', prestataireTemplate('votre-identifiant'));
}

export function historyLink(file: string): string {
  return `${REPOSITORY_URL}/commits/${DEFAULT_BRANCH}/content/${file}`;
}
