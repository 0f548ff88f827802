// The pages render Markdown bodies with the pipeline that `validate` checks them with:
// one parser, one set of settings (src/domain/registry/markdown.ts).
export { renderMarkdown } from '../domain/registry/markdown.ts';
