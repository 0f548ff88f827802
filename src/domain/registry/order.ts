/**
 * Code-unit order for ids, dates and paths: they are ASCII, so this is their natural
 * order, and it is far cheaper than localeCompare on tens of thousands of files.
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
