-- Airtable connections (the shops' menus, options and recipes mirrored to a base).
ALTER TYPE "IntegrationKind" ADD VALUE 'AIRTABLE';
