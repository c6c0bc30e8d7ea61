package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportLenient: a bundle whose relationship points at an object neither
// in the bundle nor in the graph is refused, naming it; with --lenient the
// rest is imported and the relationship printed as left out. A bundle that
// breaks STIX 2.1 is refused with the object and property.
func TestImportLenient(t *testing.T) {
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	const ts = `"created":"2024-03-23T10:00:00Z","modified":"2024-03-23T10:00:00Z"`
	const missing = "intrusion-set--66666666-7777-4888-9999-aaaaaaaaaaaa"
	bundle := `{"type":"bundle","id":"bundle--0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d","objects":[
{"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--11111111-2222-4333-8444-555555555555",` + ts + `,"name":"Alpha Set"},
{"type":"relationship","spec_version":"2.1","id":"relationship--9b0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",` + ts + `,"relationship_type":"attributed-to","source_ref":"intrusion-set--11111111-2222-4333-8444-555555555555","target_ref":"` + missing + `"}]}`
	path := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(path, []byte(bundle), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := actorgraph(t, nil, "import", path)
	if err == nil || !strings.Contains(stderr, "target_ref") || !strings.Contains(stderr, missing) {
		t.Fatalf("strict: got %v, stderr %q; want a refusal naming target_ref %s", err, stderr, missing)
	}
	if n, r, _ := db.Counts(ctx); n != 0 || r != 0 {
		t.Fatalf("counts %d/%d after a refused bundle, want 0/0", n, r)
	}
	_, stderr, err = actorgraph(t, nil, "import", "--lenient", path)
	if err != nil || !strings.Contains(stderr, "left out (--lenient)") || !strings.Contains(stderr, missing) {
		t.Fatalf("lenient: got %v, stderr %q; want the relationship listed as left out", err, stderr)
	}
	if n, _, _ := db.Counts(ctx); n == 0 {
		t.Errorf("lenient import wrote nothing")
	}
	bad := strings.Replace(bundle, `"created":"2024-03-23T10:00:00Z"`, `"created":"yesterday"`, 1)
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err = actorgraph(t, nil, "import", "--lenient", path)
	if err == nil || !strings.Contains(stderr, "objects[0]") || !strings.Contains(stderr, "created") {
		t.Errorf("bad timestamp: got %v, stderr %q; want objects[0] created named", err, stderr)
	}
}
