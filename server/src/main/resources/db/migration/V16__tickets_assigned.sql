-- Admin tickets page (issue 11): the staff member a ticket is assigned to; NULL = nobody yet.
ALTER TABLE ticket ADD COLUMN assigned_to BIGINT REFERENCES staff (id);
CREATE INDEX ticket_status ON ticket (status, id);
