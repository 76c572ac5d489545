-- Mastodon connections (approved social posts published to an instance).
ALTER TYPE "IntegrationKind" ADD VALUE 'MASTODON';
