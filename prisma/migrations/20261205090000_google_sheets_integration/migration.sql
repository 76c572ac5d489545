-- Google Sheets connections (each shop's day written to a spreadsheet by a service account).
ALTER TYPE "IntegrationKind" ADD VALUE 'GOOGLE_SHEETS';
