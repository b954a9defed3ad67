-- The admin pages for the catalogue, providers and settings (issue 11).

-- The order customers see categories in. A service names its category (service.category); a category named by a
-- service but missing here is listed after these, by name.
CREATE TABLE category (
    name      VARCHAR(200) PRIMARY KEY,
    position  INT          NOT NULL
);
INSERT INTO category (name, position)
SELECT category, ROW_NUMBER() OVER (ORDER BY MIN(id)) FROM service GROUP BY category;

-- The order of services within their category on the website and in /admin/services (API v2 lists by id). NULL:
-- not placed yet (a service added since), after the placed ones.
ALTER TABLE service ADD COLUMN position INT;
UPDATE service SET position = id;

-- Scheduled re-import: every reimport_hours (NULL: by hand only); imported_at is the last import, by hand or not.
ALTER TABLE provider ADD COLUMN reimport_hours INT CHECK (reimport_hours IS NULL OR reimport_hours BETWEEN 1 AND 720);
ALTER TABLE provider ADD COLUMN imported_at BIGINT;

-- The operator's settings from /admin/settings, over the environment's defaults (app/Config). A name absent here
-- keeps its default.
CREATE TABLE panel_setting (
    name        VARCHAR(60)   PRIMARY KEY,
    value       VARCHAR(2000) NOT NULL,
    updated_at  BIGINT        NOT NULL
);
