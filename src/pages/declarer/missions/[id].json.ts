// /declarer/missions/<prestataire>.json: the missions a provider can declare for, with
// the expected share, the declaration to amend and what the checks read; the /declarer/
// form fetches it once the provider is chosen.
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData, staticPathsFor } from '../../../site/data.ts';
import { formProvider } from '../../../site/declare-form.ts';

export const prerender = true;

export const getStaticPaths = (() => staticPathsFor('formulaires', siteData().registry.prestataires.keys())) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(formProvider(siteData(), params.id!)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
