// npm run preview: serves the built site (dist/) on http://127.0.0.1:4321, under its base path.
// Through Astro's API rather than its CLI, so that `npm start` prints no telemetry
// notice and sends nothing: the project's own commands never report usage.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
const { preview } = await import('astro');

const server = await preview({ server: { host: '127.0.0.1' }, logLevel: 'info' });
await server.closed();
export {};
