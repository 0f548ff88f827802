// Links to the forge's "new file" page, prefilled with a valid template.
import { DEFAULT_BRANCH, REPOSITORY_URL } from '../../site.config.mjs';
import { declarationTemplate, prestataireTemplate } from '../domain/templates.ts';
import { siteData } from './data.ts';

function newFileLink(path: string, value: string): string {
  const url = new URL(`${REPOSITORY_URL}/new/${DEFAULT_BRANCH}`);
  url.searchParams.set('filename', path);
  url.searchParams.set('value', value);
  return url.href;
}

export function declareLink(prestataire: string, mission: string, date: string = siteData().date): string {
  return newFileLink(`content/declarations/${prestataire}/${mission}.yaml`, declarationTemplate(prestataire, mission, date));
}

export function newPrestataireLink(): string {
  return newFileLink('content/prestataires/votre-identifiant.md', prestataireTemplate('votre-identifiant', siteData().date));
}

export function historyLink(file: string): string {
  return `${REPOSITORY_URL}/commits/${DEFAULT_BRANCH}/content/${file}`;
}
