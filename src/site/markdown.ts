// Markdown bodies are untrusted: rendered without raw HTML and sanitised, with
// links limited to http, https and mailto.
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const schema = {
  ...defaultSchema,
  // No data-* attributes (they would drive Pagefind or scripts), no ids that clash.
  attributes: { ...defaultSchema.attributes, '*': (defaultSchema.attributes?.['*'] ?? []).filter((a) => a !== 'data*') },
  protocols: { href: ['http', 'https', 'mailto'], src: ['https'], cite: ['http', 'https'] },
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !['input', 'img'].includes(t)),
};

const processor = unified()
  .use(remarkParse)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, schema)
  .use(rehypeStringify);

export function renderMarkdown(source: string): string {
  return String(processor.processSync(source));
}
