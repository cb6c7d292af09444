-- grain: one row per quarantined row of a batch of source files, as read (JSON), with its reason
SELECT rejected.file_id, batch.source_path, rejected.source_row, to_json({{raw_row}}) AS row_json, rejected.reason
FROM (SELECT *, file_index, {{row_number}} AS source_row FROM {{relation}}) AS source
JOIN ingest_batch AS batch ON batch.file_seq = source.file_index
JOIN ingest_rejects AS rejected ON rejected.file_seq = batch.file_seq AND rejected.source_row = source.source_row
WHERE rejected.outcome = 'quarantined'
