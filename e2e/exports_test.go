package e2e

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// allowDownloads lets the browser save files into a fresh folder, returned.
func allowDownloads(t *testing.T, b *browser) string {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
	if err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	return dir
}

// exportFrom opens the export menu and clicks the item id.
func exportFrom(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		js(`document.querySelector('#export-menu').open = true`),
		chromedp.WaitVisible(chromedp.ID(id)),
		chromedp.Click(chromedp.ID(id)))
}

// TestExplorerExports: the export menu downloads the path view as GraphML,
// GEXF and STIX (the API's own answer for the path query, with its content
// type) and as CSV in the importer's columns; a view built from several
// answers says its API export is the whole graph under its filters.
func TestExplorerExports(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "exports")
	showPath(t, b)
	dir := allowDownloads(t, b)
	for _, f := range []struct {
		id, format, suffix, contentType, starts string
	}{
		{"export-graphml", "graphml", ".graphml", "application/graphml+xml", "<?xml"},
		{"export-gexf", "gexf", ".gexf", "application/gexf+xml", "<?xml"},
		{"export-stix", "stix", ".stix.json", "application/stix+json", `{"type":"bundle"`},
	} {
		b.do(t, "exporting "+f.format, exportFrom(f.id), waitReady())
		got := waitDownload(t, dir, f.suffix)
		if !bytes.HasPrefix(got, []byte(f.starts)) || !bytes.Contains(got, []byte(isk)) ||
			!bytes.Contains(got, []byte(tajik)) {
			t.Errorf("%s export: %d bytes starting %q; want %q and both ends of the path", f.format, len(got),
				got[:min(40, len(got))], f.starts)
		}
		if f.format != "stix" && !bytes.Contains(got, []byte("<"+f.format)) {
			t.Errorf("%s export has no <%s> element", f.format, f.format)
		}
		// The request the page made is the path query in that format: the
		// API answers it with the format's type and the same bytes.
		u := eval[string](t, b, "finding the export request", `performance.getEntriesByType('resource').map(e => e.name)
			.filter(n => n.includes('format=`+f.format+`')).pop() || ''`)
		if !strings.Contains(u, "/api/v1/paths/shortest?from=IS-K&to=Tajikistan&") {
			t.Errorf("%s export asked %q; want the path query", f.format, u)
			continue
		}
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, f.contentType) {
			t.Errorf("%s export: the API answers %s with %q, want %s", f.format, u, ct, f.contentType)
		}
		if !bytes.Equal(body, got) {
			t.Errorf("%s export: %d bytes saved, the API's answer has %d", f.format, len(got), len(body))
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*"+f.suffix))
		for _, p := range files {
			os.Remove(p)
		}
	}
	if covers := eval[string](t, b, "reading the menu", `document.querySelector('#export-covers').textContent`); !strings.Contains(covers, "path answer") {
		t.Errorf("export menu says %q; want it to say the path answer is exported", covers)
	}

	// CSV: the nodes and edges shown, under the importer's header.
	shown := eval[[]int](t, b, "counting what is shown", `[cy.nodes(':visible').length, cy.edges(':visible').length]`)
	for i, which := range []string{"nodes", "edges"} {
		b.do(t, "exporting CSV "+which, exportFrom("export-csv-"+which))
		got := string(waitDownload(t, dir, "-"+which+".csv"))
		lines := strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n")
		header := map[string]string{"nodes": "id,kind,name,aliases,properties",
			"edges": "id,type,source,target,sources,quote,"}[which]
		if !strings.HasPrefix(lines[0], header) || len(lines)-1 != shown[i] {
			t.Errorf("CSV %s: header %q and %d rows; want %q… and the %d shown", which, lines[0], len(lines)-1, header, shown[i])
		}
	}

	// A view of several answers: the API export is the graph under its filters.
	showAttack(t, b)
	clickNode(t, b, "the attack node", attack)
	b.do(t, "opening the export menu", js(`document.querySelector('#export-menu').open = true`), chromedp.WaitVisible(chromedp.ID("export-covers")),
		poll(`!document.querySelector('#export-covers').textContent.includes('path answer')`))
	if covers := eval[string](t, b, "reading the menu", `document.querySelector('#export-covers').textContent`); !strings.Contains(covers, "combines several answers") {
		t.Errorf("export menu over a path and an expansion says %q; want it to say the whole graph is exported", covers)
	}
	b.screenshot(t, "export-menu-1280x800.png")
}
