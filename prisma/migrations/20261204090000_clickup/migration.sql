-- ClickUp connections (lib/integrations/clickup): the task manager's tasks mirrored to a ClickUp list.
ALTER TYPE "IntegrationKind" ADD VALUE 'CLICKUP';
