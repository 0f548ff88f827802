// The forge's "new file" page, prefilled: used by the site's links and by the
// /declarer/ form in the browser (so no Node import here).
import { DEFAULT_BRANCH, REPOSITORY_URL } from '../../site.config.mjs';

export function newFileLink(path: string, value: string): string {
  const url = new URL(`${REPOSITORY_URL}/new/${DEFAULT_BRANCH}`);
  url.searchParams.set('filename', path);
  url.searchParams.set('value', value);
  return url.href;
}
