// The forge's "new file" page, prefilled, and its edit page for a file that exists:
// used by the site's links and by the /declarer/ form in the browser (so no Node import here).
import { DEFAULT_BRANCH, REPOSITORY_URL } from '../../site.config.mjs';

export function newFileLink(path: string, value: string): string {
  const url = new URL(`${REPOSITORY_URL}/new/${DEFAULT_BRANCH}`);
  url.searchParams.set('filename', path);
  url.searchParams.set('value', value);
  return url.href;
}

/**
 * The forge's edit page of a file that exists. It cannot be prefilled (GitHub refuses to
 * create a file that exists, and its editor takes no text in the address): the form says
 * to replace the text with the prepared one.
 */
export function editFileLink(path: string): string {
  return `${REPOSITORY_URL}/edit/${DEFAULT_BRANCH}/${path.split('/').map(encodeURIComponent).join('/')}`;
}
