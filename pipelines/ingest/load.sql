-- grain: one row per valid, first-seen row of a batch of source files, typed as the warehouse stores it
SELECT {{target_columns}}, typed.file_id
FROM (
  SELECT batch.file_seq, batch.file_id, source.source_row, {{typed_columns}}
  FROM (SELECT *, file_index, {{row_number}} AS source_row FROM {{relation}}) AS source
  JOIN ingest_batch AS batch ON batch.file_seq = source.file_index
) AS typed
{{skip_rejects}}
