// /badges/<prestataire>.svg: the badge a provider can put on their own website.
import type { APIRoute, GetStaticPaths } from 'astro';
import { badgeSvg, situationBadge } from '../../site/badge.ts';
import { siteData, staticPathsFor } from '../../site/data.ts';

export const prerender = true;

export const getStaticPaths = (() => staticPathsFor('badges', siteData().registry.prestataires.keys())) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const figures = siteData().prestataireFigures.get(params.id!);
  if (!figures) return new Response(null, { status: 404 });
  return new Response(badgeSvg(situationBadge(figures.situation)), {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' },
  });
};
