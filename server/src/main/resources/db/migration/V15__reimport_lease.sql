-- Scheduled re-import retried soon after a failure (issue 11 follow-up): imported_at moves only when an import
-- succeeds; the node that claims a due provider holds it until reimport_lease_until, so two nodes never import it at
-- once. A failed import sets the lease to a short back-off, after which the next tick of any node tries again.
ALTER TABLE provider ADD COLUMN reimport_lease_until BIGINT;
