// Prisma 7 configuration (the datasource URL lives here, not in schema.prisma).
// Run Prisma through `node scripts/prisma.mjs ...` (npm run db:*): see docs/prisma-offline.md.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gocoffee',
    // Optional: a database Prisma may wipe for `migrate dev`; without it a temporary one is created and dropped.
    ...(process.env.SHADOW_DATABASE_URL ? { shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL } : {}),
  },
});
