// npm run preview: serves the built site (dist/) on http://127.0.0.1:4321.
// Through Astro's API rather than its CLI, so that `npm start` prints no telemetry
// notice and sends nothing: the project's own commands never report usage.
import { preview } from 'astro';

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
const server = await preview({ server: { host: '127.0.0.1' }, logLevel: 'info' });
await server.closed();
export {};
