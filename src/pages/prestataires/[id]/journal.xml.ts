// /prestataires/<id>/journal.xml: the Atom feed of a provider's situation, when and why
// it changed (src/site/journal.ts), built with the provider's page (same selection in
// an incremental build).
import type { APIRoute } from 'astro';
import { siteData, staticPathsFor } from '../../../site/data.ts';
import { journalFeed } from '../../../site/journal.ts';

export const prerender = true;

export function getStaticPaths() {
  return staticPathsFor('prestataires', siteData().registry.prestataires.keys());
}

export const GET: APIRoute = ({ params }) => {
  const data = siteData();
  const prestataire = data.registry.prestataires.get(params.id as string)!.data;
  return new Response(journalFeed(prestataire, data.registry, data.date), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
