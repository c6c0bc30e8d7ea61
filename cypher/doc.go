// Package cypher is actorgraph's Neo4j store. It writes data sets in three
// modes; pick one by size and by whether the database is in use:
//
//   - Atomic (Store.Import, import.go; `actorgraph import`, POST
//     /api/v1/import): one transaction, all of the data set or, on any
//     failure, nothing. The default, for anything that fits in Neo4j's
//     transaction memory (dbms.memory.transaction.total.max; about 100k
//     edges on hubs with the test image's heap).
//   - Chunked (Store.ImportChunked, chunked.go; `actorgraph import
//     --chunked`): for a data set too big for one transaction, into a
//     database in use. Validated as a whole and compared with what is
//     stored first, then committed a chunk of records at a time; not atomic,
//     but an interrupted import is finished by running it again.
//   - Bulk (BulkWriter, bulkwriter.go, and Store.FinishBulk, bulk.go;
//     `actorgraph load --bulk`): offline, into an empty database, through
//     neo4j-admin's CSV files; the fastest by far for millions of records.
//
// Atomic and chunked share the planning in importwrite.go: read what the
// database holds of the data set, decide each record's outcome (created,
// updated, unchanged) in Go, and write only the changes in batches, with
// their history. They differ only in where the transactions begin and end.
// A bulk load has nothing to compare with (the database is empty); it
// writes the same properties an import stores (nodeProps, edgeProps in
// rows.go), so a bulk-loaded graph answers as an imported one does.
package cypher
