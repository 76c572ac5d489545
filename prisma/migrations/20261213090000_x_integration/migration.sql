-- X connections (approved social posts published to an X account).
ALTER TYPE "IntegrationKind" ADD VALUE 'X';
