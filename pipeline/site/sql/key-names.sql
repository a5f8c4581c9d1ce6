-- Every counter key by id: the site writes each distinct key list of its runs once.
SELECT key_id, key FROM keys;
