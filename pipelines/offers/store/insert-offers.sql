-- grain: one row per row of the query in the rows slot (the offers table's columns by name), added to offers.
INSERT INTO offers BY NAME
{{rows}}
