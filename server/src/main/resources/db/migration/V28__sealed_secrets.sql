-- Secrets the panel reads back are stored sealed (AES-256-GCM under a key derived from OPENSMM_SECRET, account/Sealer):
-- "sealed:v1:" and the base64 of IV, ciphertext and tag, longer than the values themselves. Values stored before stay
-- readable as they are and are sealed when next written.
ALTER TABLE customer ALTER COLUMN totp_secret TYPE VARCHAR(200);
ALTER TABLE customer ALTER COLUMN totp_pending TYPE VARCHAR(200);
ALTER TABLE staff ALTER COLUMN totp_secret TYPE VARCHAR(200);
ALTER TABLE payment_credential ALTER COLUMN value TYPE VARCHAR(1000);
